import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { main } from '../../src/cli/main.js';
import { endPhases, inPhase, startPhases, type PhaseLine } from '../../src/time/phases.js';
import { tempFolder } from '../helpers/tmp.js';
import { TEST_TODAY } from '../helpers/today.js';

const linesOf = (file: string): PhaseLine[] =>
  readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as PhaseLine);

async function audit(env: Record<string, string>): Promise<{ code: number; stdout: string }> {
  let stdout = '';
  const code = await main(['audit', 'samples/barnsley', '--policy', 'barnsley', '--as-of', '2026-10-31', '--format', 'json', '--fail-on', 'none'], {
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: () => true },
    env: { SUPERVISION_AUDIT_TODAY: TEST_TODAY, ...env },
  });
  return { code, stdout };
}

describe('the phases of an audit, timed for the benchmark', () => {
  const tmp = tempFolder();

  it('are not counted unless asked for: the work is done and nothing is written', () => {
    startPhases(undefined);
    expect(inPhase('read', () => 41 + 1)).toBe(42);
    endPhases();
    startPhases('');
    endPhases();
    expect(existsSync(join(tmp.dir, 'none.jsonl'))).toBe(false);
  });

  it('sum each phase over its calls, waiting for work that is a promise, one line per phase in the order first counted', async () => {
    const file = join(tmp.dir, 'sums.jsonl');
    startPhases(file);
    inPhase('rules', () => 1);
    expect(await inPhase('write', async () => 'written')).toBe('written');
    inPhase('rules', () => 2);
    endPhases();
    // Counting has stopped: a later phase is not added.
    inPhase('rules', () => 3);
    endPhases();
    const lines = linesOf(file);
    expect(lines.map((l) => [l.phase, l.calls])).toEqual([
      ['rules', 2],
      ['write', 1],
    ]);
    for (const line of lines) {
      expect(Object.keys(line)).toEqual(['phase', 'ms', 'calls', 'rssMb', 'rssGrowthMb', 'peakMb', 'heapMb', 'heapGrowthMb']);
      expect(line.ms).toBeGreaterThanOrEqual(0);
      expect(line.rssMb).toBeGreaterThan(0);
      expect(line.peakMb).toBeGreaterThanOrEqual(line.rssMb);
    }
  });

  it('SUPERVISION_AUDIT_PHASES=<file> appends read, build, the rules, their month figures and the write, and the report is unchanged', async () => {
    const file = join(tmp.dir, 'audit.jsonl');
    const timed = await audit({ SUPERVISION_AUDIT_PHASES: file });
    const plain = await audit({});
    expect(timed.code).toBe(0);
    expect(timed.stdout).toBe(plain.stdout);
    const lines = linesOf(file);
    expect(lines.map((l) => l.phase)).toEqual(['read', 'build', 'rules', 'month figures', 'write']);
    const report = JSON.parse(plain.stdout) as { summary: { rules: Array<{ status: string }> } };
    expect(lines.find((l) => l.phase === 'rules')!.calls).toBe(report.summary.rules.filter((r) => r.status === 'run').length);
    // The listing of the inputs and the reading of them are one phase.
    expect(lines.find((l) => l.phase === 'read')!.calls).toBe(2);
    // Appended: a second audit adds its own lines after the first's.
    await audit({ SUPERVISION_AUDIT_PHASES: file });
    expect(linesOf(file)).toHaveLength(10);
  });
});
