/**
 * An authority's adapter.yaml: the worked example in the README is valid and does what the
 * README says, and mistakes in an adapter file are reported with their path in it.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { adapterFileSchema, adapterProblems, authorityAdapter } from '../../src/adapters/authority.js';
import { loadExports } from '../../src/adapters/load.js';
import { ROOT } from '../e2e/helpers.js';
import { tempFolder } from '../helpers/tmp.js';

const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
const section = readme.slice(readme.indexOf("### Writing an authority's adapter.yaml"));
const example = /```yaml\n([\s\S]*?)```/.exec(section)![1]!;

describe('the README’s worked adapter.yaml', () => {
  const file = adapterFileSchema.parse(parse(example));

  it('is valid', () => {
    expect(adapterProblems(file)).toEqual([]);
  });

  it('reads a staff report with POST_TITLE, dd/mm/yyyy dates and its own codes', async () => {
    const tmp = tempFolder();
    const staff = tmp.write('staff.csv', 'EMP_ID,POST_TITLE,TEAM_NAME,EFFECT_DT_FR\r\n201,Personal Adviser,Leaving Care,05/03/2020\r\n');
    const activities = tmp.write(
      'activities.csv',
      'CASE_ACT_ID,CASE_ID,CASE_ACT_CD,CASE_ACT_DT,RESP_WKR\r\nA1,C1,MGR_NOTE,05/03/2026 10:00,201\r\nA2,C1,HOME_VISIT,06/03/2026,201\r\n',
    );
    const loaded = await loadExports([staff, activities], { adapters: [authorityAdapter(file)], adapterFile: 'adapter.yaml' });
    expect(loaded.issues.filter((i) => i.effect !== 'note')).toEqual([]);
    expect(loaded.dataset.workers).toMatchObject([{ id: '201', role: 'support-worker' }]);
    expect(loaded.dataset.discussions.toArray()).toMatchObject([{ id: 'A1', kind: 'management-oversight' }]);
    expect(loaded.inputs[1]!.notRelevant).toEqual({ 'not a case discussion or decision': 1 });
  });
});

describe('mistakes in an adapter file', () => {
  it.each([
    [{ system: 'carefirst' }, /system/],
    [{ system: 'azeus', codes: { roles: { 'Social Worker': 'wizard' } } }, /codes\.roles\.Social Worker/],
    [{ system: 'azeus', codes: { colours: { red: 'x' } } }, /colours/],
  ])('%j is refused', (content, path) => {
    const parsed = adapterFileSchema.safeParse(content);
    expect(parsed.success).toBe(false);
    const messages = parsed.error!.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('\n');
    expect(messages).toMatch(path);
  });

  it('a renamed column the layout does not have names the columns it has', () => {
    const file = adapterFileSchema.parse({ system: 'azeus', columns: { workers: { JOB_TITLE: 'POST' } } });
    expect(adapterProblems(file)).toEqual([
      'columns.workers.JOB_TITLE: AzeusCare workers has no column JOB_TITLE (its columns: EMP_ID, STAFF_NO, EMP_NAME, DESIGNATION, TEAM_NAME, SVC_NAME, PROF_CD, EFFECT_DT_FR, EFFECT_DT_TO, ASYE_START_DT)',
    ]);
  });
});
