import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderJsonChunks } from '../../src/report/json.js';
import type { Report } from '../../src/audit/report.js';
import { ROOT } from '../e2e/helpers.js';

/** The report as the pieces it is written in make it. */
const renderJson = (report: Parameters<typeof renderJsonChunks>[0]): string => [...renderJsonChunks(report)].join('');

describe('the JSON report', () => {
  it.each(['barnsley', 'newham', 'haringey'])('written in pieces, is exactly JSON.stringify of the %s report', (id) => {
    const report = JSON.parse(readFileSync(join(ROOT, 'test/expected', id, 'report.json'), 'utf8')) as Report;
    expect(renderJson(report)).toBe(`${JSON.stringify(report, null, 2)}\n`);
  });

  it.each([1, 31, 32, 33, 64, 65, 300])('is exactly JSON.stringify with %i findings, across the pieces it is written in', (count) => {
    const sample = JSON.parse(readFileSync(join(ROOT, 'test/expected/barnsley/report.json'), 'utf8')) as Report;
    const findings = Array.from({ length: count }, (_, i) => ({ ...sample.findings[i % sample.findings.length]!, daysOverdue: i }));
    const report = { ...sample, findings, dataIssues: sample.dataIssues.slice(0, count % 7) };
    expect(renderJson(report)).toBe(`${JSON.stringify(report, null, 2)}\n`);
  });

  it('is exactly JSON.stringify with empty lists too', () => {
    const report = { schemaVersion: 1, findings: [], dataIssues: [], summary: { rules: [] } } as unknown as Report;
    expect(renderJson(report)).toBe(`${JSON.stringify(report, null, 2)}\n`);
  });
});
