/**
 * A workbook's zip archive, read part by part: its central directory says where each part is,
 * so a part is read where it lies, in whatever order the reader wants it (the workbook, its
 * shared strings and styles before the sheets), and inflated once, as it streams.
 *
 * Each part is checked as it is inflated, before the reader sees a byte of it: a part that
 * inflates beyond PART_BYTES_LIMIT, or beyond PART_RATIO_LIMIT times its compressed size (a zip
 * bomb), or whose data is damaged (a deflate error, a CRC that does not match), stops there, and
 * the workbook is refused with what was found. Nothing is copied to disk, and only the chunk
 * being read is held.
 */
import { open, type FileHandle } from 'node:fs/promises';
import { pipeline, Readable } from 'node:stream';
import * as zlib from 'node:zlib';
import { PART_BYTES_LIMIT, PART_RATIO_FROM, PART_RATIO_LIMIT } from './limits.js';
import { InputError } from './table.js';

const END_OF_DIRECTORY = 0x06054b50;
const DIRECTORY_ENTRY = 0x02014b50;
const LOCAL_HEADER = 0x04034b50;
/** The end record is 22 bytes, followed by a comment of up to 65,535. */
const END_SEARCH = 22 + 0xffff;
const STORED = 0;
const DEFLATED = 8;

interface Part {
  name: string;
  offset: number;
  compressedSize: number;
  /** 0 stored, 8 deflated. */
  method: number;
  crc: number;
}

async function readAt(handle: FileHandle, position: number, length: number): Promise<Buffer> {
  const buffer = Buffer.alloc(length);
  const { bytesRead } = await handle.read(buffer, 0, length, position);
  return buffer.subarray(0, bytesRead);
}

/** The parts of the archive, from its central directory; null where it holds what this reader does not (zip64). */
async function directoryParts(handle: FileHandle, size: number, path: string): Promise<Part[] | null> {
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
      method: directory.readUInt16LE(at + 10),
      crc: directory.readUInt32LE(at + 16),
    });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return out;
}

/** Where a part's compressed data starts, after its local header, name and extra field. */
async function dataStart(handle: FileHandle, part: Part, size: number, path: string): Promise<number> {
  const header = await readAt(handle, part.offset, 30);
  if (header.length < 30 || header.readUInt32LE(0) !== LOCAL_HEADER) {
    throw new InputError(`${path} cannot be read as an Excel workbook: a part of its zip archive is not where its directory says. Save it again from Excel as .xlsx, or as CSV`);
  }
  const start = part.offset + 30 + header.readUInt16LE(26) + header.readUInt16LE(28);
  if (start + part.compressedSize > size) throw new InputError(`${path} cannot be read as an Excel workbook: it ends before its last part does (cut off?). Save or download it again`);
  return start;
}

/** A workbook's archive, whose parts are read by name. */
export interface WorkbookArchive {
  /** The names of the archive's parts. */
  names: ReadonlySet<string>;
  /** The part's bytes, inflated and checked as they stream: an InputError stops them where a check fails. */
  inflate(name: string): AsyncGenerator<Buffer, void, undefined>;
  close(): Promise<void>;
}

/**
 * Opens a workbook's archive by its central directory. An archive in the zip64 format (for
 * workbooks past 4 GB) is refused: a workbook that size is no export the audit can read whole.
 */
export async function openWorkbookArchive(path: string): Promise<WorkbookArchive> {
  const handle = await open(path, 'r');
  try {
    const { size } = await handle.stat();
    const found = await directoryParts(handle, size, path);
    if (found === null) {
      throw new InputError(`${path} is a workbook in the zip64 format (past 4 GB, or of more than 65,535 parts), which the audit does not read: save it as CSV`);
    }
    const byName = new Map(found.map((part) => [part.name, part]));
    return {
      names: new Set(byName.keys()),
      async *inflate(name) {
        const part = byName.get(name);
        if (part === undefined) throw new Error(`no part ${name} in the archive`);
        yield* inflatePart(handle, part, await dataStart(handle, part, size, path), path);
      },
      close: () => handle.close(),
    };
  } catch (err) {
    await handle.close();
    throw err;
  }
}

/** Compressed bytes read at a time: small enough that a bomb is stopped within a few of them. */
const CHUNK = 1 << 16;

async function* compressedBytes(handle: FileHandle, start: number, length: number, check: PartCheck): AsyncGenerator<Buffer> {
  for (let at = 0; at < length; at += CHUNK) {
    const chunk = await readAt(handle, start + at, Math.min(CHUNK, length - at));
    check.compressed += chunk.length;
    yield chunk;
  }
}

async function* inflatePart(handle: FileHandle, part: Part, start: number, path: string): AsyncGenerator<Buffer, void, undefined> {
  const check = new PartCheck(part, path);
  if (part.method !== STORED && part.method !== DEFLATED) {
    throw new InputError(`${path} cannot be read as an Excel workbook: its part ${part.name} is compressed in a way (method ${part.method}) that Excel does not write. Save it again from Excel as .xlsx, or as CSV`);
  }
  const compressed = compressedBytes(handle, start, part.compressedSize, check);
  if (part.method === STORED) {
    for await (const chunk of compressed) yield check.take(chunk);
  } else {
    // Inflated a few chunks ahead, on a thread of its own, while the reader scans the last.
    const inflater = zlib.createInflateRaw({ chunkSize: CHUNK, readableHighWaterMark: 16 * CHUNK } as zlib.ZlibOptions);
    // Errors come through the inflater's own iteration; the pipeline's callback only has to exist.
    pipeline(Readable.from(compressed, { objectMode: false }), inflater, () => {});
    try {
      for await (const chunk of inflater as AsyncIterable<Buffer>) yield check.take(chunk);
    } catch (err) {
      // zlib's own errors (Z_DATA_ERROR, Z_BUF_ERROR) are the data's; a failure to read the file is the system's.
      if (String((err as NodeJS.ErrnoException).code).startsWith('Z_')) throw check.damaged(`its compressed data is damaged (${(err as Error).message})`);
      throw err;
    } finally {
      inflater.destroy();
    }
  }
  check.end();
}

/** Counts what one part inflates to, and its CRC, as it streams, keeping none of it. */
class PartCheck {
  compressed = 0;
  private inflated = 0;
  private crc = 0;

  constructor(
    private readonly part: Part,
    private readonly path: string,
  ) {}

  /** The inflated bytes, once they are within the limits. */
  take(data: Buffer): Buffer {
    this.inflated += data.length;
    this.crc = crc32(data, this.crc);
    const name = this.part.name;
    if (this.inflated > PART_BYTES_LIMIT) {
      throw this.refused(`its part ${name} inflates to more than ${megabytes(PART_BYTES_LIMIT)}, the most the audit reads of one part`);
    }
    if (this.inflated > PART_RATIO_FROM && this.inflated > PART_RATIO_LIMIT * this.compressed) {
      throw this.refused(`its part ${name} inflates to more than ${PART_RATIO_LIMIT} times its compressed size (${megabytes(this.compressed)} to more than ${megabytes(this.inflated)}), which a real sheet does not: a zip bomb?`);
    }
    return data;
  }

  /** The part is all read: its CRC is checked. */
  end(): void {
    if (this.crc >>> 0 !== this.part.crc >>> 0) throw this.damaged('its data does not match its checksum');
  }

  private refused(why: string): InputError {
    return new InputError(`${this.path} is refused: ${why}. Save the export again from Excel, or as CSV`);
  }

  damaged(why: string): InputError {
    return new InputError(`${this.path} cannot be read as an Excel workbook: ${why} in its part ${this.part.name}; it is damaged. Save or download it again, or save it as CSV`);
  }
}

const megabytes = (bytes: number): string => `${(bytes / 1024 ** 2).toLocaleString('en-GB', { maximumFractionDigits: 1 })} MB`;

/** The CRC-32 of `data` continued from `crc`, as zip stores it: zlib's own where Node has it (20.15 on). */
const crc32: (data: Uint8Array, crc: number) => number = (zlib as { crc32?: (data: Uint8Array, crc: number) => number }).crc32 ?? crc32InScript;

const CRC_TABLE = (() => {
  const table = new Int32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c;
  }
  return table;
})();

function crc32InScript(data: Uint8Array, crc: number): number {
  let c = ~crc;
  for (let i = 0; i < data.length; i++) c = CRC_TABLE[(c ^ data[i]!) & 0xff]! ^ (c >>> 8);
  return ~c >>> 0;
}
