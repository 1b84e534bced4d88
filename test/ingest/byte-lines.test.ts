/**
 * Most data lines of a delimited export are read as bytes (csv.ts ByteLines, FileMapper.rowOfBytes),
 * the rest as text by the tokenizer. The two readings must make the same report, byte for byte:
 * every sample, every broken export, and exports damaged the ways real ones are, read with every
 * line as text, and as bytes in chunks small enough that lines cross from one chunk to the next.
 */
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ROOT } from '../e2e/helpers.js';
import { runMain } from '../helpers/run-main.js';
import { sampleCopier } from '../helpers/sample-copy.js';
import { tempFolder } from '../helpers/tmp.js';

const tmp = tempFolder();
const sampleCopy = sampleCopier(tmp.dir);

const CHUNK = 'SUPERVISION_AUDIT_TEST_CHUNK_BYTES';
const TEXT_LINES = 'SUPERVISION_AUDIT_TEST_TEXT_LINES';

afterEach(() => {
  delete process.env[CHUNK];
  delete process.env[TEXT_LINES];
});

/** The audit's output, exit code and messages, read with every line as text, then as bytes in chunks of each size given. */
async function eachReading(argv: string[], chunks: number[]): Promise<{ text: string; bytes: string[] }> {
  const outcome = async (): Promise<string> => {
    const run = await runMain(...argv);
    return JSON.stringify(run);
  };
  process.env[TEXT_LINES] = '1';
  const text = await outcome();
  delete process.env[TEXT_LINES];
  const bytes: string[] = [];
  for (const size of chunks) {
    process.env[CHUNK] = String(size);
    bytes.push(await outcome());
  }
  return { text, bytes };
}

const auditArgs = (dir: string, policy: string, ...extra: string[]) => ['audit', dir, '--policy', policy, '--as-of', '2026-10-31', '--format', 'json', '--fail-on', 'none', ...extra];

describe('a line read as bytes or as text', () => {
  // One sample of each system (Haringey's files are read as Portsmouth's are), and Walsall's children's homes.
  it.each(['barnsley', 'newham', 'portsmouth', 'walsall'])('gives the %s sample the same report', async (sample) => {
    const { text, bytes } = await eachReading(auditArgs(join(ROOT, 'samples', sample), sample), [997]);
    expect(JSON.parse(text).code).toBeLessThan(2);
    for (const reading of bytes) expect(reading).toBe(text);
  });

  const BAD = join(ROOT, 'test/fixtures/bad');
  const broken = readdirSync(BAD).filter((name) => statSync(join(BAD, name)).isDirectory());
  it('gives every broken export the same outcome', async () => {
    for (const name of broken) {
      const { text, bytes } = await eachReading(['audit', join(BAD, name), '--policy', 'barnsley', '--from', '2026-10-01', '--as-of', '2026-10-31', '--format', 'json'], [61]);
      for (const reading of bytes) expect(reading, name).toBe(text);
    }
  });

  /** Each line of a file but its header, changed by `edit` (given the line without its line break and its number from 1, the header's 0). */
  const eachLine = (edit: (line: string, n: number) => string) => (text: string) =>
    text
      .split('\n')
      .map((line, n) => {
        if (n === 0 || line === '') return line;
        const cr = line.endsWith('\r') ? '\r' : '';
        return edit(line.slice(0, line.length - cr.length), n) + cr;
      })
      .join('\n');

  const damaged: Array<[string, Record<string, (text: string) => string>]> = [
    ['with CRLF line ends', { 'case_steps.csv': (t) => t.replace(/\r?\n/g, '\r\n'), 'supervision_steps.csv': (t) => t.replace(/\r?\n/g, '\r\n') }],
    ['with notes over several lines, quoted', { 'supervision_steps.csv': eachLine((line, n) => (n % 7 === 0 ? line.replace(/,([^,]*)$/, ',"$1\nsecond line, with a comma\n"') : line)) }],
    ['with a quote doubled inside a note', { 'supervision_steps.csv': eachLine((line, n) => (n % 5 === 0 ? line.replace(/,([^,]*)$/, ',"said ""no"" twice"') : line)) }],
    ['with names and notes beyond ASCII', { 'supervision_steps.csv': eachLine((line, n) => (n % 3 === 0 ? line.replace(/,([^,]*)$/, ',Réunion with Zoë — ok') : line)), 'workers.csv': (t) => t.replace(/Khan/g, 'Khán') }],
    ['with a lone carriage return in a line', { 'case_steps.csv': eachLine((line, n) => (n === 40 ? line.replace(',', ',\r') : line)) }],
    ['with blank lines and lines of spaces among the rows', { 'case_steps.csv': eachLine((line, n) => (n % 50 === 0 ? `\n${line}\n   ` : line)) }],
    ['with a total below the rows and a total-like row among them', { 'case_steps.csv': (t) => eachLine((line, n) => (n === 30 ? `Total,\n${line}` : line))(t).trimEnd() + '\n\nTotal rows: 2551\n' }],
    ['with the header again in the middle, and a rule of dashes under it', {
      'case_steps.csv': (t) => {
        const [header, ...rest] = t.split('\n');
        const rule = header!.split(',').map(() => '----').join(',');
        return [header, rule, ...rest.slice(0, 100), header, ...rest.slice(100)].join('\n');
      },
    }],
    ['with cells SQL Server writes: NULL, padded NULL, #N/A', { 'case_steps.csv': eachLine((line, n) => (n % 11 === 0 ? line.replace(/,,/, ',NULL    ,') : n % 13 === 0 ? line.replace(/,([^,]*),([^,]*)$/, ',#N/A,$2') : n % 17 === 0 ? line.replace(/,[^,]*$/, ',null') : line)) }],
    ['with a cell missing, a cell too many, and an empty one past the last column', { 'case_steps.csv': eachLine((line, n) => (n === 20 ? line.replace(/,[^,]*$/, '') : n === 21 ? `${line},extra` : n === 22 ? `${line},` : line)) }],
    ['with ids written 10001.0 and 010001', { 'case_steps.csv': eachLine((line, n) => (n % 2 === 0 ? line.replace(/^(\d+),(\d+),([^,]*),(\d+)/, '$1,$2.0,$3,0$4') : line)) }],
    ['with title rows above the header and no line break at the end', { 'case_steps.csv': (t) => `Case steps report\nRun on 01/11/2026\n\n${t.trimEnd()}` }],
    ['with notes longer than a spreadsheet cell holds, one of them over a megabyte', { 'supervision_steps.csv': eachLine((line, n) => (n === 3 ? line.replace(/,([^,]*)$/, `,${'long note '.repeat(4_000)}`) : n === 9 ? line.replace(/,([^,]*)$/, `,${'x'.repeat(1_100_000)}`) : line)) }],
    ['with empty columns after the last, as a sheet saved with them, and one row with a value there', { 'case_steps.csv': (t) => t.split('\n').map((line, n) => (line === '' ? line : n === 12 ? `${line},, x` : `${line},, ,`)).join('\n') }],
    ['with every value quoted, empty ones too, and notes with commas and spaces before a quote', { 'supervision_steps.csv': eachLine((line, n) => line.split(',').map((v, i) => (n % 9 === 0 && i === 0 ? ` "${v}"` : n % 7 === 0 && i === 14 ? `"${v}, with a comma"` : n % 11 === 0 && i === 3 ? `"${v}"x` : `"${v}"`)).join(',')) }],
    ['with every value quoted', { 'case_steps.csv': eachLine((line) => line.split(',').map((v) => `"${v}"`).join(',')) }],
    ['with dates in other shapes and times with seconds', { 'case_steps.csv': eachLine((line, n) => (n % 3 === 0 ? line.replace(/(\d\d)\/(\d\d)\/(\d{4}) (\d\d:\d\d)/, '$3-$2-$1 $4:00') : n % 3 === 1 ? line.replace(/(\d\d)\/(\d\d)\/(\d{4})/, '$1-Oct-$3') : line)) }],
    ['with dates that cannot be', { 'case_steps.csv': eachLine((line, n) => (n % 9 === 0 ? line.replace(/\d\d\/(\d\d\/\d{4})/, '31/02/2026') : n % 10 === 0 ? line.replace(/(\d\d)\/(\d\d)\/(\d{4})/, '$1/$2/1899') : line)) }],
  ];

  /** What mapping one file under Barnsley's adapter makes, in words: its tables, each kind of record as pushed, in order, and its issues. */
  async function mapped(file: string): Promise<string> {
    const { adaptersFor, loadPolicy } = await import('../../src/policy/load.js');
    const { mapFile } = await import('../../src/adapters/read-files.js');
    const { dayFromYmd } = await import('../../src/time/calendar.js');
    const policy = await loadPolicy('barnsley');
    const options = { adapters: adaptersFor(policy, undefined), adapterFile: policy.adapterFile, asOf: dayFromYmd(2026, 10, 31), today: dayFromYmd(2026, 11, 27) };
    const records: Record<string, unknown[]> = {};
    const sink = new Proxy(records, { get: (target, kind: string) => (target[kind] ??= []) });
    const issues: unknown[] = [];
    const tables = await mapFile(file, options, sink as never, issues as never);
    return JSON.stringify({ ...tables, records, issues });
  }

  /** A file mapped with every line as text, then as bytes in chunks of `chunk` bytes. */
  async function mappedBothWays(file: string, chunk: number): Promise<{ text: string; bytes: string }> {
    process.env[TEXT_LINES] = '1';
    const text = await mapped(file);
    delete process.env[TEXT_LINES];
    process.env[CHUNK] = String(chunk);
    return { text, bytes: await mapped(file) };
  }

  it.each(damaged)('maps a sample %s into the same records, issues and column tallies', async (_, changes) => {
    const dir = sampleCopy('barnsley', changes);
    for (const file of Object.keys(changes)) {
      const { text, bytes } = await mappedBothWays(join(dir, file), 101);
      expect(bytes).toBe(text);
    }
  });

  it('reads the same where the chunk the header is in ends with the first byte of a character that never comes', async () => {
    const dir = sampleCopy('barnsley');
    const file = join(dir, 'case_steps.csv');
    const lines = readFileSync(file, 'utf8').split('\n');
    // A stray lead byte at the start of line 4, at the very end of the first chunk; a name beyond ASCII later keeps the file UTF-8.
    const head = Buffer.from(lines.slice(0, 3).join('\n') + '\n', 'utf8');
    const tail = Buffer.from(lines.slice(3, 200).join('\n') + '\nZoë\n', 'utf8');
    writeFileSync(file, Buffer.concat([head, Buffer.from([0xc3]), tail]));
    const { text, bytes } = await mappedBothWays(file, head.length + 1);
    expect(text).toContain('\uFFFD');
    expect(bytes).toBe(text);
  });

  it('reads a delimited export in Windows-1252 with a byte beyond ASCII the same way', async () => {
    const dir = sampleCopy('barnsley');
    const file = join(dir, 'supervision_steps.csv');
    const lines = readFileSync(file, 'utf8').split('\n');
    const latin = lines.map((line, n) => (n > 0 && n % 4 === 0 ? line.replace(/,([^,]*)$/, ',Caf\u00e9 discussion') : line)).join('\n');
    writeFileSync(file, Buffer.from(latin, 'latin1'));
    const { text, bytes } = await eachReading(auditArgs(dir, 'barnsley'), [333]);
    expect(JSON.parse(text).code, text).toBeLessThan(2);
    for (const reading of bytes) expect(reading).toBe(text);
  });

  it('reads tab- and semicolon-delimited exports the same way', async () => {
    for (const delimiter of ['\t', ';']) {
      const dir = sampleCopy('barnsley', { 'case_steps.csv': (t) => t.replaceAll(',', delimiter), 'supervision_steps.csv': (t) => t.replace(/;/g, '|').replaceAll(',', delimiter) });
      const { text, bytes } = await eachReading(auditArgs(dir, 'barnsley', '--max-rejected', '100'), [211]);
      expect(JSON.parse(text).code, text).toBeLessThan(2);
      for (const reading of bytes) expect(reading).toBe(text);
    }
  });
});
