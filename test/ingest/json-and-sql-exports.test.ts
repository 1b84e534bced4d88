/**
 * JSON as report services write it and headers as SQL Server writes them: each read exactly
 * as the plain export it stands for. Ids are read from their digits; a key given twice, a
 * number that is no id and a wrapper holding nothing are said, never guessed.
 */
import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import type { Report } from '../../src/audit/report.js';
import { referenceAdapter } from '../../src/adapters/authority.js';
import { foldHeader, namesAsMatched } from '../../src/adapters/detect.js';
import { readTable } from '../../src/ingest/read.js';
import { ROOT } from '../e2e/helpers.js';
import { runMain } from '../helpers/run-main.js';
import { tempFolder } from '../helpers/tmp.js';

const tmp = tempFolder();

interface Read {
  columns: string[];
  rows: Array<{ line: number; values: string[] }>;
  unreadable: Array<{ line: number; problem: string }>;
}

async function read(name: string, text: string): Promise<Read> {
  const out: Read = { columns: [], rows: [], unreadable: [] };
  await readTable(tmp.write(name, text), () => ({
    header: (columns) => void (out.columns = columns),
    row: (values, line) => void out.rows.push({ line, values }),
    unreadable: (line, problem) => void out.unreadable.push({ line, problem }),
  }));
  return out;
}

describe('JSON wrapped by a report service', () => {
  const records = '[\n  {"ID": 1, "N": "a"},\n  {"ID": 2, "N": "b"}\n ]';
  it.each([
    ['OData', `{"@odata.context": "https://x/$metadata#Workers", "value": ${records}}`],
    ['OData 2', `{"d": {"__count": "2", "results": ${records}}}`],
    ['data', `{"data": ${records}, "total": 2}`],
    ['rows', `{"exported": "2026-11-01", "meta": {"rows": [1]}, "rows": ${records}}`],
    ['records', `{"records": ${records}}`],
    ['items', `{"items": ${records}}`],
  ])('reads the records a %s wrapper holds, with their lines', async (_, text) => {
    const result = await read('wrapped.json', text);
    expect(result.columns).toEqual(['ID', 'N']);
    expect(result.rows).toEqual([
      { line: 2, values: ['1', 'a'] },
      { line: 3, values: ['2', 'b'] },
    ]);
  });

  it('refuses one page of several, naming the link to the next', async () => {
    const text = `{"value": ${records}, "@odata.nextLink": "https://x/Workers?$skip=2"}`;
    await expect(read('page.json', text)).rejects.toThrow(/page\.json holds one page of a report service's results \("@odata\.nextLink" names the next page\)/);
  });

  it.each([['[]'], ['{"value": []}'], ['{"d": {"results": []}}'], ['  [ ]\n']])('reads %s as a table with no rows, not an unknown layout', async (text) => {
    const result = await read('none.json', text);
    expect(result).toEqual({ columns: [], rows: [], unreadable: [] });
  });
});

describe('JSON values', () => {
  it('keeps number ids digit for digit, beyond what a double holds', async () => {
    const result = await read('big.json', '[{"ID": 90071992547409921}, {"ID": 90071992547409923}, {"ID": -7}]');
    expect(result.rows.map((r) => r.values[0])).toEqual(['90071992547409921', '90071992547409923', '-7']);
  });

  it('gives a number as it is written, never Infinity', async () => {
    const result = await read('e.json', '[{"ID": 1e400, "N": 1.50}]');
    expect(result.rows).toEqual([{ line: 1, values: ['1e400', '1.50'] }]);
  });

  it('rejects a record naming a key twice, keeping the others', async () => {
    const result = await read('twice.json', '[\n{"ID": 1, "ORG_NAME": "A", "ORG_NAME": "B"},\n{"ID": 2, "ORG_NAME": "C"}\n]');
    expect(result.rows).toEqual([{ line: 3, values: ['2', 'C'] }]);
    expect(result.unreadable).toEqual([{ line: 2, problem: expect.stringContaining('the key "ORG_NAME" is given twice in the record') }]);
  });

  it('reads escapes, and names the line of a fault', async () => {
    const result = await read('esc.json', '[{"N": "a\\"b\\\\c\\u00e9\\n"}]');
    expect(result.rows[0]!.values).toEqual(['a"b\\cé\n']);
    await expect(read('bad.json', '[\n{"N": "a"},\n{"N": tru}\n]')).rejects.toThrow(/bad\.json is not valid JSON at line 3/);
    await expect(read('deep.json', '['.repeat(100_000))).rejects.toThrow(/nested more than 64 deep/);
    // Inside a report service's wrapper too: never read as JSON Lines that break off.
    await expect(read('deep-wrapped.json', `{"value": ${'['.repeat(70)}${']'.repeat(70)}}`)).rejects.toThrow(/deep-wrapped\.json is not valid JSON at line 1: objects and arrays are nested more than 64 deep/);
  });
});

describe('headers as database tools write them', () => {
  it.each([['[WORKER_ID]'], ['"WORKER_ID" '], [' "WORKER_ID"'], ['`WORKER_ID`'], ['[Worker Id]'], ['\uFEFF[WORKER_ID]']])('%s is WORKER_ID', (name) => {
    expect(foldHeader(name)).toBe('WORKERID');
  });

  it.each([
    ['each column named with its table', ['w.WORKER_ID', 'w.ORG_NAME', 'w.ROLE_DESCRIPTION', 'w.START_DATE'], ['WORKER_ID', 'ORG_NAME', 'ROLE_DESCRIPTION', 'START_DATE']],
    ['one column so named', ['WORKER_ID', 'ORG_NAME', 'ROLE_DESCRIPTION', 'START_DATE', 's.PROFESSION'], ['WORKER_ID', 'ORG_NAME', 'ROLE_DESCRIPTION', 'START_DATE', 'PROFESSION']],
    ['schemas, brackets, quotes and backticks', ['dbo.Workers.WORKER_ID', '[dbo].[Staff Table].[ORG_NAME]', '"hr"."w"."ROLE_DESCRIPTION"', '`hr`.`w`.`START_DATE`'], ['WORKER_ID', '[ORG_NAME]', '"ROLE_DESCRIPTION"', '`START_DATE`']],
    // A dot of the name's own: a layout's name as written, kept.
    ['names with dots of their own', ['w.WORKER_ID', 'Org.Name', 'Asye.Start.Date'], ['WORKER_ID', 'Org.Name', 'Asye.Start.Date']],
    // A name no layout has, with or without its table: as written.
    ['a column no layout has', ['a.COMMENT', 'b.COMMENT', 'w.WORKER_ID'], ['a.COMMENT', 'b.COMMENT', 'WORKER_ID']],
    // Two columns that would be one name: neither is taken as it.
    ['two tables giving one name', ['w.WORKER_ID', 'm.WORKER_ID', 'w.ORG_NAME'], ['w.WORKER_ID', 'm.WORKER_ID', 'ORG_NAME']],
    ['a name given as it is and with a table', ['WORKER_ID', 'm.WORKER_ID'], ['WORKER_ID', 'm.WORKER_ID']],
    // dim.WORKER_ID is Liquid Logic's DIM_WORKER_ID as written, but only without its table is the header a layout's.
    ['a table whose name makes another layout\'s column', ['dim.WORKER_ID', 'dim.ORG_NAME', 'dim.ROLE_DESCRIPTION', 'dim.START_DATE'], ['WORKER_ID', 'ORG_NAME', 'ROLE_DESCRIPTION', 'START_DATE']],
  ])('reads the names of a header with its table names: %s', (_, columns, expected) => {
    expect(namesAsMatched(columns, [referenceAdapter('mosaic'), referenceAdapter('liquidlogic')])).toEqual(expected);
  });

  it('leaves a name with a bracket inside it as it is', () => {
    expect(foldHeader('HOURS [WEEKLY]')).toBe('HOURS[WEEKLY]');
  });
});

/** The findings of a report, as compared between two savings of one export. */
const findings = (report: Report): string[] => report.findings.map((f) => `${f.requirement} ${f.subject.id} ${f.status} ${f.dueDate ?? ''}`).sort();

async function audit(dir: string): Promise<{ code: number; stderr: string; report: Report | null }> {
  const run = await runMain('audit', dir, '--policy', 'barnsley', '--as-of', '2026-10-31', '--format', 'json', '--fail-on', 'none');
  return { code: run.code, stderr: run.stderr, report: run.code === 0 ? (JSON.parse(run.stdout) as Report) : null };
}

describe('the Barnsley sample saved by a report service and by SQL Server', () => {
  const sample = join(ROOT, 'samples/barnsley');

  it('gives the clean sample findings from OData JSON workers and bracketed SQL Server headers', async () => {
    const clean = await audit(sample);
    const dir = join(tmp.dir, 'barnsley-odata');
    cpSync(sample, dir, { recursive: true });
    const workers = parse(readFileSync(join(sample, 'workers.csv'), 'utf8'), { columns: true }) as Array<Record<string, string>>;
    // Ids as JSON numbers, as a service writes an integer column.
    const body = workers.map((w) => JSON.stringify({ ...w, WORKER_ID: 0 }).replace('"WORKER_ID":0', `"WORKER_ID":${w.WORKER_ID}`)).join(',\n');
    rmSync(join(dir, 'workers.csv'));
    writeFileSync(join(dir, 'workers.json'), `{"@odata.context":"https://reports/odata/$metadata#Workers","value":[\n${body}\n]}`);
    const steps = readFileSync(join(sample, 'supervision_steps.csv'), 'utf8').split('\n');
    steps[0] = steps[0]!.split(',').map((c, i) => (i % 2 === 0 ? `[${c}]` : `"${c}" `)).join(',');
    writeFileSync(join(dir, 'supervision_steps.csv'), steps.join('\n'));
    const saved = await audit(dir);
    expect(saved.stderr).toBe('');
    expect(findings(saved.report!)).toEqual(findings(clean.report!));
    expect(saved.report!.inputs.find((i) => i.file.endsWith('workers.json'))).toMatchObject({ rowsRead: workers.length, rowsUsed: workers.length, format: 'json' });
  });

  it('gives the clean sample findings where each column is named with its schema and table, as Hive and some SQL tools write them', async () => {
    const clean = await audit(sample);
    const dir = join(tmp.dir, 'barnsley-qualified');
    cpSync(sample, dir, { recursive: true });
    const qualify = (file: string, name: (column: string) => string) => {
      const text = readFileSync(join(sample, file), 'utf8');
      const end = text.search(/\r?\n/);
      writeFileSync(join(dir, file), text.slice(0, end).split(',').map(name).join(',') + text.slice(end));
    };
    qualify('workers.csv', (c) => `dbo.tblWorkers.${c}`);
    qualify('supervision_steps.csv', (c) => `[dbo].[Supervision Steps].[${c}]`);
    qualify('case_steps.csv', (c) => `cs.${c}`);
    const saved = await audit(dir);
    expect(saved.stderr).toBe('');
    expect(findings(saved.report!)).toEqual(findings(clean.report!));
    const rows = (report: Report) => report.inputs.map((i) => [i.file.split('/').pop(), i.rowsRead, i.rowsUsed, i.rowsRejected]);
    expect(rows(saved.report!)).toEqual(rows(clean.report!));
    expect(saved.report!.dataIssues.length).toBe(clean.report!.dataIssues.length);
  });

  it('reads an optional column named with its table among plain names, and names the closest layout of a header so named with a column renamed', async () => {
    const clean = await audit(sample);
    const dir = join(tmp.dir, 'barnsley-one-qualified');
    cpSync(sample, dir, { recursive: true });
    const steps = readFileSync(join(sample, 'supervision_steps.csv'), 'utf8');
    writeFileSync(join(dir, 'supervision_steps.csv'), steps.replace(',DURATION_MINS,', ',s.DURATION_MINS,'));
    const saved = await audit(dir);
    expect(saved.stderr).toBe('');
    expect(findings(saved.report!)).toEqual(findings(clean.report!));
    const workers = readFileSync(join(sample, 'workers.csv'), 'utf8');
    const end = workers.search(/\r?\n/);
    const header = workers.slice(0, end).split(',').map((c) => (c === 'ORG_NAME' ? 'w.TEAM_NAME' : `w.${c}`));
    writeFileSync(join(dir, 'workers.csv'), header.join(',') + workers.slice(end));
    const renamed = await audit(dir);
    expect(renamed.code).toBe(2);
    expect(renamed.stderr).toContain('workers.csv: the header matches no known export layout. Closest: mosaic workers (missing ORG_NAME)');
  });

  it('stops on two keys that are one name to the audit, naming them as keys of the records', async () => {
    const dir = join(tmp.dir, 'barnsley-two-keys');
    cpSync(sample, dir, { recursive: true });
    rmSync(join(dir, 'workers.csv'));
    writeFileSync(join(dir, 'workers.json'), '[{"WORKER_ID": "1", "ORG_NAME": "A", "worker_id": "1", "ROLE_DESCRIPTION": "Social Worker", "START_DATE": "2020-01-01"}]');
    const run = await audit(dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(`supervision-audit: ${join(dir, 'workers.json')}: the keys WORKER_ID and worker_id, the same name to the audit, are both in the records (keys 1 and 3): keep one of them, or rename one\n`);
  });

  it('stops on an empty JSON array naming the file, not an unknown layout', async () => {
    const dir = join(tmp.dir, 'barnsley-empty');
    cpSync(sample, dir, { recursive: true });
    writeFileSync(join(dir, 'agreements.json'), '{"value": []}');
    const run = await audit(dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('agreements.json holds no records, so it is an export with no rows');
    expect(run.stderr).not.toContain('matches no known export layout');
  });
});
