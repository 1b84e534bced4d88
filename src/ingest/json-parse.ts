/**
 * A JSON parser for exports, where JSON.parse would mislead: a number is kept as the text it
 * is written as (an id of 90071992547409921 stays those digits, never 90071992547409920, and
 * 1e400 never becomes Infinity); a key given twice in one object is recorded, not silently
 * overwritten; a string longer than a cell can hold is not copied; every object knows the
 * line its opening brace is on. Errors give their line, never the text around them (which
 * may be a note about a child).
 */
import { CELL_LIMIT } from './limits.js';

/** How the parser says a value is nested too deep (json.ts tells it from a value cut off). */
export const TOO_DEEP = 'objects and arrays are nested more than';

export class JsonNumber {
  constructor(readonly text: string) {}
}

/** A string longer than a cell can hold: its length only. */
export class JsonLongString {
  constructor(readonly length: number) {}
}

export class JsonObject {
  readonly keys: string[] = [];
  readonly values: JsonValue[] = [];
  /** The first key given twice, when one is. */
  repeated: string | null = null;
  constructor(readonly line: number) {}

  get(key: string): JsonValue | undefined {
    const at = this.keys.indexOf(key);
    return at < 0 ? undefined : this.values[at];
  }
}

export class JsonArray {
  readonly items: JsonValue[] = [];
  /** The line each item starts on. */
  readonly lines: number[] = [];
  constructor(readonly line: number) {}
}

export type JsonValue = string | boolean | null | JsonNumber | JsonLongString | JsonObject | JsonArray;

export class JsonSyntaxError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(message);
  }
}

/** Arrays and objects nested deeper than any export's records are: a guard against a stack overflow. */
const MAX_DEPTH = 64;

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const ESCAPES: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };

export class JsonParser {
  private pos = 0;
  /** Lines are counted lazily, forward from the last place asked about. */
  private lineAt = 0;
  private line = 1;

  constructor(
    private readonly text: string,
    private readonly cellLimit = CELL_LIMIT,
  ) {}

  /** The line of a place in the text at or after the last one asked about. */
  lineOf(offset: number): number {
    const text = this.text;
    let at = this.lineAt;
    let line = this.line;
    while (true) {
      const next = text.indexOf('\n', at);
      if (next < 0 || next >= offset) break;
      line++;
      at = next + 1;
    }
    this.lineAt = at;
    this.line = line;
    return line;
  }

  /** Whether only white space is left. */
  atEnd(): boolean {
    this.skipSpace();
    return this.pos >= this.text.length;
  }

  /** The next value of the text (for JSON Lines, the next of several). */
  value(depth = 0): JsonValue {
    this.skipSpace();
    const text = this.text;
    const c = text.charCodeAt(this.pos);
    if (c === 0x22) return this.string(true);
    if (c === 0x7b) return this.object(depth);
    if (c === 0x5b) return this.array(depth);
    if (c === 0x2d || (c >= 0x30 && c <= 0x39)) {
      NUMBER.lastIndex = this.pos;
      const match = NUMBER.exec(text);
      if (!match) this.fail('a number is malformed');
      this.pos = NUMBER.lastIndex;
      return new JsonNumber(match[0]);
    }
    for (const [word, value] of [['true', true], ['false', false], ['null', null]] as const) {
      if (text.startsWith(word, this.pos)) {
        this.pos += word.length;
        return value;
      }
    }
    return this.fail(this.pos >= text.length ? 'the text ends where a value should be (cut off?)' : 'a value is expected here');
  }

  private object(depth: number): JsonObject {
    if (depth >= MAX_DEPTH) this.fail(`${TOO_DEEP} ${MAX_DEPTH} deep`);
    const object = new JsonObject(this.lineOf(this.pos));
    this.pos++;
    this.skipSpace();
    if (this.text.charCodeAt(this.pos) === 0x7d) {
      this.pos++;
      return object;
    }
    while (true) {
      this.skipSpace();
      if (this.text.charCodeAt(this.pos) !== 0x22) this.fail('a key in quotes is expected here');
      const key = this.string(false) as string;
      this.skipSpace();
      if (this.text.charCodeAt(this.pos) !== 0x3a) this.fail('a colon is expected after a key');
      this.pos++;
      const value = this.value(depth + 1);
      if (object.repeated === null && object.keys.includes(key)) object.repeated = key;
      object.keys.push(key);
      object.values.push(value);
      if (this.separator(0x7d)) return object;
    }
  }

  private array(depth: number): JsonArray {
    if (depth >= MAX_DEPTH) this.fail(`${TOO_DEEP} ${MAX_DEPTH} deep`);
    const array = new JsonArray(this.lineOf(this.pos));
    this.pos++;
    this.skipSpace();
    if (this.text.charCodeAt(this.pos) === 0x5d) {
      this.pos++;
      return array;
    }
    while (true) {
      this.skipSpace();
      array.lines.push(this.lineOf(this.pos));
      array.items.push(this.value(depth + 1));
      if (this.separator(0x5d)) return array;
    }
  }

  /** After an item: a comma (false), or the closing bracket (true). */
  private separator(close: number): boolean {
    this.skipSpace();
    const c = this.text.charCodeAt(this.pos);
    this.pos++;
    if (c === close) return true;
    if (c === 0x2c) return false;
    return this.fail(this.pos > this.text.length ? 'the text ends inside an object or array (cut off?)' : `a comma or a closing ${close === 0x7d ? 'brace' : 'bracket'} is expected here`);
  }

  /** A quoted string; a value longer than a cell can hold is measured, not copied (keys always are). */
  private string(isValue: boolean): string | JsonLongString {
    const text = this.text;
    const start = this.pos + 1;
    let at = start;
    let escaped = false;
    while (true) {
      const quote = text.indexOf('"', at);
      if (quote < 0) this.fail('a string is never closed (cut off?)');
      // A quote preceded by an odd number of backslashes is part of the string.
      let slashes = 0;
      while (text.charCodeAt(quote - 1 - slashes) === 0x5c) slashes++;
      if (slashes > 0) escaped = true;
      if (slashes % 2 === 0) {
        this.pos = quote + 1;
        const length = quote - start;
        if (isValue && length > this.cellLimit) return new JsonLongString(length);
        const raw = text.slice(start, quote);
        return escaped || raw.indexOf('\\') >= 0 ? this.unescape(raw, start) : raw;
      }
      at = quote + 1;
    }
  }

  private unescape(raw: string, start: number): string {
    let out = '';
    let from = 0;
    for (let i = raw.indexOf('\\'); i >= 0; i = raw.indexOf('\\', from)) {
      out += raw.slice(from, i);
      const kind = raw[i + 1]!;
      if (kind === 'u') {
        const hex = raw.slice(i + 2, i + 6);
        if (!/^[0-9a-fA-F]{4}$/.test(hex)) {
          this.pos = start + i;
          this.fail('a \\u escape in a string is malformed');
        }
        out += String.fromCharCode(parseInt(hex, 16));
        from = i + 6;
      } else {
        const char = ESCAPES[kind];
        if (char === undefined) {
          this.pos = start + i;
          this.fail('a backslash in a string starts no known escape');
        }
        out += char;
        from = i + 2;
      }
    }
    return out + raw.slice(from);
  }

  private skipSpace(): void {
    const text = this.text;
    let pos = this.pos;
    for (let c = text.charCodeAt(pos); c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09; c = text.charCodeAt(++pos));
    this.pos = pos;
  }

  private fail(problem: string): never {
    throw new JsonSyntaxError(problem, this.lineOf(Math.min(this.pos, this.text.length)));
  }
}
