/**
 * Finds and validates a policy (and the authority's adapter file beside it). `--policy` takes
 * a bundled id, a folder holding policy.yaml, or a policy file. Every problem is reported with
 * the file and the path inside it, all at once, so that an author can fix them in one pass.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FileProblems, inFileOrder, readYamlSource, type YamlSource } from './yaml.js';
import { acceptedKeys, expectedAt } from './reference.js';
import type { z } from 'zod';
import { policySchema, type NotCheckable, type PolicyFile } from './schema.js';
import { clauseMapSchema, foldText, missingFragments, type ClauseMap } from './clauses.js';
import { adapterFileSchema, authorityAdapter, placedAdapterProblems, referenceAdapter, ownSystemReference, type AuthorityAdapter } from '../adapters/authority.js';
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

  /** The problems of several files as one error: each file's in turn. */
  static all(errors: readonly PolicyError[]): PolicyError {
    if (errors.length === 1) return errors[0]!;
    const all = new PolicyError(errors.map((e) => e.file).join(', '), errors.flatMap((e) => e.problems));
    all.message = errors.map((e) => e.message).join('\n');
    return all;
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

function valueAt(raw: unknown, path: ReadonlyArray<PropertyKey>): unknown {
  let value = raw;
  for (const key of path) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

/** The requirement id of the rule a path is inside, where the rule gives one. */
function ruleAt(raw: unknown, path: ReadonlyArray<PropertyKey>): string | undefined {
  if (path[0] !== 'rules' || typeof path[1] !== 'number') return undefined;
  const requirement = valueAt(raw, ['rules', path[1], 'requirement']);
  return typeof requirement === 'string' ? requirement.trim() : undefined;
}

/** A problem with its place: "line 12, column 7, rule BAR-6.1-cp, rules[3].params.every: ...". */
function located(source: YamlSource, path: ReadonlyArray<PropertyKey>, message: string, where = source.at(path)): string {
  const rule = ruleAt(source.value, path);
  const shownPath = describePath(path);
  return `${where}${rule ? `, rule ${rule}` : ''}${shownPath ? `, ${shownPath}` : ''}: ${message}`;
}

/** "an interval in days", "a list of any of cin, cp", "text", "one of a, b". */
function withArticle(expected: string): string {
  if (/^(text|true or false|one of|"|any value)/.test(expected)) return expected;
  return `${/^[aeiou]/.test(expected) ? 'an' : 'a'} ${expected}`;
}

/** Every issue of a zod error as a located sentence: the accepted keys of a mapping, the allowed values of a choice. */
function zodProblems(error: z.ZodError, source: YamlSource, schema: z.ZodType, prefix: ReadonlyArray<PropertyKey> = []): string[] {
  return error.issues.flatMap((issue) => {
    const path = [...prefix, ...issue.path];
    if (issue.code === 'unrecognized_keys') {
      const accepted = acceptedKeys(schema, issue.path);
      return issue.keys.map((key) =>
        located(source, [...path, key], `unknown key "${key}"${accepted ? ` (accepted: ${accepted.join(', ')})` : ''}`, source.atKey(path, key)),
      );
    }
    if (issue.code === 'invalid_value' && issue.values.length > 1) {
      return [located(source, path, `${JSON.stringify(valueAt(source.value, path))} is not allowed here (allowed: ${issue.values.map(String).join(', ')})`)];
    }
    if (issue.code === 'invalid_type') {
      const value = valueAt(source.value, path);
      const expected = expectedAt(schema, issue.path) ?? (issue.expected === 'string' ? 'text' : issue.expected);
      if (path.length === 0 && value == null) return [`the file is empty: give ${withArticle(expected)}`];
      return [located(source, path, value === undefined ? `missing: give ${expected}` : `${JSON.stringify(value)} is not ${withArticle(expected)}`)];
    }
    return [located(source, path, issue.message)];
  });
}

/** Reads a YAML file of a policy, its problems as a PolicyError of the file. */
async function readYaml(file: string): Promise<YamlSource> {
  try {
    return await readYamlSource(file);
  } catch (err) {
    if (err instanceof FileProblems) throw new PolicyError(displayPath(file), err.problems);
    throw err;
  }
}

/** A policy file's rules and fields, validated: every problem with its place; null where any. */
function policyOf(source: YamlSource, file: string): { policy: Policy | null; problems: string[] } {
  const raw = source.value;
  const parsed = policySchema.safeParse(raw);
  const problems = parsed.success ? [] : zodProblems(parsed.error, source, policySchema);
  const rawRules = valueAt(raw, ['rules']);
  const rules: Rule[] = [];
  const seen = new Map<string, number>();
  (Array.isArray(rawRules) ? rawRules : []).forEach((rule: unknown, i) => {
    const checkId = valueAt(rule, ['check']);
    if (typeof checkId !== 'string') return;
    const check = CHECKS_BY_ID.get(checkId.trim());
    if (!check) {
      problems.push(located(source, ['rules', i, 'check'], `unknown check "${checkId}" (known: ${[...CHECKS_BY_ID.keys()].join(', ')})`));
      return;
    }
    const requirement = String(valueAt(rule, ['requirement']) ?? '').trim();
    const key = `${requirement} ${check.id}`;
    const first = seen.get(key);
    if (first !== undefined) problems.push(located(source, ['rules', i], `${requirement} already has a ${check.id} rule at rules[${first}]`));
    else seen.set(key, i);
    const params = check.params.safeParse(valueAt(rule, ['params']) ?? {});
    if (!params.success) {
      problems.push(...zodProblems(params.error, source, check.params, ['rules', i, 'params']));
      return;
    }
    const r = parsed.success ? parsed.data.rules[i]! : null;
    if (r) rules.push({ requirement: r.requirement, clause: r.clause, words: r.words, reading: r.reading ?? null, check, params: params.data });
  });
  if (!parsed.success || problems.length > 0) return { policy: null, problems };
  const data: PolicyFile = parsed.data;
  return { policy: { id: data.id, title: data.title, authority: data.authority, version: data.version, source: data.source, file, rules, notCheckable: data.notCheckable }, problems };
}

/** Where the policy's source document is, and its quotes that are not in it: problems of policy.yaml. */
export function sourceProblems(folder: string, source: YamlSource): string[] {
  const raw = source.value as { source?: unknown; rules?: unknown; notCheckable?: unknown } | null;
  const name = typeof raw?.source === 'string' ? raw.source.trim() : '';
  if (!name) return [];
  const file = join(folder, name);
  if (!existsSync(file) || !statSync(file).isFile()) {
    return [located(source, ['source'], `${name} is not beside policy.yaml: copy the policy's own document there, as plain text`)];
  }
  const document = foldText(readFileSync(file, 'utf8'));
  const problems: string[] = [];
  for (const list of ['rules', 'notCheckable'] as const) {
    const items = raw?.[list];
    if (!Array.isArray(items)) continue;
    items.forEach((item: unknown, i) => {
      const words = (item as { words?: unknown } | null)?.words;
      if (typeof words !== 'string') return;
      for (const fragment of missingFragments(words, document)) {
        problems.push(located(source, [list, i, 'words'], `"${foldText(fragment)}" is not in ${name} (spaces and line breaks aside): quote the document exactly, leaving words out with " ... "`));
      }
    });
  }
  return problems;
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

/** Where in adapter.yaml a problem of its columns is: at the renamed column, else its export's key. */
export async function loadAdapterFile(file: string): Promise<AuthorityAdapter> {
  const source = await readYaml(file);
  const parsed = adapterFileSchema.safeParse(source.value ?? {});
  if (!parsed.success) throw new PolicyError(displayPath(file), zodProblems(parsed.error, source, adapterFileSchema));
  const problems = placedAdapterProblems(parsed.data).map(({ path, key, problem }) => `${source.atKey(path, key)}, ${problem}`);
  if (problems.length > 0) throw new PolicyError(displayPath(file), problems);
  return authorityAdapter(parsed.data);
}

async function loadClauseMap(file: string): Promise<{ map: ClauseMap; source: YamlSource }> {
  const source = await readYaml(file);
  const parsed = clauseMapSchema.safeParse(source.value);
  if (!parsed.success) throw new PolicyError(displayPath(file), zodProblems(parsed.error, source, clauseMapSchema));
  return { map: parsed.data, source };
}

/** What reading a policy folder found: each file's content where it is valid, and every problem of every file. */
export interface PolicyInspection {
  /** policy.yaml's path. */
  file: string;
  /** policy.yaml as read, to check its quotes and source against; null when it could not be read. */
  policySource: YamlSource | null;
  loaded: PolicyWithAdapter | null;
  clauseSource: YamlSource | null;
  errors: PolicyError[];
}

/** Reads policy.yaml, adapter.yaml and clauses.yaml of a policy, gathering the problems of all three. */
export async function inspectPolicy(reference: string): Promise<PolicyInspection> {
  const file = resolvePolicyFile(reference);
  const shown = displayPath(file);
  if (!existsSync(file)) throw new PolicyError(shown, ['no such file']);
  const errors: PolicyError[] = [];
  const attempt = async <T>(read: () => Promise<T>): Promise<T | null> => {
    try {
      return await read();
    } catch (err) {
      if (!(err instanceof PolicyError)) throw err;
      errors.push(err);
      return null;
    }
  };
  const policySource = await attempt(() => readYaml(file));
  let policy: Policy | null = null;
  if (policySource) {
    const read = policyOf(policySource, shown);
    if (read.problems.length > 0) errors.push(new PolicyError(shown, inFileOrder(read.problems)));
    policy = read.policy;
  }
  const adapterPath = join(dirname(file), 'adapter.yaml');
  const adapter = existsSync(adapterPath) ? await attempt(() => loadAdapterFile(adapterPath)) : null;
  const clausesPath = join(dirname(file), 'clauses.yaml');
  const clauses = existsSync(clausesPath) ? await attempt(() => loadClauseMap(clausesPath)) : null;
  const loaded = policy && errors.length === 0 ? { policy, adapter, adapterFile: displayPath(adapterPath), clauseMap: clauses?.map ?? null, clauseFile: displayPath(clausesPath) } : null;
  return { file, policySource, loaded, clauseSource: clauses?.source ?? null, errors };
}

export async function loadPolicy(reference: string): Promise<PolicyWithAdapter> {
  const { loaded, errors } = await inspectPolicy(reference);
  if (errors.length > 0 || !loaded) throw PolicyError.all(errors);
  return loaded;
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
