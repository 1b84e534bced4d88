/**
 * Writes outputs atomically: each file is written in full under a temporary name beside its
 * target and then renamed over it, so a reader never sees half a report and a failed audit
 * leaves nothing behind.
 */
import { mkdir, open, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';

async function isDirectory(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return false;
  }
}

/** An output that cannot be written: the audit stops with this message (exit 2). */
export class OutputError extends Error {
  override name = 'OutputError';
}

const WHY: Record<string, string> = {
  ENOTDIR: 'a part of the path is a file, not a folder',
  EISDIR: 'it is a folder',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EROFS: 'the file system is read-only',
  ENOSPC: 'the disk is full',
  EEXIST: 'a file of that name is in the way',
};

/**
 * Characters written at a time: few writes, and blocks small enough to be collected young (a
 * block of a megabyte would outlive its write on the large-object heap until a full collection).
 */
const WRITE_BLOCK = 32_000;

/** Writes text given in pieces, gathered into blocks. */
async function writePieces(path: string, pieces: Iterable<string>): Promise<void> {
  const file = await open(path, 'wx');
  try {
    let block: string[] = [];
    let size = 0;
    for (const piece of pieces) {
      block.push(piece);
      size += piece.length;
      if (size >= WRITE_BLOCK) {
        await file.write(block.join(''));
        block = [];
        size = 0;
      }
    }
    await file.write(block.join(''));
  } finally {
    await file.close();
  }
}

/**
 * Writes several files as one step: all temporaries first, then the renames. A file's content
 * is a string, or pieces of one (a large report is never held whole).
 */
export async function writeFilesAtomically(files: Record<string, string | Iterable<string>>): Promise<void> {
  const temporaries: Array<[string, string]> = [];
  try {
    for (const [path, content] of Object.entries(files)) {
      await mkdir(dirname(path), { recursive: true });
      const temporary = join(dirname(path), `.${process.pid}.${Date.now()}.${temporaries.length}.tmp`);
      temporaries.push([temporary, path]);
      if (typeof content === 'string') await writeFile(temporary, content, { flag: 'wx' });
      else await writePieces(temporary, content);
    }
    for (const [temporary, path] of temporaries) await rename(temporary, path);
  } catch (err) {
    await Promise.all(temporaries.map(([temporary]) => rm(temporary, { force: true })));
    const code = (err as NodeJS.ErrnoException).code;
    const target = temporaries.at(-1)?.[1] ?? Object.keys(files)[0] ?? '';
    if (code !== undefined && WHY[code]) throw new OutputError(`cannot write ${target}: ${WHY[code]}; nothing was written`);
    throw err;
  }
}

/**
 * Where a single-file report goes: a folder (existing, or named with a trailing slash) gets
 * `defaultName` inside it; anything else is the file itself.
 */
export async function outputFile(output: string, defaultName: string): Promise<string> {
  if (output.endsWith('/') || output.endsWith('\\') || (await isDirectory(output))) return join(output, defaultName);
  return output;
}
