/**
 * Month and team figures. A rule's figures for month M are those of a separate `--month M`
 * audit over the same exports, for every bundled sample, every month and every rule; its
 * figures per team add up to its totals, for the samples and for any generated dataset.
 */
import fc from 'fast-check';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Report, RuleSummary } from '../../src/audit/report.js';
import { SAMPLES } from '../../src/generator/samples.js';
import { makeScenario } from '../../src/generator/scenario.js';
import { writeExportFiles } from '../../src/generator/writers/csv-files.js';
import { SYSTEM_WRITERS } from '../../src/generator/writers/systems.js';
import { runMain } from '../helpers/run-main.js';
import { tempFolder } from '../helpers/tmp.js';

async function audit(...args: string[]): Promise<Report> {
  const run = await runMain('audit', ...args, '--format', 'json', '--fail-on', 'none');
  expect(run.stderr).toBe('');
  return JSON.parse(run.stdout) as Report;
}

const figures = (r: { subjects: number; compliant: number; exceptions: number }) => ({ subjects: r.subjects, compliant: r.compliant, exceptions: r.exceptions });
const ruleKey = (r: RuleSummary) => `${r.requirement} ${r.check}`;

describe.each(Object.keys(SAMPLES))('the %s sample', (id) => {
  it('gives, for every month of the window and every rule, the figures of a separate --month audit', async () => {
    const year = await audit(`samples/${id}`, '--policy', id, '--as-of', '2026-10-31');
    const months = year.summary.rules.find((r) => r.status === 'run')!.byMonth.map((m) => m.month);
    expect(months).toEqual(['2025-11', '2025-12', '2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06', '2026-07', '2026-08', '2026-09', '2026-10']);
    for (const month of months) {
      const alone = await audit(`samples/${id}`, '--policy', id, '--month', month);
      for (const rule of year.summary.rules) {
        const separate = alone.summary.rules.find((r) => ruleKey(r) === ruleKey(rule))!;
        const inYear = rule.byMonth.find((m) => m.month === month);
        if (rule.status === 'not-run') {
          expect(rule.byMonth).toEqual([]);
          continue;
        }
        expect(figures(inYear!), `${ruleKey(rule)} ${month}`).toEqual(figures(separate));
        expect(inYear!.compliance).toBe(separate.compliance);
      }
    }
  });

  it('has team figures that add up to each rule’s totals', async () => {
    const report = await audit(`samples/${id}`, '--policy', id, '--as-of', '2026-10-31');
    expectTeamsAddUp(report);
  });
});

it('cuts the first and last months to the window', async () => {
  const report = await audit('samples/barnsley', '--policy', 'barnsley', '--from', '2026-03-15', '--as-of', '2026-05-10');
  const rule = report.summary.rules.find((r) => r.requirement === 'BAR-7.1-diversity')!;
  expect(rule.byMonth.map((m) => m.month)).toEqual(['2026-03', '2026-04', '2026-05']);
  const diversity = (r: Report) => figures(r.summary.rules.find((x) => x.requirement === 'BAR-7.1-diversity')!);
  const first = await audit('samples/barnsley', '--policy', 'barnsley', '--from', '2026-03-15', '--as-of', '2026-03-31');
  const whole = await audit('samples/barnsley', '--policy', 'barnsley', '--month', '2026-03');
  expect(diversity(first).subjects).toBeLessThan(diversity(whole).subjects);
  expect(figures(rule.byMonth[0]!)).toEqual(diversity(first));
  const last = await audit('samples/barnsley', '--policy', 'barnsley', '--from', '2026-05-01', '--as-of', '2026-05-10');
  expect(figures(rule.byMonth[2]!)).toEqual(diversity(last));
});

function expectTeamsAddUp(report: Report): void {
  for (const rule of report.summary.rules.filter((r) => r.status === 'run')) {
    const sum = (k: 'subjects' | 'compliant' | 'exceptions') => rule.byTeam.reduce((s, t) => s + t[k], 0);
    expect({ subjects: sum('subjects'), compliant: sum('compliant'), exceptions: sum('exceptions') }, ruleKey(rule)).toEqual(figures(rule));
    for (const team of rule.byTeam) {
      expect(team.compliant).toBeGreaterThanOrEqual(0);
      expect(team.compliant).toBeLessThanOrEqual(team.subjects);
    }
  }
}

describe('team figures, for any generated dataset', () => {
  const tmp = tempFolder();
  it('add up to each rule’s totals, whatever the authority, system and data', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 1_000_000 }), fc.constantFrom(...Object.keys(SAMPLES)), async (seed, id) => {
        const sample = SAMPLES[id]!;
        const data = makeScenario({ seed, workers: 10, months: 6, asOf: '2026-10-31', caseload: 2, service: sample.service, fileAudits: true, residents: true, incidents: true });
        const dir = join(tmp.dir, `set-${run++}`);
        writeExportFiles(dir, SYSTEM_WRITERS[sample.system](data));
        expectTeamsAddUp(await audit(dir, '--policy', id, '--as-of', '2026-10-31'));
      }),
      { numRuns: 15 },
    );
  });
});

it('gives, with --team, the figures of a separate --month audit of that team', async () => {
  const team = ['--team', 'Assessment Team North'];
  const year = await audit('samples/barnsley', '--policy', 'barnsley', '--as-of', '2026-10-31', ...team);
  for (const month of ['2025-11', '2026-04', '2026-10']) {
    const alone = await audit('samples/barnsley', '--policy', 'barnsley', '--month', month, ...team);
    for (const rule of year.summary.rules.filter((r) => r.status === 'run')) {
      const separate = alone.summary.rules.find((r) => ruleKey(r) === ruleKey(rule))!;
      expect(figures(rule.byMonth.find((m) => m.month === month)!), `${ruleKey(rule)} ${month}`).toEqual(figures(separate));
    }
  }
});
