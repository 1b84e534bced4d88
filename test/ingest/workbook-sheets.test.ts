/**
 * Sheets as tools other than Excel write them, each built here as XML inside a zip: cells and
 * rows with no `r` (ECMA-376 makes it optional), inline and rich-text strings, the 1904 date
 * system, booleans, errors, ISO date cells and formulas' cached values; and the XML a workbook
 * never holds, refused with one sentence.
 */
import { describe, expect, it } from 'vitest';
import { readWorkbook } from '../../src/ingest/xlsx.js';
import type { TableInfo } from '../../src/ingest/table.js';
import { CELL_LIMIT } from '../../src/ingest/limits.js';
import { zip } from '../helpers/real-exports.js';
import { tempFolder } from '../helpers/tmp.js';

const tmp = tempFolder();

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const RELS = 'http://schemas.openxmlformats.org/package/2006/relationships';
const OFFICE = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

interface Book {
  /** Each sheet's name and the XML inside its `<sheetData>` (or the whole part, when it starts with `<?xml` or `<!`). */
  sheets: Array<{ name: string; data: string }>;
  /** The `<si>` items of the shared strings, as XML. */
  shared?: string[];
  /** `cellXfs` number formats by style, and custom formats by id. */
  styles?: { xfs: number[]; formats?: Record<number, string> };
  date1904?: boolean;
  /** Further sheets the workbook lists, of another kind (a chart sheet). */
  charts?: string[];
}

function workbook(book: Book): Buffer {
  const parts: Array<[string, string]> = [];
  const rels: string[] = [];
  const sheets: string[] = [];
  book.sheets.forEach(({ name, data }, i) => {
    rels.push(`<Relationship Id="rId${i + 1}" Type="${OFFICE}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`);
    sheets.push(`<sheet name="${name}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`);
    const xml = /^<[?!]/.test(data) ? data : `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="${MAIN}"><sheetData>${data}</sheetData></worksheet>`;
    parts.push([`xl/worksheets/sheet${i + 1}.xml`, xml]);
  });
  (book.charts ?? []).forEach((name, i) => {
    rels.push(`<Relationship Id="rIdChart${i}" Type="${OFFICE}/chartsheet" Target="chartsheets/sheet${i + 1}.xml"/>`);
    sheets.push(`<sheet name="${name}" sheetId="${100 + i}" r:id="rIdChart${i}"/>`);
    parts.push([`xl/chartsheets/sheet${i + 1}.xml`, `<?xml version="1.0"?><chartsheet xmlns="${MAIN}"/>`]);
  });
  if (book.shared) {
    rels.push(`<Relationship Id="rIdStrings" Type="${OFFICE}/sharedStrings" Target="sharedStrings.xml"/>`);
    parts.push(['xl/sharedStrings.xml', `<?xml version="1.0"?><sst xmlns="${MAIN}" count="${book.shared.length}">${book.shared.map((si) => `<si>${si}</si>`).join('')}</sst>`]);
  }
  if (book.styles) {
    const formats = Object.entries(book.styles.formats ?? {}).map(([id, code]) => `<numFmt numFmtId="${id}" formatCode="${code}"/>`);
    rels.push(`<Relationship Id="rIdStyles" Type="${OFFICE}/styles" Target="styles.xml"/>`);
    parts.push([
      'xl/styles.xml',
      `<?xml version="1.0"?><styleSheet xmlns="${MAIN}"><numFmts count="${formats.length}">${formats.join('')}</numFmts><cellStyleXfs count="1"><xf numFmtId="14"/></cellStyleXfs><cellXfs count="${book.styles.xfs.length}">${book.styles.xfs.map((id) => `<xf numFmtId="${id}" fontId="0"/>`).join('')}</cellXfs></styleSheet>`,
    ]);
  }
  parts.unshift(
    ['_rels/.rels', `<?xml version="1.0"?><Relationships xmlns="${RELS}"><Relationship Id="rId1" Type="${OFFICE}/officeDocument" Target="xl/workbook.xml"/></Relationships>`],
    ['xl/workbook.xml', `<?xml version="1.0"?><workbook xmlns="${MAIN}" xmlns:r="${OFFICE}">${book.date1904 ? '<workbookPr date1904="1"/>' : '<workbookPr/>'}<sheets>${sheets.join('')}</sheets></workbook>`],
    ['xl/_rels/workbook.xml.rels', `<?xml version="1.0"?><Relationships xmlns="${RELS}">${rels.join('')}</Relationships>`],
  );
  return zip(parts.map(([name, text]) => [name, Buffer.from(text, 'utf8')]));
}

interface Table {
  file: string;
  header: string[];
  titleRows: number;
  rows: Array<{ line: number; values: string[] }>;
  unreadable: Array<{ line: number; problem: string }>;
}

let made = 0;

/** The tables read from the workbook, each row with the line Excel shows; the first non-empty row of a sheet is its header. */
async function tables(book: Book | Buffer): Promise<Table[]> {
  const path = tmp.write(`book-${++made}.xlsx`, Buffer.isBuffer(book) ? book : workbook(book));
  const out: Table[] = [];
  await readWorkbook(path, ({ file }) => {
    const table: Table = { file: file.slice(path.length), header: [], titleRows: 0, rows: [], unreadable: [] };
    out.push(table);
    return {
      header(columns: string[], info: TableInfo) {
        table.header = columns;
        table.titleRows = info.titleRows;
      },
      row(values: string[], line: number) {
        table.rows.push({ line, values });
      },
      unreadable(line: number, problem: string) {
        table.unreadable.push({ line, problem });
      },
    };
  });
  return out;
}

/** Why the workbook is refused: the sentence, with the path as `BOOK`. */
async function refusal(book: Book | Buffer): Promise<string> {
  const path = tmp.write(`refused-${++made}.xlsx`, Buffer.isBuffer(book) ? book : workbook(book));
  try {
    await readWorkbook(path, () => ({ header() {}, row() {}, unreadable() {} }));
  } catch (err) {
    return (err as Error).message.replaceAll(path, 'BOOK');
  }
  throw new Error('the workbook was read');
}

const inline = (text: string): string => `<c t="inlineStr"><is><t>${text}</t></is></c>`;

describe('a sheet whose cells and rows have no r', () => {
  const rowsWithR = `<row r="1"><c r="A1" t="inlineStr"><is><t>ID</t></is></c><c r="B1" t="inlineStr"><is><t>Team</t></is></c><c r="C1" t="inlineStr"><is><t>Count</t></is></c></row><row r="2"><c r="A2"><v>10032</v></c><c r="B2" t="inlineStr"><is><t>North</t></is></c><c r="C2"><v>3</v></c></row><row r="3"><c r="A3"><v>10033</v></c><c r="B3" t="inlineStr"><is><t>South</t></is></c><c r="C3"><v>0.5</v></c></row>`;
  const rowsWithout = `<row>${inline('ID')}${inline('Team')}${inline('Count')}</row><row><c><v>10032</v></c>${inline('North')}<c><v>3</v></c></row><row><c><v>10033</v></c>${inline('South')}<c><v>0.5</v></c></row>`;

  it('reads as the same table as with them', async () => {
    const [withR] = await tables({ sheets: [{ name: 'Staff', data: rowsWithR }] });
    const [without] = await tables({ sheets: [{ name: 'Staff', data: rowsWithout }] });
    expect(without).toEqual(withR);
    expect(without!.header).toEqual(['ID', 'Team', 'Count']);
    expect(without!.rows).toEqual([
      { line: 2, values: ['10032', 'North', '3'] },
      { line: 3, values: ['10033', 'South', '0.5'] },
    ]);
  });

  it('mixes cells with r and without: a cell without is in the column after the one before it, and the columns skipped are empty', async () => {
    const data =
      `<row r="2">${inline('A')}${inline('B')}${inline('C')}${inline('D')}${inline('E')}</row>` +
      `<row r="4"><c r="B4"><v>1</v></c><c><v>2</v></c><c r="E4"><v>5</v></c></row>` +
      `<row><c><v>1</v></c><c r="D5"><v>4</v></c><c><v>5</v></c></row>` +
      `<row r="9"><c r="C9" s="0"/><c r="D9"><v>4</v></c></row><row><c r="$B$10"><v>2</v></c></row><row><c><v>1</v></c><c><v>2</v></c></row>`;
    const [table] = await tables({ sheets: [{ name: 'Mixed', data }] });
    expect(table!.titleRows).toBe(1);
    expect(table!.rows).toEqual([
      { line: 4, values: ['', '1', '2', '', '5'] },
      { line: 5, values: ['1', '', '', '4', '5'] },
      { line: 9, values: ['', '', '', '4', ''] },
      { line: 10, values: ['', '2', '', '', ''] },
      { line: 11, values: ['1', '2', '', '', ''] },
    ]);
  });

  it('reads a sheet written with a namespace prefix (x:row, x:c) as one without', async () => {
    const data = `<?xml version="1.0"?><x:worksheet xmlns:x="${MAIN}"><x:sheetData><x:row><x:c t="inlineStr"><x:is><x:t>ID</x:t></x:is></x:c><x:c t="inlineStr"><x:is><x:t>N</x:t></x:is></x:c></x:row><x:row><x:c><x:v>7</x:v></x:c><x:c><x:v>8</x:v></x:c></x:row></x:sheetData></x:worksheet>`;
    const [table] = await tables({ sheets: [{ name: 'Prefixed', data }] });
    expect(table!.header).toEqual(['ID', 'N']);
    expect(table!.rows).toEqual([{ line: 2, values: ['7', '8'] }]);
  });
});

describe('the text of a cell', () => {
  it('inline strings: plain, rich text runs joined, phonetic guides left out, white space kept', async () => {
    const data =
      `<row>${inline('Name')}${inline('Note')}</row>` +
      `<row><c t="inlineStr"><is><r><rPr><b/></rPr><t>Team </t></r><r><t>North</t></r><rPh sb="0" eb="1"><t>ノース</t></rPh></is></c><c t="inlineStr"><is><t xml:space="preserve">  two  spaces </t></is></c></row>`;
    const [table] = await tables({ sheets: [{ name: 'Inline', data }] });
    expect(table!.rows).toEqual([{ line: 2, values: ['Team North', '  two  spaces '] }]);
  });

  it('shared strings: rich text runs, xml:space, _xHHHH_ escapes and entities, decoded once', async () => {
    const shared = [
      '<t>Name</t>',
      '<r><t>Dunn</t></r><r><rPr><i/></rPr><t xml:space="preserve"> &amp; Co</t></r>',
      '<t xml:space="preserve"> padded </t>',
      '<t>line one_x000D__x000A_line two</t>',
      '<t>_x005F_x000D_ stays as written</t>',
      '<t>&lt;b&gt; &quot;q&quot; &apos;a&apos; &#233;&#x2014;&amp;lt;</t>',
      '<t/>',
    ];
    const data = `<row>${inline('Row')}<c t="s"><v>0</v></c></row>` + [1, 2, 3, 4, 5, 6, 1].map((i) => `<row><c><v>${i}</v></c><c t="s"><v>${i}</v></c></row>`).join('');
    const [table] = await tables({ sheets: [{ name: 'Shared', data }], shared });
    expect(table!.rows.map((r) => r.values[1])).toEqual(['Dunn & Co', ' padded ', 'line one\r\nline two', '_x000D_ stays as written', `<b> "q" 'a' é—&lt;`, '', 'Dunn & Co']);
  });

  it('numbers, booleans, errors, ISO date cells and formulas’ cached values', async () => {
    const data =
      `<row>${['Id', 'Big', 'Fraction', 'Flag', 'Off', 'Error', 'Iso', 'IsoTime', 'Sum', 'Text', 'Failed', 'Test', 'None'].map(inline).join('')}</row>` +
      '<row><c><v>10032</v></c><c><v>100000000123</v></c><c><v>0.30000000000000004</v></c><c t="b"><v>1</v></c><c t="b"><v>0</v></c><c t="e"><v>#N/A</v></c>' +
      '<c t="d"><v>2026-10-31</v></c><c t="d"><v>2026-10-31T09:30:00Z</v></c>' +
      '<c><f>A2*2</f><v>20064</v></c><c t="str"><f>B1&amp;"!"</f><v>Big!</v></c><c t="e"><f>VLOOKUP(A2,X:Y,2,0)</f><v>#REF!</v></c><c t="b"><f>A2&gt;1</f><v>1</v></c><c><f>A1</f></c></row>';
    const [table] = await tables({ sheets: [{ name: 'Kinds', data }] });
    expect(table!.rows).toEqual([{ line: 2, values: ['10032', '100000000123', '0.3', 'TRUE', 'FALSE', '#N/A', '2026-10-31', '2026-10-31 09:30', '20064', 'Big!', '#REF!', 'TRUE', ''] }]);
  });

  it('a number in a date format is its date: built-in formats 14 and 22, a custom one, and the 1904 date system', async () => {
    const styles = { xfs: [0, 14, 22, 164, 4], formats: { 164: 'dd/mm/yyyy\\ hh:mm' } };
    const data = `<row>${inline('Day')}${inline('Stamp')}${inline('Custom')}${inline('Money')}</row><row><c s="1"><v>46326</v></c><c s="2"><v>46326.375</v></c><c s="3"><v>46326.5</v></c><c s="4"><v>1234.5</v></c></row>`;
    const [in1900] = await tables({ sheets: [{ name: 'Dates', data }], styles });
    expect(in1900!.rows).toEqual([{ line: 2, values: ['2026-10-31', '2026-10-31 09:00', '2026-10-31 12:00', '1234.5'] }]);
    // The same day numbers count from 1 January 1904: 1,462 days later.
    const [in1904] = await tables({ sheets: [{ name: 'Dates', data }], styles, date1904: true });
    expect(in1904!.rows).toEqual([{ line: 2, values: ['2030-11-01', '2030-11-01 09:00', '2030-11-01 12:00', '1234.5'] }]);
  });

  it('a cell longer than a spreadsheet cell can hold is emptied and its length told; a row past the last column is rejected', async () => {
    const long = 'x'.repeat(CELL_LIMIT + 1);
    const data = `<row>${inline('Id')}${inline('Notes')}</row><row><c><v>1</v></c>${inline(long)}</row><row><c><v>2</v></c><c r="XFE3"><v>9</v></c></row><row><c><v>3</v></c><c t="s"><v>0</v></c></row>`;
    const [table] = await tables({ sheets: [{ name: 'Limits', data }], shared: [`<t>${long}</t>`] });
    expect(table!.unreadable).toEqual([
      { line: 2, problem: `the value of "Notes" is ${(CELL_LIMIT + 1).toLocaleString('en-GB')} characters long, more than the ${CELL_LIMIT.toLocaleString('en-GB')} a spreadsheet cell can hold (a damaged export?); the row is not read` },
      { line: 3, problem: 'the row has more than 16,384 cells, more than a spreadsheet row can hold (a damaged export?); the row is not read' },
      { line: 4, problem: `the value of "Notes" is ${(CELL_LIMIT + 1).toLocaleString('en-GB')} characters long, more than the ${CELL_LIMIT.toLocaleString('en-GB')} a spreadsheet cell can hold (a damaged export?); the row is not read` },
    ]);
  });
});

describe('the sheets of a workbook', () => {
  it('are read in the order of their tabs, by their names; a chart sheet is passed over', async () => {
    const read = await tables({ sheets: [{ name: 'Second &amp; last', data: `<row>${inline('B')}</row>` }, { name: 'First', data: `<row>${inline('A')}</row>` }], charts: ['Chart1'] });
    expect(read.map((t) => [t.file, t.header])).toEqual([
      [' [Second & last]', ['B']],
      [' [First]', ['A']],
    ]);
  });
});

describe('XML a workbook never holds is refused with one sentence', () => {
  const sheet = (data: string): Book => ({ sheets: [{ name: 'S', data }] });
  const sheetPart = (body: string): string => `<?xml version="1.0"?>${body}`;
  it.each<[string, Book | (() => Buffer), string]>([
    [
      'an entity of its own',
      sheet(`<row>${inline('a &custom; b')}</row>`),
      "BOOK cannot be read as an Excel workbook: its part xl/worksheets/sheet1.xml holds an entity (&custom;) that is not one of XML's own; it is damaged, or was not written by a spreadsheet. Save it again from Excel as .xlsx, or as CSV",
    ],
    [
      'a document type declaration',
      sheet(sheetPart(`<!DOCTYPE worksheet [<!ENTITY big "bigger">]><worksheet xmlns="${MAIN}"><sheetData><row>${inline('&big;')}</row></sheetData></worksheet>`)),
      'BOOK cannot be read as an Excel workbook: its part xl/worksheets/sheet1.xml holds a document type declaration (<!DOCTYPE>), which a workbook never does; it is damaged, or was not written by a spreadsheet. Save it again from Excel as .xlsx, or as CSV',
    ],
    [
      'a sheet whose XML stops short',
      sheet(sheetPart(`<worksheet xmlns="${MAIN}"><sheetData><row>${inline('ID')}</row><row><c><v>1</v>`)),
      'BOOK cannot be read as an Excel workbook: its part xl/worksheets/sheet1.xml ends before its XML is complete; it is damaged, or was not written by a spreadsheet. Save it again from Excel as .xlsx, or as CSV',
    ],
    [
      'a cell reference that is none',
      sheet(`<row>${inline('ID')}</row><row><c r="12"><v>1</v></c></row>`),
      'BOOK cannot be read as an Excel workbook: its part xl/worksheets/sheet1.xml has a cell whose reference "12" is not a cell reference (row 2); it is damaged, or was not written by a spreadsheet. Save it again from Excel as .xlsx, or as CSV',
    ],
    [
      'a row number that is none',
      sheet(`<row r="0">${inline('ID')}</row>`),
      'BOOK cannot be read as an Excel workbook: its part xl/worksheets/sheet1.xml has a row numbered "0", which is not a row number; it is damaged, or was not written by a spreadsheet. Save it again from Excel as .xlsx, or as CSV',
    ],
    [
      'a shared string the workbook does not have',
      { sheets: [{ name: 'S', data: `<row><c t="s"><v>0</v></c></row><row><c t="s"><v>3</v></c></row>` }], shared: ['<t>ID</t>'] },
      `BOOK cannot be read as an Excel workbook: its part xl/worksheets/sheet1.xml has a cell in row 2 whose shared string ("3") is not among the workbook's 1; it is damaged, or was not written by a spreadsheet. Save it again from Excel as .xlsx, or as CSV`,
    ],
    [
      'a quote out of place in a cell’s tag (a damaged byte that still inflates)',
      sheet(`<row>${inline('ID')}${inline('Team')}</row><row><c r="A2" t32" t="inlineStr"><is><t>x</t></is></c><c r="B2" t="inlineStr"><is><t>y</t></is></c></row><row><c r="A3" t33" t="inlineStr"><is><t>z</t></is></c></row>`),
      'BOOK cannot be read as an Excel workbook: its part xl/worksheets/sheet1.xml has a tag whose attributes are not XML; it is damaged, or was not written by a spreadsheet. Save it again from Excel as .xlsx, or as CSV',
    ],
    [
      'a zip archive with no workbook in it',
      () => zip([['word/document.xml', Buffer.from('<w:document/>')]]),
      'BOOK is not an Excel workbook: its zip archive holds no xl/workbook.xml (a Word document, or another zip file, renamed .xlsx?). Save it again from Excel as .xlsx, or as CSV',
    ],
  ])('%s', async (_, book, sentence) => {
    expect(await refusal(typeof book === 'function' ? book() : book)).toBe(sentence);
  });
});
