/**
 * Privacy: reports carry identifiers, dates, reasons and the names of staff, never the content
 * of supervision. Marker text is planted in every free-text field a real export carries
 * (notes, wellbeing answers, cancellation reasons, case activity details), in all three
 * systems' layouts, also in rows that are rejected and in form answers that conflict; no
 * output format may contain any of it. Staff names are marked too: they are reported, and only
 * as the worker's or supervisor's name of a finding.
 */
import { readdirSync, readFileSync, writeFileSync, appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SYSTEMS, type SystemId } from '../../src/adapters/layout.js';
import type { GenDataset } from '../../src/generator/model.js';
import { plantAdultScenarios, plantChildrensScenarios } from '../../src/generator/planted.js';
import { makeScenario } from '../../src/generator/scenario.js';
import { makeStaffRecords } from '../../src/generator/staff-records.js';
import { writeExportFiles } from '../../src/generator/writers/csv-files.js';
import { SYSTEM_WRITERS } from '../../src/generator/writers/systems.js';
import { runMain } from '../helpers/run-main.js';
import { tempFolder } from '../helpers/tmp.js';

const MARK = 'PRIVATE-MARKER';
const STAFF = 'StaffName';

function marked(service: 'children' | 'adults'): GenDataset {
  const data = makeScenario({ seed: 99, workers: 14, months: 8, asOf: '2026-10-31', caseload: 2, service });
  if (service === 'adults') plantAdultScenarios(data);
  else plantChildrensScenarios(data);
  data.workers.forEach((w, i) => Object.assign(w, { firstNames: `${STAFF}First${i}`, lastNames: `${STAFF}Last${i}` }));
  data.sessions.forEach((s, i) => {
    s.notes = `${MARK}-notes-${i}`;
    s.wellbeing = `${MARK}-wellbeing-${i}`;
    if (s.status === 'cancelled' || s.status === 'postponed') s.cancelReason = `${MARK}-reason-${i}`;
  });
  data.caseSteps.forEach((c, i) => (c.notes = `${MARK}-case-${i}`));
  // What an HR export holds beside its dates (a DBS outcome, a disciplinary note) is never read.
  data.staffRecords = makeStaffRecords(data, data.asOf).map((r, i) => ({ ...r, note: `${MARK}-hr-${i}` }));
  return data;
}

/** Rows that are rejected or conflict, with marker text in their free-text cells. */
const HOSTILE_ROWS: Record<SystemId, Record<string, string[]>> = {
  mosaic: {
    'supervision_steps.csv': [`880001,Formal Supervision,19001,10005,COMPLETE,31/02/2026 10:00,90,${MARK}-bad-reason,,,,,Y,,${MARK}-bad-notes`],
  },
  azeus: {
    'supervision.csv': [`880002,19001,10005,FORMAL,COMPLETED,31-FEB-2026 10:00,90,${MARK}-bad-reason,,,,,Y,,${MARK}-bad-rem`],
    'case_activities.csv': [`880003,599001,HOME_VISIT,02-SEP-2026 15:00,19001,,,,COMPLETED,,${MARK}-bad-detail`],
  },
  liquidlogic: {
    'form_answers.csv': [
      `880004,SUPERVISION,19101,,COMPLETE,SupDate,2026-09-22 10:00:00,,`,
      `880004,SUPERVISION,19101,,COMPLETE,SupType,Formal,,`,
      `880004,SUPERVISION,19101,,COMPLETE,Notes,${MARK}-notes-one,,`,
      `880004,SUPERVISION,19101,,COMPLETE,Notes,${MARK}-notes-two,,`,
      `880004,SUPERVISION,19101,,COMPLETE,Wellbeing,${MARK}-wellbeing-one,,`,
      `880004,SUPERVISION,19101,,COMPLETE,Wellbeing,${MARK}-wellbeing-two,,`,
    ],
  },
};

/** A staff record that is rejected (an impossible date), with marker text in what the HR export holds beside it. */
const HOSTILE_STAFF_ROW = `19001,DBS_CHECK,31/02/2026,,,${MARK}-hr-bad`;

const tmp = tempFolder();

describe.each(SYSTEMS)('free text in %s exports', (system) => {
  const service = system === 'liquidlogic' ? 'adults' : 'children';
  const policy = service === 'adults' ? 'haringey' : 'barnsley';
  const dir = join(tmp.dir, system);
  writeExportFiles(dir, SYSTEM_WRITERS[system](marked(service)));
  for (const [file, rows] of Object.entries({ ...HOSTILE_ROWS[system], 'staff_records.csv': [HOSTILE_STAFF_ROW] })) appendFileSync(join(dir, file), rows.map((r) => `${r}\r\n`).join(''));

  it('is in the exports to begin with', () => {
    const all = readdirSync(dir).map((f) => readFileSync(join(dir, f), 'utf8')).join('');
    expect(all.split(MARK).length).toBeGreaterThan(100);
  });

  it.each(['json', 'csv', 'table'])('never reaches a report as %s, on stdout or in files', async (format) => {
    const args = ['audit', dir, '--policy', policy, '--system', system, '--as-of', '2026-10-31', '--format', format];
    const printed = await runMain(...args);
    expect(printed.code).toBe(1);
    expect(printed.stdout + printed.stderr).not.toContain(MARK);
    if (format === 'json') {
      const report = JSON.parse(printed.stdout) as { findings: Array<{ workerName: string | null; supervisorName: string | null }> };
      const named = report.findings.filter((f) => f.workerName !== null);
      expect(named.length).toBeGreaterThan(0);
      expect(named.every((f) => f.workerName!.includes(STAFF))).toBe(true);
      const outsideNames = JSON.stringify({ ...report, findings: report.findings.map(({ workerName: _w, supervisorName: _s, ...rest }) => rest) });
      expect(outsideNames).not.toContain(STAFF);
    }
    const out = join(tmp.dir, `${system}-${format}-out`);
    const written = await runMain(...args, '--output', `${out}/`);
    expect(written.code).toBe(1);
    for (const name of readdirSync(out)) expect(readFileSync(join(out, name), 'utf8'), name).not.toContain(MARK);
  });
});

it('a note column the layout does not know is not read either', async () => {
  const dir = join(tmp.dir, 'extra-column');
  writeExportFiles(dir, SYSTEM_WRITERS.mosaic(marked('children')));
  const path = join(dir, 'supervision_steps.csv');
  const [header, ...rows] = readFileSync(path, 'utf8').trimEnd().split('\r\n');
  writeFileSync(path, [`${header},MANAGER_COMMENTS`, ...rows.map((r, i) => `${r},${MARK}-comment-${i}`)].join('\r\n'));
  const run = await runMain('audit', dir, '--policy', 'barnsley', '--as-of', '2026-10-31', '--format', 'json');
  expect(run.stdout).toContain('MANAGER_COMMENTS');
  expect(run.stdout).not.toContain(MARK);
});
