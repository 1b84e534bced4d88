/**
 * Telling UTF-8 from Windows-1252 reads the file in chunks, so a character may be cut between
 * two of them: whatever the chunk size, the answer is the one for the whole file at once.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { detectEncoding, wholeCharacters } from '../../src/ingest/encoding.js';
import { tempFolder } from '../helpers/tmp.js';

const tmp = tempFolder();
let files = 0;

const fileOf = (bytes: Uint8Array): string => tmp.write(`e${files++}.csv`, bytes);

const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);
const isWholeUtf8 = (bytes: Uint8Array): boolean => {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
};

/** The reading, told simply: UTF-8 when whole, or when its characters beyond ASCII are at least as many as its replaced bytes. */
function expectedEncoding(bytes: Uint8Array): string {
  if (isWholeUtf8(bytes)) return 'utf-8';
  let characters = 0;
  let replaced = 0;
  for (const ch of new TextDecoder('utf-8').decode(bytes)) {
    if (ch === '\uFFFD') replaced++;
    else if (ch.codePointAt(0)! >= 0x80) characters++;
  }
  return characters > 0 && characters >= replaced ? 'utf-8' : 'windows-1252';
}

describe('detecting the encoding', () => {
  it.each([
    ['ends on a whole character', [0x41, 0xc3, 0xa9], 3],
    ['ends inside a two-byte character', [0x41, 0xc3], 1],
    ['ends inside a three-byte character', [0x41, 0xe2, 0x82], 1],
    ['ends inside a four-byte character', [0x41, 0xf0, 0x9f, 0x99], 1],
    ['ends on a whole four-byte character', [0xf0, 0x9f, 0x99, 0x82], 4],
    ['is all continuation bytes', [0x80, 0x80], 2],
  ])('finds where a chunk that %s stops being whole', (_, bytes, whole) => {
    expect(wholeCharacters(Uint8Array.from(bytes))).toBe(whole);
  });

  it.each([1, 2, 3, 5, 64])('reads “café, naïve, 🙂” as UTF-8 in chunks of %i bytes', async (chunk) => {
    expect(await detectEncoding(fileOf(utf8('NAME\r\ncafé, naïve, 🙂\r\n')), chunk)).toEqual({ encoding: 'utf-8', bomLength: 0 });
  });

  it('reads a file cut in the middle of a character as Windows-1252', async () => {
    expect((await detectEncoding(fileOf(utf8('NAME\r\ncafé').slice(0, -1)), 3)).encoding).toBe('windows-1252');
  });

  it.each([
    ['one stray byte among UTF-8 characters stays UTF-8', [...utf8('NAME\r\nChildren’s, café'), 0x92, ...utf8('\r\n')], 'utf-8'],
    ['as many stray bytes as UTF-8 characters stays UTF-8', [...utf8('é'), 0x92], 'utf-8'],
    ['more stray bytes than UTF-8 characters is Windows-1252', [...utf8('é'), 0x92, 0x93], 'windows-1252'],
    ['a stray byte in ASCII is Windows-1252', [...utf8('Children'), 0x92, ...utf8('s')], 'windows-1252'],
  ])('%s', async (_, bytes, encoding) => {
    expect(expectedEncoding(Uint8Array.from(bytes))).toBe(encoding);
    for (const chunk of [1, 2, 3, 64]) expect((await detectEncoding(fileOf(Uint8Array.from(bytes)), chunk)).encoding).toBe(encoding);
  });

  it('gives the answer for the whole file, whatever the chunk size', async () => {
    const piece = fc.oneof(
      fc.string({ unit: 'grapheme', maxLength: 8 }).map(utf8),
      fc.uint8Array({ minLength: 1, maxLength: 3 }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(piece, { maxLength: 12 }), fc.integer({ min: 1, max: 9 }), async (pieces, chunk) => {
        const bytes = Uint8Array.from(pieces.flatMap((p) => [...p]));
        // A leading byte order mark is a different question, answered before any of this.
        fc.pre(!(bytes[0] === 0xef && bytes[1] === 0xbb) && !(bytes[0] === 0xff && bytes[1] === 0xfe) && !(bytes[0] === 0xfe && bytes[1] === 0xff));
        const expected = expectedEncoding(bytes);
        expect((await detectEncoding(fileOf(bytes), chunk)).encoding).toBe(expected);
      }),
      { numRuns: 300 },
    );
  });
});
