/** `supervision-audit policies list | show <id> | check <path>`. */
import { describeRuleParams } from './describe.js';
import { bundledPolicyIds, loadPolicy, PolicyError } from '../policy/load.js';
import { EXIT } from './errors.js';
import { accountedFor, clauseMapProblems } from '../policy/clauses.js';
import type { Terminal } from './audit.js';

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

export async function checkPolicy(path: string, terminal: Terminal): Promise<number> {
  try {
    const { policy, adapter, clauseMap, clauseFile } = await loadPolicy(path);
    if (clauseMap) {
      const problems = clauseMapProblems(clauseMap, policy);
      if (problems.length > 0) throw new PolicyError(clauseFile, problems);
    }
    const clauses = clauseMap ? `; ${clauseMap.clauses.length} clauses, each accounted for` : `; no clause map (${clauseFile})`;
    terminal.stdout.write(`${policy.file}: ${policy.rules.length} rules, ${policy.notCheckable.length} not checkable${clauses}${adapter ? `; adapter for ${adapter.system}` : ''}: valid\n`);
    return EXIT.clean;
  } catch (err) {
    if (!(err instanceof PolicyError)) throw err;
    terminal.stderr.write(`${err.message}\n`);
    return EXIT.stopped;
  }
}
