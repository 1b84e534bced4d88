/**
 * Reads the header of each export file, and no row, before any file is read: a header that
 * matches no layout (an export with renamed columns) is then known for every file of the set at
 * once, whatever else stops the audit later. A delimited file is told by its first megabyte; a
 * workbook is read up to its first sheet with a header; a JSON file, which has no header of its
 * own, is parsed whole. A pipe, which can be read only once, is left to the reading itself.
 */
import { stat } from 'node:fs/promises';
import { extname } from 'node:path';
import { detectLayout, recognisesHeader, unknownHeader, UnknownHeaderError, type HeaderProblem } from './detect.js';
import type { MappingOptions } from './mapper.js';
import { HEADER_SEARCH_ROWS } from '../ingest/assemble.js';
import { readCsv } from '../ingest/csv.js';
import { readHead, wholeCharacters } from '../ingest/encoding.js';
import { readTable } from '../ingest/read.js';
import { InputError, type TableInfo, type TableSink } from '../ingest/table.js';

/** What a file's header told: nothing wrong (or nothing known yet), a header of no layout, or a file that cannot be read. */
export type HeaderRead = { ok: true } | { ok: false; header: HeaderProblem; error: InputError } | { ok: false; header: null; error: InputError };

/** How much of a delimited file its header is looked for in. */
const CSV_HEAD = 1 << 20;

/** Thrown by the sink once the header is known, to read no further. */
class HeaderFound extends Error {}

/** The header of each file, in file order. */
export async function probeHeaders(files: readonly string[], options: Pick<MappingOptions, 'adapters' | 'adapterFile'>): Promise<HeaderRead[]> {
  const out: HeaderRead[] = [];
  for (const file of files) out.push(await probeHeader(file, options));
  return out;
}

async function probeHeader(file: string, options: Pick<MappingOptions, 'adapters' | 'adapterFile'>): Promise<HeaderRead> {
  const info = await stat(file).catch(() => null);
  // A pipe is read once, by the reading; a path that cannot be read is refused there, with its own words.
  if (info === null || !info.isFile()) return { ok: true };
  const sink = new HeaderSink(file, options);
  const ext = extname(file).toLowerCase();
  try {
    if (ext === '.csv' || ext === '.tsv' || ext === '.txt') {
      const read = await readHead(file, CSV_HEAD);
      const whole = read.length >= info.size;
      // A character cut off at the end of the head would make UTF-8 look like another encoding.
      const head = whole ? read : read.subarray(0, wholeCharacters(read));
      try {
        await readCsv(file, file, sink, (async function* () {
          yield head;
        })());
      } catch (err) {
        // Cut off at the end of the head, the file's first rows may not all have been seen: only a header found, or
        // rows enough that none of them is one, tell anything; the rest is the reading's to say.
        if (!whole && !(err instanceof HeaderFound) && !sink.searchedEnough) return { ok: true };
        throw err;
      }
    } else {
      // A workbook's sheets are tables of their own, each named by its sheet.
      await readTable(file, (table) => new HeaderSink(table.file, options));
    }
  } catch (err) {
    if (err instanceof HeaderFound) return { ok: true };
    if (err instanceof UnknownHeaderError) return { ok: false, header: err.problem, error: err };
    if (err instanceof InputError) return { ok: false, header: null, error: err };
    throw err;
  }
  return { ok: true };
}

/** A table sink that reads a header, judges it as the reading would, and stops. */
class HeaderSink implements TableSink {
  /** Whether as many rows as a header is looked for in were seen, none of them a header. */
  searchedEnough = false;

  constructor(
    private readonly file: string,
    private readonly options: Pick<MappingOptions, 'adapters' | 'adapterFile'>,
  ) {}

  recognises(columns: string[]): boolean {
    return recognisesHeader(columns, this.options.adapters);
  }

  noHeader(candidates: ReadonlyArray<{ values: string[]; line: number }>): never {
    this.searchedEnough = candidates.length >= HEADER_SEARCH_ROWS;
    throw unknownHeader(this.file, candidates, this.options.adapters, this.options.adapterFile);
  }

  header(columns: string[], info: TableInfo): void {
    detectLayout(columns, this.options.adapters, info.file, this.options.adapterFile);
    throw new HeaderFound();
  }

  row(): void {}
  unreadable(): void {}
}
