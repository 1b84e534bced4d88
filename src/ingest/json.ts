/**
 * Reads a JSON export: an array of objects; an object wrapping that array as report services
 * write it (`value` for OData, with `@odata.context` beside it; `d.results` for OData 2;
 * `data`, `rows`, `records`, `items`); or JSON Lines (one object per line). Each object becomes
 * a row; its line is the line its opening brace is on. Keys are the columns, in the order first
 * seen. Numbers are read from their text, digit for digit (json-parse.ts). JSON exports are
 * small beside CSV ones, so the file is read whole.
 */
import { isUtf8 } from 'node:buffer';
import { readFile } from 'node:fs/promises';
import { encodingFromMarks, NOT_UTF8 } from './encoding.js';
import { JsonArray, JsonLongString, JsonNumber, JsonObject, JsonParser, JsonSyntaxError, TOO_DEEP, type JsonValue } from './json-parse.js';
import { CELL_LIMIT, cellTooLong, notRead } from './limits.js';
import { InputError, type TableInfo, type TableSink } from './table.js';

interface Located {
  value: JsonValue;
  line: number;
}

/** The keys a report service wraps its array of records in, in the order they are looked for. */
export const JSON_WRAPPERS = ['value', 'd.results', 'data', 'rows', 'records', 'items'] as const;
/** Keys saying the file holds one page of results and more are to be fetched. */
const NEXT_PAGE = ['@odata.nextLink', 'odata.nextLink', '__next'];

function syntaxError(file: string, err: JsonSyntaxError): InputError {
  return new InputError(`${file} is not valid JSON at line ${err.line}: ${err.message}. Export it again, or save it as CSV`);
}

/** The array of records an object wraps, with the key path it is under. */
function wrapped(root: JsonObject): { array: JsonArray; key: string; page: JsonObject } | null {
  for (const path of JSON_WRAPPERS) {
    const [outer, inner] = path.split('.') as [string, string | undefined];
    let holder = root;
    let value = root.get(outer);
    if (inner !== undefined) {
      if (!(value instanceof JsonObject)) continue;
      holder = value;
      value = value.get(inner);
    }
    if (value instanceof JsonArray && value.items.every((item) => item instanceof JsonObject)) return { array: value, key: path, page: holder };
  }
  return null;
}

function locateRows(text: string, file: string): Located[] | null {
  const parser = new JsonParser(text);
  if (parser.atEnd()) throw new InputError(`${file} is empty: an export needs at least one record`);
  let root: JsonValue;
  try {
    root = parser.value();
  } catch (err) {
    if (!(err instanceof JsonSyntaxError)) throw err;
    // A first value that breaks off may be the first line of JSON Lines; an array never is, and a value nested too deep is too deep on any line.
    if (text.trimStart().startsWith('[') || err.message.includes(TOO_DEEP)) throw syntaxError(file, err);
    return null;
  }
  if (!parser.atEnd()) {
    if (root instanceof JsonObject) return null; // several values: JSON Lines
    throw new InputError(`${file} is not valid JSON: more text follows the array that should be the whole file. Export it again, or save it as CSV`);
  }
  if (root instanceof JsonArray) return root.items.map((value, i) => ({ value, line: root.lines[i]! }));
  if (root instanceof JsonObject) {
    const found = wrapped(root);
    if (found === null) return [{ value: root, line: root.line }];
    const next = NEXT_PAGE.find((key) => found.page.get(key) !== undefined || root.get(key) !== undefined);
    if (next !== undefined) {
      throw new InputError(
        `${file} holds one page of a report service's results ("${next}" names the next page), so the export is incomplete: download every page (or the whole export at once) and hand the audit all of it`,
      );
    }
    return found.array.items.map((value, i) => ({ value, line: found.array.lines[i]! }));
  }
  throw new InputError(`${file} holds JSON that is neither an array of records, an object wrapping one (${JSON_WRAPPERS.map((w) => `"${w}"`).join(', ')}), nor JSON Lines`);
}

function jsonLines(text: string, sink: TableSink): Located[] {
  const out: Located[] = [];
  const lines = text.split(/\r\n|\n|\r/);
  lines.forEach((lineText, i) => {
    if (lineText.trim() === '') return;
    try {
      const parser = new JsonParser(lineText);
      const value = parser.value();
      if (!parser.atEnd()) throw new JsonSyntaxError('more text follows the record', 1);
      out.push({ value, line: i + 1 });
    } catch (err) {
      if (!(err instanceof JsonSyntaxError)) throw err;
      sink.unreadable(i + 1, 'the line is not valid JSON: a value is cut off, or a comma, quote or bracket is missing or out of place', 1);
    }
  });
  return out;
}

/** The cell a JSON value makes: a number as written; a list of values joined by `;`; null for what is no cell. */
function cell(value: JsonValue | undefined): string | JsonLongString | null {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (value instanceof JsonNumber) return value.text;
  if (typeof value === 'boolean') return String(value);
  if (value instanceof JsonLongString) return value;
  if (value instanceof JsonArray) {
    const parts: string[] = [];
    for (const item of value.items) {
      if (typeof item === 'string') parts.push(item);
      else if (item instanceof JsonNumber) parts.push(item.text);
      else return null;
    }
    const joined = parts.join(';');
    return joined.length > CELL_LIMIT ? new JsonLongString(joined.length) : joined;
  }
  return null;
}

export async function readJson(path: string, displayName: string, sink: TableSink, bytes?: Buffer): Promise<void> {
  bytes ??= await readFile(path);
  const marked = encodingFromMarks(bytes);
  let text: string;
  try {
    text = new TextDecoder(marked?.encoding ?? 'utf-8').decode(bytes.subarray(marked?.bomLength ?? 0));
  } catch {
    throw new InputError(`${displayName} is too large to read as JSON (${bytes.length.toLocaleString('en-GB')} bytes): export it as CSV, which is read as it streams`);
  }
  const located = locateRows(text, displayName) ?? jsonLines(text, sink);
  // Bytes that are not UTF-8 were each replaced by U+FFFD: only then is each value looked at for it.
  const replacedBytes = (marked === null || marked.encoding === 'utf-8') && !isUtf8(bytes);

  const columns: string[] = [];
  const seen = new Set<string>();
  for (const { value } of located) {
    if (!(value instanceof JsonObject)) continue;
    for (const key of value.keys) {
      if (!seen.has(key)) {
        seen.add(key);
        columns.push(key);
      }
    }
  }
  const info: TableInfo = { file: displayName, format: 'json', encoding: 'json', titleRows: 0 };
  // An export with no records has no columns to tell its layout by: it is handed over as an empty table.
  if (columns.length > 0 && sink.recognises?.(columns) === false) sink.noHeader?.([{ values: columns, line: 1 }]);
  sink.header(columns, info);
  for (const { value, line } of located) {
    if (!(value instanceof JsonObject)) {
      sink.unreadable(line, 'the record is not a JSON object', 1);
      continue;
    }
    // A record that cannot be read still says, in its other values, whose it was (a workers row's id).
    const { values, problem } = rowOf(value, columns, sink);
    if (value.repeated !== null) {
      values[columns.indexOf(value.repeated)] = '';
      sink.unreadable(line, `the key "${value.repeated}" is given twice in the record, so which value is meant is unknown (as a column named twice in a CSV header is); correct the export`, 1, values);
      continue;
    }
    if (problem !== null) {
      sink.unreadable(line, problem, 1, values);
      continue;
    }
    if (replacedBytes) {
      for (let i = 0; i < values.length; i++) if (values[i]!.includes('\uFFFD')) sink.changed?.(line, columns[i]!, NOT_UTF8);
    }
    sink.row(values, line);
  }
  sink.end?.(0);
}

/**
 * A record's cells in the order of the columns, and why it cannot be a row, if it cannot: a
 * nested object or a value longer than a cell can hold, in a column that is read (in one that
 * is not, it is never looked at).
 */
function rowOf(record: JsonObject, columns: readonly string[], sink: TableSink): { values: string[]; problem: string | null } {
  const values: string[] = [];
  let problem: string | null = null;
  for (let i = 0; i < columns.length; i++) {
    const v = cell(record.get(columns[i]!));
    if (typeof v === 'string') {
      values.push(v);
      continue;
    }
    if (sink.readsColumn?.(i) === false) {
      values.push(v === null ? '' : notRead(v.length));
      continue;
    }
    // The first value that cannot be read is the record's problem; it and any other such are left ''.
    problem ??= v === null ? `the value of "${columns[i]}" is a nested object, not a value` : cellTooLong(columns[i]!, v.length);
    values.push('');
  }
  return { values, problem };
}
