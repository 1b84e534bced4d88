/**
 * Workbooks that are hostile or written by other tools: a zip bomb is stopped at the inflation
 * limit, never spooled to disk; one damaged byte anywhere in a compressed sheet is exit 2 with
 * one sentence naming the file (never exit 13 and silence); a workbook written by exceljs's
 * streaming writer (no shared strings) reads as the CSV it was made from.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { Report } from '../../src/audit/report.js';
import { ROOT } from '../e2e/helpers.js';
import { zip } from '../helpers/real-exports.js';
import { TEST_TODAY } from '../helpers/today.js';
import { splitIssuesLine } from '../helpers/issues-line.js';
import { tempFolder } from '../helpers/tmp.js';

const tmp = tempFolder();
const SAMPLE = join(ROOT, 'samples/barnsley');
const BIN = fileURLToPath(new URL('../../bin/supervision-audit.js', import.meta.url));

/** The built command line, with the test-only limits given. */
function audit(limits: Record<string, string>, ...paths: string[]): { code: number | null; stdout: string; stderr: string } {
  const run = spawnSync(process.execPath, [BIN, 'audit', ...paths, '--policy', 'barnsley', '--as-of', '2026-10-31', '--format', 'json', '--fail-on', 'none'], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 60_000,
    maxBuffer: 1 << 28,
    env: { ...process.env, NO_COLOR: '1', SUPERVISION_AUDIT_TODAY: TEST_TODAY, TMPDIR: join(tmp.dir, 'tmp'), ...limits },
  });
  // The one line that counts the data issues is the data's, not what these tests look at.
  return { code: run.status, stdout: run.stdout, stderr: splitIssuesLine(run.stderr).stderr };
}

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const RELS = 'http://schemas.openxmlformats.org/package/2006/relationships';
const OFFICE = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

/** A workbook of one sheet of the given rows as inline strings, with `padding` after its rows. */
function workbook(rows: string[][], padding = ''): Buffer {
  const escape = (t: string): string => t.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  const sheetRows = rows.map((r, i) => `<row r="${i + 1}">${r.map((v, j) => `<c r="${String.fromCharCode(65 + j)}${i + 1}" t="inlineStr"><is><t>${escape(v)}</t></is></c>`).join('')}</row>`).join('');
  const parts: Record<string, string> = {
    '[Content_Types].xml': `<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>`,
    '_rels/.rels': `<?xml version="1.0"?><Relationships xmlns="${RELS}"><Relationship Id="rId1" Type="${OFFICE}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    'xl/workbook.xml': `<?xml version="1.0"?><workbook xmlns="${MAIN}" xmlns:r="${OFFICE}"><sheets><sheet name="workers" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    'xl/_rels/workbook.xml.rels': `<?xml version="1.0"?><Relationships xmlns="${RELS}"><Relationship Id="rId1" Type="${OFFICE}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`,
    'xl/worksheets/sheet1.xml': `<?xml version="1.0"?><worksheet xmlns="${MAIN}"><sheetData>${sheetRows}${padding}</sheetData></worksheet>`,
  };
  return zip(Object.entries(parts).map(([name, text]) => [name, Buffer.from(text)]));
}

const workerRows = (): string[][] => readFileSync(join(SAMPLE, 'workers.csv'), 'utf8').trim().split('\n').map((l) => l.split(','));

/** The sample with its workers export replaced by a workbook. */
function sampleWith(name: string, book: Buffer): string {
  const dir = join(tmp.dir, name);
  cpSync(SAMPLE, dir, { recursive: true });
  rmSync(join(dir, 'workers.csv'));
  writeFileSync(join(dir, 'workers.xlsx'), book);
  return dir;
}

const findings = (stdout: string): string[] => (JSON.parse(stdout) as Report).findings.map((f) => `${f.requirement} ${f.subject.id} ${f.status} ${f.dueDate ?? ''}`).sort();

describe('workbooks', () => {
  const clean = audit({}, SAMPLE);

  it('reads a workbook made here as the CSV it was made from', () => {
    const run = audit({}, sampleWith('made', workbook(workerRows())));
    expect(run.stderr).toBe('');
    expect(findings(run.stdout)).toEqual(findings(clean.stdout));
  });

  it('stops a zip bomb at the ratio limit, with nothing copied to disk', () => {
    // 64 MB of white space inside the sheet deflates about a thousandfold.
    const bomb = workbook(workerRows(), ' '.repeat(64 * 1024 ** 2));
    expect(bomb.length).toBeLessThan(1024 ** 2);
    const dir = sampleWith('bomb', bomb);
    const scratch = join(tmp.dir, 'tmp');
    mkdirSync(scratch, { recursive: true });
    const run = audit({}, dir);
    expect(run.code).toBe(2);
    expect(run.stderr.trim().split('\n')).toEqual([
      expect.stringMatching(/workers\.xlsx is refused: its part xl\/worksheets\/sheet1\.xml inflates to more than 100 times its compressed size \(.* MB to more than .* MB\), which a real sheet does not: a zip bomb\?/),
    ]);
    // The temporary folder the reader would spool a sheet to is left empty.
    expect(readdirSync(scratch)).toEqual([]);
  });

  it('stops a part past the size limit (lowered for the test)', () => {
    const rows = workerRows();
    const many = [rows[0]!, ...Array.from({ length: 40 }, () => rows.slice(1)).flat()];
    const run = audit({ SUPERVISION_AUDIT_TEST_PART_BYTES_LIMIT: String(256 * 1024) }, sampleWith('big', workbook(many)));
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/workers\.xlsx is refused: its part xl\/worksheets\/sheet1\.xml inflates to more than 0\.3 MB, the most the audit reads of one part/);
  });

  it('stops at one damaged byte anywhere in a compressed sheet, with one sentence naming the file', () => {
    const book = workbook(workerRows());
    const sheetName = Buffer.from('xl/worksheets/sheet1.xml');
    const start = book.indexOf(sheetName) + sheetName.length;
    const end = book.indexOf(sheetName, start) - 46;
    for (let at = start; at < end; at += Math.ceil((end - start) / 7)) {
      const damaged = Buffer.from(book);
      damaged[at] = damaged[at]! ^ 0x55;
      const run = audit({}, sampleWith(`damaged-${at}`, damaged));
      expect({ at, code: run.code }).toEqual({ at, code: 2 });
      expect(run.stderr.trim().split('\n')).toHaveLength(1);
      expect(run.stderr).toMatch(/workers\.xlsx cannot be read as an Excel workbook: .* in its part xl\/worksheets\/sheet1\.xml; it is damaged/);
    }
  }, 120_000);

  it("reads a workbook written by exceljs's streaming writer, which writes no shared strings", async () => {
    const path = join(tmp.dir, 'streamed.xlsx');
    const writer = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useSharedStrings: false });
    const sheet = writer.addWorksheet('workers');
    for (const row of workerRows()) sheet.addRow(row).commit();
    sheet.commit();
    await writer.commit();
    const run = audit({}, sampleWith('streamed', readFileSync(path)));
    expect(run.stderr).toBe('');
    expect(findings(run.stdout)).toEqual(findings(clean.stdout));
  });
});
