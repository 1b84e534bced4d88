/**
 * Every file system error on output ends the audit with one sentence naming the path and the
 * reason, and leaves no file behind. Errors a real file system here can produce are produced
 * (a special file system, a file or folder in the way, a device); the rest (permission, a
 * read-only or full disk, a quota, a failing disk) come from a file system that fails on cue.
 */
import { mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { OutputError, writeFilesAtomically, type OutputFileSystem } from '../../src/cli/output.js';
import { runMain } from '../helpers/run-main.js';
import { tempFolder } from '../helpers/tmp.js';

const tmp = tempFolder();
const audit = (...args: string[]) => runMain('audit', 'samples/walsall', '--policy', 'walsall', '--as-of', '2026-10-31', ...args);

describe('an output that cannot be written, on the real file system', () => {
  it.each([
    ['a folder under /proc (csv)', ['--format', 'csv', '--output', '/proc/nope'], 'cannot write /proc/nope/summary.csv: a folder on the path does not exist and cannot be made there'],
    ['a file under /proc (json)', ['--format', 'json', '--output', '/proc/x.json'], 'cannot write /proc/x.json: a folder on the path does not exist and cannot be made there'],
    ['a device', ['--format', 'json', '--output', '/dev/full'], 'cannot write /dev/full: it is a device, pipe or socket, not a file'],
  ])('%s: exit 2 and one sentence', async (_name, args, message) => {
    const run = await audit(...args);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(`supervision-audit: ${message}; nothing was written\n`);
    expect(run.stdout).toBe('');
  });

  it('a file where a folder should be', async () => {
    const blocker = tmp.write('blocker', 'a file');
    const run = await audit('--format', 'json', '--output', join(blocker, 'inside', 'report.json'));
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(`supervision-audit: cannot write ${join(blocker, 'inside', 'report.json')}: a part of the path is a file, not a folder; nothing was written\n`);
  });

  it('a folder where one of the CSV files should be: none of them is written', async () => {
    const out = join(tmp.dir, 'csv-out');
    mkdirSync(join(out, 'exceptions.csv'), { recursive: true });
    const run = await audit('--format', 'csv', '--output', out);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(`supervision-audit: cannot write ${join(out, 'exceptions.csv')}: a folder of that name is in the way; nothing was written\n`);
    expect(readdirSync(out)).toEqual(['exceptions.csv']);
  });
});

/** An in-memory file system that fails with `code` at the `step`-th call of `operation`. */
function failingFileSystem(operation: 'mkdir' | 'create' | 'write' | 'close' | 'rename', code: string, step = 1) {
  const files = new Map<string, string>();
  const folders = new Set(['/', '/out']);
  let calls = 0;
  const fail = (op: string): void => {
    if (op === operation && ++calls === step) throw Object.assign(new Error(`${code}: injected`), { code });
  };
  const missing = (path: string) => Object.assign(new Error(`ENOENT: ${path}`), { code: 'ENOENT' });
  const fileSystem: OutputFileSystem = {
    async stat(path) {
      if (folders.has(path)) return { isDirectory: () => true, isFile: () => false };
      if (files.has(path)) return { isDirectory: () => false, isFile: () => true };
      throw missing(path);
    },
    async mkdir(path) {
      fail('mkdir');
      folders.add(path);
    },
    async create(path) {
      fail('create');
      files.set(path, '');
      return {
        write: async (text: string) => {
          fail('write');
          files.set(path, files.get(path)! + text);
        },
        close: async () => fail('close'),
      };
    },
    async rename(from, to) {
      fail('rename');
      files.set(to, files.get(from)!);
      files.delete(from);
    },
    async remove(path) {
      files.delete(path);
    },
  };
  return { fileSystem, files };
}

describe('an output that cannot be written, on a file system that fails on cue', () => {
  const outputs = { '/out/report/summary.csv': 'a,b\r\n', '/out/report/exceptions.csv': ['x,', 'y\r\n'] };

  it.each([
    ['mkdir', 'EACCES', 1, '/out/report/summary.csv: permission denied'],
    ['create', 'EROFS', 1, '/out/report/summary.csv: the file system is read-only'],
    ['write', 'ENOSPC', 2, '/out/report/exceptions.csv: the disk is full'],
    ['write', 'EDQUOT', 1, '/out/report/summary.csv: the disk quota is used up'],
    ['close', 'EIO', 2, '/out/report/exceptions.csv: the disk reported an input/output error'],
    ['rename', 'EPERM', 2, '/out/report/exceptions.csv: permission denied'],
    ['create', 'EWHATEVER', 1, '/out/report/summary.csv: the file system refused it (EWHATEVER)'],
  ] as const)('%s fails with %s: one sentence, and no file left', async (operation, code, step, message) => {
    const { fileSystem, files } = failingFileSystem(operation, code, step);
    const error = await writeFilesAtomically(outputs, fileSystem).then(
      () => null,
      (err: unknown) => err,
    );
    expect(error).toBeInstanceOf(OutputError);
    expect((error as Error).message).toBe(`cannot write ${message}; nothing was written`);
    expect([...files.keys()]).toEqual([]);
  });

  it('writes every file whole when nothing fails', async () => {
    const { fileSystem, files } = failingFileSystem('rename', 'EIO', 99);
    await writeFilesAtomically(outputs, fileSystem);
    // Every CSV file begins with a byte order mark.
    expect(Object.fromEntries(files)).toEqual({ '/out/report/summary.csv': '\uFEFFa,b\r\n', '/out/report/exceptions.csv': '\uFEFFx,y\r\n' });
  });
});

/**
 * A file system whose writes take a while, as a disk's do, logging each call: a report is made
 * while its last block is written, and the blocks must still reach the file whole and in order.
 */
function slowFileSystem(failWrite?: number) {
  const files = new Map<string, string>();
  const log: string[] = [];
  let writes = 0;
  let writing = 0;
  const fileSystem: OutputFileSystem = {
    stat: async (path) => {
      if (path === '/out') return { isDirectory: () => true, isFile: () => false };
      throw Object.assign(new Error(`ENOENT: ${path}`), { code: 'ENOENT' });
    },
    mkdir: async () => undefined,
    async create(path) {
      files.set(path, '');
      return {
        write: async (text: string) => {
          const n = ++writes;
          writing += 1;
          log.push(`write ${n} starts${writing > 1 ? ' while another is under way' : ''}`);
          await new Promise((resolve) => setTimeout(resolve, 2));
          writing -= 1;
          log.push(`write ${n} ends`);
          if (n === failWrite) throw Object.assign(new Error('ENOSPC: injected'), { code: 'ENOSPC' });
          files.set(path, files.get(path)! + text);
        },
        close: async () => void log.push('close'),
      };
    },
    rename: async (from, to) => {
      files.set(to, files.get(from)!);
      files.delete(from);
    },
    remove: async (path) => void files.delete(path),
  };
  return { fileSystem, files, log };
}

/** Pieces of a report, 10,000 characters each, each naming its place; `made` counts those taken. */
function reportPieces(count: number, failAt?: number) {
  const progress = { made: 0 };
  function* pieces(): Generator<string> {
    for (let i = 0; i < count; i++) {
      if (i === failAt) throw new Error('the report could not be made');
      progress.made += 1;
      yield `piece ${String(i).padStart(4, '0')} `.padEnd(10_000, '.');
    }
  }
  return { pieces: pieces(), progress };
}

describe('a report written in blocks while it is made', () => {
  it('reaches the file whole and in order, one write at a time', async () => {
    const { fileSystem, files, log } = slowFileSystem();
    const { pieces } = reportPieces(40);
    await writeFilesAtomically({ '/out/report.json': pieces }, fileSystem);
    expect(files.get('/out/report.json')).toBe([...reportPieces(40).pieces].join(''));
    expect(log.filter((line) => line.includes('while'))).toEqual([]);
    // Ten blocks of four pieces (32,000 characters or more each), and the empty rest.
    expect(log.filter((line) => line.endsWith('starts')).length).toBe(11);
    expect(log.at(-1)).toBe('close');
  });

  it('a block that cannot be written stops the report: one sentence, no file, no more pieces made than the next block', async () => {
    const { fileSystem, files } = slowFileSystem(2);
    const { pieces, progress } = reportPieces(40);
    const error = await writeFilesAtomically({ '/out/report.json': pieces }, fileSystem).catch((err: unknown) => err);
    expect(error).toBeInstanceOf(OutputError);
    expect((error as Error).message).toBe('cannot write /out/report.json: the disk is full; nothing was written');
    expect([...files.keys()]).toEqual([]);
    // The second block is written while the third is made; the failure is known before a fourth is begun.
    expect(progress.made).toBe(12);
  });

  it('pieces that fail while a block is written: their own error, once that write has ended, and no file', async () => {
    const { fileSystem, files, log } = slowFileSystem();
    const { pieces } = reportPieces(40, 5);
    const error = await writeFilesAtomically({ '/out/report.json': pieces }, fileSystem).catch((err: unknown) => err);
    expect((error as Error).message).toBe('the report could not be made');
    expect(log).toEqual(['write 1 starts', 'write 1 ends', 'close']);
    expect([...files.keys()]).toEqual([]);
  });
});

it('a real write leaves no temporary file beside the report', async () => {
  const out = join(tmp.dir, 'fine');
  const run = await audit('--format', 'csv', '--output', out);
  expect(run.code).toBe(1);
  expect(readdirSync(out).sort()).toEqual(['data-issues.csv', 'exceptions.csv', 'summary.csv']);
});
