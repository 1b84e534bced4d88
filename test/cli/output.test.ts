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

it('a real write leaves no temporary file beside the report', async () => {
  const out = join(tmp.dir, 'fine');
  const run = await audit('--format', 'csv', '--output', out);
  expect(run.code).toBe(1);
  expect(readdirSync(out).sort()).toEqual(['data-issues.csv', 'exceptions.csv', 'summary.csv']);
});
