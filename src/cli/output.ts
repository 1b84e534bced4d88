/**
 * Writes outputs atomically: each file is written in full under a temporary name beside its
 * target and then renamed over it, so a reader never sees half a report and a failed audit
 * leaves nothing behind. Every file system error becomes one sentence naming the path.
 */
import { createWriteStream } from 'node:fs';
import * as fs from 'node:fs/promises';
import type { Writable } from 'node:stream';
import { dirname, join } from 'node:path';

/** An output that cannot be written: the audit stops with this message (exit 2). */
export class OutputError extends Error {
  override name = 'OutputError';
}

/** The file system calls writing an output makes; tests give one that fails where a real one cannot be made to. */
export interface OutputFileSystem {
  stat(path: string): Promise<{ isDirectory(): boolean; isFile(): boolean }>;
  /** Makes one folder whose parent exists. */
  mkdir(path: string): Promise<unknown>;
  /** Creates a new file, failing if one is there. */
  create(path: string): Promise<{ write(text: string): Promise<unknown>; close(): Promise<unknown> }>;
  rename(from: string, to: string): Promise<unknown>;
  remove(path: string): Promise<unknown>;
}

const NODE_FILE_SYSTEM: OutputFileSystem = {
  stat: (path) => fs.stat(path),
  mkdir: (path) => fs.mkdir(path),
  create: (path) => fs.open(path, 'wx'),
  rename: (from, to) => fs.rename(from, to),
  remove: (path) => fs.rm(path, { force: true }),
};

const WHY: Record<string, string> = {
  ENOENT: 'a folder on the path does not exist and cannot be made there',
  ENOTDIR: 'a part of the path is a file, not a folder',
  EISDIR: 'a folder of that name is in the way',
  EEXIST: 'a file of that name is in the way',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EROFS: 'the file system is read-only',
  ENOSPC: 'the disk is full',
  EDQUOT: 'the disk quota is used up',
  EFBIG: 'the file would be larger than the file system allows',
  EIO: 'the disk reported an input/output error',
  ENAMETOOLONG: 'the name is too long',
  ELOOP: 'the path has a loop of symbolic links',
  EBUSY: 'it is in use',
  EMFILE: 'too many files are open',
  ENFILE: 'too many files are open',
  /** Our own code: a target that is a device, pipe or socket is never replaced by a file. */
  ESPECIAL: 'it is a device, pipe or socket, not a file',
};

/** A file system error as one sentence naming the path; any other error as it was. */
function asOutputError(err: unknown, path: string): unknown {
  const code = (err as NodeJS.ErrnoException).code;
  if (typeof code !== 'string' || !/^E[A-Z]+$/.test(code)) return err;
  return new OutputError(`cannot write ${path}: ${WHY[code] ?? `the file system refused it (${code})`}; nothing was written`);
}

/**
 * Characters written at a time: few writes, and blocks small enough to be collected young (a
 * block of a megabyte would outlive its write on the large-object heap until a full collection).
 */
const WRITE_BLOCK = 32_000;

/** Writes text given in pieces, gathered into blocks, to a new file. */
async function writePieces(fileSystem: OutputFileSystem, path: string, content: string | Iterable<string>): Promise<void> {
  const file = await fileSystem.create(path);
  try {
    if (typeof content === 'string') {
      await file.write(content);
      return;
    }
    let block: string[] = [];
    let size = 0;
    for (const piece of content) {
      block.push(piece);
      size += piece.length;
      if (size >= WRITE_BLOCK) {
        await file.write(block.join(''));
        block = [];
        size = 0;
      }
    }
    await file.write(block.join(''));
  } finally {
    await file.close();
  }
}

/**
 * Makes a folder and any missing parents, one level at a time from the nearest one that
 * exists (a recursive mkdir can loop for ever on special file systems such as /proc).
 */
async function makeFolder(fileSystem: OutputFileSystem, path: string): Promise<void> {
  try {
    if ((await fileSystem.stat(path)).isDirectory()) return;
    throw Object.assign(new Error(`${path} is a file`), { code: 'ENOTDIR' });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  const parent = dirname(path);
  if (parent !== path) await makeFolder(fileSystem, parent);
  await fileSystem.mkdir(path).catch(async (err: NodeJS.ErrnoException) => {
    // Made meanwhile by someone else: as good as made here.
    if (err.code !== 'EEXIST' || !(await fileSystem.stat(path)).isDirectory()) throw err;
  });
}

/**
 * What is at a target already, checked before anything is written: a folder would stop its
 * rename half way through a set of files, and a device, pipe or socket would be replaced.
 */
async function checkTarget(fileSystem: OutputFileSystem, path: string): Promise<void> {
  const found = await fileSystem.stat(path).catch(() => null);
  if (found === null || found.isFile()) return;
  throw Object.assign(new Error(`${path} is in the way`), { code: found.isDirectory() ? 'EISDIR' : 'ESPECIAL' });
}

/**
 * Writes several files as one step: all temporaries first, then the renames. A file's content
 * is a string, or pieces of one (a large report is never held whole).
 */
export async function writeFilesAtomically(
  files: Record<string, string | Iterable<string>>,
  fileSystem: OutputFileSystem = NODE_FILE_SYSTEM,
): Promise<void> {
  const temporaries: Array<[string, string]> = [];
  const renamed: string[] = [];
  let current = Object.keys(files)[0] ?? '';
  try {
    for (const path of Object.keys(files)) {
      current = path;
      await checkTarget(fileSystem, path);
    }
    for (const [path, content] of Object.entries(files)) {
      current = path;
      await makeFolder(fileSystem, dirname(path));
      const temporary = join(dirname(path), `.${process.pid}.${Date.now()}.${temporaries.length}.tmp`);
      temporaries.push([temporary, path]);
      await writePieces(fileSystem, temporary, content);
    }
    for (const [temporary, path] of temporaries) {
      current = path;
      await fileSystem.rename(temporary, path);
      renamed.push(path);
    }
  } catch (err) {
    // A set of files is written whole or not at all: those already renamed go too (a rename
    // fails between two others only on a failing disk, the targets having been checked).
    const leftovers = [...temporaries.map(([temporary]) => temporary), ...renamed];
    await Promise.all(leftovers.map((path) => fileSystem.remove(path).catch(() => undefined)));
    throw asOutputError(err, current);
  }
}

/**
 * Writes one file whose content a writer streams (a workbook): under a temporary name, renamed
 * into place once the writer has finished and the file is closed; on any failure nothing stays.
 */
export async function writeStreamAtomically(path: string, write: (out: Writable) => Promise<void>): Promise<void> {
  const fileSystem = NODE_FILE_SYSTEM;
  const temporary = join(dirname(path), `.${process.pid}.${Date.now()}.stream.tmp`);
  let created = false;
  let out: Writable | null = null;
  try {
    await checkTarget(fileSystem, path);
    await makeFolder(fileSystem, dirname(path));
    const file = createWriteStream(temporary, { flags: 'wx' });
    out = file;
    created = true;
    const closed = new Promise<void>((resolve, reject) => {
      file.on('close', resolve);
      file.on('error', reject);
    });
    await Promise.all([write(file), closed]);
    await fileSystem.rename(temporary, path);
  } catch (err) {
    out?.destroy();
    if (created) await fileSystem.remove(temporary).catch(() => undefined);
    throw asOutputError(err, path);
  }
}

/**
 * Where a single-file report goes: a folder (existing, or named with a trailing slash) gets
 * `defaultName` inside it; anything else is the file itself.
 */
export async function outputFile(output: string, defaultName: string, fileSystem: OutputFileSystem = NODE_FILE_SYSTEM): Promise<string> {
  if (output.endsWith('/') || output.endsWith('\\')) return join(output, defaultName);
  const isFolder = await fileSystem.stat(output).then(
    (s) => s.isDirectory(),
    () => false,
  );
  return isFolder ? join(output, defaultName) : output;
}
