import { describe, expect, it } from 'vitest';
import { readTable } from '../../src/ingest/read.js';
import { InputError, type TableInfo } from '../../src/ingest/table.js';
import { sniffDelimiter } from '../../src/ingest/csv.js';
import { tempFolder } from '../helpers/tmp.js';

interface Read {
  columns: string[];
  info: TableInfo | null;
  rows: Array<{ line: number; values: string[] }>;
  unreadable: Array<{ line: number; problem: string; rowsLost: number }>;
}

async function read(path: string): Promise<Read> {
  const out: Read = { columns: [], info: null, rows: [], unreadable: [] };
  await readTable(path, () => ({
    header(columns, info) {
      out.columns = columns;
      out.info = info;
    },
    row(values, line) {
      out.rows.push({ line, values });
    },
    unreadable(line, problem, rowsLost) {
      out.unreadable.push({ line, problem, rowsLost });
    },
  }));
  return out;
}

const tmp = tempFolder();

function utf16le(text: string, bom = true): Buffer {
  const body = Buffer.from(text, 'utf16le');
  return bom ? Buffer.concat([Buffer.from([0xff, 0xfe]), body]) : body;
}

function utf16be(text: string): Buffer {
  const le = Buffer.from(text, 'utf16le');
  const be = Buffer.alloc(le.length);
  for (let i = 0; i < le.length; i += 2) {
    be[i] = le[i + 1]!;
    be[i + 1] = le[i]!;
  }
  return Buffer.concat([Buffer.from([0xfe, 0xff]), be]);
}

describe('CSV encodings', () => {
  const text = 'WORKER_ID,LAST_NAMES\r\nW1,Ó Súilleabháin\r\nW2,Zoë “Jo” Brontë\r\n';
  const expectedRows = [
    { line: 2, values: ['W1', 'Ó Súilleabháin'] },
    { line: 3, values: ['W2', 'Zoë “Jo” Brontë'] },
  ];

  it.each([
    ['UTF-8 without BOM', Buffer.from(text, 'utf8'), 'utf-8'],
    ['UTF-8 with BOM', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]), 'utf-8'],
    ['UTF-16 LE with BOM', utf16le(text), 'utf-16le'],
    ['UTF-16 BE with BOM', utf16be(text), 'utf-16be'],
    ['Windows-1252 as Excel saves it', Buffer.from(new Uint8Array([...Buffer.from('WORKER_ID,LAST_NAMES\r\nW1,'), 0xd3, 0x20, 0x53, 0xfa, ...Buffer.from('illeabh'), 0xe1, ...Buffer.from('in\r\nW2,Zo'), 0xeb, 0x20, 0x93, ...Buffer.from('Jo'), 0x94, ...Buffer.from(' Bront'), 0xeb, 0x0d, 0x0a])), 'windows-1252'],
  ])('%s', async (name, bytes, encoding) => {
    const result = await read(tmp.write(`${name.replace(/\W+/g, '-')}.csv`, bytes));
    expect(result.columns).toEqual(['WORKER_ID', 'LAST_NAMES']);
    expect(result.info?.encoding).toBe(encoding);
    expect(result.rows).toEqual(expectedRows);
    expect(result.unreadable).toEqual([]);
  });

  it('reads a non-UTF-8 byte deep in a large file as Windows-1252', async () => {
    const body = 'ID,NAME\n' + Array.from({ length: 60_000 }, (_, i) => `${i},plain ascii name`).join('\n');
    const bytes = Buffer.concat([Buffer.from(body + '\n60000,Ren'), Buffer.from([0xe9]), Buffer.from('e\n')]);
    const result = await read(tmp.write('deep.csv', bytes));
    expect(result.info?.encoding).toBe('windows-1252');
    expect(result.rows.at(-1)).toEqual({ line: 60_002, values: ['60000', 'Renée'] });
  });
});

describe('CSV structure', () => {
  it.each([
    ['comma', 'A,B\n1,2\n', ','],
    ['semicolon', 'A;B\n1;2\n', ';'],
    ['tab', 'A\tB\n1\t2\n', '\t'],
  ])('detects the %s delimiter', async (name, text, delimiter) => {
    const result = await read(tmp.write(`${name}.csv`, text));
    expect(result.info?.delimiter).toBe(delimiter);
    expect(result.rows).toEqual([{ line: 2, values: ['1', '2'] }]);
  });

  it('ignores delimiters inside quoted header names', () => {
    expect(sniffDelimiter('"A;B",C,D')).toBe(',');
  });

  it('gives each row the physical line it starts on, across multi-line values and mixed endings', async () => {
    const text = 'A,B\r\n1,2\r\n\r\n3,"multi\nline"\n4,5\n\n\n"6",7\r8,9';
    const result = await read(tmp.write('lines.csv', text));
    expect(result.rows).toEqual([
      { line: 2, values: ['1', '2'] },
      { line: 4, values: ['3', 'multi\nline'] },
      { line: 6, values: ['4', '5'] },
      { line: 9, values: ['6', '7'] },
      { line: 10, values: ['8', '9'] },
    ]);
  });

  it('trims header names and drops a stray byte order mark', async () => {
    const result = await read(tmp.write('header.csv', '\uFEFF\uFEFF WORKER_ID , NAME\nW1,x\n'));
    expect(result.columns).toEqual(['WORKER_ID', 'NAME']);
  });

  it('rejects a row with the wrong number of cells, and reads on', async () => {
    const result = await read(tmp.write('cells.csv', 'A,B,C\n1,2,3\n4,5\n6,7,8,9\n10,11,12\n'));
    expect(result.rows.map((r) => r.line)).toEqual([2, 5]);
    expect(result.unreadable.map((u) => [u.line, u.rowsLost])).toEqual([
      [3, 1],
      [4, 1],
    ]);
    expect(result.unreadable[0]!.problem).toContain('2 cells but the header has 3');
  });

  it('accepts a stray quote inside an unquoted value', async () => {
    const result = await read(tmp.write('quotes.csv', 'A,B\n1,He said "no"\n'));
    expect(result.rows).toEqual([{ line: 2, values: ['1', 'He said "no"'] }]);
  });

  it('keeps a value with text after its closing quote as written', async () => {
    const result = await read(tmp.write('badquote.csv', 'A,B\n1,"x"y\n3,4\n'));
    expect(result.rows).toEqual([
      { line: 2, values: ['1', '"x"y'] },
      { line: 3, values: ['3', '4'] },
    ]);
  });

  it('accounts for the lines swallowed by a quote that is never closed', async () => {
    const result = await read(tmp.write('truncated.csv', 'A,B\n1,2\n3,"open\n4,5\n6,7\n'));
    expect(result.rows).toEqual([{ line: 2, values: ['1', '2'] }]);
    expect(result.unreadable).toHaveLength(1);
    expect(result.unreadable[0]!.line).toBe(3);
    expect(result.unreadable[0]!.rowsLost).toBeGreaterThanOrEqual(3);
    expect(result.unreadable[0]!.problem).toContain('never closed');
  });

  it('refuses an empty file', async () => {
    await expect(read(tmp.write('empty.csv', ''))).rejects.toThrow(InputError);
    await expect(read(tmp.write('empty.csv', ''))).rejects.toThrow(/is empty/);
  });

  it('reads a header-only file as no rows', async () => {
    const result = await read(tmp.write('header-only.csv', 'A,B\r\n'));
    expect(result.columns).toEqual(['A', 'B']);
    expect(result.rows).toEqual([]);
  });
});

describe('JSON', () => {
  it('reads an array of objects with the line of each', async () => {
    const text = '[\n  {"ID": "1", "N": 5},\n  {\n    "ID": "2",\n    "FLAG": true\n  }\n]\n';
    const result = await read(tmp.write('array.json', text));
    expect(result.columns).toEqual(['ID', 'N', 'FLAG']);
    expect(result.rows).toEqual([
      { line: 2, values: ['1', '5', ''] },
      { line: 3, values: ['2', '', 'true'] },
    ]);
  });

  it('reads { "rows": [...] }', async () => {
    const text = '{\n "exported": "2026-11-01",\n "meta": {"rows": [1]},\n "rows": [\n  {"ID": "a"},\n  {"ID": "b"}\n ]\n}';
    const result = await read(tmp.write('rows.json', text));
    expect(result.rows).toEqual([
      { line: 5, values: ['a'] },
      { line: 6, values: ['b'] },
    ]);
  });

  it('reads JSON Lines and reports a broken line', async () => {
    const text = '{"ID": "a", "TOPICS": ["X", "Y"]}\n\n{"ID": "b"\n{"ID": "c"}\n';
    const result = await read(tmp.write('lines.jsonl', text));
    expect(result.rows).toEqual([
      { line: 1, values: ['a', 'X;Y'] },
      { line: 4, values: ['c', ''] },
    ]);
    expect(result.unreadable.map((u) => u.line)).toEqual([3]);
  });

  it('rejects a record holding a nested object', async () => {
    const result = await read(tmp.write('nested.json', '[{"ID": "a", "X": {"y": 1}}, {"ID": "b"}]'));
    expect(result.rows).toEqual([{ line: 1, values: ['b', ''] }]);
    expect(result.unreadable[0]!.problem).toContain('"X"');
  });

  it('refuses a truncated JSON array with the line', async () => {
    await expect(read(tmp.write('cut.json', '[\n{"ID": "a"},\n{"ID": '))).rejects.toThrow(/not valid JSON/);
  });
});
