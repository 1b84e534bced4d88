import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseReportBytes } from '../../src/audit/report-json.js';

const LONG = new Set(['findings', 'dataIssues']);

/** What JSON.parse gives for the text (a byte order mark dropped, as the reader drops it), or that it refuses it. */
function reference(text: string): { value: unknown } | 'refused' {
  try {
    return { value: JSON.parse(text.replace(/^\uFEFF/, '')) };
  } catch {
    return 'refused';
  }
}

function ours(bytes: Buffer, runBytes?: number): { value: unknown } | 'refused' {
  try {
    return { value: parseReportBytes(bytes, LONG, runBytes) };
  } catch (err) {
    expect(err).toBeInstanceOf(SyntaxError);
    return 'refused';
  }
}

/** Compares as JSON.parse's values compare, own keys in order (a `__proto__` key included). */
const agree = (text: string, runBytes?: number): void => {
  const bytes = Buffer.from(text, 'utf8');
  // The bytes as the whole file read as UTF-8 gives them (a surrogate cut in two is U+FFFD).
  const expected = reference(bytes.toString('utf8'));
  // Runs of elements as read (a megabyte: these lists are one run) and cut at nearly every comma.
  for (const size of [runBytes, 1, 3]) {
    const got = ours(bytes, size);
    if (expected === 'refused') expect(got).toBe('refused');
    else {
      expect(got).not.toBe('refused');
      expect(JSON.stringify((got as { value: unknown }).value)).toBe(JSON.stringify(expected.value));
      expect((got as { value: unknown }).value).toStrictEqual(expected.value);
    }
  }
};

/** Text that is tricky for a scanner of brackets: quotes, escapes, brackets and commas inside strings, beyond ASCII. */
const trickyString = fc.stringMatching(/^[a-z"\\[\]{},: \n\u00e9\u2013\u{1F600}]{0,12}$/u);
const value: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof({ maxDepth: 3 }, fc.constant(null), fc.boolean(), fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), trickyString, fc.array(tie('value'), { maxLength: 4 }), fc.dictionary(trickyString, tie('value'), { maxKeys: 4 })),
})).value;

/** A report-shaped object: some long lists, some other keys, keys given twice now and then. */
const report = fc
  .array(fc.tuple(fc.constantFrom('findings', 'dataIssues', 'summary', 'schemaVersion', 'find\\u0069ngs', 'other'), fc.oneof(fc.array(value, { maxLength: 6 }), value)), { maxLength: 6 })
  .map((entries) => entries);

/** Writes the entries as a JSON object with the spacing given (keys as written, so an escaped key stays escaped). */
function write(entries: Array<[string, unknown]>, space: number | string): string {
  const body = entries.map(([k, v]) => `"${k}":${JSON.stringify(v, null, space)}`);
  const gap = typeof space === 'number' ? ' '.repeat(space) : space;
  return `{${gap ? '\n' + gap : ''}${body.join(gap ? `,\n${gap}` : ',')}${gap ? '\n' : ''}}`;
}

describe('a JSON report read from its bytes', () => {
  it('is exactly what JSON.parse gives for its whole text (property)', () => {
    fc.assert(
      fc.property(report, fc.constantFrom(0, 2, '\t'), fc.boolean(), (entries, space, bom) => {
        agree(`${bom ? '\uFEFF' : ''}${write(entries as Array<[string, unknown]>, space)}`);
      }),
      { numRuns: 400 },
    );
  });

  it('refuses what JSON.parse refuses, and reads what it reads, when a byte is lost, added or changed (property)', () => {
    fc.assert(
      fc.property(report, fc.nat(), fc.constantFrom('', ',', '[', ']', '{', '}', '"', '\\', ':', ' ', 'x', '1'), (entries, at, put) => {
        const text = write(entries as Array<[string, unknown]>, 2);
        const i = at % (text.length + 1);
        agree(text.slice(0, i) + put + text.slice(i + 1));
        agree(text.slice(0, i) + put + text.slice(i));
      }),
      { numRuns: 400 },
    );
  });

  it.each([
    ['an empty list', '{"findings": []}'],
    ['a list of white space', '{"findings": [ \n ]}'],
    ['a trailing comma', '{"findings": [1,]}'],
    ['a leading comma', '{"findings": [,1]}'],
    ['two commas', '{"findings": [1,,2]}'],
    ['a list never closed', '{"findings": [1, 2'],
    ['a list closed by a brace', '{"findings": [1, 2}'],
    ['brackets in strings', '{"findings": ["],[", {"a": "}"}], "dataIssues": ["\\"]"]}'],
    ['a key given twice, the list last', '{"findings": 5, "findings": [1, 2]}'],
    ['a key given twice, the list first', '{"findings": [1, 2], "findings": 5}'],
    ['two lists of one key', '{"findings": [1], "findings": [2, 3]}'],
    ['an escaped key', '{"find\\u0069ngs": [1, {"b": [2]}]}'],
    ['a list nested deeper', '{"summary": {"findings": [1, 2]}}'],
    ['a top-level list', '[{"findings": [1]}]'],
    ['a bare string', '"findings"'],
    ['nothing', ''],
    ['a __proto__ key', '{"__proto__": {"x": 1}, "findings": [{"__proto__": 2}]}'],
    ['text after the object', '{"findings": [1]} x'],
    ['a leading comma, then many elements', `{"findings": [ ,${' 1,'.repeat(50)} 1]}`],
    ['many elements, then a trailing comma', `{"findings": [${'1, '.repeat(50)}]}`],
    ['many elements, then two commas', `{"findings": [${'1, '.repeat(50)}, 2]}`],
    ['many elements, then white space that JSON does not allow', `{"findings": [${'1, '.repeat(50)}\u00a0]}`],
  ])('%s: as JSON.parse', (_, text) => agree(text));

  it('reads a list of millions of tiny elements as JSON.parse does, a run at a time', () => {
    const text = `{"dataIssues": [${'0,'.repeat(3_000_000)}0], "findings": []}`;
    const report = parseReportBytes(Buffer.from(text), LONG) as { dataIssues: number[] };
    expect(report.dataIssues).toHaveLength(3_000_001);
    expect(() => parseReportBytes(Buffer.from(`{"findings": [${','.repeat(3_000_000)}]}`), LONG)).toThrow(SyntaxError);
  });

  it('keeps text beyond Latin-1 and bytes that are not UTF-8 as reading the whole file as UTF-8 does', () => {
    const text = '{"findings": [{"message": "Sam’s supervision – late 😀"}], "other": "é"}';
    agree(text);
    const bytes = Buffer.concat([Buffer.from('{"findings": ["a'), Buffer.from([0xe2, 0x80]), Buffer.from('", "b'), Buffer.from([0xff]), Buffer.from('"]}')]);
    expect(parseReportBytes(bytes, LONG)).toStrictEqual(JSON.parse(bytes.toString('utf8')));
  });
});
