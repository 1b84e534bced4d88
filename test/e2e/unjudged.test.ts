/**
 * What no rule could judge is said, not passed over: an incident about a person no other export
 * names, a case rule whose plan types the data has none of, and a stop whose counts are the
 * rows it is about.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Report } from '../../src/audit/report.js';
import { cli } from './helpers.js';
import { scientific } from '../helpers/real-exports.js';
import { sampleWith } from '../helpers/sample-copy.js';
import { tempFolder } from '../helpers/tmp.js';

const tmp = tempFolder();
const fileWith = (sample: string, file: string, change: (text: string) => string): string => sampleWith(tmp.dir, sample, { [file]: change });

const audit = (dir: string, policy: string, ...extra: string[]) => cli('audit', dir, '--policy', policy, '--as-of', '2026-10-31', '--format', 'json', '--fail-on', 'none', ...extra);

describe('an incident about a person in no other export', () => {
  it('is a data issue at its row', () => {
    const dir = fileWith('walsall', 'incidents.csv', (text) => `${text.trimEnd()}\r\n9009999,599999,01/09/2026,,Incident\r\n`);
    const run = audit(dir, 'walsall');
    expect(run.code, run.stderr).toBe(0);
    const report = JSON.parse(run.stdout) as Report;
    const line = readFileSync(join(dir, 'incidents.csv'), 'utf8').trimEnd().split(/\r?\n/).length;
    expect(report.dataIssues.filter((i) => i.file.endsWith('incidents.csv')).map((i) => [i.line, i.field, i.value, i.problem, i.effect])).toEqual([
      [line, 'PERSON_ID', '599999', 'person 599999 is in no other export (no plan, allocation, case step or residence), so no worker can be found for the incident and no rule can judge it: check the person id', 'kept'],
    ]);
  });
});

describe('a case rule whose plan types the data has none of', () => {
  it('is not run, saying why, where it would have run with no subject', () => {
    const adults = (text: string) => text.replace(/^(\d+),[A-Z_]+,/gm, '$1,ADULT_CARE,');
    const run = audit(fileWith('barnsley', 'plans.csv', adults), 'barnsley');
    expect(run.code, run.stderr).toBe(0);
    const report = JSON.parse(run.stdout) as Report;
    const notRun = report.summary.rules.filter((r) => r.status === 'not-run').map((r) => [r.requirement, r.reason]);
    const reason = (types: string) => `no plan in the input is of its types (${types}): the plans export has only adult-care`;
    expect(notRun).toEqual([
      ['BAR-6.1-assessment', reason('assessment')],
      ['BAR-6.1-assessment', reason('assessment')],
      ['BAR-6.1-cin', reason('cin')],
      ['BAR-6.1-cp', reason('cp')],
      ['BAR-6.1-cic', reason('cic, care-leaver')],
      ['BAR-6.1-other', reason('adoption-placement, adoption-support, private-fostering, early-help, adopter, foster-carer')],
    ]);
  });
});

describe('a stop about ids in scientific notation', () => {
  it('counts the rows of the forms it rejected, not the forms', () => {
    const dir = fileWith('haringey', 'form_answers.csv', (text) => text.replace(/^(\d+),/gm, (_, id: string) => `${scientific(id)},`));
    const run = audit(dir, 'haringey');
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('6,389 of its 6,389 rows (100%) were rejected');
    expect(run.stderr).toContain('The commonest problem (6,095 rows) is at line 2, FACT_FORM_ID "9.0000E+06"');
    expect(run.stderr).toContain('6,095 rows of the column are so, the first on line 2.');
  });
});
