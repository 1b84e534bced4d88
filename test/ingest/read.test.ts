import { describe, expect, it } from 'vitest';
import { readTable } from '../../src/ingest/read.js';
import { InputError, type TableInfo } from '../../src/ingest/table.js';
import { sniffDelimiter } from '../../src/ingest/csv.js';
import { tempFolder } from '../helpers/tmp.js';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { listInputFiles } from '../../src/ingest/read.js';

interface Read {
  columns: string[];
  info: TableInfo | null;
  rows: Array<{ line: number; values: string[] }>;
  unreadable: Array<{ line: number; problem: string; rowsLost: number }>;
  footerRows: number | null;
}

async function read(path: string, recognises?: (columns: string[]) => boolean): Promise<Read> {
  const out: Read = { columns: [], info: null, rows: [], unreadable: [], footerRows: null };
  await readTable(path, () => ({
    ...(recognises ? { recognises } : {}),
    end(footerRows: number) {
      out.footerRows = footerRows;
    },
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

function utf16be(text: string, bom = true): Buffer {
  const le = Buffer.from(text, 'utf16le');
  const be = Buffer.alloc(le.length);
  for (let i = 0; i < le.length; i += 2) {
    be[i] = le[i + 1]!;
    be[i + 1] = le[i]!;
  }
  return bom ? Buffer.concat([Buffer.from([0xfe, 0xff]), be]) : be;
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
    // As SQL Server's bcp -w writes it.
    ['UTF-16 LE without BOM', utf16le(text, false), 'utf-16le'],
    ['UTF-16 BE without BOM', utf16be(text, false), 'utf-16be'],
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

  const header = 'ID,TYPE,WORKER_ID,DATE,TOPICS,NOTES';
  it.each([
    ['a note full of semicolons in the first row', `${header}\n1,Formal,10001,05/11/2024,CASEWORK,Discussed: caseload; risk; drift; plans; visits; records; training\n2,Formal,10001,06/11/2024,,\n`, ','],
    ['a list of topics longer than the header, on every row', `${header}\n1,Formal,10001,05/11/2024,A;B;C;D;E;F;G;H,\n2,Formal,10001,06/11/2024,A;B;C;D;E;F,\n`, ','],
    ['a report title with semicolons above the header', `Supervision; all teams; all workers; Oct\n${header}\n1,Formal,10001,05/11/2024,,\n`, ','],
    ['the header alone', header, ','],
    ['semicolons, with a comma in every name', 'ID;NAME;TEAM\n1;Smith, Ann;North\n2;Jones, Bo;South\n', ';'],
    ['tabs, with commas and semicolons in the notes', 'ID\tNOTES\tDATE\n1\ta, b, c; d; e; f\t05/11/2024\n2\t\t06/11/2024\n', '\t'],
    ['nothing that splits', 'Supervision report\n', ','],
    ['notes over several lines in the first rows, each line with semicolons', `${header}\n${[1, 2, 3, 4, 5].map((n) => `${n},Formal,10001,05/11/2024,,"Discussed caseload:\n- child A; safety plan reviewed\n- child B; visits up to date\n- training; portfolio due"`).join('\n')}\n`, ','],
    ['tabs, with notes over several lines with commas', 'ID\tNAME\tNOTES\n1\tAnn\t"a, b\nc, d\ne, f\ng, h"\n', '\t'],
  ])('tells the delimiter by the splits most records share: %s', (_name, text, delimiter) => {
    expect(sniffDelimiter(text)).toBe(delimiter);
  });

  it.each([
    ['a semicolon header under title lines with commas, and no rows', 'Supervision agreements, all teams\nRun by: J Smith, 31/10/2026 07:12\nWORKER_ID;SUPERVISOR_WORKER_ID;SIGNED_DATE\n', ';'],
    ['a comma header under two title lines with semicolons', 'Supervision; all teams; October\nRun by; J Smith; 31/10/2026\nWORKER_ID,NOTES\n', ','],
    ['a tab header under a title line with semicolons', 'Agreements; all; teams\nWORKER_ID\tSIGNED_DATE\n', '\t'],
  ])('takes the delimiter under which a row is a header it knows: %s', (_name, text, delimiter) => {
    expect(sniffDelimiter(text, (columns) => columns[0] === 'WORKER_ID')).toBe(delimiter);
  });

  it('reads a comma export whose first row has a note with more semicolons than the header has commas', async () => {
    const note = 'Discussed: caseload; risk; drift; plans; visits; records; training; wellbeing';
    const result = await read(tmp.write('notes.csv', `A,B,NOTES\n1,2,${note}\n3,4,\n`));
    expect(result.info?.delimiter).toBe(',');
    expect(result.rows).toEqual([
      { line: 2, values: ['1', '2', note] },
      { line: 3, values: ['3', '4', ''] },
    ]);
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

  it('reads rows a stray quote joined into one cell as lines that could not be read as rows, never as one row; a note over many lines is a note', async () => {
    const rows = Array.from({ length: 30 }, (_, i) => `${i + 2},x,y`);
    rows[5] = '7,x,"';
    rows[20] = '22,x,"';
    const result = await read(tmp.write('ditto.csv', `A,B,C\n${rows.join('\n')}\n`));
    expect(result.unreadable.map((u) => [u.line, u.rowsLost])).toEqual([[7, 16]]);
    expect(result.unreadable[0]!.problem).toBe(
      'a quoted value opened here runs to line 22, over 15 lines that read as rows of the file: a stray quote (a ditto mark, an inch sign) joined them into one cell, so lines 7 to 22 could not be read as rows',
    );
    expect(result.rows.length).toBe(30 - 16);
    const note = `"${Array.from({ length: 30 }, (_, i) => `line ${i} of a long note`).join('\n')}"`;
    const noted = await read(tmp.write('note.csv', `A,B,C\n1,x,${note}\n2,x,y\n`));
    expect([noted.rows.length, noted.unreadable]).toEqual([2, []]);
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

describe('reports as report tools lay them out', () => {
  const isHeader = (columns: string[]): boolean => columns[0] === 'ID' && columns.includes('DATE');

  it('finds the header below the title, counts the lines above it, and the footer below the data', async () => {
    const text = 'Supervision steps\r\nReport run: 01/11/2026 07:12\r\n\r\nID,DATE,TEAM\r\n1,01/10/2026,A\r\n2,02/10/2026,B\r\n,,\r\nTotal rows: 2,,\r\n';
    const result = await read(tmp.write('report.csv', text), isHeader);
    expect(result.columns).toEqual(['ID', 'DATE', 'TEAM']);
    expect(result.info).toMatchObject({ titleRows: 3, delimiter: ',' });
    expect(result.rows).toEqual([
      { line: 5, values: ['1', '01/10/2026', 'A'] },
      { line: 6, values: ['2', '02/10/2026', 'B'] },
    ]);
    expect(result.footerRows).toBe(2);
    expect(result.unreadable).toEqual([]);
  });

  it.each([['Total'], ['Grand total,,3'], ['Count: 12'], ['TOTAL ROWS,2,'], ['1537']])('"%s" below the data is the footer', async (footer) => {
    const result = await read(tmp.write('footer.csv', `ID,DATE,TEAM\n1,01/10/2026,A\n${footer}\n`), isHeader);
    expect(result.rows.map((r) => r.line)).toEqual([2]);
    expect(result.footerRows).toBe(1);
  });

  it('a total-like row with data after it is data (a footer in the middle is a sign of files glued together)', async () => {
    const text = 'ID,DATE,TEAM\n1,01/10/2026,A\nTotal,1\n\n2,02/10/2026,B\n';
    const result = await read(tmp.write('glued.csv', text), isHeader);
    expect(result.rows.map((r) => r.line)).toEqual([2, 5]);
    expect(result.unreadable.map((u) => u.line)).toEqual([3]);
    expect(result.footerRows).toBe(0);
  });

  it('reads the padding a wider sheet gives every row as no cells, and a value past the header as a broken row', async () => {
    const text = 'Title,,,,\nID,DATE,TEAM,,\n1,01/10/2026,A,,\n2,02/10/2026,B,,x\n';
    const result = await read(tmp.write('padded.csv', text), isHeader);
    expect(result.columns).toEqual(['ID', 'DATE', 'TEAM']);
    expect(result.rows).toEqual([{ line: 3, values: ['1', '01/10/2026', 'A'] }]);
    expect(result.unreadable.map((u) => u.line)).toEqual([4]);
  });

  it('tells the delimiter by the header, not by a title line above it', async () => {
    const result = await read(tmp.write('semicolons.csv', 'Supervision, by team\nID;DATE;TEAM\n1;01/10/2026;A\n'), isHeader);
    expect(result.info?.delimiter).toBe(';');
    expect(result.rows).toEqual([{ line: 3, values: ['1', '01/10/2026', 'A'] }]);
  });

  it('looks for the header in the first 20 non-empty rows only', async () => {
    const title = Array.from({ length: 20 }, (_, i) => `title line ${i + 1}`).join('\n');
    await expect(read(tmp.write('deep-header.csv', `${title}\nID,DATE\n1,01/10/2026\n`), isHeader)).rejects.toThrow(/none of its first 20 rows is a header/);
    const result = await read(tmp.write('header-at-20.csv', `${title.split('\n').slice(1).join('\n')}\n\n\nID,DATE\n1,01/10/2026\n`), isHeader);
    expect(result.info?.titleRows).toBe(21);
  });
});

describe('folders as people keep them', () => {
  const folder = tempFolder();
  it('lists what cannot be an export as skipped, with why; a .txt with a title above a delimited header is an export', async () => {
    folder.write('workers.csv', 'ID,DATE\n');
    folder.write('report.txt', 'Staff list\nID\tDATE\n1\t01/10/2026\n');
    folder.write('README.txt', 'Exports for October, as asked.\n\tOne\tindented\tline.\n');
    // Renamed columns, so no header is known: a table all the same, under its title.
    folder.write('renamed.txt', 'Supervision steps, all teams\n\nStep Ref\tWorker\tWhen\n1\t10001\t01/10/2026\n');
    folder.write('notes.md', '# notes');
    folder.write('~$workers.xlsx', 'x');
    folder.write('.hidden.csv', 'ID,DATE\n');
    mkdirSync(join(folder.dir, 'old'));
    const listed = await listInputFiles([folder.dir], (columns) => columns[0] === 'ID');
    expect(listed.files.map((f) => f.split('/').pop())).toEqual(['renamed.txt', 'report.txt', 'workers.csv']);
    expect(listed.skipped.map((s) => [s.file.split('/').pop(), s.reason])).toEqual([
      ['.hidden.csv', 'a hidden file'],
      ['README.txt', 'a text file with no tab in its first line and no export header in its first lines: not an export'],
      ['notes.md', 'not an export (.md file)'],
      ['old', 'a folder: only the files directly inside the folder given are read'],
      ['~$workers.xlsx', 'an Excel lock file: the workbook it belongs to is open in Excel'],
    ]);
  });

  it('never skips a file named on its own', async () => {
    const readme = folder.write('named.txt', 'Not an export\n');
    expect(await listInputFiles([readme])).toEqual({ files: [readme], skipped: [] });
  });
});
