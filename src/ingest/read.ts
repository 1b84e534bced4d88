/**
 * Turns the paths a user gave into export files, and reads each one with the reader for
 * its format.
 */
import { readdir, stat } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { readCsv } from './csv.js';
import { readJson } from './json.js';
import { InputError, type TableSink } from './table.js';

const CSV_EXTENSIONS = new Set(['.csv', '.tsv', '.txt']);
const JSON_EXTENSIONS = new Set(['.json', '.jsonl', '.ndjson']);

export function isExportFile(name: string): boolean {
  const ext = extname(name).toLowerCase();
  return CSV_EXTENSIONS.has(ext) || JSON_EXTENSIONS.has(ext);
}

/**
 * The export files named by `paths`: a file as it is, a folder as the export files directly
 * inside it (sorted, so every run reads them in the same order).
 */
export async function listInputFiles(paths: string[]): Promise<string[]> {
  const files: string[] = [];
  for (const path of paths) {
    let info;
    try {
      info = await stat(path);
    } catch {
      throw new InputError(`${path} does not exist`);
    }
    if (info.isDirectory()) {
      const names = (await readdir(path)).filter(isExportFile).sort();
      if (names.length === 0) throw new InputError(`${path} holds no export files (.csv, .tsv, .txt, .json, .jsonl)`);
      files.push(...names.map((n) => join(path, n)));
    } else {
      files.push(path);
    }
  }
  return [...new Set(files)];
}

export async function readTable(path: string, sink: TableSink): Promise<void> {
  const ext = extname(path).toLowerCase();
  try {
    if (JSON_EXTENSIONS.has(ext)) await readJson(path, path, sink);
    else await readCsv(path, path, sink);
    sink.end?.();
  } catch (err) {
    if (err instanceof InputError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new InputError(`${path} does not exist`);
    if (code === 'EACCES') throw new InputError(`${path} cannot be read: permission denied`);
    if (code === 'EISDIR') throw new InputError(`${path} is a folder, not a file`);
    throw err;
  }
}
