/**
 * The values of a column whose cells repeat (ids of people and cases, codes, flags, lists),
 * looked up by the bytes of each cell as a line read as bytes holds it (ingest/csv.ts): a
 * cell seen before gives the value made of it then, with no string made of it again. A cell not
 * seen before is made a string once and converted by the field's own converter, so that a value
 * is always the one that converter gives for the cell's text.
 */
import { asciiText } from '../ingest/table.js';
import { grown } from '../model/record-table.js';

/** Cells remembered at most (as `cached` in fields.ts): past them, each is converted as it comes. */
const DEFAULT_BOUND = 10_000;
/** A cell longer than this is not remembered (ids, codes and lists of topics are far shorter), nor more bytes of cells in all. */
const LONGEST_KEY = 256;
const KEY_BYTES = 8 << 20;
/** Slots looked at for a cell at most: a file of cells made to collide is converted as it comes, never searched at length. */
const MOST_PROBES = 32;

export class ByteIntern {
  /** Open addressing: each slot the number of an entry, or -1. */
  private slots = new Int32Array(64).fill(-1);
  private hashes = new Int32Array(16);
  private keyStarts = new Int32Array(16);
  private keyLengths = new Int32Array(16);
  /** The bytes of every cell remembered, one after another. */
  private keys = new Uint8Array(1024);
  private keysUsed = 0;
  private readonly values: unknown[] = [];
  /** The entry of the cell looked up last, or -1. */
  private last = -1;
  private readonly seed = (Math.random() * 0x100000000) | 0;

  constructor(
    private readonly convert: (text: string) => unknown,
    private readonly bound = DEFAULT_BOUND,
  ) {}

  /** The value of the cell `from` to `to` of `bytes`. */
  valueOf(bytes: Buffer, from: number, to: number): unknown {
    const length = to - from;
    // Exports list rows in runs (a case's steps together): the cell before is compared first.
    const last = this.last;
    if (last >= 0 && this.keyLengths[last] === length && this.sameBytes(last, bytes, from, length)) return this.values[last];
    // FNV-1a over the cell's bytes from a seed of this table's, its bits then mixed (murmur3's
    // finaliser), so that which cells collide cannot be known from outside the run.
    let hash = this.seed;
    for (let i = from; i < to; i++) hash = Math.imul(hash ^ bytes[i]!, 0x01000193);
    hash = Math.imul(hash ^ (hash >>> 16), 0x85ebca6b);
    hash = Math.imul(hash ^ (hash >>> 13), 0xc2b2ae35);
    hash ^= hash >>> 16;
    const mask = this.slots.length - 1;
    for (let probe = 0, slot = hash & mask; probe < MOST_PROBES; probe++, slot = (slot + 1) & mask) {
      const entry = this.slots[slot]!;
      if (entry < 0) return this.add(slot, hash, bytes, from, to);
      if (this.hashes[entry] === hash && this.keyLengths[entry] === length && this.sameBytes(entry, bytes, from, length)) {
        this.last = entry;
        return this.values[entry];
      }
    }
    return this.convert(asciiText(bytes, from, to));
  }

  private sameBytes(entry: number, bytes: Uint8Array, from: number, length: number): boolean {
    const keys = this.keys;
    const start = this.keyStarts[entry]!;
    for (let i = 0; i < length; i++) if (keys[start + i] !== bytes[from + i]) return false;
    return true;
  }

  private add(slot: number, hash: number, bytes: Buffer, from: number, to: number): unknown {
    const value = this.convert(asciiText(bytes, from, to));
    const entry = this.values.length;
    const length = to - from;
    if (entry >= this.bound || length > LONGEST_KEY || this.keysUsed + length > KEY_BYTES) return value;
    if (entry === this.hashes.length) {
      this.hashes = grown(this.hashes, entry * 2);
      this.keyStarts = grown(this.keyStarts, entry * 2);
      this.keyLengths = grown(this.keyLengths, entry * 2);
    }
    if (this.keysUsed + length > this.keys.length) this.keys = grown(this.keys, Math.max(this.keys.length * 2, this.keysUsed + length));
    this.keys.set(bytes.subarray(from, to), this.keysUsed);
    this.hashes[entry] = hash;
    this.keyStarts[entry] = this.keysUsed;
    this.keyLengths[entry] = length;
    this.keysUsed += length;
    this.values.push(value);
    this.slots[slot] = entry;
    this.last = entry;
    // At most half full, so that a search ends soon.
    if (this.values.length * 2 > this.slots.length) this.rehash();
    return value;
  }

  private rehash(): void {
    const slots = new Int32Array(this.slots.length * 2).fill(-1);
    const mask = slots.length - 1;
    for (let entry = 0; entry < this.values.length; entry++) {
      let slot = this.hashes[entry]! & mask;
      while (slots[slot]! >= 0) slot = (slot + 1) & mask;
      slots[slot] = entry;
    }
    this.slots = slots;
  }
}
