/**
 * A workbook's zip archive, streamed with its parts in the order a one-pass reader wants:
 * the workbook, its shared strings and styles before the sheets. Excel (and exceljs) write the
 * sheets first; read in that order, exceljs's streaming reader has to copy each whole sheet,
 * uncompressed, to a temporary file before it can read a row of it (hundreds of megabytes for a
 * big export). The archive's central directory says where each part is, so the parts are sent
 * as they are stored, only in another order.
 *
 * Each part is also inflated here, as it is sent, to be checked before the reader sees it: a
 * part that inflates beyond PART_BYTES_LIMIT, or beyond PART_RATIO_LIMIT times its compressed
 * size (a zip bomb), or whose data is damaged (a deflate error, a CRC that does not match), is
 * cut off there, and the workbook refused with what was found. The inflated bytes are counted,
 * never kept.
 */
import { open, type FileHandle } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { createInflateRaw } from 'node:zlib';
import { PART_BYTES_LIMIT, PART_RATIO_FROM, PART_RATIO_LIMIT } from './limits.js';
import { InputError } from './table.js';

const END_OF_DIRECTORY = 0x06054b50;
const DIRECTORY_ENTRY = 0x02014b50;
const LOCAL_HEADER = 0x04034b50;
const DATA_DESCRIPTOR = 0x08074b50;
/** The end record is 22 bytes, followed by a comment of up to 65,535. */
const END_SEARCH = 22 + 0xffff;

interface Part {
  name: string;
  offset: number;
  compressedSize: number;
  /** Bit 3: the sizes follow the data, in a data descriptor. */
  flags: number;
  /** 0 stored, 8 deflated. */
  method: number;
  crc: number;
  /** Where the part's compressed data starts, once its local header is read. */
  dataStart?: number;
}

async function readAt(handle: FileHandle, position: number, length: number): Promise<Buffer> {
  const buffer = Buffer.alloc(length);
  const { bytesRead } = await handle.read(buffer, 0, length, position);
  return buffer.subarray(0, bytesRead);
}

/** The parts of the archive, from its central directory; null where it holds what this reader does not (zip64). */
async function parts(handle: FileHandle, size: number, path: string): Promise<Part[] | null> {
  const tailStart = Math.max(0, size - END_SEARCH);
  const tail = await readAt(handle, tailStart, size - tailStart);
  let end = -1;
  for (let i = tail.length - 22; i >= 0; i--) {
    if (tail.readUInt32LE(i) === END_OF_DIRECTORY) {
      end = i;
      break;
    }
  }
  if (end < 0) throw new InputError(`${path} cannot be read as an Excel workbook: its zip archive has no directory at the end, so it was cut off (a download that did not finish?). Save or download it again`);
  const count = tail.readUInt16LE(end + 10);
  const directorySize = tail.readUInt32LE(end + 12);
  const directoryOffset = tail.readUInt32LE(end + 16);
  if (count === 0xffff || directoryOffset === 0xffffffff) return null;
  const directory = await readAt(handle, directoryOffset, directorySize);
  const out: Part[] = [];
  let at = 0;
  for (let n = 0; n < count; n++) {
    if (at + 46 > directory.length || directory.readUInt32LE(at) !== DIRECTORY_ENTRY) {
      throw new InputError(`${path} cannot be read as an Excel workbook: its zip directory is damaged. Save it again from Excel as .xlsx, or as CSV`);
    }
    const nameLength = directory.readUInt16LE(at + 28);
    const extraLength = directory.readUInt16LE(at + 30);
    const commentLength = directory.readUInt16LE(at + 32);
    const compressedSize = directory.readUInt32LE(at + 20);
    const offset = directory.readUInt32LE(at + 42);
    if (compressedSize === 0xffffffff || offset === 0xffffffff) return null;
    out.push({
      name: directory.toString('utf8', at + 46, at + 46 + nameLength),
      offset,
      compressedSize,
      flags: directory.readUInt16LE(at + 8),
      method: directory.readUInt16LE(at + 10),
      crc: directory.readUInt32LE(at + 16),
    });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return out;
}

/** Where a part's stored bytes end: its local header, name, extra field, data and data descriptor. */
async function partEnd(handle: FileHandle, part: Part, size: number, path: string): Promise<number> {
  const header = await readAt(handle, part.offset, 30);
  if (header.length < 30 || header.readUInt32LE(0) !== LOCAL_HEADER) {
    throw new InputError(`${path} cannot be read as an Excel workbook: a part of its zip archive is not where its directory says. Save it again from Excel as .xlsx, or as CSV`);
  }
  part.dataStart = part.offset + 30 + header.readUInt16LE(26) + header.readUInt16LE(28);
  let end = part.dataStart + part.compressedSize;
  if (part.flags & 0x08) {
    const descriptor = await readAt(handle, end, 4);
    end += descriptor.length === 4 && descriptor.readUInt32LE(0) === DATA_DESCRIPTOR ? 16 : 12;
  }
  if (end > size) throw new InputError(`${path} cannot be read as an Excel workbook: it ends before its last part does (cut off?). Save or download it again`);
  return end;
}

/** Sheets last, every other part in the archive's own order before them. */
const sheetsLast = (a: Part, b: Part): number => Number(a.name.startsWith('xl/worksheets/')) - Number(b.name.startsWith('xl/worksheets/'));

/** A workbook's parts as a stream for a one-pass reader, with what was found wrong with them once it fails. */
export interface ReadingOrder {
  stream: Readable;
  /** The names of the archive's parts. */
  names: Set<string>;
  /** Why the stream was cut off (a zip bomb, damaged data), once it was. */
  failure(): InputError | null;
  /**
   * Sets what is called with the failure when the stream is cut off (at once if it was): the
   * reader, left with a part that never ends, may wait for ever (and Node then exits with 13
   * and no word), so each wait for it is ended this way. One at a time: each call replaces the last.
   */
  onCutOff(stop: (why: InputError) => void): void;
}

/**
 * The workbook as a stream of its zip parts, sheets last, each checked as it is sent. An archive
 * this cannot reorder (zip64, for workbooks past 4 GB) is refused: read as it is, each sheet
 * would be copied, inflated, to disk.
 */
export async function workbookPartsInReadingOrder(path: string): Promise<ReadingOrder> {
  const handle = await open(path, 'r');
  let handed = false;
  try {
    const { size } = await handle.stat();
    const found = await parts(handle, size, path);
    if (found === null) {
      throw new InputError(`${path} is a workbook in the zip64 format (past 4 GB, or of more than 65,535 parts), which the audit does not read: save it as CSV`);
    }
    const ranges: Array<[Part, number, number]> = [];
    for (const part of [...found].sort(sheetsLast)) ranges.push([part, part.offset, await partEnd(handle, part, size, path)]);
    handed = true;
    let failure: InputError | null = null;
    let stop: ((why: InputError) => void) | null = null;
    const fail = (why: InputError): void => {
      failure ??= why;
      stop?.(failure);
    };
    return {
      stream: Readable.from(copyRanges(handle, ranges, path, fail), { objectMode: false }),
      names: new Set(found.map((p) => p.name)),
      failure: () => failure,
      onCutOff(next) {
        stop = next;
        if (failure !== null) next(failure);
      },
    };
  } finally {
    if (!handed) await handle.close();
  }
}

/** Compressed bytes sent at a time: small enough that a bomb is stopped within a few of them. */
const CHUNK = 1 << 16;

async function* copyRanges(handle: FileHandle, ranges: Array<[Part, number, number]>, path: string, fail: (why: InputError) => void): AsyncGenerator<Buffer> {
  try {
    for (const [part, start, end] of ranges) {
      const check = new PartCheck(part, path);
      for (let at = start; at < end; at += CHUNK) {
        const chunk = await readAt(handle, at, Math.min(CHUNK, end - at));
        // The part's own data, without its local header and data descriptor.
        const from = Math.max(at, part.dataStart!);
        const to = Math.min(at + chunk.length, part.dataStart! + part.compressedSize);
        const problem = from < to ? await check.add(chunk.subarray(from - at, to - at)) : null;
        const last = at + CHUNK >= end;
        const final = problem ?? (last ? await check.end() : null);
        if (final !== null) {
          // The stream ends here, so the reader stops at a part cut off; the reason is told by failure().
          fail(final);
          return;
        }
        yield chunk;
      }
    }
  } finally {
    await handle.close();
  }
}

/** Inflates one part as it is sent, counting what it inflates to and its CRC, keeping none of it. */
class PartCheck {
  private inflated = 0;
  private compressed = 0;
  private crc = 0xffffffff;
  private problem: InputError | null = null;
  private readonly inflate = createInflateRaw();
  /** Settles when inflating fails: a write's callback is then never called. */
  private readonly failed: Promise<void>;

  constructor(
    private readonly part: Part,
    private readonly path: string,
  ) {
    this.inflate.on('data', (data: Buffer) => this.take(data));
    this.failed = new Promise((resolve) => {
      this.inflate.on('error', (err: Error) => {
        this.problem ??= this.damaged(`its compressed data is damaged (${err.message})`);
        resolve();
      });
    });
  }

  /** Adds compressed bytes; the problem found so far, if any. */
  async add(bytes: Buffer): Promise<InputError | null> {
    this.compressed += bytes.length;
    if (this.part.method === 0) this.take(bytes);
    else if (this.problem === null) await Promise.race([new Promise<void>((resolve) => this.inflate.write(bytes, () => resolve())), this.failed]);
    return this.problem;
  }

  /** The part is all sent: its size and CRC are checked. */
  async end(): Promise<InputError | null> {
    if (this.part.method !== 0 && this.problem === null) {
      await Promise.race([new Promise((resolve) => this.inflate.end(resolve)), this.failed]);
    }
    if (this.problem === null && (this.crc ^ 0xffffffff) >>> 0 !== this.part.crc) this.problem = this.damaged('its data does not match its checksum');
    return this.problem;
  }

  private take(data: Buffer): void {
    if (this.problem !== null) return;
    this.inflated += data.length;
    this.crc = crc32(this.crc, data);
    const name = this.part.name;
    if (this.inflated > PART_BYTES_LIMIT) {
      this.stop(`its part ${name} inflates to more than ${megabytes(PART_BYTES_LIMIT)}, the most the audit reads of one part`);
    } else if (this.inflated > PART_RATIO_FROM && this.inflated > PART_RATIO_LIMIT * this.compressed) {
      this.stop(`its part ${name} inflates to more than ${PART_RATIO_LIMIT} times its compressed size (${megabytes(this.compressed)} to more than ${megabytes(this.inflated)}), which a real sheet does not: a zip bomb?`);
    }
  }

  private stop(why: string): void {
    this.problem = new InputError(`${this.path} is refused: ${why}. Save the export again from Excel, or as CSV`);
    this.inflate.destroy();
  }

  private damaged(why: string): InputError {
    return new InputError(`${this.path} cannot be read as an Excel workbook: ${why} in its part ${this.part.name}; it is damaged. Save or download it again, or save it as CSV`);
  }
}

const megabytes = (bytes: number): string => `${(bytes / 1024 ** 2).toLocaleString('en-GB', { maximumFractionDigits: 1 })} MB`;

const CRC_TABLE = (() => {
  const table = new Int32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c;
  }
  return table;
})();

/** The running CRC-32 (as zip stores it, before its final inversion) of `crc` and then `data`. */
function crc32(crc: number, data: Uint8Array): number {
  for (let i = 0; i < data.length; i++) crc = CRC_TABLE[(crc ^ data[i]!) & 0xff]! ^ (crc >>> 8);
  return crc;
}
