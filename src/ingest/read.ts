/**
 * Turns the paths a user gave into export files, and reads each one with the reader for
 * its format. A folder is read as people keep one: its exports are read, and what cannot be an
 * export (a README, a Word document, an Excel lock file, hidden files) is listed as skipped.
 */
import { createReadStream, type Stats } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { readCsv, firstLines, sniffDelimiter } from './csv.js';
import { HEADER_SEARCH_ROWS } from './assemble.js';
import { encodingFromMarks, readHead } from './encoding.js';
import { readJson } from './json.js';
import { readWorkbook } from './xlsx.js';
import { InputError, type Skipped, type TableOpener } from './table.js';

const CSV_EXTENSIONS = new Set(['.csv', '.tsv', '.txt']);
const JSON_EXTENSIONS = new Set(['.json', '.jsonl', '.ndjson']);
const WORKBOOK_EXTENSIONS = new Set(['.xlsx', '.xlsm']);
/** Spreadsheet formats that hold exports but cannot be read: refused, never skipped. */
const UNREADABLE_WORKBOOKS: Record<string, string> = {
  '.xls': 'an Excel 97-2003 workbook (.xls)',
  '.xlsb': 'an Excel binary workbook (.xlsb)',
  '.ods': 'an OpenDocument spreadsheet (.ods)',
  '.numbers': 'a Numbers spreadsheet',
};

export function isExportFile(name: string): boolean {
  const ext = extname(name).toLowerCase();
  return CSV_EXTENSIONS.has(ext) || JSON_EXTENSIONS.has(ext) || WORKBOOK_EXTENSIONS.has(ext);
}

/** Whether a row of cells is a header the audit can read: a text file whose first lines hold none is not an export. */
export type HeaderTest = (columns: string[]) => boolean;

export interface InputFiles {
  files: string[];
  skipped: Skipped[];
}

/**
 * The export files named by `paths`: a file as it is, a folder as the export files directly
 * inside it (sorted, so every run reads them in the same order), with the folder's other
 * entries as skipped. A file named on its own is never skipped.
 */
export async function listInputFiles(paths: string[], isHeader?: HeaderTest): Promise<InputFiles> {
  const files: string[] = [];
  const skipped: Skipped[] = [];
  for (const path of paths) {
    let info;
    try {
      info = await stat(path);
    } catch {
      throw new InputError(`${path} does not exist`);
    }
    if (!info.isDirectory()) {
      const why = whyNotReadable(path, info);
      if (why !== null) throw new InputError(why);
      files.push(path);
      continue;
    }
    const before = files.length;
    for (const name of (await readdir(path)).sort()) {
      const file = join(path, name);
      const why = await whyNotAnExport(file, name, isHeader);
      if (why === null) files.push(file);
      else skipped.push({ file, reason: why });
    }
    if (files.length === before) {
      const also = skipped.length > 0 ? ` (${skipped.length} other file${skipped.length === 1 ? '' : 's'} skipped)` : '';
      throw new InputError(`${path} holds no export files (.csv, .tsv, .txt, .json, .jsonl, .xlsx)${also}`);
    }
  }
  return { files: [...new Set(files)], skipped };
}

/**
 * A pipe the shell hands over (`<(cat workers.csv)` is /dev/fd/63; `/dev/stdin`): read as a
 * stream. A named pipe elsewhere has, most likely, nothing writing to it, and would wait for ever.
 */
const isHandedPipe = (path: string): boolean => /^\/(dev|proc\/(self|\d+))\/fd\/\d+$/.test(path) || path === '/dev/stdin' || path === '-';

/** Why a path named on its own cannot be read as an export (a device, a named pipe), or null when it can. */
function whyNotReadable(path: string, info: Stats): string | null {
  if (info.isFile()) return null;
  if (info.isFIFO()) {
    return isHandedPipe(path) ? null : `${path} is a named pipe (FIFO), which the audit does not wait on: save the export to a file and name that, or hand it over as <(command)`;
  }
  const what = info.isCharacterDevice() ? (path === '/dev/stdin' ? 'a terminal' : 'a device') : info.isBlockDevice() ? 'a disk device' : info.isSocket() ? 'a socket' : 'not a file';
  return `${path} is ${what}, not an export file: name the export file itself`;
}

/** Why an entry of a folder is not read as an export, or null when it is one. */
async function whyNotAnExport(file: string, name: string, isHeader: HeaderTest | undefined): Promise<string | null> {
  if (name.startsWith('~$')) return 'an Excel lock file: the workbook it belongs to is open in Excel';
  if (name.startsWith('.')) return 'a hidden file';
  const info = await stat(file).catch(() => null);
  if (info === null) return 'cannot be read';
  if (info.isDirectory()) return 'a folder: only the files directly inside the folder given are read';
  if (!info.isFile()) return 'not a regular file';
  const ext = extname(name).toLowerCase();
  if (UNREADABLE_WORKBOOKS[ext] !== undefined) return null; // refused with a sentence when read
  if (!isExportFile(name)) return ext === '' ? 'not an export (a file with no extension)' : `not an export (${ext} file)`;
  if (ext === '.txt' && !(await looksDelimited(file, isHeader))) return 'a text file with no tab in its first line and no export header in its first lines: not an export';
  return null;
}

/**
 * Whether a .txt file is a delimited export: its first non-empty line has a tab (Excel saves
 * "Text (Tab delimited)" as .txt), two of its first lines split by tabs into the same number of
 * cells, more than two (a table under a report's title), or one of its first lines is a header
 * the audit can read. Commas and semicolons are not enough: a README's prose has them.
 */
async function looksDelimited(path: string, isHeader: HeaderTest | undefined): Promise<boolean> {
  const head = await readHead(path, 1 << 16);
  const marked = encodingFromMarks(head);
  const text = new TextDecoder(marked?.encoding ?? 'utf-8').decode(head.subarray(marked?.bomLength ?? 0));
  const lines = firstLines(text, HEADER_SEARCH_ROWS);
  if (lines.length === 0) return true; // an empty export is refused when read, with its own sentence
  if (lines[0]!.includes('\t')) return true;
  // Below a report's title, a table of renamed columns: lines split by tabs alike, as a header and its rows are.
  const tabbed = lines.map((line) => line.split('\t').length).filter((cells) => cells > 2);
  if (new Set(tabbed).size < tabbed.length) return true;
  if (isHeader === undefined) return false;
  const delimiter = sniffDelimiter(text, isHeader);
  return lines.some((line) => isHeader(line.split(delimiter).map((c) => c.replace(/^"|"$/g, '').trim())));
}

/** Reads one file into the tables `openTable` gives sinks for; returns what of it was skipped (a workbook's other sheets). */
export async function readTable(path: string, openTable: TableOpener): Promise<Skipped[]> {
  const ext = extname(path).toLowerCase();
  try {
    if ((await stat(path)).isFIFO()) {
      await readPipe(path, openTable);
      return [];
    }
    const unreadable = UNREADABLE_WORKBOOKS[ext];
    if (unreadable !== undefined) {
      throw new InputError(`${path} is ${unreadable}, which the audit cannot read: open it in Excel and save it as an Excel workbook (.xlsx) or as CSV`);
    }
    if (WORKBOOK_EXTENSIONS.has(ext)) return await readWorkbook(path, openTable);
    if (JSON_EXTENSIONS.has(ext)) await readJson(path, path, openTable({ file: path }));
    else await readCsv(path, path, openTable({ file: path }));
    return [];
  } catch (err) {
    if (err instanceof InputError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new InputError(`${path} does not exist`);
    if (code === 'EACCES') throw new InputError(`${path} cannot be read: permission denied`);
    if (code === 'EISDIR') throw new InputError(`${path} is a folder, not a file`);
    // Any other failure of the system to read the file (a disk error, a share gone away) is the file's, not a fault of the audit.
    if (typeof code === 'string' && typeof (err as NodeJS.ErrnoException).syscall === 'string') {
      throw new InputError(`${path} cannot be read: ${(err as Error).message.replace(/^[A-Z]+: /, '')}`);
    }
    throw err;
  }
}

/**
 * Reads an export handed over as a pipe, which can be read once, in order: JSON (told by its
 * first character) is gathered whole, as a JSON file is; anything else streams as delimited text.
 */
async function readPipe(path: string, openTable: TableOpener): Promise<void> {
  const stream = createReadStream(path, { highWaterMark: 1 << 16 });
  try {
    const iterator = stream[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
    const first = await iterator.next();
    if (first.done) throw new InputError(`${path} is empty: an export needs at least a header row`);
    const head = first.value;
    const rest: AsyncIterable<Buffer> = {
      [Symbol.asyncIterator]: () => {
        let handed = false;
        return { next: async () => (handed ? iterator.next() : ((handed = true), { done: false, value: head })) };
      },
    };
    if (head[0] === 0x50 && head[1] === 0x4b) {
      throw new InputError(`${path} is a workbook handed over as a pipe, which the audit cannot read (a workbook is read by seeking in it): save it to a file and name that`);
    }
    const marked = encodingFromMarks(head);
    const opening = new TextDecoder(marked?.encoding ?? 'utf-8').decode(head.subarray(marked?.bomLength ?? 0, 64)).trimStart();
    if (opening.startsWith('[') || opening.startsWith('{')) {
      const chunks: Buffer[] = [];
      for await (const chunk of rest) chunks.push(chunk);
      await readJson(path, path, openTable({ file: path }), Buffer.concat(chunks));
    } else {
      await readCsv(path, path, openTable({ file: path }), rest);
    }
  } finally {
    stream.destroy();
  }
}
