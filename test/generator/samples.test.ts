import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SYSTEMS } from '../../src/adapters/layout.js';
import { authorityExportFiles, SAMPLES, sampleFiles } from '../../src/generator/samples.js';
import { makeScenario } from '../../src/generator/scenario.js';
import { writeExportFiles } from '../../src/generator/writers/csv-files.js';
import { runMain } from '../helpers/run-main.js';
import { tempFolder } from '../helpers/tmp.js';
import { ROOT } from '../e2e/helpers.js';
import { stringify } from 'csv-stringify/sync';
import { parse } from 'yaml';
import type { Report } from '../../src/audit/report.js';
import { SYSTEM_WRITERS } from '../../src/generator/writers/systems.js';

const tmp = tempFolder();

describe.each(Object.keys(SAMPLES))('the bundled %s sample', (id) => {
  it('is exactly what the seeded generator makes (npm run generate -- --sample id)', () => {
    for (const file of sampleFiles(SAMPLES[id]!)) {
      const made =
        stringify([file.columns, ...file.rows.map((r) => file.columns.map((c) => r[c] ?? ''))], { record_delimiter: '\r\n' }) +
        (file.rawLines ?? []).map((l) => `${l}\r\n`).join('');
      expect(readFileSync(join(ROOT, 'samples', id, file.name), 'utf8'), file.name).toBe(made);
    }
  });
});

describe.each(Object.keys(SAMPLES))('generated data for %s', (id) => {
  it.each(SYSTEMS)('in %s layouts reads with the authority’s policy (npm run generate -- --authority id --system …)', async (system) => {
    const data = makeScenario({ seed: 3, workers: 8, months: 3, asOf: '2026-10-31', caseload: 2, service: SAMPLES[id]!.service });
    const dir = join(tmp.dir, `${id}-${system}`);
    writeExportFiles(dir, authorityExportFiles(id, system, data));
    const run = await runMain('audit', dir, '--policy', id, '--as-of', '2026-10-31', '--format', 'json');
    expect(run.stderr).toBe('');
    expect([0, 1]).toContain(run.code);
  });
});

describe.each(Object.keys(SAMPLES))('%s exports in its system’s reference layouts', (id) => {
  it('read as well as in the authority’s own columns, with the same findings; the input table says which layout each file was read as', async () => {
    const system = SAMPLES[id]!.system;
    const data = makeScenario({ seed: 5, workers: 8, months: 3, asOf: '2026-10-31', caseload: 2, service: SAMPLES[id]!.service });
    const reference = join(tmp.dir, `${id}-reference`);
    const own = join(tmp.dir, `${id}-own`);
    writeExportFiles(reference, SYSTEM_WRITERS[system](data));
    writeExportFiles(own, authorityExportFiles(id, system, data));
    const audit = async (dir: string): Promise<Report> => {
      const run = await runMain('audit', dir, '--policy', id, '--as-of', '2026-10-31', '--format', 'json');
      expect(run.stderr).toBe('');
      // The same rows in both folders: sources compared by file name.
      return JSON.parse(run.stdout.replaceAll(JSON.stringify(dir).slice(1, -1), '')) as Report;
    };
    const [byReference, byOwn] = [await audit(reference), await audit(own)];
    expect(byReference.inputs.every((i) => i.system === system && i.layout === 'reference')).toBe(true);
    const renamed = byOwn.inputs.filter((i) => i.layout === 'authority').map((i) => i.entity);
    const adapterFile = parse(readFileSync(join(ROOT, 'policies', id, 'adapter.yaml'), 'utf8')) as { columns?: Record<string, unknown> };
    expect(renamed).toEqual(Object.keys(adapterFile.columns ?? {}));
    expect(byReference.findings).toEqual(byOwn.findings);
    expect(byReference.summary.rules).toEqual(byOwn.summary.rules);
  });
});
