/**
 * Cells kept until a file ends (the answers of forms exported one row per answer, held until
 * the last row because a form's answers may stand anywhere in the file), as bytes in one
 * growing buffer rather than a string and an object each: a million cells kept as strings
 * cost about ten times their text.
 */

import { InputError } from '../ingest/table.js';
import { grown } from '../model/record-table.js';

/** No cell kept at this number (yet). */
const NONE = -1;
/** A cell whose text has a character past Latin-1 (U+0100 and above): its text is kept as a string. */
const WIDE = -2;

export class KeptCells {
  /**
   * `file`: the file the cells are read from, for the error that stops a file with more text to
   * keep than `limit` bytes (at most 2 GiB, where a cell's place in the buffer still fits its number).
   */
  constructor(
    private readonly file: string,
    private readonly limit = 2 ** 31 - 1,
  ) {}

  /** Each cell's text, as Latin-1 bytes, from `starts[cell]` to `ends[cell]`. */
  private bytes = Buffer.allocUnsafe(1 << 16);
  private used = 0;
  private starts: Int32Array = new Int32Array(1 << 12).fill(NONE);
  private ends: Int32Array = new Int32Array(1 << 12);
  private lines: Int32Array = new Int32Array(1 << 12);
  private reserved = 0;
  /** The texts of WIDE cells, by cell (a few names at most). */
  private readonly wide = new Map<number, string>();
  /** Why a cell cannot be trusted, by cell (a form answered twice, differently). */
  private readonly conflicts = new Map<number, string>();

  /** Numbers `count` cells, none kept yet; returns the first one's number. */
  reserve(count: number): number {
    const first = this.reserved;
    this.reserved += count;
    if (this.reserved > this.starts.length) {
      let size = this.starts.length * 2;
      while (size < this.reserved) size *= 2;
      const kept = this.starts.length;
      this.starts = grown(this.starts, size).fill(NONE, kept);
      this.ends = grown(this.ends, size);
      this.lines = grown(this.lines, size);
    }
    return first;
  }

  has(cell: number): boolean {
    return this.starts[cell] !== NONE;
  }

  /** Keeps a cell's text, read at `line`. */
  keep(cell: number, text: string, line: number): void {
    const length = text.length;
    if (this.used + length > this.bytes.length) {
      if (this.used + length > this.limit) {
        throw new InputError(`${this.file}: its forms hold more than ${megabytes(this.limit)} of answers, more than the audit keeps while it puts each form together; export fewer months of forms`);
      }
      let size = this.bytes.length * 2;
      while (size < this.used + length) size *= 2;
      const bytes = Buffer.allocUnsafe(Math.min(size, this.limit));
      this.bytes.copy(bytes, 0, 0, this.used);
      this.bytes = bytes;
    }
    const { bytes } = this;
    const start = this.used;
    this.lines[cell] = line;
    for (let i = 0; i < length; i++) {
      const code = text.charCodeAt(i);
      if (code > 255) {
        this.starts[cell] = WIDE;
        // A flat copy: the text may be a view of a whole chunk of the file (model/text.ts).
        this.wide.set(cell, ` ${text}`.slice(1));
        return;
      }
      bytes[start + i] = code;
    }
    this.starts[cell] = start;
    this.ends[cell] = start + length;
    this.used += length;
  }

  /** A kept cell's text; undefined for a cell not kept. */
  text(cell: number): string | undefined {
    const start = this.starts[cell]!;
    if (start === NONE) return undefined;
    if (start === WIDE) return this.wide.get(cell)!;
    return this.bytes.toString('latin1', start, this.ends[cell]);
  }

  line(cell: number): number {
    return this.lines[cell]!;
  }

  /** Whether a kept cell holds `text`, white space around either aside. */
  holds(cell: number, text: string): boolean {
    const start = this.starts[cell]!;
    // Most often the very same characters: told without making a string.
    if (start >= 0 && this.ends[cell]! - start === text.length) {
      const { bytes } = this;
      let i = 0;
      while (i < text.length && bytes[start + i] === text.charCodeAt(i)) i++;
      if (i === text.length) return true;
    }
    return this.text(cell)!.trim() === text.trim();
  }

  conflict(cell: number): string | undefined {
    return this.conflicts.size === 0 ? undefined : this.conflicts.get(cell);
  }

  /** Marks a cell as not to be trusted, once: the first reason found is the one given. */
  distrust(cell: number, why: () => string): void {
    if (!this.conflicts.has(cell)) this.conflicts.set(cell, why());
  }
}

const megabytes = (bytes: number): string => `${Math.round(bytes / 1024 ** 2).toLocaleString('en-GB')} MB`;
