/** `supervision-audit policies list | show <id> | check <path> | checks [id] | new <id> | clauses <path>`. */
import { describeRuleParams } from '../policy/describe.js';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { bundledPolicyIds, displayPath, inspectPolicy, loadPolicy, PolicyError, sourceProblems } from '../policy/load.js';
import { EXIT, UsageError } from './errors.js';
import { accountedFor, clauseMapProblems, clauseSourceProblems } from '../policy/clauses.js';
import { catalogueReference, checkReference } from '../policy/reference.js';
import { authorityName, newPolicy, startClauseMap, type NewPolicyOptions } from '../policy/scaffold.js';
import { CHECKS, CHECKS_BY_ID } from '../checks/registry.js';
import { inFileOrder } from '../policy/yaml.js';
import type { Terminal } from './audit.js';
import { visible } from '../report/visible.js';

export async function listPolicies(terminal: Terminal): Promise<number> {
  for (const id of bundledPolicyIds()) {
    const { policy, adapter } = await loadPolicy(id);
    terminal.stdout.write(`${id.padEnd(12)} ${policy.title} (${policy.authority}, ${policy.version}); ${policy.rules.length} rules; ${adapter?.system ?? 'any'} exports\n`);
  }
  return EXIT.clean;
}

export async function showPolicy(reference: string, terminal: Terminal): Promise<number> {
  const { policy, adapter, clauseMap } = await loadPolicy(reference);
  const out: string[] = [
    `${policy.title}`,
    `${policy.authority}, ${policy.version}; source: ${policy.source}; exports: ${adapter?.system ?? 'any system'}`,
    '',
  ];
  for (const rule of policy.rules) {
    out.push(`${rule.requirement}  (${rule.clause})`);
    out.push(`  words:   "${rule.words}"`);
    out.push(`  check:   ${rule.check.id}: ${rule.check.description}`);
    out.push(`  params:  ${describeRuleParams(rule.params)}`);
    if (rule.reading) out.push(`  reading: ${rule.reading}`);
    out.push('');
  }
  if (clauseMap) {
    out.push(`Clause map (${clauseMap.clauses.length} clauses of the source document, each accounted for):`);
    const width = Math.max(...clauseMap.clauses.map((e) => e.clause.length));
    for (const entry of clauseMap.clauses) {
      const gist = [entry.heading, entry.duty].filter(Boolean).join(': ');
      out.push(`  ${entry.clause.padEnd(width)}  ${gist ? `${gist} → ` : ''}${accountedFor(entry)}`);
    }
    out.push('');
  }
  if (policy.notCheckable.length > 0) {
    out.push('Not checkable from exports:');
    for (const n of policy.notCheckable) out.push(`  ${n.clause}: ${n.reason}`);
  }
  terminal.stdout.write(`${out.join('\n')}\n`);
  return EXIT.clean;
}

/**
 * `policies check`: every problem of policy.yaml, adapter.yaml and clauses.yaml in one run, as
 * strict for an authority's own policy as the tests are for the bundled ones: the source document
 * is there and holds every quote, and the clause map accounts for every clause.
 */
export async function checkPolicy(path: string, terminal: Terminal): Promise<number> {
  try {
    const { file, policySource, loaded, clauseSource, errors } = await inspectPolicy(path);
    const problems = new Map<string, string[]>(errors.map((e) => [e.file, [...e.problems]]));
    const add = (where: string, found: string[]): void => {
      if (found.length > 0) problems.set(where, [...(problems.get(where) ?? []), ...found]);
    };
    const folder = dirname(file);
    if (policySource) add(displayPath(file), sourceProblems(folder, policySource));
    const clauseFile = displayPath(join(folder, 'clauses.yaml'));
    if (!existsSync(join(folder, 'clauses.yaml'))) {
      add(clauseFile, [`no clause map: start one from the numbered clauses of the source document with: supervision-audit policies clauses ${displayPath(folder)}`]);
    } else if (loaded?.clauseMap && clauseSource) {
      add(clauseFile, clauseMapProblems(loaded.clauseMap, loaded.policy, clauseSource.at));
      const document = join(folder, loaded.policy.source);
      if (existsSync(document) && statSync(document).isFile()) {
        add(clauseFile, clauseSourceProblems(loaded.clauseMap, loaded.policy, { name: loaded.policy.source, text: readFileSync(document, 'utf8') }, clauseSource.at));
      }
    }
    if (problems.size > 0 || !loaded) {
      // policy.yaml first, then adapter.yaml and clauses.yaml, whichever was read first.
      const order = (where: string): number => ['policy.yaml', 'adapter.yaml', 'clauses.yaml'].findIndex((name) => where.endsWith(name));
      const files = [...problems].sort(([a], [b]) => order(a) - order(b));
      throw PolicyError.all(files.map(([where, found]) => new PolicyError(where, inFileOrder(found))));
    }
    const { policy, adapter, clauseMap } = loaded;
    terminal.stdout.write(
      `${policy.file}: ${policy.rules.length} rules, ${policy.notCheckable.length} not checkable; ${clauseMap!.clauses.length} clauses, each accounted for; every quote in ${policy.source}; ${adapter ? `adapter for ${adapter.system}` : 'no adapter.yaml, so exports are read with each system\'s own columns and codes'}: valid\n`,
    );
    return EXIT.clean;
  } catch (err) {
    if (!(err instanceof PolicyError)) throw err;
    // A YAML error quotes the file's lines: shown with their control characters escaped.
    terminal.stderr.write(`${err.message.split('\n').map(visible).join('\n')}\n`);
    return EXIT.stopped;
  }
}

/** `policies checks [id]`: the check reference, from the schemas the loader validates with. */
export function describeChecks(id: string | undefined, terminal: Terminal): number {
  if (id === undefined) {
    terminal.stdout.write(`${catalogueReference(CHECKS)}\n`);
    return EXIT.clean;
  }
  const check = CHECKS_BY_ID.get(id);
  if (!check) throw new UsageError(`no check ${id} (checks: ${[...CHECKS_BY_ID.keys()].join(', ')})`);
  terminal.stdout.write(`${checkReference(check)}\n`);
  return EXIT.clean;
}

/** `policies new <id> --from <bundled id> [--source <file>] [--output <folder>]`. */
export function startPolicy(id: string, options: NewPolicyOptions, terminal: Terminal): number {
  terminal.stdout.write(`${newPolicy(id, options).join('\n')}\n`);
  return EXIT.clean;
}

/** `policies clauses <path>`: clauses.yaml started from the policy's source document. */
export async function startClauses(path: string, terminal: Terminal): Promise<number> {
  const { file, policySource } = await inspectPolicy(path);
  const raw = policySource?.value as { id?: unknown; source?: unknown; rules?: Array<{ clause?: unknown }> } | null;
  const cited = raw?.rules?.find((r) => typeof r?.clause === 'string')?.clause as string | undefined;
  const name = cited?.split(/\s+/)[0] ?? (typeof raw?.id === 'string' ? authorityName(raw.id) : 'Policy');
  const source = typeof raw?.source === 'string' ? raw.source.trim() : 'source.txt';
  terminal.stdout.write(`${startClauseMap(dirname(file), name, source)}\n`);
  return EXIT.clean;
}
