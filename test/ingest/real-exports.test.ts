/**
 * Exports as they arrive (SOURCE-LAYOUTS.md): the same generated exports of each system, saved
 * the ways Excel, report tools and pandas save them, give exactly the findings of the clean
 * files, with every row accounted for; what cannot be read is refused with a sentence that
 * says what to change.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Report } from '../../src/audit/report.js';
import type { SystemId } from '../../src/adapters/layout.js';
import { writeExportFiles, type ExportFile } from '../../src/generator/writers/csv-files.js';
import { SYSTEM_WRITERS } from '../../src/generator/writers/systems.js';
import { cli } from '../e2e/helpers.js';
import { runBuiltMain } from '../helpers/run-main.js';
import { commonDataset } from '../helpers/common-dataset.js';
import {
  columnKinds,
  FRAME_ROWS,
  reportCsv,
  withDayNumbers,
  withDisplayNames,
  withFloatIds,
  withResavedDates,
  withScientificColumn,
  writeExcelStyleWorkbook,
  writeWorkbook,
  type ResavedDate,
} from '../helpers/real-exports.js';
import { tempFolder } from '../helpers/tmp.js';

const tmp = tempFolder();
const data = commonDataset();
// Each system's exports and the HR export of staff records beside them.
const FILES: Record<SystemId, ExportFile[]> = { mosaic: SYSTEM_WRITERS.mosaic(data), azeus: SYSTEM_WRITERS.azeus(data), liquidlogic: SYSTEM_WRITERS.liquidlogic(data) };

interface Audit {
  code: number | null;
  stderr: string;
  report: Report;
  /** Every finding but its provenance, which names the file and line it rests on. */
  findings: string[];
}

const AUDIT = ['--policy', 'barnsley', '--as-of', '2026-10-31', '--format', 'json', '--fail-on', 'none'];

function audited(run: { code: number | null; stdout: string; stderr: string }): Audit {
  const report = (run.stdout === '' ? null : JSON.parse(run.stdout)) as Report;
  const findings = (report?.findings ?? []).map(({ source: _source, ...rest }) => JSON.stringify(rest)).sort();
  return { code: run.code, stderr: run.stderr, report, findings };
}

/** The audit in this process, as the launcher runs it. */
async function audit(...args: string[]): Promise<Audit> {
  return audited(await runBuiltMain('audit', ...args, ...AUDIT));
}

/** The audit in a child process, which takes the time zone of the environment it starts in. */
function auditInChild(...args: string[]): Audit {
  return audited(cli('audit', ...args, ...AUDIT));
}

function folder(name: string): string {
  const dir = join(tmp.dir, name);
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** Rows read, used and rejected by entity: the accounting a clean set and its real-shaped twin must share. */
function accounting(report: Report): Record<string, [number, number, number]> {
  const out: Record<string, [number, number, number]> = {};
  for (const i of report.inputs) out[i.entity] = [i.rowsRead, i.rowsUsed, i.rowsRejected];
  return out;
}

/** Data issues without where they are (file and line), which differ between the twins. */
const problems = (report: Report): string[] => report.dataIssues.map((i) => `${i.field}: ${i.value}: ${i.problem} (${i.effect})`).sort();

const clean = {} as Record<SystemId, Audit>;
for (const system of Object.keys(FILES) as SystemId[]) {
  const dir = folder(`clean-${system}`);
  writeExportFiles(dir, FILES[system]);
  clean[system] = await audit(dir);
}

/** Expects the real-shaped set to say exactly what the clean one does. */
function expectSameAsClean(system: SystemId, read: Audit): void {
  expect(read.stderr).toBe('');
  expect(read.code).toBe(0);
  expect(accounting(read.report)).toEqual(accounting(clean[system].report));
  expect(problems(read.report)).toEqual(problems(clean[system].report));
  expect(read.findings).toEqual(clean[system].findings);
  for (const input of read.report.inputs) expect(input.rowsRead).toBe(input.rowsUsed + input.rowsRejected);
}

const SHAPES: ResavedDate[] = ['d/m/yyyy', 'dd/mm/yyyy hh:mm:ss', 'yyyy-mm-dd', 'd-Mon-yyyy'];

describe.each(Object.keys(FILES) as SystemId[])('%s exports as they arrive', (system) => {
  const files = FILES[system];

  it('has findings and rows to compare', () => {
    expect(clean[system].findings.length).toBeGreaterThan(100);
    expect(clean[system].report.inputs.length).toBe(files.length);
  });

  it('as workbooks with title rows, a total, date cells, number ids and a formula', async () => {
    const dir = folder(`workbooks-${system}`);
    for (const file of files) {
      await writeWorkbook(join(dir, file.name.replace(/\.csv$/, '.xlsx')), [{ name: 'Report', file, kinds: columnKinds(file, system), framed: true, formula: true }]);
    }
    const read = await audit(dir);
    expectSameAsClean(system, read);
    for (const input of read.report.inputs) {
      expect(input).toMatchObject({ format: 'xlsx', sheet: 'Report', titleRows: FRAME_ROWS, footerRows: 1 });
      expect(input.file).toMatch(/\.xlsx \[Report\]$/);
    }
    // A finding's source is the sheet and the row Excel shows: the CSV line, moved down by the title rows.
    const byWorkbook = read.report.findings.find((f) => f.source.length > 0)!;
    const twin = clean[system].report.findings.find((f) => JSON.stringify({ ...f, source: [] }) === JSON.stringify({ ...byWorkbook, source: [] }))!;
    expect(byWorkbook.source).toEqual(twin.source.map((s) => ({ file: s.file.replace(`clean-${system}`, `workbooks-${system}`).replace(/\.csv$/, '.xlsx [Report]'), line: s.line + FRAME_ROWS })));
  });

  it('mixed in one folder, each file saved another way, beside a lock file, a README and a Word document', async () => {
    const dir = folder(`mixed-${system}`);
    for (const [index, file] of files.entries()) {
      const kinds = columnKinds(file, system);
      const base = file.name.replace(/\.csv$/, '');
      // Every file is re-saved with its dates in one of Excel's shapes and its ids as floats, then saved one of five ways.
      const resaved = withFloatIds(withResavedDates(file, kinds, SHAPES[index % SHAPES.length]!), kinds);
      switch (index % 5) {
        case 0:
          await writeWorkbook(join(dir, `${base}.xlsx`), [{ name: base, file, kinds, framed: true }]);
          break;
        case 1:
          writeFileSync(join(dir, `${base}.csv`), reportCsv(resaved));
          break;
        case 2:
          writeFileSync(join(dir, `${base}.csv`), reportCsv(withDisplayNames(resaved), { title: [], footer: [] }));
          break;
        case 3:
          writeExcelStyleWorkbook(join(dir, `${base}.xlsx`), base, file, kinds);
          break;
        default:
          writeFileSync(join(dir, `${base}.txt`), reportCsv(withDisplayNames(resaved), { footer: ['', 'Grand total,,,'] }).replaceAll(',', '\t'));
      }
    }
    writeFileSync(join(dir, `~$${files[0]!.name.replace(/\.csv$/, '.xlsx')}`), Buffer.from([0x0b, 0x00, 0x41, 0x00]));
    writeFileSync(join(dir, 'README.txt'), 'October exports for the supervision audit, as asked.\nSent by the BI team, 1 November.\n');
    writeFileSync(join(dir, 'request.docx'), Buffer.from('PK\u0003\u0004 not really a document'));
    writeFileSync(join(dir, '.DS_Store'), Buffer.from([0, 0, 0, 1]));
    const read = await audit(dir);
    expectSameAsClean(system, read);
    expect(read.report.skipped.map((s) => [s.file.split('/').pop(), s.reason])).toEqual([
      ['.DS_Store', 'a hidden file'],
      ['README.txt', 'a text file with no tab in its first line and no export header in its first lines: not an export'],
      ['request.docx', 'not an export (.docx file)'],
      [`~$${files[0]!.name.replace(/\.csv$/, '.xlsx')}`, 'an Excel lock file: the workbook it belongs to is open in Excel'],
    ]);
  });
});

describe('the Mosaic exports saved one way at a time', () => {
  const files = FILES.mosaic;
  const write = (name: string, change: (file: ExportFile) => ExportFile): string => {
    const dir = folder(name);
    writeExportFiles(dir, files.map(change));
    return dir;
  };

  it('report CSVs with a title, a "Report run:" line and a blank line above the header, a blank line and a total below', async () => {
    const dir = folder('report-csv');
    for (const file of files) writeFileSync(join(dir, file.name), reportCsv(file));
    const read = await audit(dir);
    expectSameAsClean('mosaic', read);
    for (const input of read.report.inputs) expect(input).toMatchObject({ titleRows: 3, footerRows: 1 });
  });

  it('workbooks read the same on a machine in another time zone', async () => {
    const dir = folder('workbooks-elsewhere');
    for (const file of files) await writeWorkbook(join(dir, file.name.replace(/\.csv$/, '.xlsx')), [{ name: 'Report', file, kinds: columnKinds(file, 'mosaic'), framed: true }]);
    const zone = process.env['TZ'];
    process.env['TZ'] = 'America/New_York';
    try {
      expectSameAsClean('mosaic', auditInChild(dir));
    } finally {
      if (zone === undefined) delete process.env['TZ'];
      else process.env['TZ'] = zone;
    }
  });

  it('display-name headers', async () => expectSameAsClean('mosaic', await audit(write('display-names', withDisplayNames))));

  it('ids written as whole-number floats', async () => expectSameAsClean('mosaic', await audit(write('float-ids', (f) => withFloatIds(f, columnKinds(f, 'mosaic'))))));

  it.each(SHAPES)('dates re-saved by Excel as %s', async (shape) => {
    expectSameAsClean('mosaic', await audit(write(`dates-${shape.replace(/\W+/g, '-')}`, (f) => withResavedDates(f, columnKinds(f, 'mosaic'), shape))));
  });

  it('one workbook holding every export as a sheet; a sheet of notes beside them is skipped', async () => {
    const dir = folder('one-workbook');
    const path = join(dir, 'october.xlsx');
    await writeWorkbook(
      path,
      files.map((file) => ({ name: file.name.replace(/\.csv$/, ''), file, kinds: columnKinds(file, 'mosaic') })),
      [{ name: 'Notes', rows: [['Extracted for the supervision audit'], ['Owner', 'BI team']] }, { name: 'Empty', rows: [] }],
    );
    const read = await audit(path);
    expectSameAsClean('mosaic', read);
    expect(read.report.skipped).toEqual([
      { file: `${path} [Notes]`, reason: 'no header of a known export layout in its first rows' },
      { file: `${path} [Empty]`, reason: 'the sheet is empty' },
    ]);
  });
});

describe('what cannot be read as it stands', () => {
  const mosaic = FILES.mosaic;
  const steps = mosaic.find((f) => f.name === 'supervision_steps.csv')!;
  const others = mosaic.filter((f) => f !== steps);

  it('ids in scientific notation: one issue for the file and column, each row rejected and counted; the audit stops unless told to go on', async () => {
    const dir = folder('scientific');
    writeExportFiles(dir, [...others, withScientificColumn(steps, 'WORKER_ID')]);
    const stopped = await audit(dir);
    expect(stopped.code).toBe(2);
    expect(stopped.stderr).toMatch(
      new RegExp(`^supervision-audit: ${join(dir, 'supervision_steps.csv').replace(/[/.]/g, '\\$&')}: [\\d,]+ of its [\\d,]+ rows \\(100%\\) were rejected, .* The commonest problem \\([\\d,]+ rows\\) is at line 2, WORKER_ID "[^"]+": the column holds ids in scientific notation .* or run with --max-rejected 100 to audit what could be read\\.\n$`),
    );
    const read = await audit(dir, '--max-rejected', '100');
    expect(read.code).toBe(0);
    const input = read.report.inputs.find((i) => i.entity === 'sessions')!;
    expect(input.rowsRead).toBe(steps.rows.length);
    expect(input.rowsRejected).toBe(steps.rows.length);
    const issues = read.report.dataIssues.filter((i) => i.file === input.file);
    expect(issues).toEqual([
      {
        file: input.file,
        line: 2,
        field: 'WORKER_ID',
        value: issues[0]!.value,
        problem: expect.stringMatching(/^the column holds ids in scientific notation \("\d\.\d{4}E\+\d\d"\): Excel showed the ids as numbers and rounded them, so their last digits are lost\. Export the column again as text .*\. [\d,]+ rows of the column are so, the first on line 2$/),
        effect: 'row rejected',
        rows: steps.rows.length,
      },
    ]);
  });

  it('a date column saved as day numbers: one issue for the file and column', async () => {
    const dir = folder('day-numbers');
    writeExportFiles(dir, [...others, withDayNumbers(steps, 'EVENT_DATETIME')]);
    expect((await audit(dir)).code).toBe(2);
    const read = await audit(dir, '--max-rejected', '100');
    const input = read.report.inputs.find((i) => i.entity === 'sessions')!;
    const issues = read.report.dataIssues.filter((i) => i.file === input.file && i.effect !== 'note');
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ field: 'EVENT_DATETIME', line: 2, effect: 'row rejected', rows: steps.rows.length });
    expect(issues[0]!.problem).toMatch(/^the column holds day numbers, not dates \("\d{5}" is Excel's number for \d{4}-\d\d-\d\d\): it was exported as a number\. Format the column as a date/);
    expect(input.rowsRejected).toBe(steps.rows.length);
  });

  it('an error cell in a workbook is a data issue naming the sheet and the row Excel shows', async () => {
    const dir = folder('error-cell');
    writeExportFiles(dir, others);
    await writeWorkbook(join(dir, 'supervision_steps.xlsx'), [
      { name: 'Steps', file: steps, kinds: columnKinds(steps, 'mosaic'), framed: true, errors: [{ row: 4, column: 'WORKER_ID', error: '#N/A' }] },
    ]);
    const read = await audit(dir);
    expect(read.report.dataIssues.filter((i) => i.file.endsWith('[Steps]'))).toEqual([
      {
        file: join(dir, 'supervision_steps.xlsx [Steps]'),
        line: FRAME_ROWS + 1 + 5,
        field: 'WORKER_ID',
        value: '#N/A',
        problem: 'the cell holds the Excel error #N/A: the formula or look-up that filled it failed. Correct it in the workbook and export again',
        effect: 'row rejected',
      },
    ]);
  });

  it('a header that matches no layout names the closest, the columns it misses, and the adapter.yaml lines to map them', async () => {
    const dir = folder('renamed');
    const renamed: ExportFile = {
      ...steps,
      columns: steps.columns.map((c) => (c === 'EVENT_DATETIME' ? 'Supervision Date' : c === 'STEP_STATUS' ? 'Status' : c)),
      rows: steps.rows.map((r) => ({ ...r, 'Supervision Date': r['EVENT_DATETIME']!, Status: r['STEP_STATUS']! })),
    };
    writeFileSync(join(dir, 'steps.csv'), reportCsv(renamed));
    const read = await audit(join(dir, 'steps.csv'));
    expect(read.code).toBe(2);
    expect(read.stderr).toBe(
      [
        `supervision-audit: ${join(dir, 'steps.csv')}: the header matches no known export layout. Closest: mosaic supervision steps (missing STEP_STATUS, EVENT_DATETIME); mosaic case steps (case supervision, management oversight and decisions) (missing PERSON_ID, STEP_STATUS, EVENT_DATETIME)`,
        `The file's header (line 4): ${renamed.columns.join(', ').slice(0, 120)}…`,
        'If the mosaic supervision steps columns it misses are in the file under other names, map them in policies/barnsley/adapter.yaml (merged with what is there):',
        '    columns:',
        '      sessions:',
        '        STEP_STATUS: Status',
        '        EVENT_DATETIME: Supervision Date',
        '',
      ].join('\n'),
    );
  });

  it.each([
    ['a CSV file renamed .xlsx', 'workers.xlsx', Buffer.from('WORKER_ID,ORG_NAME\r\n1,Team\r\n'), 'is not an Excel workbook: an .xlsx file is a zip archive, and this one is not (a CSV file renamed .xlsx, or a download cut off?). Save it again from Excel as .xlsx, or as CSV'],
    ['an Excel 97-2003 workbook', 'workers.xls', Buffer.from([0xd0, 0xcf, 0x11, 0xe0]), 'is an Excel 97-2003 workbook (.xls), which the audit cannot read: open it in Excel and save it as an Excel workbook (.xlsx) or as CSV'],
    ['an Excel binary workbook', 'workers.xlsb', Buffer.from('PK'), 'is an Excel binary workbook (.xlsb), which the audit cannot read: open it in Excel and save it as an Excel workbook (.xlsx) or as CSV'],
  ])('%s is refused with one sentence', async (_, name, bytes, words) => {
    const path = join(folder(`refused-${name}`), name);
    writeFileSync(path, bytes);
    const read = await audit(path);
    expect(read.code).toBe(2);
    expect(read.stderr).toBe(`supervision-audit: ${path} ${words}\n`);
  });

  it('a workbook cut off in the download is refused with one sentence', async () => {
    const dir = folder('cut-off');
    const whole = join(dir, 'whole.xlsx');
    await writeWorkbook(whole, [{ name: 'Steps', file: steps, kinds: columnKinds(steps, 'mosaic') }]);
    const { readFileSync } = await import('node:fs');
    const bytes = readFileSync(whole);
    const cut = join(dir, 'cut.xlsx');
    writeFileSync(cut, bytes.subarray(0, Math.floor(bytes.length / 2)));
    const read = await audit(cut);
    expect(read.code).toBe(2);
    expect(read.stderr).toBe(`supervision-audit: ${cut} cannot be read as an Excel workbook: its zip archive has no directory at the end, so it was cut off (a download that did not finish?). Save or download it again\n`);
  });
});
