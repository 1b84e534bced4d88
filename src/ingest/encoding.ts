/**
 * Works out how an export file's bytes are to be read as text. Exports arrive as UTF-8
 * (with or without a byte order mark), UTF-16 with a BOM (Excel's "Unicode text"), or
 * Windows-1252 (Excel's "CSV" on an English Windows). A file without a BOM is UTF-8 when
 * every byte of it is valid UTF-8; when some are not, it is still UTF-8 if it holds at least as
 * many UTF-8 characters beyond ASCII as bytes that are not UTF-8 (one stray byte in a UTF-8
 * export must not turn its every ’ into â€™: the stray bytes are replaced by �, each reported),
 * and Windows-1252 otherwise. A Windows-1252 file that happens to hold valid UTF-8 would need an
 * accented capital followed by exactly the right continuation bytes, which real exports do not.
 */
import { isUtf8 } from 'node:buffer';
import { open, type FileHandle } from 'node:fs/promises';

export type TextEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

export interface DetectedEncoding {
  encoding: TextEncoding;
  /** Bytes of byte order mark to skip at the start of the file. */
  bomLength: number;
}

const SCAN_CHUNK = 1 << 20;

/** The data issue of a value in which bytes that are not UTF-8 were replaced (by U+FFFD) as the file was decoded: the value is kept. */
export const NOT_UTF8 = 'the value holds bytes that are not UTF-8 (the rest of the file is), each shown as �: the value is read with them so; correct it in the source system';

/** The encoding a file's first bytes show without decoding it: a byte order mark, or UTF-16's zero bytes where it has none. */
export function encodingFromMarks(head: Uint8Array): DetectedEncoding | null {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return { encoding: 'utf-8', bomLength: 3 };
  if (head[0] === 0xff && head[1] === 0xfe) return { encoding: 'utf-16le', bomLength: 2 };
  if (head[0] === 0xfe && head[1] === 0xff) return { encoding: 'utf-16be', bomLength: 2 };
  const utf16 = utf16WithoutBom(head);
  return utf16 === null ? null : { encoding: utf16, bomLength: 0 };
}

/**
 * UTF-16 written with no byte order mark (SQL Server's `bcp -w`): text of letters, digits and
 * punctuation, as a header is, has a zero byte in every other place, after each character's
 * byte (little-endian) or before it (big-endian); UTF-8 and Windows-1252 text has none.
 */
function utf16WithoutBom(head: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  const pairs = Math.min(head.length, 512) >> 1;
  if (pairs < 4) return null;
  let zeroFirst = 0;
  let zeroSecond = 0;
  for (let i = 0; i < pairs; i++) {
    if (head[2 * i] === 0) zeroFirst += 1;
    if (head[2 * i + 1] === 0) zeroSecond += 1;
  }
  if (zeroSecond * 10 >= pairs * 9 && zeroFirst * 10 <= pairs) return 'utf-16le';
  if (zeroFirst * 10 >= pairs * 9 && zeroSecond * 10 <= pairs) return 'utf-16be';
  return null;
}

/**
 * How much of `bytes` ends on a whole UTF-8 character: a chunk read from a file may end in the
 * middle of one, whose first bytes then belong with the next chunk.
 */
export function wholeCharacters(bytes: Uint8Array): number {
  let lead = bytes.length - 1;
  while (lead >= 0 && bytes.length - lead < 4 && (bytes[lead]! & 0xc0) === 0x80) lead -= 1;
  if (lead < 0) return bytes.length;
  const byte = bytes[lead]!;
  const length = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
  return bytes.length - lead >= length ? bytes.length : lead;
}

/** The first `length` bytes of a file (fewer when it is shorter). */
export async function readHead(path: string, length: number): Promise<Buffer> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(length);
    const { bytesRead } = await handle.read(buffer, 0, length, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/**
 * Reads the file once, in chunks, to decide its encoding (checking UTF-8 without decoding it).
 * `chunkSize` is for the tests, which cut characters at every place.
 */
export async function detectEncoding(path: string, chunkSize = SCAN_CHUNK): Promise<DetectedEncoding> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.allocUnsafe(Math.max(chunkSize, 4));
    const first = await handle.read(buffer, 0, buffer.length, 0);
    const marked = encodingFromMarks(buffer.subarray(0, first.bytesRead));
    if (marked) return marked;
    // Bytes of a character cut off at the end of one chunk are moved to the front of the next.
    let carried = 0;
    let bytesRead = first.bytesRead;
    let position = bytesRead;
    while (bytesRead > 0) {
      const filled = carried + bytesRead;
      const whole = wholeCharacters(buffer.subarray(0, filled));
      if (!isUtf8(buffer.subarray(0, whole))) return { encoding: await mostlyUtf8(handle, buffer) ? 'utf-8' : 'windows-1252', bomLength: 0 };
      buffer.copyWithin(0, whole, filled);
      carried = filled - whole;
      ({ bytesRead } = await handle.read(buffer, carried, buffer.length - carried, position));
      position += bytesRead;
    }
    // A character still cut off at the end of the file is not UTF-8.
    if (carried === 0) return { encoding: 'utf-8', bomLength: 0 };
    return { encoding: (await mostlyUtf8(handle, buffer)) ? 'utf-8' : 'windows-1252', bomLength: 0 };
  } finally {
    await handle.close();
  }
}

/** Characters beyond ASCII, and replacements for bytes that are not UTF-8, of text decoded as UTF-8. */
export interface Utf8Tally {
  characters: number;
  replaced: number;
}

/** Adds the characters beyond ASCII of a piece of decoded text to a tally (U+FFFD being a replaced byte). */
export function tallyText(text: string, tally: Utf8Tally): void {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) continue;
    if (c === 0xfffd) tally.replaced++;
    else {
      tally.characters++;
      if (c >= 0xd800 && c <= 0xdbff) i++; // the two halves of a character beyond the BMP count once
    }
  }
}

/** Whether text with bytes that are not UTF-8 is UTF-8 still: at least as many characters beyond ASCII as such bytes. */
export const isMostlyUtf8 = (tally: Utf8Tally): boolean => tally.characters > 0 && tally.characters >= tally.replaced;

/** Reads the whole file again, decoding it as UTF-8, to weigh its UTF-8 characters against its bytes that are not. */
async function mostlyUtf8(handle: FileHandle, buffer: Buffer): Promise<boolean> {
  const decoder = new TextDecoder('utf-8');
  const tally: Utf8Tally = { characters: 0, replaced: 0 };
  let position = 0;
  for (let { bytesRead } = await handle.read(buffer, 0, buffer.length, 0); bytesRead > 0; { bytesRead } = await handle.read(buffer, 0, buffer.length, position)) {
    position += bytesRead;
    tallyText(decoder.decode(buffer.subarray(0, bytesRead), { stream: true }), tally);
  }
  tallyText(decoder.decode(), tally);
  return isMostlyUtf8(tally);
}

/** The encoding of text that cannot be read twice (a pipe), told from its first bytes. */
export function encodingOfHead(head: Uint8Array, complete: boolean): DetectedEncoding {
  const marked = encodingFromMarks(head);
  if (marked) return marked;
  const whole = complete ? head.length : wholeCharacters(head);
  if (isUtf8(head.subarray(0, whole))) return { encoding: 'utf-8', bomLength: 0 };
  const tally: Utf8Tally = { characters: 0, replaced: 0 };
  tallyText(new TextDecoder('utf-8').decode(head.subarray(0, whole)), tally);
  return { encoding: isMostlyUtf8(tally) ? 'utf-8' : 'windows-1252', bomLength: 0 };
}
