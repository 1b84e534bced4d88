/**
 * A new authority's policy folder, started from the closest bundled one (`policies new`): its
 * rules and clause names renamed for the new authority, its own document copied in, and a clause
 * map started from the document's numbered clauses, none yet accounted for, so that
 * `policies check` lists what is left to do.
 */
import { copyFileSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isMap, isScalar, isSeq, parseDocument, stringify, type Document } from 'yaml';
import { BUNDLED_POLICIES, bundledPolicyIds, displayPath, PolicyError } from './load.js';
import { numberedClauses } from './clauses.js';

/** A policy id as an authority's name in citations: "east-sussex" is "East Sussex". */
export function authorityName(id: string): string {
  return id
    .split('-')
    .filter((part) => part.length > 0)
    .map((part) => part[0]!.toUpperCase() + part.slice(1))
    .join(' ');
}

/** The prefix of a policy's requirement ids: its first three letters, "KIR" of "kirklees". */
export function requirementPrefix(id: string): string | null {
  const letters = id.replace(/[^a-z]/g, '');
  return letters.length >= 3 ? letters.slice(0, 3).toUpperCase() : null;
}

const YAML_OPTIONS = { lineWidth: 100, flowCollectionPadding: false } as const;

/** A bundled file, its opening comment (about the bundled authority) replaced by `comment`. */
function retitled(file: string, comment: string): Document {
  const doc = parseDocument(readFileSync(file, 'utf8').replace(/^(#[^\n]*\n)+/, ''));
  doc.commentBefore = comment;
  return doc;
}

/** Renames, in place, the citation of every item of a sequence at `key`: "Barnsley 6.1" becomes "Kirklees 6.1". */
function renameClauses(doc: Document, key: string, from: string, to: string): number {
  const items = doc.get(key);
  if (!isSeq(items)) return 0;
  for (const item of items.items) {
    if (!isMap(item)) continue;
    const clause = item.get('clause');
    if (typeof clause === 'string' && clause.startsWith(`${from} `)) item.set('clause', `${to}${clause.slice(from.length)}`);
  }
  return items.items.length;
}

/** The clause map of a document: every numbered clause, with the start of its words, accounted for by nothing yet. */
export function startedClauseMap(name: string, documentText: string, documentFile: string): string {
  const clauses = numberedClauses(documentText);
  const entries = clauses.length > 0 ? clauses.map((c) => ({ clause: `${name} ${c.number}`, heading: c.heading })) : [{ clause: `${name} 1`, heading: 'the whole document (it numbers no clauses: tell its duties apart with duty)' }];
  const header = [
    `# Every numbered clause of ${name}'s policy (${documentFile}), to be accounted for: give each`,
    '# the rules that enforce it (rules: [ID]), notCheckable: true (and list it under notCheckable in',
    '# policy.yaml), or noDuty: with the reason it carries no duty an audit could check.',
  ];
  return `${header.join('\n')}\n${stringify({ clauses: entries }, YAML_OPTIONS)}`;
}
/** Rewrites, in place, the text at `field` of every item of a sequence at `key` (a rule's reading). */
function renameTexts(doc: Document, key: string, field: string, rename: (text: string) => string): void {
  const items = doc.get(key);
  if (!isSeq(items)) return;
  for (const item of items.items) {
    if (!isMap(item)) continue;
    const node = item.get(field, true);
    if (isScalar(node) && typeof node.value === 'string') node.value = rename(node.value);
  }
}

export interface NewPolicyOptions {
  from: string;
  source?: string;
  /** The folder to write; the id in the working folder unless given. */
  output?: string;
}

/** Writes a new policy folder; returns what it wrote, in a few lines for the user. Never overwrites. */
export function newPolicy(id: string, options: NewPolicyOptions): string[] {
  if (!/^[a-z0-9-]+$/.test(id)) throw new PolicyError(id, ['a policy id is lower case letters, digits and hyphens, such as kirklees']);
  const prefix = requirementPrefix(id);
  if (!prefix) throw new PolicyError(id, ['a policy id needs at least three letters: its requirement ids begin with the first three (KIR- for kirklees)']);
  const bundled = bundledPolicyIds();
  if (!bundled.includes(options.from)) throw new PolicyError(options.from, [`no such bundled policy to start from (bundled: ${bundled.join(', ')})`]);
  const folder = options.output ?? id;
  if (existsSync(folder)) throw new PolicyError(displayPath(folder), ['already exists: give another id, or a new folder with --output (nothing is overwritten)']);
  if (options.source !== undefined && !(existsSync(options.source) && statSync(options.source).isFile())) throw new PolicyError(options.source, ['no such file: --source names the policy document, as plain text']);

  const fromFolder = join(BUNDLED_POLICIES, options.from);
  const fromName = authorityName(options.from);
  const fromPrefix = requirementPrefix(options.from)!;
  const name = authorityName(id);
  const rename = (requirement: string): string => (requirement.startsWith(`${fromPrefix}-`) ? `${prefix}${requirement.slice(fromPrefix.length)}` : requirement);

  const policy = retitled(join(fromFolder, 'policy.yaml'), ` ${name}: supervision policy, started from the bundled ${options.from} policy. Quote your own\n document's words in each rule, cite its clauses, and run: supervision-audit policies check ${folder}`);
  policy.set('id', id);
  policy.set('authority', name);
  policy.set('version', 'draft');
  policy.set('source', 'source.txt');
  const rules = policy.get('rules');
  if (isSeq(rules)) {
    for (const rule of rules.items) {
      if (isMap(rule) && typeof rule.get('requirement') === 'string') rule.set('requirement', rename(rule.get('requirement') as string));
    }
  }
  const ruleCount = renameClauses(policy, 'rules', fromName, name);
  renameClauses(policy, 'notCheckable', fromName, name);
  // The readings and reasons are the tool's words, not the document's: they name the new authority and its requirements too.
  const renameText = (text: string): string => text.replace(new RegExp(`\\b${fromPrefix}-(?=[0-9A-Za-z])`, 'g'), `${prefix}-`).replace(new RegExp(`\\b${fromName}\\b`, 'g'), name);
  renameTexts(policy, 'rules', 'reading', renameText);
  renameTexts(policy, 'notCheckable', 'reason', renameText);

  let clauses: string;
  let clauseLine: string;
  if (options.source !== undefined) {
    const text = readFileSync(options.source, 'utf8');
    clauses = startedClauseMap(name, text, 'source.txt');
    const count = numberedClauses(text).length;
    clauseLine = `clauses.yaml: ${count} numbered clauses of ${displayPath(options.source)}, none yet accounted for`;
  } else {
    const map = retitled(join(fromFolder, 'clauses.yaml'), ` The clause map of the bundled ${options.from} policy, renamed: start it again from your own document with\n supervision-audit policies clauses ${folder} once source.txt is yours.`);
    const entries = map.get('clauses');
    if (isSeq(entries)) {
      for (const entry of entries.items) {
        if (isMap(entry) && isSeq(entry.get('rules'))) {
          const list = entry.get('rules');
          if (isSeq(list)) list.items = list.items.map((r) => (typeof (r as { value?: unknown }).value === 'string' ? map.createNode(rename((r as { value: string }).value)) : r)) as typeof list.items;
        }
      }
    }
    renameClauses(map, 'clauses', fromName, name);
    clauses = map.toString(YAML_OPTIONS);
    clauseLine = `clauses.yaml: the ${options.from} clause map, renamed`;
  }

  mkdirSync(folder, { recursive: true });
  writeFileSync(join(folder, 'policy.yaml'), policy.toString(YAML_OPTIONS));
  copyFileSync(join(fromFolder, 'adapter.yaml'), join(folder, 'adapter.yaml'));
  copyFileSync(options.source ?? join(fromFolder, 'source.txt'), join(folder, 'source.txt'));
  writeFileSync(join(folder, 'clauses.yaml'), clauses);
  return [
    `Wrote ${displayPath(folder)}/:`,
    `  policy.yaml: the ${ruleCount} rules of ${options.from}, as ${prefix}- requirements citing ${name} clauses`,
    `  adapter.yaml: ${options.from}'s, as it is`,
    `  source.txt: ${options.source !== undefined ? `copied from ${displayPath(options.source)}` : `${options.from}'s document, until you copy yours in`}`,
    `  ${clauseLine}`,
    `Next: supervision-audit policies check ${displayPath(folder)}`,
  ];
}

/** Starts clauses.yaml beside a policy from its source document. Never overwrites. */
export function startClauseMap(folder: string, name: string, sourceFile: string): string {
  const file = join(folder, 'clauses.yaml');
  if (existsSync(file)) throw new PolicyError(displayPath(file), ['already exists (nothing is overwritten): edit it, or remove it to start again']);
  const source = join(folder, sourceFile);
  if (!existsSync(source)) throw new PolicyError(displayPath(source), ['no such file: copy the policy document there, as plain text, to start the clause map from']);
  const text = readFileSync(source, 'utf8');
  writeFileSync(file, startedClauseMap(name, text, sourceFile));
  return `Wrote ${displayPath(file)}: ${numberedClauses(text).length} numbered clauses of ${sourceFile}, none yet accounted for`;
}
