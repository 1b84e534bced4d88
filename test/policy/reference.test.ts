/**
 * The check reference (`policies checks`) is read from the schemas the loader validates rules
 * with: what it calls required, defaulted or allowed is what the loader does; and the README
 * holds its text.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { CHECKS } from '../../src/checks/registry.js';
import { catalogueReference, checkReference } from '../../src/policy/reference.js';
import { runMain } from '../helpers/run-main.js';

/** The top-level parameter lines of one check's reference: name, type words and need. */
function parameters(check: (typeof CHECKS)[number]): Array<{ name: string; type: string; need: string }> {
  return checkReference(check)
    .split('\n')
    .map((line) => /^ {4}([A-Za-z]+): (.*); (required|optional|default .*)$/.exec(line))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => ({ name: m[1]!, type: m[2]!, need: m[3]! }));
}

interface Def {
  type: string;
  shape?: Record<string, z.ZodType>;
  in?: z.ZodType;
  innerType?: z.ZodType;
}

/** The parameters of a check's schema, under its default and refinements. */
const shapeOf = (schema: z.ZodType): Record<string, z.ZodType> => {
  let def = (schema as unknown as { _zod: { def: Def } })._zod.def;
  for (let next = def.in ?? def.innerType; next && (def.type === 'pipe' || def.type === 'default'); next = def.in ?? def.innerType) {
    def = (next as unknown as { _zod: { def: Def } })._zod.def;
  }
  return def.shape ?? {};
};

describe.each(CHECKS.map((c) => [c.id, c] as const))('the reference of %s', (_id, check) => {
  it('lists every parameter of its schema, and only those', () => {
    expect(parameters(check).map((p) => p.name)).toEqual(Object.keys(shapeOf(check.params)));
  });

  it('calls a parameter required exactly when the loader refuses a rule without it', () => {
    for (const { name, need } of parameters(check)) {
      const parsed = check.params.safeParse({});
      const missing = !parsed.success && parsed.error.issues.some((issue) => issue.path[0] === name);
      expect({ name, required: missing }).toEqual({ name, required: need === 'required' });
    }
  });

  it('gives the default the loader fills in', () => {
    for (const { name, need } of parameters(check)) {
      if (!need.startsWith('default ')) continue;
      const field = shapeOf(check.params)[name]!;
      const filled = field.safeParse(undefined);
      expect(filled.success).toBe(true);
      const shown = JSON.stringify(filled.data).replace(/"/g, '').replace(/,/g, ', ');
      expect(`default ${shown}`).toBe(need);
    }
  });

  it('names in a parameter only values the loader accepts, and refuses others', () => {
    for (const { name, type } of parameters(check)) {
      const listed = /^list of any of ([^;]+)$/.exec(type);
      if (!listed) continue;
      const field = shapeOf(check.params)[name]!;
      for (const value of listed[1]!.split(', ')) expect(field.safeParse([value]).success).toBe(true);
      expect(field.safeParse(['no-such-value']).success).toBe(false);
    }
  });
});

describe('policies checks', () => {
  it('prints the catalogue, as the README holds it', async () => {
    const run = await runMain('policies', 'checks');
    expect(run.stdout).toBe(`${catalogueReference(CHECKS)}\n`);
    const readme = readFileSync('README.md', 'utf8');
    const held = /<!-- policies checks: begin -->\n```text\n([\s\S]*?)```\n<!-- policies checks: end -->/.exec(readme)?.[1];
    // After a change of a check's parameters: paste the output of `policies checks` into README.md.
    expect(held).toBe(run.stdout);
  });

  it('prints one check', async () => {
    const run = await runMain('policies', 'checks', 'case-file-audit');
    expect(run.stdout).toBe(
      [
        'case-file-audit',
        '  Every open case file is audited at least as often as the policy sets.',
        '  subject: case; reads: plans, case-file-audits',
        '  findings: late, overdue',
        '  parameters:',
        '    plans: list of any of assessment, cin, cp, cic, care-leaver, adoption-placement, adoption-support, private-fostering, early-help, adopter, foster-carer, adult-care; required',
        '    every: interval in days, weeks, months (at most ten years); required',
        '',
      ].join('\n'),
    );
  });

  it('refuses a check that is not in the catalogue, naming those that are', async () => {
    const run = await runMain('policies', 'checks', 'case-frequncy');
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^supervision-audit: no check case-frequncy \(checks: staff-frequency, staff-duration, .*, supervisor-qualified\)\n$/);
  });
});
