/**
 * Reads a JSON export: an array of objects, an object `{ "rows": [...] }`, or JSON Lines (one
 * object per line). Each object becomes a row; its line is the line its opening brace is on.
 * Keys are the columns, in the order first seen. JSON exports are small beside CSV ones, so
 * the file is read whole.
 */
import { readFile } from 'node:fs/promises';
import { encodingFromBom } from './encoding.js';
import { InputError, type TableInfo, type TableSink } from './table.js';

interface Located {
  value: unknown;
  line: number;
}

/** Offsets and lines of the elements of the array whose `[` is at `start`. */
function arrayElements(text: string, start: number, startLine: number): Array<{ offset: number; line: number }> {
  const out: Array<{ offset: number; line: number }> = [];
  let depth = 0;
  let line = startLine;
  let inString = false;
  let expectValue = true;
  for (let i = start + 1; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === '\n') line++;
    if (inString) {
      if (ch === '\\') i++;
      else if (ch === '"') inString = false;
      continue;
    }
    if (ch === ' ' || ch === '\t' || ch === '\r' || ch === '\n') continue;
    if (depth === 0 && expectValue && ch !== ']') {
      out.push({ offset: i, line });
      expectValue = false;
    }
    if (ch === '"') inString = true;
    else if (ch === '{' || ch === '[') depth++;
    else if (ch === '}' || ch === ']') {
      if (depth === 0) break;
      depth--;
    } else if (ch === ',' && depth === 0) expectValue = true;
  }
  return out;
}

/** Where the value of a key of the root object starts (the root's own keys only). */
function rootKeyValue(text: string, key: string): { offset: number; line: number } | null {
  let depth = 0;
  let line = 1;
  let inString = false;
  let stringStart = -1;
  let lastKey: string | null = null;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === '\n') line++;
    if (inString) {
      if (ch === '\\') i++;
      else if (ch === '"') {
        inString = false;
        if (depth === 1) lastKey = text.slice(stringStart + 1, i);
      }
      continue;
    }
    if (ch === '"') {
      inString = true;
      stringStart = i;
    } else if (ch === '{' || ch === '[') {
      if (depth === 1 && lastKey === key) return { offset: i, line };
      depth++;
    } else if (ch === '}' || ch === ']') depth--;
    else if (ch === ',') lastKey = null;
  }
  return null;
}

function lineOfOffset(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

function parseWhole(text: string, file: string): unknown {
  try {
    return JSON.parse(text);
  } catch (err) {
    // The parser's own message quotes the text around the fault, which may be note text: only its position is used.
    const match = /position (\d+)/.exec((err as Error).message);
    const where = match ? ` near line ${lineOfOffset(text, Number(match[1]))}` : '';
    throw new InputError(`${file} is not valid JSON${where}: a value is cut off, or a comma, quote or bracket is missing or out of place`);
  }
}

function locateRows(text: string, file: string): Located[] | null {
  const first = text.search(/\S/);
  if (first === -1) throw new InputError(`${file} is empty: an export needs at least one record`);
  if (text[first] === '[') {
    const values = parseWhole(text, file) as unknown[];
    const places = arrayElements(text, first, lineOfOffset(text, first));
    return values.map((value, i) => ({ value, line: places[i]?.line ?? 1 }));
  }
  let whole: unknown;
  try {
    whole = JSON.parse(text);
  } catch {
    return null; // several values: JSON Lines
  }
  if (whole && typeof whole === 'object' && Array.isArray((whole as { rows?: unknown }).rows)) {
    const at = rootKeyValue(text, 'rows')!;
    const places = arrayElements(text, at.offset, at.line);
    return ((whole as { rows: unknown[] }).rows).map((value, i) => ({ value, line: places[i]?.line ?? at.line }));
  }
  if (whole && typeof whole === 'object' && !Array.isArray(whole)) {
    return [{ value: whole, line: lineOfOffset(text, first) }];
  }
  throw new InputError(`${file} holds JSON that is neither an array of records, { "rows": [...] }, nor JSON Lines`);
}

function jsonLines(text: string, sink: TableSink): Located[] {
  const out: Located[] = [];
  const lines = text.split(/\r\n|\n|\r/);
  lines.forEach((lineText, i) => {
    if (lineText.trim() === '') return;
    try {
      out.push({ value: JSON.parse(lineText), line: i + 1 });
    } catch {
      sink.unreadable(i + 1, 'the line is not valid JSON: a value is cut off, or a comma, quote or bracket is missing or out of place', 1);
    }
  });
  return out;
}

function cell(value: unknown): string | null {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value) && value.every((v) => typeof v === 'string' || typeof v === 'number')) return value.join(';');
  return null;
}

export async function readJson(path: string, displayName: string, sink: TableSink): Promise<void> {
  const bytes = await readFile(path);
  const bom = encodingFromBom(bytes);
  const text = new TextDecoder(bom?.encoding ?? 'utf-8').decode(bytes.subarray(bom?.bomLength ?? 0));
  const located = locateRows(text, displayName) ?? jsonLines(text, sink);

  const columns: string[] = [];
  const seen = new Set<string>();
  for (const { value } of located) {
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      for (const key of Object.keys(value)) {
        if (!seen.has(key)) {
          seen.add(key);
          columns.push(key);
        }
      }
    }
  }
  const info: TableInfo = { file: displayName, format: 'json', encoding: 'json', titleRows: 0 };
  if (sink.recognises?.(columns) === false) sink.noHeader?.([{ values: columns, line: 1 }]);
  sink.header(columns, info);
  for (const { value, line } of located) {
    if (!value || typeof value !== 'object' || Array.isArray(value)) {
      sink.unreadable(line, 'the record is not a JSON object', 1);
      continue;
    }
    const record = value as Record<string, unknown>;
    const values: string[] = [];
    let bad: string | null = null;
    for (const column of columns) {
      const v = cell(record[column]);
      if (v === null) {
        bad = column;
        break;
      }
      values.push(v);
    }
    if (bad !== null) {
      sink.unreadable(line, `the value of "${bad}" is a nested object, not a value`, 1);
      continue;
    }
    sink.row(values, line);
  }
  sink.end?.(0);
}
