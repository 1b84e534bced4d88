/**
 * Reads a JSON report from its bytes without ever holding its text as one string. A big
 * authority's report lists hundreds of thousands of findings (186 MB of JSON); as one string
 * that is twice its bytes (a report with any character beyond Latin-1 is held two bytes a
 * character), and `diff` reads two. The bytes are scanned for the top-level lists that grow
 * with the data; their elements are parsed a run of about a megabyte at a time, and the rest of
 * the report (small) with those lists left empty. The value is exactly what JSON.parse gives for
 * the whole text, and whatever JSON.parse refuses is refused.
 */

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COLON = 0x3a;
const COMMA = 0x2c;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const OPEN_LIST = 0x5b;
const CLOSE_LIST = 0x5d;

/**
 * Elements are parsed in runs of about this many bytes, each run as one list: runs of tiny
 * elements cost no more than JSON.parse of the whole, and no run is more than a little text.
 */
const RUN_BYTES = 1 << 20;

/** A top-level list found in the bytes: where its runs of elements lie. */
interface ListAt {
  key: string;
  /** The bytes just inside its brackets. */
  start: number;
  end: number;
  /** Runs of whole elements, [from, to), one after another, split at the commas between elements. */
  runs: Array<[number, number]>;
}

/**
 * The report as JSON.parse would give it for the whole text; the lists named in `longLists`,
 * when they are lists at the top level, parsed a run of elements at a time (`runBytes`, for
 * tests). Throws SyntaxError for bytes that are not one JSON value.
 */
export function parseReportBytes(bytes: Buffer, longLists: ReadonlySet<string>, runBytes = RUN_BYTES): unknown {
  // A byte order mark, as an editor may save the file with, is not part of the JSON.
  const from = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  const lists = topLevelLists(bytes, from, longLists, runBytes);
  if (lists.length === 0) return JSON.parse(bytes.toString('utf8', from));
  // The rest of the report, with each long list left empty: small, parsed whole.
  let rest = '';
  let at = from;
  for (const list of lists) {
    rest += bytes.toString('utf8', at, list.start);
    at = list.end;
  }
  rest += bytes.toString('utf8', at);
  const report = JSON.parse(rest) as Record<string, unknown>;
  // Every list is parsed (what JSON.parse refuses anywhere is refused); a key given twice is, as
  // JSON.parse reads it, the last one given.
  const parsed = new Map<string, unknown[]>();
  for (const list of lists) parsed.set(list.key, elementsOf(bytes, list));
  for (const [key, elements] of parsed) {
    // The list's value as JSON.parse gave it was parsed from `[]`: only a list is filled in.
    if (Array.isArray(report[key])) report[key] = elements;
  }
  return report;
}

/**
 * The lists of the top-level object whose keys are in `wanted`, with the runs of their elements
 * (each about `runBytes` long, cut at a comma between elements). Strings are skipped whole (a bracket or comma inside one is text); bytes of UTF-8
 * beyond ASCII never equal a bracket, a quote or a comma. Bytes whose brackets do not balance
 * are left for JSON.parse to refuse.
 */
function topLevelLists(bytes: Buffer, from: number, wanted: ReadonlySet<string>, runBytes: number): ListAt[] {
  const lists: ListAt[] = [];
  let depth = 0;
  /** The last string closed at the top level: a key when a colon follows. */
  let lastString = '';
  let key: string | null = null;
  let list: ListAt | null = null;
  let runStart = 0;
  for (let i = from; i < bytes.length; i++) {
    const b = bytes[i]!;
    if (b === QUOTE) {
      const start = i;
      i = closingQuote(bytes, start);
      if (depth === 1) lastString = bytes.toString('utf8', start, i + 1);
      continue;
    }
    if (b === COLON && depth === 1) {
      key = parseKey(lastString);
      continue;
    }
    if (b === OPEN_OBJECT || b === OPEN_LIST) {
      depth += 1;
      if (depth === 2 && b === OPEN_LIST && key !== null && wanted.has(key)) {
        list = { key, start: i + 1, end: i + 1, runs: [] };
        runStart = i + 1;
      }
      continue;
    }
    if (b === CLOSE_OBJECT || b === CLOSE_LIST) {
      if (depth === 2 && list !== null) {
        if (b !== CLOSE_LIST) return [];
        list.runs.push([runStart, i]);
        list.end = i;
        lists.push(list);
        list = null;
      }
      depth -= 1;
      if (depth === 1) key = null;
      if (depth < 0) return [];
      continue;
    }
    if (b === COMMA) {
      if (depth === 2 && list !== null) {
        if (i - runStart >= runBytes) {
          list.runs.push([runStart, i]);
          runStart = i + 1;
        }
      } else if (depth === 1) key = null;
    }
  }
  // A list never closed: the bytes are not JSON, and the whole is left for JSON.parse to refuse.
  return list === null ? lists : [];
}

/** Where the string opened at `start` closes (the length of the bytes, when it never does). */
function closingQuote(bytes: Buffer, start: number): number {
  for (let at = bytes.indexOf(QUOTE, start + 1); at >= 0; at = bytes.indexOf(QUOTE, at + 1)) {
    // A quote after an odd number of backslashes is escaped: part of the text.
    let slashes = 0;
    while (at - slashes - 1 > start && bytes[at - slashes - 1] === BACKSLASH) slashes++;
    if (slashes % 2 === 0) return at;
  }
  return bytes.length;
}

/**
 * A list's elements, each run parsed as a list of its own. Where there are several runs, each
 * is next to a comma, so each must hold an element: JSON.parse refuses a comma with nothing on
 * one side (`[1,]`, `[,1]`), which a run alone (``) would not show.
 */
function elementsOf(bytes: Buffer, list: ListAt): unknown[] {
  const elements: unknown[] = [];
  for (const [start, end] of list.runs) {
    const text = bytes.toString('utf8', start, end);
    if (list.runs.length > 1 && /^[ \t\n\r]*$/.test(text)) throw new SyntaxError('a comma with no element beside it');
    // Pushed one at a time: a run may hold more elements than a call's arguments can.
    for (const element of JSON.parse(`[${text}]`) as unknown[]) elements.push(element);
  }
  return elements;
}

/** A key as JSON.parse reads it (escapes and all); null for text that is not a JSON string. */
function parseKey(text: string): string | null {
  try {
    const key: unknown = JSON.parse(text);
    return typeof key === 'string' ? key : null;
  } catch {
    return null;
  }
}
