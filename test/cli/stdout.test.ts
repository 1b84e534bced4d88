import { PassThrough, Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { guardStdout, writePieces } from '../../src/cli/stdout.js';

/** A stream like a pipe whose reader is slow: it takes `room` pieces, then wants the writer to wait until `drain`. */
function slowPipe(room: number) {
  const written: string[] = [];
  const events: string[] = [];
  let held = 0;
  let release: (() => void) | null = null;
  return {
    written,
    events,
    write(text: string): boolean {
      written.push(text);
      events.push(`write ${text}`);
      held += 1;
      return held < room;
    },
    drained(): Promise<void> {
      events.push('wait');
      return new Promise<void>((resolve) => (release = resolve));
    },
    /** The reader takes everything written so far. */
    read(): void {
      held = 0;
      events.push('drain');
      release?.();
      release = null;
    },
  };
}

describe('writePieces', () => {
  it('waits for the stream each time it is full, and writes every piece once, in order', async () => {
    const pipe = slowPipe(2);
    const pieces = ['a', 'b', 'c', 'd', 'e'];
    const writing = writePieces(pipe, pieces);
    // The reader is slower than the writer: it reads only once the writer waits.
    for (let i = 0; i < 3; i++) {
      await new Promise((resolve) => setImmediate(resolve));
      pipe.read();
    }
    await writing;
    expect(pipe.written).toEqual(pieces);
    expect(pipe.events).toEqual(['write a', 'write b', 'wait', 'drain', 'write c', 'write d', 'wait', 'drain', 'write e', 'drain']);
  });

  it('pulls each piece only when the one before is written (a long report is never made whole first)', async () => {
    const pipe = slowPipe(1);
    let made = 0;
    function* pieces(): Generator<string> {
      for (let i = 0; i < 3; i++) {
        made += 1;
        yield String(i);
      }
    }
    const writing = writePieces(pipe, pieces());
    await new Promise((resolve) => setImmediate(resolve));
    expect(made).toBe(1);
    pipe.read();
    await new Promise((resolve) => setImmediate(resolve));
    expect(made).toBe(2);
    pipe.read();
    await new Promise((resolve) => setImmediate(resolve));
    pipe.read();
    await writing;
    expect(pipe.written).toEqual(['0', '1', '2']);
  });

  it('makes no more pieces once the stream has failed', async () => {
    let made = 0;
    function* pieces(): Generator<string> {
      for (let i = 0; i < 100; i++) {
        made += 1;
        yield String(i);
      }
    }
    const stream = { failed: false, write: () => ((stream.failed = true), true) };
    await writePieces(stream, pieces());
    expect(made).toBe(1);
  });

  it('writes straight on to a stream that never asks to wait (a terminal, a test)', async () => {
    let out = '';
    await writePieces({ write: (t: string) => (out += t) }, ['x', 'y']);
    expect(out).toBe('xy');
  });
});

describe('guardStdout', () => {
  it('waits while a pipe is full and goes on as it drains: everything arrives, in order', async () => {
    const pipe = new PassThrough({ highWaterMark: 16 });
    const { stream, finish } = guardStdout(pipe);
    const pieces = Array.from({ length: 200 }, (_, i) => `piece ${i}\n`);
    let received = '';
    const writing = writePieces(stream, pieces);
    // Read slowly, a little at a time, only after the writer has had to wait.
    const reading = (async () => {
      for await (const chunk of pipe) {
        received += String(chunk);
        await new Promise((resolve) => setImmediate(resolve));
      }
    })();
    await writing;
    expect(stream.failed).toBe(false);
    expect(await finish()).toBeNull();
    pipe.end();
    await reading;
    expect(received).toBe(pieces.join(''));
  });

  it('knows a reader went away though every piece fitted in the buffer, once the last is flushed', async () => {
    const pipe = new Writable({
      highWaterMark: 1 << 20,
      write(_chunk, _encoding, callback) {
        setImmediate(() => callback(Object.assign(new Error('write EPIPE'), { code: 'EPIPE' })));
      },
    });
    const { stream } = guardStdout(pipe);
    await writePieces(stream, ['small', 'pieces']);
    expect(stream.failed).toBe(true);
  });

  it('stops waiting when the reader goes away, and says the output is incomplete', async () => {
    const pipe = new Writable({
      highWaterMark: 4,
      write(_chunk, _encoding, callback) {
        callback(Object.assign(new Error('write EPIPE'), { code: 'EPIPE' }));
      },
    });
    const { stream, finish } = guardStdout(pipe);
    await writePieces(stream, ['a long first piece', 'second', 'third']);
    // Known by the end of the writing, before the command says anything more.
    expect(stream.failed).toBe(true);
    expect(await finish()).toBe('supervision-audit: cannot write to standard output: the program reading it closed the pipe; the output is incomplete\n');
  });
});
