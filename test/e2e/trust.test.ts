/**
 * Stop rather than mislead (REQUIREMENTS.md, "When an export cannot be trusted" and "Whose staff
 * records"): an export most of whose rows are rejected, or an HR export whose ids join no worker,
 * stops the audit with exit 2 and one sentence that says what to change, and writes nothing.
 */
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Report } from '../../src/audit/report.js';
import { cli, cliOnce, ROOT } from './helpers.js';
import { tempFolder } from '../helpers/tmp.js';
import { sampleCopier } from '../helpers/sample-copy.js';
import { parse } from 'csv-parse/sync';
import { columnKinds, reportCsv, withFloatIds, writeWorkbook } from '../helpers/real-exports.js';
import type { ExportFile } from '../../src/generator/writers/csv-files.js';

const tmp = tempFolder();
let n = 0;

const sampleCopy = sampleCopier(tmp.dir);

const audit = (dir: string, policy: string, ...extra: string[]) => cli('audit', dir, '--policy', policy, '--as-of', '2026-10-31', '--format', 'json', ...extra);
/** The audit of a bundled sample as it is, run once for the file. */
const sampleAudit = (sample: string) => cliOnce('audit', join(ROOT, 'samples', sample), '--policy', sample, '--as-of', '2026-10-31', '--format', 'json', '--fail-on', 'none');

/** The Barnsley sessions export saved with US month-first dates, as a desktop set to US English saves it. */
const monthFirst = (text: string): string => text.replace(/\b(\d\d)\/(\d\d)\/(\d{4})\b/g, '$2/$1/$3');

describe('an export most of whose rows are rejected', () => {
  it('a sessions export saved month-first stops the audit with exit 2, naming it, and how to go on', () => {
    const dir = sampleCopy('barnsley', { 'supervision_steps.csv': monthFirst });
    const run = audit(dir, 'barnsley');
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    const lines = run.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      new RegExp(
        `^supervision-audit: ${dir.replace(/[/.]/g, '\\$&')}/supervision_steps\\.csv: [\\d,]+ of its [\\d,]+ rows \\(\\d+(\\.\\d)?%\\) were rejected, more than --max-rejected 25% allows, so an audit of it would rest on a fraction of the export\\. The commonest problem \\([\\d,]+ rows\\) is at line \\d+, EVENT_DATETIME "\\d\\d/\\d\\d/\\d{4} \\d\\d:\\d\\d": "\\d\\d/\\d\\d/\\d{4} \\d\\d:\\d\\d" has month \\d+: is it a US month-first date\\? Dates must be dd/mm/yyyy \\(31/01/2026\\)\\. Correct the export and run again, or run with --max-rejected 100 to audit what could be read\\.$`,
      ),
    );
  });

  it('a quote never closed stops the audit, naming its line, before a problem of two rows; audited anyway, it counts the rows it swallowed', () => {
    const dir = sampleCopy('barnsley', {
      'supervision_steps.csv': (text) =>
        text
          .split('\r\n')
          .map((line, i) => (i === 3 || i === 4 ? `${line},extra` : i === 200 ? line.replace(/,([^,]*)$/, ',"$1') : line))
          .join('\r\n'),
    });
    const run = audit(dir, 'barnsley');
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      `supervision-audit: ${dir}/supervision_steps.csv: a quoted value opened at line 201 is never closed, so the file ends inside it: the export or its download was cut off, or a stray quote hides the rows after it, and an audit would miss whatever followed. Export the file again (or correct the quote) and run again, or run with --max-rejected 100 to audit what could be read.\n`,
    );
    const anyway = audit(dir, 'barnsley', '--max-rejected', '100', '--fail-on', 'none');
    expect(anyway.code, anyway.stderr).toBe(0);
    const report = JSON.parse(anyway.stdout) as Report;
    expect(report.dataIssues.find((i) => i.line === 201)).toMatchObject({ rows: 966, problem: 'a quoted value opened here is never closed, so lines 201 to 1166 could not be read as rows (a truncated file?)' });
  });

  it('--max-rejected 100 audits what could be read, every row still accounted for', () => {
    const dir = sampleCopy('barnsley', { 'supervision_steps.csv': monthFirst });
    const run = audit(dir, 'barnsley', '--max-rejected', '100', '--fail-on', 'none');
    expect(run.code, run.stderr).toBe(0);
    const steps = (JSON.parse(run.stdout) as Report).inputs.find((i) => i.file.endsWith('supervision_steps.csv'))!;
    expect(steps.rowsRead).toBe(steps.rowsUsed + steps.rowsRejected);
    expect(steps.rowsRejected).toBeGreaterThan(steps.rowsRead / 4);
  });

  const header = 'WORKFLOW_STEP_ID,STEP_TYPE,WORKER_ID,SUPERVISOR_WORKER_ID,STEP_STATUS,EVENT_DATETIME,DURATION_MINS';
  const workers = ['WORKER_ID,FIRST_NAMES,LAST_NAMES,ROLE_DESCRIPTION,ORG_NAME,PROFESSION,START_DATE', '201,Ann,Example,Social Worker,Team A,Social Work,01/01/2020', '101,Cal,Example,Team Manager,Team A,Social Work,01/01/2015'];
  /** A sessions file of `good` rows that read and `bad` rows with an impossible date, beside `later` rows dated after the audit date. */
  function steps(good: number, bad: number, later = 0): string {
    const dir = join(tmp.dir, `steps-${++n}`);
    mkdirSync(dir);
    writeFileSync(join(dir, 'workers.csv'), `${workers.join('\r\n')}\r\n`);
    const rows = [
      ...Array.from({ length: good }, (_, i) => `G${i},Formal Supervision,201,101,COMPLETE,${String((i % 28) + 1).padStart(2, '0')}/10/2026 10:00,90`),
      ...Array.from({ length: bad }, (_, i) => `B${i},Formal Supervision,201,101,COMPLETE,31/02/2026 10:00,90`),
      ...Array.from({ length: later }, (_, i) => `L${i},Formal Supervision,201,101,COMPLETE,05/11/2026 10:00,90`),
    ];
    writeFileSync(join(dir, 'supervision_steps.csv'), `${[header, ...rows].join('\r\n')}\r\n`);
    return dir;
  }

  it.each([
    { name: 'exactly a quarter rejected: audited', good: 15, bad: 5, later: 0, limit: [], code: 0 },
    { name: 'more than a quarter rejected: stopped', good: 14, bad: 6, later: 0, limit: [], code: 2 },
    { name: 'four rows rejected of four: too few to judge a file by, audited', good: 0, bad: 4, later: 0, limit: [], code: 0 },
    { name: 'rows dated after the audit date are not rejected rows: 5 of 20 judged', good: 15, bad: 5, later: 30, limit: [], code: 0 },
    { name: 'a stricter limit: 5 of 20 is more than 10%', good: 15, bad: 5, later: 0, limit: ['--max-rejected', '10'], code: 2 },
    { name: '--max-rejected 0 stops at five rejected rows', good: 95, bad: 5, later: 0, limit: ['--max-rejected', '0'], code: 2 },
  ])('$name', ({ good, bad, later, limit, code }) => {
    const run = audit(steps(good, bad, later), 'barnsley', '--from', '2026-10-01', '--fail-on', 'none', ...limit);
    expect(run.code, run.stderr).toBe(code);
    if (code === 2) expect(run.stderr).toContain(`${bad} of its ${good + bad} rows`);
  });

  it.each(['150', 'lots', '-5'])('--max-rejected %s is a usage error', (value) => {
    const run = audit(steps(1, 0), 'barnsley', '--max-rejected', value);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(`supervision-audit: --max-rejected ${value} is not a per cent from 0 to 100\n`);
  });
});

describe('a column that cannot be read', () => {
  /** The Barnsley sessions export with COMPLETED_ON written in a clock no reader knows: 2025.05.02 13:53. */
  const dottedClock = (text: string): string => text.replace(/^((?:[^,]*,){9})(\d\d)\/(\d\d)\/(\d{4}) (\d\d:\d\d),/gm, '$1$4.$3.$2 $5,');

  it.each(['1', '3'])('a completed date in an unknown clock stops the audit with exit 2, naming the file, the column, the commonest value and what would read it (--threads %s)', (threads) => {
    const dir = sampleCopy('barnsley', { 'supervision_steps.csv': dottedClock });
    expect(readFileSync(join(dir, 'supervision_steps.csv'), 'utf8').split('\r\n')[1]).toContain(',2025.05.02 13:53,02/05/2025 13:53,');
    const run = audit(dir, 'barnsley', '--threads', threads);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(
      `supervision-audit: ${dir}/supervision_steps.csv: 1,101 of the 1,101 values in its column COMPLETED_ON (100%) could not be read, more than --max-rejected 25% allows, so an audit would take them as blank. The commonest problem (1,101 values) is at line 2, COMPLETED_ON "2025.05.02 13:53": "2025.05.02 13:53" is not a date in the form dd/mm/yyyy (31/01/2026). Correct the export and run again, or run with --max-rejected 100 to audit what could be read.\n`,
    );
  });

  it('a key worker indicator written its own way on most rows stops the audit with the line that maps it, rather than lose every allocation', () => {
    const dir = sampleCopy('newham', { 'caseworker.csv': (text) => text.replace(/,Y(\r?)$/gm, ',KW$1') });
    const run = audit(dir, 'newham');
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      `supervision-audit: ${dir}/caseworker.csv: 176 of the 207 values in its column KEY_WKR_IND (85%) could not be read, more than --max-rejected 25% allows, so an audit would take them as no. The commonest problem (176 values) is at line 2, KEY_WKR_IND "KW": unknown allocationTypes code "KW": add it under codes.allocationTypes in policies/newham/adapter.yaml. Correct the export and run again, or run with --max-rejected 100 to audit what could be read.\n`,
    );
  });

  it('--max-rejected 100 audits what could be read: every row kept, each unreadable value a data issue', () => {
    const dir = sampleCopy('barnsley', { 'supervision_steps.csv': dottedClock });
    const run = audit(dir, 'barnsley', '--max-rejected', '100', '--fail-on', 'none');
    expect(run.code, run.stderr).toBe(0);
    const report = JSON.parse(run.stdout) as Report;
    const clean = JSON.parse(sampleAudit('barnsley').stdout) as Report;
    const rows = (r: Report) => r.inputs.find((i) => i.file.endsWith('supervision_steps.csv'))!;
    expect([rows(report).rowsUsed, rows(report).rowsRejected]).toEqual([rows(clean).rowsUsed, rows(clean).rowsRejected]);
    expect(report.dataIssues.filter((i) => i.field === 'COMPLETED_ON' && i.effect === 'value ignored').length).toBeGreaterThan(0);
  });
});

/** A supervisors export with each worker's role and team beside each row, as a report joining them writes it. */
const withWorkersDetails = (text: string): string =>
  text
    .split(/\r?\n/)
    .map((line, n) => (line === '' ? line : `${line},${n === 0 ? 'ROLE_DESCRIPTION,ORG_NAME' : 'Social Worker,Assessment Team'}`))
    .join('\r\n');

describe('an export that could be a workers export or another', () => {
  it('a supervisors export carrying each worker\'s role and team stops the audit, rather than be read as workers and every supervisor lost', () => {
    const dir = sampleCopy('barnsley', { 'supervisors.csv': withWorkersDetails });
    expect(readFileSync(join(dir, 'supervisors.csv'), 'utf8').split(/\r?\n/).slice(0, 2)).toEqual(['WORKER_ID,SUPERVISOR_WORKER_ID,START_DATE,END_DATE,ROLE_DESCRIPTION,ORG_NAME', '10001,10000,15/12/2021,,Social Worker,Assessment Team']);
    const run = audit(dir, 'barnsley');
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(
      `supervision-audit: ${dir}/supervisors.csv: the header has every column of mosaic workers and of mosaic supervisors, so it cannot be told which the file is, and read as the wrong one its rows would be lost. If it is a supervisors export with each worker's details beside it, leave out ROLE_DESCRIPTION, ORG_NAME; if it is a workers export, leave out SUPERVISOR_WORKER_ID; or say which it is in policies/barnsley/adapter.yaml (files: supervisors.csv: supervisors, or workers). Then run again.\n`,
    );
  });
});

describe('an export that could be a workers export or another, named in adapter.yaml', () => {
  it('is read as the export adapter.yaml says it is: the same findings as the sample’s own supervisors export', () => {
    const dir = sampleCopy('barnsley', { 'supervisors.csv': withWorkersDetails });
    const policy = join(tmp.dir, `barnsley-files-${++n}`);
    cpSync(join(ROOT, 'policies', 'barnsley'), policy, { recursive: true });
    writeFileSync(join(policy, 'adapter.yaml'), `${readFileSync(join(policy, 'adapter.yaml'), 'utf8')}\nfiles:\n  supervisors.csv: supervisors\n`);
    const run = audit(dir, policy, '--fail-on', 'none');
    expect(run.code, run.stderr).toBe(0);
    const report = JSON.parse(run.stdout) as Report;
    const clean = JSON.parse(sampleAudit('barnsley').stdout) as Report;
    expect(report.inputs.find((i) => i.file.endsWith('supervisors.csv'))!.entity).toBe('supervisors');
    const findings = (r: Report) => r.findings.map((f) => JSON.stringify({ ...f, source: f.source.map((s) => ({ ...s, file: s.file.replace(/^.*\//, '') })) }));
    expect(findings(report)).toEqual(findings(clean));
  });
});

describe('exports that end well before the audit date', () => {
  /** The export without its rows of events from October 2026 on, as a download of late September would be. */
  const downloadedInSeptember = (text: string): string => {
    const [header, ...rows] = text.split(/\r?\n/);
    const at = header!.split(',').indexOf('EVENT_DATETIME');
    return [header, ...rows.filter((row) => row === '' || !/^\d\d\/(1[0-2])\/2026/.test(row.split(',')[at] ?? ''))].join('\r\n');
  };

  it('are said on the terminal with the day to audit to, the audit otherwise as it is', () => {
    const dir = sampleCopy('barnsley', { 'supervision_steps.csv': downloadedInSeptember, 'case_steps.csv': downloadedInSeptember });
    const run = audit(dir, 'barnsley', '--fail-on', 'none');
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toMatch(
      /^supervision-audit: the exports' latest supervision session or case discussion is on (2026-09-\d\d), (\d+) days before the audit date 2026-10-31: if they were downloaded then, audit to that day \(--as-of \1\), as anything due since reads as overdue\n$/,
    );
    // The sample as it is ends on the audit date: nothing said.
    expect(sampleAudit('barnsley').stderr).toBe('');
  });
});

describe('whose staff records: worker ids and staff numbers', () => {
  // The Haringey sample's HR export (iTrent) names workers by staff number: S10001 for worker 10001, as the workers export's STAFF_ID says.
  const byWorkerId = (text: string): string => text.replace(/^S(\d+),/gm, '$1,');

  it('an HR export keyed by staff number joins through the workers export’s STAFF_ID: the same findings as one keyed by worker id', () => {
    const run = sampleAudit('haringey');
    expect(run.code, run.stderr).toBe(0);
    const report = JSON.parse(run.stdout) as Report;
    const byId = JSON.parse(audit(sampleCopy('haringey', { 'staff_records.csv': byWorkerId }), 'haringey', '--fail-on', 'none').stdout) as Report;
    const withoutSources = (r: Report) => r.findings.map(({ source: _source, ...rest }) => JSON.stringify(rest)).sort();
    expect(withoutSources(report)).toEqual(withoutSources(byId));
    expect(report.findings.some((f) => f.requirement === 'HAR-4.2-registration')).toBe(true);
    expect(report.inputs.find((i) => i.entity === 'staff-records')!.matchedOn).toEqual({ workerId: 0, staffNumber: 33 });
    expect(byId.inputs.find((i) => i.entity === 'staff-records')!.matchedOn).toEqual({ workerId: 33, staffNumber: 0 });
  });

  it('an HR export whose training records are keyed by worker id and the rest by staff number joins each id by the key it matches: the same findings', () => {
    const trainingById = (text: string): string => text.replace(/^S(\d+),Course Attended,/gm, '$1,Course Attended,');
    const dir = sampleCopy('haringey', { 'staff_records.csv': trainingById });
    const changed = readFileSync(join(dir, 'staff_records.csv'), 'utf8');
    expect(changed).not.toBe(readFileSync(join(ROOT, 'samples', 'haringey', 'staff_records.csv'), 'utf8'));
    const run = audit(dir, 'haringey', '--fail-on', 'none');
    expect(run.code, run.stderr).toBe(0);
    const report = JSON.parse(run.stdout) as Report;
    const clean = JSON.parse(sampleAudit('haringey').stdout) as Report;
    const withoutSources = (r: Report) => r.findings.map(({ source: _source, ...rest }) => JSON.stringify(rest)).sort();
    expect(withoutSources(report)).toEqual(withoutSources(clean));
    const hr = report.inputs.find((i) => i.entity === 'staff-records')!;
    // Every one of the 33 workers has courses (now by worker id) and other records (by staff number).
    expect(hr.matchedOn).toEqual({ workerId: 33, staffNumber: 33 });
    expect(hr.rowsRejected).toBe(clean.inputs.find((i) => i.entity === 'staff-records')!.rowsRejected);
  });

  it('an HR export with more agency staff than workers stops, saying truthfully how many joined', () => {
    const agency = Array.from({ length: 40 }, (_, i) => `A${900 + i},Annual Appraisal,01/03/2026,,,`).join('\n');
    const dir = sampleCopy('haringey', { 'staff_records.csv': (text) => `${text.trimEnd()}\n${agency}\n` });
    const run = audit(dir, 'haringey', '--max-rejected', '100');
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      `supervision-audit: ${dir}/staff_records.csv: the staff records cannot be joined to the workers: 33 of its 73 ids join a worker (0 by worker id, 33 by staff number) and 40 join neither (not joined: A900, A901, A902), so the records of the other 40 would be rejected and the staff rules would rest on the few that join. To join them, export the HR records with the worker ids or staff numbers the workers export carries (leave out agency and other staff the workers export does not name)\n`,
    );
  });

  it('an HR export whose ids join no worker stops the audit: never a report in which no one is registered', () => {
    const noStaffNumbers = (text: string): string => text.replace(/^(\d+),S\d+,/gm, '$1,,');
    const dir = sampleCopy('haringey', { 'workers.csv': noStaffNumbers });
    const run = audit(dir, 'haringey', '--max-rejected', '100');
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(
      `supervision-audit: ${dir}/staff_records.csv: the staff records cannot be joined to the workers: 0 of its 33 ids join a worker (0 by worker id, 0 by staff number) and 33 join neither (not joined: S10001, S10002, S10003), so every worker would seem to have no registration, DBS check or appraisal. To join them, add the HR system’s staff number to the workers export (STAFF_NUMBER in Mosaic, STAFF_NO in AzeusCare, STAFF_ID in Liquid Logic), or export the HR records by worker id\n`,
    );
  });

  it('an adapter.yaml that says to match on worker ids where the HR export has staff numbers names the line to change', () => {
    const policy = join(tmp.dir, `haringey-policy-${++n}`);
    cpSync(join(ROOT, 'policies', 'haringey'), policy, { recursive: true });
    writeFileSync(join(policy, 'adapter.yaml'), `${readFileSync(join(policy, 'adapter.yaml'), 'utf8')}\nstaffRecords:\n  matchOn: workerId\n`);
    const run = audit(join(ROOT, 'samples', 'haringey'), policy);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('(not joined: S10001, S10002, S10003)');
    expect(run.stderr).toContain(`says to match on worker ids): 0 of its 33 ids match a worker id (0 match a worker id and 33 a staff number)`);
    expect(run.stderr).toContain(`To join them, remove staffRecords: { matchOn: workerId } from ${join(policy, 'adapter.yaml')}, so that each id joins by the key it matches\n`);
  });

  it('a staff number that two workers carry is a data issue on each, and joins neither', () => {
    const shared = (text: string): string => text.replace(/^10002,S10002,/m, '10002,S10001,');
    const run = audit(sampleCopy('haringey', { 'workers.csv': shared }), 'haringey', '--fail-on', 'none');
    expect(run.code, run.stderr).toBe(0);
    const report = JSON.parse(run.stdout) as Report;
    const issues = report.dataIssues.filter((i) => i.problem.startsWith('staff number S10001 is also'));
    expect(issues.map((i) => [i.line, i.field, i.value, i.problem, i.effect])).toEqual([
      [2, 'STAFF_ID', 'S10001', "staff number S10001 is also worker 10002's: staff records with it cannot be told apart, so none is joined to either", 'value ignored'],
      [3, 'STAFF_ID', 'S10001', "staff number S10001 is also worker 10001's: staff records with it cannot be told apart, so none is joined to either", 'value ignored'],
    ]);
    const hr = report.dataIssues.filter((i) => i.file.endsWith('staff_records.csv') && i.value === 'S10001');
    expect(hr.length).toBeGreaterThan(0);
    expect(hr.every((i) => i.problem === "staff number S10001 is no worker's in the workers files, so nothing can be checked for them")).toBe(true);
  });
});

describe('a sample’s exports as they arrive, with its workers’ histories', () => {
  const withoutSources = (r: Report) => r.findings.map(({ source: _source, ...rest }) => JSON.stringify(rest)).sort();
  const clean = JSON.parse(sampleAudit('barnsley').stdout) as Report;
  const exportFile = (name: string): ExportFile => {
    const rows = parse(readFileSync(join(ROOT, 'samples', 'barnsley', name)), { columns: true, bom: true }) as Array<Record<string, string>>;
    return { name, columns: Object.keys(rows[0]!), rows };
  };

  it('the workers export, a row per period, as a framed workbook with ids as numbers; the steps as a report tool’s CSV with float ids: the same findings', async () => {
    const workers = exportFile('workers.csv');
    expect(workers.rows.filter((r) => r['WORKER_ID'] === '19011')).toHaveLength(2);
    const dir = sampleCopy('barnsley');
    rmSync(join(dir, 'workers.csv'));
    await writeWorkbook(join(dir, 'workers.xlsx'), [{ name: 'Workers', file: workers, kinds: columnKinds(workers, 'mosaic'), framed: true }]);
    const steps = exportFile('supervision_steps.csv');
    writeFileSync(join(dir, 'supervision_steps.csv'), reportCsv(withFloatIds(steps, columnKinds(steps, 'mosaic'))));
    const run = audit(dir, 'barnsley', '--fail-on', 'none');
    expect(run.code, run.stderr).toBe(0);
    const report = JSON.parse(run.stdout) as Report;
    expect(withoutSources(report)).toEqual(withoutSources(clean));
    const read = report.inputs.find((i) => i.entity === 'workers')!;
    expect([read.rowsRead, read.rowsUsed, read.rowsRejected]).toEqual([workers.rows.length, workers.rows.length, 0]);
  });

  it('the sessions export as a workbook read on a reading thread beside the CSV files: the report of one thread, byte for byte, citing the sheet', async () => {
    const steps = exportFile('supervision_steps.csv');
    const dir = sampleCopy('barnsley');
    rmSync(join(dir, 'supervision_steps.csv'));
    await writeWorkbook(join(dir, 'supervision_steps.xlsx'), [{ name: 'Steps', file: steps, kinds: columnKinds(steps, 'mosaic') }]);
    // Not the largest file: with three threads it is read on a thread of its own, not the main one.
    const one = audit(dir, 'barnsley', '--fail-on', 'none', '--threads', '1');
    const three = audit(dir, 'barnsley', '--fail-on', 'none', '--threads', '3');
    expect(one.code, one.stderr).toBe(0);
    expect(three.code, three.stderr).toBe(0);
    expect(three.stdout).toBe(one.stdout);
    const report = JSON.parse(three.stdout) as Report;
    const sheet = `${join(dir, 'supervision_steps.xlsx')} [Steps]`;
    expect(report.findings.some((f) => f.source.some((s) => s.file === sheet))).toBe(true);
    expect(report.dataIssues.some((i) => i.file === sheet && i.effect === 'row rejected')).toBe(true);
    expect(withoutSources(report)).toEqual(withoutSources(clean));
  });

  it('two overlapping downloads of the sessions export: the same findings, and one note for the pair', () => {
    const dir = sampleCopy('barnsley');
    const [header, ...rows] = readFileSync(join(dir, 'supervision_steps.csv'), 'utf8').trimEnd().split('\r\n');
    // An earlier download of 200 rows of 2025 (all used: none dated after the audit date), kept beside the
    // whole export, and read first: its name sorts first.
    const earlier = rows.filter((row) => /^\d+,[^,]+,\d+,\d*,COMPLETE,\d\d\/\d\d\/2025 /.test(row)).slice(0, 200);
    writeFileSync(join(dir, 'supervision_steps (1).csv'), `${[header, ...earlier].join('\r\n')}\r\n`);
    const run = audit(dir, 'barnsley', '--fail-on', 'none');
    expect(run.code, run.stderr).toBe(0);
    const report = JSON.parse(run.stdout) as Report;
    expect(withoutSources(report)).toEqual(withoutSources(clean));
    const notes = report.dataIssues.filter((i) => i.problem.includes('exactly'));
    expect(notes).toEqual([
      {
        file: join(dir, 'supervision_steps.csv'),
        line: rows.indexOf(earlier[0]!) + 2,
        field: '',
        value: '',
        problem: `200 rows of this file repeat rows of ${join(dir, 'supervision_steps (1).csv')} exactly (overlapping downloads of one export?), the first on this line: each is read once`,
        effect: 'note',
        rows: 200,
      },
    ]);
    expect(report.dataIssues.length).toBe(clean.dataIssues.length + 1);
  });
});
