import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { clauseMapProblems, clauseSourceProblems, foldText, missingFragments } from '../../src/policy/clauses.js';
import { BUNDLED_POLICIES, bundledPolicyIds, loadPolicy } from '../../src/policy/load.js';
import { runMain } from '../helpers/run-main.js';

describe.each(bundledPolicyIds())('bundled policy %s', (id) => {
  it('passes policies check, as strict for it as for an authority\'s own', async () => {
    const run = await runMain('policies', 'check', id);
    expect(run.stderr).toBe('');
    expect(run.stdout).toMatch(/: \d+ rules, \d+ not checkable; \d+ clauses, each accounted for; every quote in source\.txt; adapter for \w+: valid\n$/);
  });

  it('loads, with its adapter', async () => {
    const { policy, adapter } = await loadPolicy(id);
    expect(policy.id).toBe(id);
    expect(policy.rules.length).toBeGreaterThan(0);
    expect(adapter).not.toBeNull();
  });

  it('accounts for every clause of its source document (clauses.yaml)', async () => {
    const { policy, clauseMap } = await loadPolicy(id);
    expect(clauseMap).not.toBeNull();
    expect(clauseMapProblems(clauseMap!, policy)).toEqual([]);
    const document = { name: policy.source, text: readFileSync(join(BUNDLED_POLICIES, id, policy.source), 'utf8') };
    expect(clauseSourceProblems(clauseMap!, policy, document)).toEqual([]);
  });

  it('quotes the source document exactly, fragment by fragment', async () => {
    const { policy } = await loadPolicy(id);
    // Whitespace (the documents are text pulled from tables) and quote styles do not matter.
    const source = foldText(readFileSync(join(BUNDLED_POLICIES, id, policy.source), 'utf8'));
    const quoted = [...policy.rules.map((r) => ({ where: `${r.requirement} ${r.check.id}`, words: r.words })), ...policy.notCheckable.map((n) => ({ where: n.clause, words: n.words }))];
    const missing: string[] = [];
    for (const { where, words } of quoted) {
      if (!words) continue;
      for (const fragment of missingFragments(words, source)) missing.push(`${where}: "${fragment}"`);
    }
    expect(missing).toEqual([]);
  });
});
