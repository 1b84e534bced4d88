/**
 * Works out how an export file's bytes are to be read as text. Exports arrive as UTF-8
 * (with or without a byte order mark), UTF-16 with a BOM (Excel's "Unicode text"), or
 * Windows-1252 (Excel's "CSV" on an English Windows). A file without a BOM is UTF-8 when
 * every byte of it is valid UTF-8, and Windows-1252 otherwise: a Windows-1252 file that
 * happens to be valid UTF-8 would need an accented capital followed by exactly the right
 * continuation bytes, which real exports do not contain.
 */
import { open } from 'node:fs/promises';

export type TextEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

export interface DetectedEncoding {
  encoding: TextEncoding;
  /** Bytes of byte order mark to skip at the start of the file. */
  bomLength: number;
}

const SCAN_CHUNK = 1 << 20;

export function encodingFromBom(head: Uint8Array): DetectedEncoding | null {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return { encoding: 'utf-8', bomLength: 3 };
  if (head[0] === 0xff && head[1] === 0xfe) return { encoding: 'utf-16le', bomLength: 2 };
  if (head[0] === 0xfe && head[1] === 0xff) return { encoding: 'utf-16be', bomLength: 2 };
  return null;
}

/** Reads the file once, in chunks, to decide its encoding. */
export async function detectEncoding(path: string): Promise<DetectedEncoding> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.allocUnsafe(SCAN_CHUNK);
    const first = await handle.read(buffer, 0, SCAN_CHUNK, 0);
    const fromBom = encodingFromBom(buffer.subarray(0, first.bytesRead));
    if (fromBom) return fromBom;
    const decoder = new TextDecoder('utf-8', { fatal: true });
    let bytesRead = first.bytesRead;
    let position = 0;
    try {
      while (bytesRead > 0) {
        decoder.decode(buffer.subarray(0, bytesRead), { stream: true });
        position += bytesRead;
        ({ bytesRead } = await handle.read(buffer, 0, SCAN_CHUNK, position));
      }
      decoder.decode();
      return { encoding: 'utf-8', bomLength: 0 };
    } catch {
      return { encoding: 'windows-1252', bomLength: 0 };
    }
  } finally {
    await handle.close();
  }
}
