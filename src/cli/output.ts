/**
 * Writes outputs atomically: each file is written in full under a temporary name beside its
 * target and then renamed over it, so a reader never sees half a report and a failed audit
 * leaves nothing behind. Every file system error becomes one sentence naming the path.
 */
import { createWriteStream } from 'node:fs';
import * as fs from 'node:fs/promises';
import type { Writable } from 'node:stream';
import { basename, dirname, join, resolve, sep } from 'node:path';
import { BOM } from '../report/csv.js';
import { CsvTokenizer } from '../ingest/csv-tokenizer.js';
import { visible } from '../report/visible.js';

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

/** Why a write failed, in words, from the error's code. */
export function whyCannotWrite(code: string | undefined): string {
  return (code && WHY[code]) ?? `the system refused it (${code ?? 'no reason given'})`;
}

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

/** A CSV file begins with a byte order mark, so that Excel reads it as UTF-8 (on stdout there is none). */
const isCsv = (path: string): boolean => path.toLowerCase().endsWith('.csv');

/**
 * Writes text given in pieces, gathered into blocks, to a new file. Each block is written while
 * the next is made: waiting for every write before making more left this thread idle for about
 * a quarter of a large report's writing.
 */
async function writePieces(fileSystem: OutputFileSystem, path: string, content: string | Iterable<string>, bom: boolean): Promise<void> {
  const file = await fileSystem.create(path);
  try {
    if (typeof content === 'string') {
      await file.write(bom ? BOM + content : content);
      return;
    }
    let block: string[] = bom ? [BOM] : [];
    let size = 0;
    // The block being written, if any: at most one at a time, so that they reach the file in order.
    let writing: Promise<unknown> = Promise.resolve();
    try {
      for (const piece of content) {
        block.push(piece);
        size += piece.length;
        if (size >= WRITE_BLOCK) {
          const text = block.join('');
          block = [];
          size = 0;
          await writing;
          writing = file.write(text);
        }
      }
    } catch (err) {
      // The pieces failed: the write under way ends before the file is closed and removed.
      await writing.catch(() => undefined);
      throw err;
    }
    await writing;
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
      await writePieces(fileSystem, temporary, content, isCsv(path));
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

/** A path with symbolic links resolved as far as it exists; the rest (a report yet to be written) as given. */
async function realPathOf(path: string): Promise<string> {
  const absolute = resolve(path);
  try {
    return await fs.realpath(absolute);
  } catch {
    const parent = dirname(absolute);
    return parent === absolute ? absolute : join(await realPathOf(parent), basename(absolute));
  }
}

const within = (path: string, folder: string): boolean => path === folder || path.startsWith(folder.endsWith(sep) ? folder : folder + sep);

/**
 * Refuses an --output that would write over or among the exports being read, before anything
 * is read: the output is an export, lies inside a folder given as exports, or inside the folder
 * of an export file (a report there would be read as an export next time, or replace one).
 */
export async function refuseOutputAmongInputs(output: string | undefined, inputs: readonly string[]): Promise<void> {
  if (output === undefined) return;
  const target = await realPathOf(output);
  for (const input of inputs) {
    const path = await realPathOf(input);
    const isFolder = await fs.stat(path).then(
      (s) => s.isDirectory(),
      () => false,
    );
    const folder = isFolder ? path : dirname(path);
    if (target === path || within(target, folder)) {
      const what = isFolder ? `inside ${input}, a folder of exports being read` : target === path ? `the export ${input}` : `in the folder of the export ${input}`;
      throw new OutputError(`--output ${output} is ${what}: the report would overwrite or sit among the council's exports; write it to another folder`);
    }
  }
}

/** Refuses an --output that is one of the reports being compared (`diff`): it would be replaced by the comparison. */
export async function refuseOutputOverReports(output: string | undefined, reports: readonly string[]): Promise<void> {
  if (output === undefined) return;
  const target = await realPathOf(output);
  for (const report of reports) {
    if ((await realPathOf(report)) === target) throw new OutputError(`--output ${output} is the report ${report} being compared: write the comparison to another file`);
  }
}

/** Every file under a folder, as paths relative to it. */
async function filesUnder(folder: string, prefix = ''): Promise<string[]> {
  const files: string[] = [];
  for (const entry of await fs.readdir(join(folder, prefix), { withFileTypes: true })) {
    const path = join(prefix, entry.name);
    if (entry.isDirectory()) files.push(...(await filesUnder(folder, path)));
    else files.push(path);
  }
  return files;
}

/**
 * What a split into a folder writes, so that a later split into it can tell the reports of an
 * earlier one: its index.csv's exact header, and a team's report's extension ('.json'), or ''
 * for a team's folder holding exactly `folderFiles` (a CSV report).
 */
export interface SplitShape {
  indexHeader: readonly string[];
  extension: string;
  folderFiles?: readonly string[];
}

/** A team's report as a split names it: the team's folded name, or `_no-team`, then the extension. */
const teamEntry = (extension: string): RegExp => new RegExp(`^(?:_no-team|[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)${extension.replaceAll('.', '\\.')}$`);

/**
 * The teams' reports an earlier split of the same shape listed in the folder's index.csv: none
 * unless the index's header is exactly the split's own, and only names the split gives with its
 * extension, so that a hand-written index, a report of another format or anything else in the
 * folder is never taken for one.
 */
async function listedByEarlierSplit(folder: string, shape: SplitShape): Promise<string[]> {
  const text = await fs.readFile(join(folder, 'index.csv'), 'utf8').catch(() => null);
  if (text === null) return [];
  const rows: string[][] = [];
  const tokenizer = new CsvTokenizer(',', { record: (values) => rows.push(values), unclosedQuote: () => undefined, tooLong: () => undefined, tooWide: () => undefined });
  tokenizer.write(text.replace(/^\uFEFF/, ''));
  tokenizer.end();
  if (rows[0]?.join(',') !== shape.indexHeader.join(',')) return [];
  const entry = teamEntry(shape.extension);
  return rows.slice(1).map((row) => row[1] ?? '').filter((name) => entry.test(name));
}

/**
 * Removes an earlier team's report: a file (or a link, never what it points to), or a team's
 * folder of exactly the files a split puts there, then the folder if that left it empty.
 * Anything else is left where it is. Returns why it could not, or null.
 */
async function removeEarlierReport(path: string, shape: SplitShape): Promise<string | null> {
  const ignore = (codes: string[]) => (err: NodeJS.ErrnoException) => (err.code !== undefined && codes.includes(err.code) ? undefined : Promise.reject(err));
  try {
    const found = await fs.lstat(path).catch(() => null);
    if (found === null) return null;
    if (shape.extension !== '') {
      if (found.isDirectory()) return 'a folder of that name is there';
      await fs.unlink(path);
      return null;
    }
    if (!found.isDirectory()) return 'it is not a folder';
    for (const file of shape.folderFiles ?? []) await fs.unlink(join(path, file)).catch(ignore(['ENOENT']));
    // A folder holding anything else (a person's own file) stays, with that in it.
    await fs.rmdir(path).catch(ignore(['ENOTEMPTY', 'EEXIST']));
    return null;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return (code !== undefined && WHY[code]) || (err as Error).message;
  }
}

/** The warning for the reports of earlier teams a split could not remove: each on a line of its own. */
export function leftBehindWarning(left: readonly string[]): string {
  return left.map((entry) => `supervision-audit: warning: ${visible(entry)}, the report of a team not in this run, could not be removed: remove it by hand\n`).join('');
}

/**
 * Writes a set of files into a folder as one step (`--split-by team`): `build` writes them into
 * a temporary folder beside it, which then becomes the folder (or, when the folder is there
 * already, whose files are moved into it, every target checked first). On any failure nothing
 * is left, neither the temporary folder nor any of its files, and the sentence names the file
 * as it would have been in the folder. Into a folder an earlier split of the same shape wrote,
 * the reports of teams its index.csv listed that this split has not are removed once the new
 * ones are in, so that last month's file of a team that has gone is never read as this month's;
 * those that cannot be are returned, each with why, for a warning (the new reports are in).
 */
export async function writeFolderAtomically(folder: string, build: (staging: string) => Promise<void>, shape: SplitShape): Promise<string[]> {
  const fileSystem = NODE_FILE_SYSTEM;
  const staging = join(dirname(resolve(folder)), `.${basename(resolve(folder))}.${process.pid}.${Date.now()}.tmp`);
  let current = folder;
  try {
    const found = await fileSystem.stat(folder).catch(() => null);
    if (found !== null && !found.isDirectory()) throw Object.assign(new Error(`${folder} is not a folder`), { code: 'ENOTDIR' });
    await makeFolder(fileSystem, dirname(resolve(folder)));
    await fileSystem.mkdir(staging);
    try {
      await build(staging);
    } catch (err) {
      // The writers name the temporary folder: a person knows the folder they asked for.
      if (err instanceof OutputError) throw new OutputError(err.message.replaceAll(staging, folder));
      throw err;
    }
    if (found === null) {
      await fileSystem.rename(staging, folder);
      return [];
    }
    const files = await filesUnder(staging);
    for (const file of files) {
      current = join(folder, file);
      await checkTarget(fileSystem, current);
    }
    const earlier = await listedByEarlierSplit(folder, shape);
    for (const file of files) {
      current = join(folder, file);
      await makeFolder(fileSystem, dirname(current));
      await fileSystem.rename(join(staging, file), current);
    }
    const written = new Set(files.map((file) => file.split(sep)[0]!));
    const left: string[] = [];
    for (const name of earlier.filter((entry) => !written.has(entry))) {
      const why = await removeEarlierReport(join(folder, name), shape);
      if (why !== null) left.push(`${join(folder, name)} (${why})`);
    }
    return left;
  } catch (err) {
    throw err instanceof OutputError ? err : asOutputError(err, current);
  } finally {
    await fs.rm(staging, { recursive: true, force: true }).catch(() => undefined);
  }
}
