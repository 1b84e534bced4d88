/**
 * Dates as machines write them (SOURCE-LAYOUTS.md): the bundled samples saved by Oracle's tools
 * in their default settings (AzeusCare: `DD-MON-RR`, `DD-MON-RR HH.MI.SS.FF AM`) and as JSON
 * from an API or a flow (ISO 8601 in UTC, `2025-05-01T13:00:00.000Z`) give exactly the
 * findings and row accounting of the samples as they are.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import type { Report } from '../../src/audit/report.js';
import { parseDateTime, Problem } from '../../src/adapters/convert.js';
import { detectLayout } from '../../src/adapters/detect.js';
import { adaptersFor, loadPolicy } from '../../src/policy/load.js';
import { londonInstant, ymdFromDay } from '../../src/time/calendar.js';
import { ROOT } from '../e2e/helpers.js';
import { runBuiltMain } from '../helpers/run-main.js';
import { tempFolder } from '../helpers/tmp.js';

const tmp = tempFolder();
const SAMPLES = ['barnsley', 'newham', 'walsall', 'portsmouth', 'haringey'] as const;

type Row = Record<string, string>;
interface SampleFile {
  name: string;
  columns: string[];
  rows: Row[];
  /** The columns holding a date alone, and those holding a date and time, by the layout the audit reads the file as. */
  dates: Set<string>;
  dateTimes: Set<string>;
}

async function sampleFiles(sample: string): Promise<SampleFile[]> {
  const adapters = adaptersFor(await loadPolicy(sample), undefined);
  const dir = join(ROOT, 'samples', sample);
  return readdirSync(dir).map((name) => {
    const rows = parse(readFileSync(join(dir, name)), { columns: true, bom: true }) as Row[];
    const columns = Object.keys(rows[0]!);
    const { layout } = detectLayout(columns, adapters, name);
    const dates = new Set<string>();
    const dateTimes = new Set<string>();
    for (const spec of Object.values(layout.fields)) {
      const column = columns.find((c) => c.toUpperCase() === spec.column.toUpperCase());
      if (column && spec.type.kind === 'date') dates.add(column);
      if (column && spec.type.kind === 'datetime') dateTimes.add(column);
    }
    return { name, columns, rows, dates, dateTimes };
  });
}

async function audit(dir: string, policy: string): Promise<{ code: number | null; stderr: string; report: Report }> {
  const run = await runBuiltMain('audit', dir, '--policy', policy, '--as-of', '2026-10-31', '--format', 'json', '--fail-on', 'none');
  return { code: run.code, stderr: run.stderr, report: JSON.parse(run.stdout) as Report };
}

/** The findings without their provenance (the file names differ) and the row accounting by entity. */
function essence(report: Report) {
  return {
    findings: report.findings.map(({ source: _source, ...rest }) => JSON.stringify(rest)).sort(),
    accounting: report.inputs.map((i) => `${i.entity} ${i.rowsRead} ${i.rowsUsed} ${i.rowsRejected}`).sort(),
    issues: report.dataIssues.map((i) => `${i.line} ${i.field} ${i.effect}`).sort(),
  };
}

const two = (n: number): string => String(n).padStart(2, '0');
const MON = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];

/** A date as Oracle's tools write it by default: `05-MAR-26`, `05-MAR-26 02.30.00.000000000 PM`. */
function oracle(value: string): string {
  const read = parseDateTime(value, 'dd-mon-yyyy');
  if (read instanceof Problem) return value;
  const { year, month, day } = ymdFromDay(read.day);
  const date = `${two(day)}-${MON[month - 1]}-${two(year % 100)}`;
  if (read.seconds === null) return date;
  const hour = Math.floor(read.seconds / 3600);
  const half = hour < 12 ? 'AM' : 'PM';
  return `${date} ${two(hour % 12 === 0 ? 12 : hour % 12)}.${two(Math.floor(read.seconds / 60) % 60)}.${two(read.seconds % 60)}.000000000 ${half}`;
}

/**
 * A date as JSON writes it from a JavaScript Date or pandas: the instant in UTC. A column of
 * dates alone is written as London's midnight; a date-time column's value with no time stays a
 * date, as the export gave no time to write.
 */
function utc(value: string, dateOnlyColumn: boolean): string {
  const read = parseDateTime(value, 'dd/mm/yyyy');
  if (read instanceof Problem) return value;
  if (read.seconds === null && !dateOnlyColumn) return new Date(read.day * 86_400_000).toISOString().slice(0, 10);
  return new Date(londonInstant(read.day, read.seconds ?? 0) * 1000).toISOString();
}

function csvText(file: SampleFile, change: (column: string, value: string) => string): string {
  const cell = (v: string): string => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  const lines = [file.columns.join(','), ...file.rows.map((row) => file.columns.map((c) => cell(change(c, row[c] ?? ''))).join(','))];
  return `${lines.join('\r\n')}\r\n`;
}

describe('dates as machines write them', () => {
  it('the Newham sample (AzeusCare) saved by Oracle’s tools, DD-MON-RR, gives the sample’s own findings', async () => {
    const dir = join(tmp.dir, 'newham-oracle');
    mkdirSync(dir);
    for (const file of await sampleFiles('newham')) {
      writeFileSync(join(dir, file.name), csvText(file, (c, v) => (file.dates.has(c) || file.dateTimes.has(c) ? oracle(v) : v)));
    }
    // The rewritten files really are in Oracle's shapes.
    expect(readFileSync(join(dir, 'supervision.csv'), 'utf8')).toMatch(/\d\d-[A-Z]{3}-\d\d \d\d\.\d\d\.\d\d\.000000000 [AP]M/);
    const clean = await audit(join(ROOT, 'samples', 'newham'), 'newham');
    const saved = await audit(dir, 'newham');
    expect(saved.code, saved.stderr).toBe(0);
    expect(clean.report.findings.length).toBeGreaterThan(100);
    expect(essence(saved.report)).toEqual(essence(clean.report));
  }, 60_000);

  it.each(SAMPLES)('the %s sample saved as JSON with UTC timestamps gives the sample’s own findings', async (sample) => {
    const dir = join(tmp.dir, `${sample}-json`);
    mkdirSync(dir);
    for (const file of await sampleFiles(sample)) {
      const rows = file.rows.map((row) =>
        Object.fromEntries(file.columns.map((c) => [c, file.dates.has(c) || file.dateTimes.has(c) ? utc(row[c] ?? '', file.dates.has(c)) : (row[c] ?? '')])),
      );
      writeFileSync(join(dir, file.name.replace(/\.csv$/, '.json')), JSON.stringify(rows, null, 1));
    }
    const clean = await audit(join(ROOT, 'samples', sample), sample);
    const saved = await audit(dir, sample);
    expect(saved.stderr).toBe('');
    expect(essence(saved.report).findings).toEqual(essence(clean.report).findings);
    expect(essence(saved.report).accounting).toEqual(essence(clean.report).accounting);
    expect(saved.report.dataIssues.length).toBe(clean.report.dataIssues.length);
  }, 60_000);
});
