/**
 * Standard output that cannot be written (a full disk under `> report.json`, a reader that
 * closed the pipe): the command stops with exit 2 and one sentence on stderr, whatever
 * --fail-on says, never a stack trace. A failed write is remembered and later writes are
 * dropped; the command's end waits for what was written to reach the stream.
 */
import { whyCannotWrite } from './output.js';

export interface GuardedStdout {
  /** For the command: writes while the stream works, and nothing once it has failed. */
  stream: { isTTY?: boolean; columns?: number; readonly failed: boolean; write(text: string): unknown; drained(): Promise<void>; flushed(): Promise<void> };
  /** Waits for every write to finish; the sentence that stops the command, or null when all was written. */
  finish(): Promise<string | null>;
}

export function guardStdout(stdout: NodeJS.WritableStream & { isTTY?: boolean; columns?: number }): GuardedStdout {
  let failure: NodeJS.ErrnoException | null = null;
  stdout.on('error', (err: NodeJS.ErrnoException) => {
    failure ??= err;
  });
  const stream = {
    get isTTY() {
      return stdout.isTTY;
    },
    get columns() {
      return stdout.columns;
    },
    /** Whether a write has failed: what was written is incomplete. */
    get failed() {
      return failure !== null;
    },
    write(text: string): boolean {
      return failure === null ? stdout.write(text) : true;
    },
    /** Resolves once what was written has gone on (or the stream has failed, when nothing more is written). */
    drained(): Promise<void> {
      if (failure !== null) return Promise.resolve();
      return new Promise((resolve) => {
        const done = (): void => {
          for (const event of ['drain', 'error', 'close']) stdout.off(event, done);
          resolve();
        };
        for (const event of ['drain', 'error', 'close']) stdout.on(event, done);
      });
    },
    /** Resolves once everything written has gone on, or has failed (`failed` then says so). */
    flushed(): Promise<void> {
      if (failure !== null) return Promise.resolve();
      return new Promise((resolve) => {
        stdout.write('', (err?: Error | null) => {
          if (err) failure ??= err;
          resolve();
        });
      });
    },
  };
  return {
    stream,
    async finish() {
      await stream.flushed();
      if (failure === null) return null;
      const why = failure.code === 'EPIPE' ? 'the program reading it closed the pipe' : whyCannotWrite(failure.code);
      return `supervision-audit: cannot write to standard output: ${why}; the output is incomplete\n`;
    },
  };
}

/**
 * A stream pieces of text are written to: `drained` is what a pipe's reader, slower than the
 * audit, is waited for with; `flushed` waits for the last piece, after which `failed` says
 * whether all of them went.
 */
export interface PieceStream {
  readonly failed?: boolean;
  write(text: string): unknown;
  drained?(): Promise<void>;
  flushed?(): Promise<void>;
}

/**
 * Writes the pieces in turn, waiting whenever the stream has more in hand than it wants (a
 * pipe is written asynchronously), so that a long report is never held whole in memory; then
 * waits for the last, so that a reader that went away is known (`failed`) before the command ends.
 */
export async function writePieces(stream: PieceStream, pieces: Iterable<string>): Promise<void> {
  for (const piece of pieces) {
    if (stream.write(piece) === false && stream.drained !== undefined) await stream.drained();
    // Once the stream has failed, nothing more would be written: the rest is not made.
    if (stream.failed === true) break;
  }
  await stream.flushed?.();
}
