/**
 * Finds and validates a policy (and the authority's adapter file beside it). `--policy` takes
 * a bundled id, a folder holding policy.yaml, or a policy file. Every problem is reported with
 * the file and the path inside it, all at once, so that an author can fix them in one pass.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseDocument } from 'yaml';
import type { z } from 'zod';
import { policySchema, type NotCheckable, type PolicyFile } from './schema.js';
import { clauseMapSchema, type ClauseMap } from './clauses.js';
import { adapterFileSchema, adapterProblems, authorityAdapter, referenceAdapter, ownSystemReference, type AuthorityAdapter } from '../adapters/authority.js';
import { SYSTEM_LAYOUTS } from '../adapters/systems.js';
import type { SystemId } from '../adapters/layout.js';
import type { Check } from '../checks/check.js';
import { CHECKS_BY_ID } from '../checks/registry.js';

/** The folder of the bundled policies. */
export const BUNDLED_POLICIES = fileURLToPath(new URL('../../policies/', import.meta.url));

export class PolicyError extends Error {
  override name = 'PolicyError';
  constructor(
    readonly file: string,
    readonly problems: string[],
  ) {
    super(problems.length === 1 ? `${file}: ${problems[0]}` : `${file} has ${problems.length} problems:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

export interface Rule {
  requirement: string;
  clause: string;
  words: string;
  reading: string | null;
  check: Check;
  params: unknown;
}

export interface Policy {
  id: string;
  title: string;
  authority: string;
  version: string;
  source: string;
  file: string;
  rules: Rule[];
  notCheckable: NotCheckable[];
}

export interface PolicyWithAdapter {
  policy: Policy;
  /** The authority's adapter, or null when no adapter.yaml is beside the policy. */
  adapter: AuthorityAdapter | null;
  adapterFile: string;
  /** The clause map (clauses.yaml beside the policy), or null when there is none. */
  clauseMap: ClauseMap | null;
  clauseFile: string;
}

/** Paths inside a YAML file as an author reads them: rules[3].params.every. */
export function describePath(path: ReadonlyArray<PropertyKey>): string {
  return path.reduce<string>((out, key) => (typeof key === 'number' ? `${out}[${key}]` : out ? `${out}.${String(key)}` : String(key)), '');
}

function zodProblems(error: z.ZodError, prefix: ReadonlyArray<PropertyKey> = []): string[] {
  return error.issues.map((issue) => {
    const path = describePath([...prefix, ...issue.path]);
    return path ? `${path}: ${issue.message}` : issue.message;
  });
}

async function readYaml(file: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    throw new PolicyError(file, ['the file cannot be read']);
  }
  const doc = parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length > 0) {
    throw new PolicyError(file, doc.errors.map((e) => `line ${e.linePos?.[0]?.line ?? '?'}: ${e.message.split('\n')[0]}`));
  }
  return doc.toJS();
}

/** Validates a policy file's content; every problem with its path. */
export function validatePolicy(raw: unknown, file: string): Policy {
  const parsed = policySchema.safeParse(raw);
  if (!parsed.success) throw new PolicyError(file, zodProblems(parsed.error));
  const data: PolicyFile = parsed.data;
  const problems: string[] = [];
  const rules: Rule[] = [];
  const seen = new Map<string, number>();
  data.rules.forEach((rule, i) => {
    const check = CHECKS_BY_ID.get(rule.check);
    if (!check) {
      problems.push(`rules[${i}].check: unknown check "${rule.check}" (known: ${[...CHECKS_BY_ID.keys()].join(', ')})`);
      return;
    }
    const key = `${rule.requirement} ${rule.check}`;
    const first = seen.get(key);
    if (first !== undefined) problems.push(`rules[${i}]: ${rule.requirement} already has a ${rule.check} rule at rules[${first}]`);
    else seen.set(key, i);
    const params = check.params.safeParse(rule.params ?? {});
    if (!params.success) {
      problems.push(...zodProblems(params.error, ['rules', i, 'params']));
      return;
    }
    rules.push({ requirement: rule.requirement, clause: rule.clause, words: rule.words, reading: rule.reading ?? null, check, params: params.data });
  });
  if (problems.length > 0) throw new PolicyError(file, problems);
  return { id: data.id, title: data.title, authority: data.authority, version: data.version, source: data.source, file, rules, notCheckable: data.notCheckable };
}

function resolvePolicyFile(reference: string): string {
  const bundled = join(BUNDLED_POLICIES, reference, 'policy.yaml');
  if (/^[a-z0-9-]+$/.test(reference) && !existsSync(reference) && existsSync(bundled)) return bundled;
  if (!existsSync(reference)) {
    throw new PolicyError(reference, [`no such policy file, folder or bundled policy (bundled: ${bundledPolicyIds().join(', ')})`]);
  }
  return statSync(reference).isDirectory() ? join(reference, 'policy.yaml') : reference;
}

export function bundledPolicyIds(): string[] {
  if (!existsSync(BUNDLED_POLICIES)) return [];
  return readdirSync(BUNDLED_POLICIES)
    .filter((name) => existsSync(join(BUNDLED_POLICIES, name, 'policy.yaml')))
    .sort();
}

/** A path to show users: relative to the working folder when that is shorter. */
export function displayPath(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel && !rel.startsWith('..') && rel.length < path.length ? rel : path;
}

export async function loadAdapterFile(file: string): Promise<AuthorityAdapter> {
  const raw = await readYaml(file);
  const parsed = adapterFileSchema.safeParse(raw ?? {});
  if (!parsed.success) throw new PolicyError(displayPath(file), zodProblems(parsed.error));
  const problems = adapterProblems(parsed.data);
  if (problems.length > 0) throw new PolicyError(displayPath(file), problems);
  return authorityAdapter(parsed.data);
}

export async function loadPolicy(reference: string): Promise<PolicyWithAdapter> {
  const file = resolvePolicyFile(reference);
  const shown = displayPath(file);
  if (!existsSync(file)) throw new PolicyError(shown, ['no such file']);
  const policy = validatePolicy(await readYaml(file), shown);
  const adapterPath = join(dirname(file), 'adapter.yaml');
  const adapter = existsSync(adapterPath) ? await loadAdapterFile(adapterPath) : null;
  const clausesPath = join(dirname(file), 'clauses.yaml');
  const clauseMap = existsSync(clausesPath) ? await loadClauseMap(clausesPath) : null;
  return { policy, adapter, adapterFile: displayPath(adapterPath), clauseMap, clauseFile: displayPath(clausesPath) };
}

async function loadClauseMap(file: string): Promise<ClauseMap> {
  const parsed = clauseMapSchema.safeParse(await readYaml(file));
  if (!parsed.success) throw new PolicyError(displayPath(file), zodProblems(parsed.error));
  return parsed.data;
}

/**
 * The adapters an audit reads its files with, first choice first: the authority's own
 * layouts, then its system's reference layouts (read with the authority's codes), then the
 * other systems' reference layouts, so that a file from another system is still recognised
 * (the authority's job titles and topics apply to it too). `--system` keeps only that system.
 */
export function adaptersFor(loaded: PolicyWithAdapter, system: SystemId | undefined): AuthorityAdapter[] {
  const own = loaded.adapter;
  const ofSystem = (s: SystemId): AuthorityAdapter[] => {
    if (own?.system !== s) return [referenceAdapter(s, own)];
    const reference = ownSystemReference(own);
    return reference ? [own, reference] : [own];
  };
  if (system !== undefined) return ofSystem(system);
  const systems = Object.keys(SYSTEM_LAYOUTS) as SystemId[];
  const first = own ? [own.system] : [];
  return [...first, ...systems.filter((s) => s !== own?.system)].flatMap(ofSystem);
}
