/** Writes generated export files: CSV with CRLF line ends, as the systems' report tools do. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'csv-stringify/sync';

export type Row = Record<string, string>;

export interface ExportFile {
  name: string;
  columns: string[];
  rows: Row[];
  /** Raw lines appended as they are (planted problems a real export may have). */
  rawLines?: string[];
}

export function writeExportFiles(dir: string, files: ExportFile[]): string[] {
  mkdirSync(dir, { recursive: true });
  return files.map((file) => {
    const body = stringify([file.columns, ...file.rows.map((r) => file.columns.map((c) => r[c] ?? ''))], { record_delimiter: '\r\n' });
    const extra = (file.rawLines ?? []).map((l) => `${l}\r\n`).join('');
    const path = join(dir, file.name);
    writeFileSync(path, body + extra);
    return path;
  });
}
