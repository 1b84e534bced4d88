/**
 * A workbook's zip archive, streamed with its parts in the order a one-pass reader wants:
 * the workbook, its shared strings and styles before the sheets. Excel (and exceljs) write the
 * sheets first; read in that order, exceljs's streaming reader has to copy each whole sheet,
 * uncompressed, to a temporary file before it can read a row of it (hundreds of megabytes for a
 * big export). The archive's central directory says where each part is, so the parts are sent
 * as they are stored, only in another order: nothing is decompressed or rewritten here.
 */
import { open, type FileHandle } from 'node:fs/promises';
import { Readable } from 'node:stream';
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
    out.push({ name: directory.toString('utf8', at + 46, at + 46 + nameLength), offset, compressedSize, flags: directory.readUInt16LE(at + 8) });
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
  let end = part.offset + 30 + header.readUInt16LE(26) + header.readUInt16LE(28) + part.compressedSize;
  if (part.flags & 0x08) {
    const descriptor = await readAt(handle, end, 4);
    end += descriptor.length === 4 && descriptor.readUInt32LE(0) === DATA_DESCRIPTOR ? 16 : 12;
  }
  if (end > size) throw new InputError(`${path} cannot be read as an Excel workbook: it ends before its last part does (cut off?). Save or download it again`);
  return end;
}

/** Sheets last, every other part in the archive's own order before them. */
const sheetsLast = (a: Part, b: Part): number => Number(a.name.startsWith('xl/worksheets/')) - Number(b.name.startsWith('xl/worksheets/'));

/**
 * The workbook as a stream of its zip parts, sheets last; null when the archive is one this
 * cannot reorder (zip64), to be read as it is.
 */
export async function workbookPartsInReadingOrder(path: string): Promise<Readable | null> {
  const handle = await open(path, 'r');
  let handed = false;
  try {
    const { size } = await handle.stat();
    const found = await parts(handle, size, path);
    if (found === null) return null;
    const ranges: Array<[number, number]> = [];
    for (const part of [...found].sort(sheetsLast)) ranges.push([part.offset, await partEnd(handle, part, size, path)]);
    handed = true;
    return Readable.from(copyRanges(handle, ranges), { objectMode: false });
  } finally {
    if (!handed) await handle.close();
  }
}

const CHUNK = 1 << 20;

async function* copyRanges(handle: FileHandle, ranges: Array<[number, number]>): AsyncGenerator<Buffer> {
  try {
    for (const [start, end] of ranges) {
      for (let at = start; at < end; at += CHUNK) yield await readAt(handle, at, Math.min(CHUNK, end - at));
    }
  } finally {
    await handle.close();
  }
}
