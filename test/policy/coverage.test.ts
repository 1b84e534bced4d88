/**
 * Coverage: every requirement of the register (docs/requirements.md) is enforced by exactly
 * one shipped policy, as one or more rules of that policy, or is listed as not checkable.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bundledPolicyIds, loadPolicy } from '../../src/policy/load.js';
import { ROOT } from '../e2e/helpers.js';

/** Requirements whose checks are not in the catalogue yet. */
const AWAITING_A_CHECK: string[] = [];

const register = readFileSync(join(ROOT, 'docs/requirements.md'), 'utf8');
const required = [...register.matchAll(/^\| ([A-Z]{3}-[A-Za-z0-9.-]+) \|/gm)].map((m) => m[1]!);

describe('coverage of the requirements register', () => {
  it('reads every requirement of the register', () => {
    expect(required.length).toBeGreaterThan(40);
    expect(new Set(required).size).toBe(required.length);
  });

  it('finds each requirement in exactly one shipped policy', async () => {
    const where = new Map<string, Set<string>>();
    for (const id of bundledPolicyIds()) {
      const { policy } = await loadPolicy(id);
      for (const rule of policy.rules) {
        if (!where.has(rule.requirement)) where.set(rule.requirement, new Set());
        where.get(rule.requirement)!.add(id);
      }
    }
    const missing = required.filter((r) => !where.has(r) && !AWAITING_A_CHECK.includes(r));
    const inSeveral = [...where].filter(([, policies]) => policies.size > 1).map(([r]) => r);
    const unknown = [...where.keys()].filter((r) => !required.includes(r));
    expect({ missing, inSeveral, unknown }).toEqual({ missing: [], inSeveral: [], unknown: [] });
    // When a check for one of these is built, its rule is added and it leaves the list.
    expect(AWAITING_A_CHECK.filter((r) => where.has(r))).toEqual([]);
  });

  it('ships the five policies of the register', () => {
    expect(bundledPolicyIds()).toEqual(['barnsley', 'haringey', 'newham', 'portsmouth', 'walsall']);
  });
});
