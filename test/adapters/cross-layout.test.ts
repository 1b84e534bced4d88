/**
 * One logical dataset, written in each system's layout and in the ways Excel and report tools
 * save files, gives the same findings: the adapters differ in what they read, never in what
 * the audit concludes.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeExportFiles, type ExportFile } from '../../src/generator/writers/csv-files.js';
import { SYSTEM_WRITERS } from '../../src/generator/writers/systems.js';
import { stringify } from 'csv-stringify/sync';
import { runBuiltMain } from '../helpers/run-main.js';
import { tempFolder } from '../helpers/tmp.js';
import { commonDataset } from '../helpers/common-dataset.js';

const tmp = tempFolder();
const data = commonDataset();

interface Finding {
  source: unknown;
  [key: string]: unknown;
}

function audit(dir: string, ...extra: string[]): ReturnType<typeof auditWith> {
  return auditWith('barnsley', dir, ...extra);
}

/** Walsall's and Portsmouth's rules read residents and case file audits, which Barnsley's do not. */
const OTHER_POLICIES = ['walsall', 'portsmouth'] as const;

async function auditWith(policy: string, dir: string, ...extra: string[]): Promise<{ findings: string[]; report: { summary: { rowsRead: number; rowsUsed: number; rowsRejected: number; rules: Array<{ requirement: string; status: string; reason?: string }> }; dataIssues: unknown[]; inputs: Array<{ file: string; system: string; entity: string; encoding: string }> } }> {
  const run = await runBuiltMain('audit', dir, '--policy', policy, '--as-of', '2026-10-31', '--format', 'json', '--fail-on', 'none', ...extra);
  expect(run.stderr).toBe('');
  const report = JSON.parse(run.stdout);
  // Everything but provenance: the same subject, dates, worker, team and words.
  // Names are compared apart: each system writes them its own way (AzeusCare "Surname, Forename").
  const findings = (report.findings as Finding[]).map(({ source: _source, workerName: _worker, supervisorName: _supervisor, ...rest }) => JSON.stringify(rest)).sort();
  return { findings, report };
}

const mosaic = await audit(writeDir('mosaic', SYSTEM_WRITERS.mosaic(data)));

function writeDir(name: string, files: ExportFile[]): string {
  const dir = join(tmp.dir, name);
  writeExportFiles(dir, files);
  return dir;
}

describe('the same dataset in each system’s layout', () => {
  it('has exceptions of many kinds to compare', () => {
    expect(mosaic.findings.length).toBeGreaterThan(100);
    expect(new Set(mosaic.findings.map((f) => JSON.parse(f).check)).size).toBeGreaterThanOrEqual(8);
    expect(mosaic.report.dataIssues).toEqual([]);
  });

  it.each([
    ['azeus', SYSTEM_WRITERS.azeus],
    ['liquidlogic', SYSTEM_WRITERS.liquidlogic],
  ] as const)('%s gives exactly the findings of Mosaic', async (system, files) => {
    const other = await audit(writeDir(system, files(data)));
    // Staff records have one layout whatever the system: they are read as the authority's (Barnsley: Mosaic).
    expect(other.report.inputs.every((i) => i.system === (i.entity === 'staff-records' ? 'mosaic' : system))).toBe(true);
    expect(other.report.dataIssues).toEqual([]);
    expect(other.findings).toEqual(mosaic.findings);
    for (const policy of OTHER_POLICIES) {
      const theirs = await auditWith(policy, join(tmp.dir, system));
      const ours = await auditWith(policy, join(tmp.dir, 'mosaic'));
      // A rule that needs a column this system's layout does not have is not run, rather than failed.
      const notRun = theirs.report.summary.rules.filter((r) => r.status === 'not-run').map((r) => r.requirement);
      const ofRunRules = (findings: string[]) => findings.filter((f) => !notRun.includes(JSON.parse(f).requirement));
      expect(ofRunRules(theirs.findings), policy).toEqual(ofRunRules(ours.findings));
      if (system === 'azeus' && policy === 'portsmouth') {
        expect(theirs.report.summary.rules.filter((r) => r.status === 'not-run')).toEqual([
          expect.objectContaining({ requirement: 'POR-4-signed', reason: 'the case discussions have no supervisee signature column in the input' }),
        ]);
      } else {
        expect(notRun, `${system} ${policy}`).toEqual([]);
      }
    }
  });

  it('reads the same with the system named by --system', async () => {
    const forced = await audit(join(tmp.dir, 'azeus'), '--system', 'azeus');
    expect(forced.findings).toEqual(mosaic.findings);
  });
});

/** Windows-1252 as Excel writes it; only the characters the sample uses outside ASCII. */
function windows1252(text: string): Buffer {
  const special: Record<string, number> = { '’': 0x92, '‘': 0x91, é: 0xe9 };
  return Buffer.from(
    [...text].map((ch) => {
      const code = ch.codePointAt(0)!;
      if (code < 0x80) return code;
      const byte = special[ch];
      if (byte === undefined) throw new Error(`no Windows-1252 byte for ${ch} in this test's table`);
      return byte;
    }),
  );
}

function variant(name: string, encode: (file: ExportFile) => Buffer): string {
  const dir = join(tmp.dir, name);
  writeExportFiles(dir, []);
  for (const file of SYSTEM_WRITERS.mosaic(data)) writeFileSync(join(dir, file.name), encode(file));
  return dir;
}

const csv = (file: ExportFile, delimiter: string): string =>
  stringify([file.columns, ...file.rows.map((r) => file.columns.map((c) => r[c] ?? ''))], { delimiter, record_delimiter: '\r\n' });

describe('the Mosaic files as Excel and report tools save them', () => {
  it.each([
    ['semicolon-separated', (f: ExportFile) => Buffer.from(csv(f, ';')), 'utf-8'],
    ['tab-separated', (f: ExportFile) => Buffer.from(csv(f, '\t')), 'utf-8'],
    ['UTF-8 with a byte order mark', (f: ExportFile) => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(csv(f, ','))]), 'utf-8'],
    ['Windows-1252 (Excel "CSV")', (f: ExportFile) => windows1252(csv(f, ',')), 'windows-1252'],
    ['UTF-16 with a byte order mark (Excel "Unicode text")', (f: ExportFile) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(csv(f, '\t'), 'utf16le')]), 'utf-16le'],
    ['LF line ends', (f: ExportFile) => Buffer.from(csv(f, ',').replaceAll('\r\n', '\n')), 'utf-8'],
  ])('%s: the same findings, team names and all', async (name, encode, encoding) => {
    const read = await audit(variant(name.replace(/\W+/g, '-'), encode));
    // A file with no character outside ASCII reads as UTF-8 whatever it was saved as.
    expect(read.report.inputs.find((i) => i.file.endsWith('/workers.csv'))!.encoding).toBe(encoding);
    expect(read.report.dataIssues).toEqual([]);
    expect(read.findings).toEqual(mosaic.findings);
  });
});
