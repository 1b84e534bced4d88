/**
 * Every problem of an export set that the authority's adapter.yaml, or the export itself, must
 * put right before an audit can run, gathered into one message: each header that matches no
 * layout (with the columns its closest layout misses), each file that cannot be read, and each
 * code of each file that the adapter does not map; then one block of adapter.yaml lines that
 * maps every renamed column and every code at once. One run tells the user everything to change.
 */
import { adapterYaml, bareTitle, foldHeader, similarity, type CodeLine, type ColumnRenames, type HeaderProblem } from './detect.js';
import { CODE_TARGETS, COMMON_JOB_TITLES, COMMON_RECORD_TYPES, COMMON_TOPICS, type CodeMapName } from './codes.js';
import type { AuthorityAdapter } from './authority.js';
import type { EntityName } from './layout.js';
import { SYSTEM_LAYOUTS } from './systems.js';
import type { MoreCodes, UnknownCode } from './unknown-codes.js';
import { normaliseCode } from './convert.js';
import { InputError } from '../ingest/table.js';

/** What stops the audit in a set of exports, each part in file order. */
export interface ExportSetProblems {
  /** Files whose header matches no layout, and files that cannot be read, in file order. */
  files: Array<{ file: string; header: HeaderProblem | null; error: InputError }>;
  /** A stop of the set as read (a file most of whose rows were rejected), said before the codes. */
  stop?: string;
  codes: readonly UnknownCode[];
  moreCodes: readonly MoreCodes[];
}

/** Codes named in a column's line at most; every one is in the adapter.yaml lines. */
const CODES_NAMED = 10;
/** How alike an unknown code must be to a known one for its meaning to be suggested. */
const LIKE_A_KNOWN_CODE = 0.6;

/**
 * The error that stops the audit for the set's problems. A single problem with no unknown code
 * is its own error, in its own words; several are one message, each problem in file order
 * (each file's lines after its first indented), then the adapter.yaml lines for all of them.
 */
export function exportSetError(problems: ExportSetProblems, adapter: AuthorityAdapter | undefined, adapterFile: string): InputError {
  const { files, stop, codes, moreCodes } = problems;
  if (files.length === 1 && stop === undefined && codes.length === 0) return files[0]!.error;
  const lines: string[] = [];
  const otherSystem = files.filter((f) => f.header?.otherSystem !== undefined).length;
  const headers = files.filter((f) => f.header !== null).length - otherSystem;
  const unreadable = files.length - headers - otherSystem;
  const codeFiles = new Set(codes.map((c) => c.file)).size;
  const parts = [
    otherSystem > 0 ? `${otherSystem === 1 ? '1 file is an export' : `${otherSystem} files are exports`} of another system than --system gives` : '',
    headers > 0 ? `the header${headers === 1 ? ' of 1 file matches' : `s of ${headers} files match`} no known export layout` : '',
    unreadable > 0 ? `${unreadable} file${unreadable === 1 ? '' : 's'} cannot be read` : '',
    codeFiles > 0 ? `${codeFiles} file${codeFiles === 1 ? ' holds' : 's hold'} codes ${adapterFile} does not map` : '',
  ].filter((p) => p !== '');
  const renames = files.flatMap((f) => (f.header?.renames ? [f.header.renames] : []));
  const codeLines = codes.map((c) => codeLine(c, adapter));
  const yaml = adapterYaml(renames, codeLines);
  if (stop !== undefined) lines.push(stop);
  else lines.push(`the export set cannot be audited as it is: ${listWords(parts)}. Each is below${yaml.length > 0 ? `, then the lines for ${adapterFile} that would read them` : ''}.`);
  for (const { header, error } of files) lines.push(...indentAfterFirst(header !== null ? header.lines : error.message.split('\n')));
  for (const column of byColumn(codes)) lines.push(codesLine(column, moreCodes, adapterFile));
  if (yaml.length > 0) lines.push(pasteWords(renames, codeLines, adapterFile), ...yaml.map((l) => `    ${l}`));
  return new InputError(lines.join('\n'));
}

/** The sentence before the lines to paste: what they map, and what the user must fill in. */
function pasteWords(renames: readonly ColumnRenames[], codes: readonly CodeLine[], adapterFile: string): string {
  const what = [renames.length > 0 ? 'the columns each file misses, where it has them under other names' : '', codes.length > 0 ? 'the codes' : ''].filter((w) => w !== '');
  const blanks = renames.some((r) => r.columns.some((c) => c.own === null)) || codes.some((c) => c.meaning === null);
  return `To map ${what.join(', and ')}, add these lines to ${adapterFile} (merged with what is there)${blanks ? ', filling in each ""' : ''}, then run again:`;
}

/** A problem's lines: the first as it is, the rest indented under it. */
const indentAfterFirst = (lines: readonly string[]): string[] => lines.map((l, i) => (i === 0 ? l : `  ${l}`));

function listWords(parts: readonly string[]): string {
  return parts.length <= 1 ? (parts[0] ?? '') : `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
}

/** The unknown codes of each column of each file, in the order met. */
function byColumn(codes: readonly UnknownCode[]): UnknownCode[][] {
  const groups = new Map<string, UnknownCode[]>();
  for (const c of codes) {
    const key = `${c.file}\u0001${c.column}`;
    const group = groups.get(key);
    if (group) group.push(c);
    else groups.set(key, [c]);
  }
  return [...groups.values()];
}

/** One line for a column's unknown codes: how many, in how many rows, what became of them, and each with its first line. */
function codesLine(codes: readonly UnknownCode[], moreCodes: readonly MoreCodes[], adapterFile: string): string {
  const { file, column, map, effect } = codes[0]!;
  const rows = codes.reduce((sum, c) => sum + c.rows, 0);
  const more = moreCodes.find((m) => m.file === file && m.column === column)?.codes ?? 0;
  const count = codes.length + more;
  const named = codes.slice(0, CODES_NAMED).map((c) => `"${c.code}" (line ${c.line}, ${plural(c.rows, 'row')})`);
  const rest = count - named.length;
  const fate = effect === 'row rejected' ? 'each rejected' : effect === 'value ignored' ? `each read without its ${column}` : map === 'roles' ? 'each kept, as role other' : map === 'topics' ? 'each kept, with its other topics' : 'each kept';
  return `${file}: ${column} holds ${plural(count, 'code')} ${adapterFile} does not map (codes.${map}), in ${plural(rows, 'row')}${more > 0 ? ' at least' : ''}, ${fate}: ${named.join(', ')}${rest > 0 ? `, and ${rest} more${more > 0 ? ` (${more} not listed in the lines below: is it the column it should be?)` : ''}` : ''}`;
}

const plural = (n: number, word: string): string => `${n.toLocaleString('en-GB')} ${word}${n === 1 ? '' : 's'}`;

/**
 * The adapter.yaml line for an unknown code: the meaning of the known code it is most like (a
 * suggestion, said so, to check), else left blank with the meanings it may have.
 */
export function codeLine(code: UnknownCode, adapter: AuthorityAdapter | undefined): CodeLine {
  const apart = APART[code.map];
  const elsewhere = apart && knownCodes(apart.map, adapter).find(([k]) => normaliseCode(k) === normaliseCode(code.code));
  if (apart && elsewhere) {
    // No guess: mapped here, the file's rows would be taken for records of another kind.
    const comment = `a code for ${apart.what} (codes.${apart.map} reads it as ${elsewhere[1]}), not for ${APART[apart.map]!.what}: is the file a ${exportTitle(adapter, apart.entity, apart.fallback)} export with a column missing?`;
    return { map: code.map, code: code.code, meaning: null, comment };
  }
  const known = knownCodes(code.map, adapter);
  let best: { code: string; meaning: string; score: number } | null = null;
  for (const [k, meaning] of known) {
    const score = similarity(code.code, k);
    if (score >= LIKE_A_KNOWN_CODE && (best === null || score > best.score)) best = { code: k, meaning, score };
  }
  if (best !== null) {
    const same = foldHeader(best.code) === foldHeader(best.meaning);
    return { map: code.map, code: code.code, meaning: best.meaning, comment: same ? 'a guess by its name: check it' : `a guess, as "${best.code}" is: check it` };
  }
  const targets = CODE_TARGETS[code.map];
  const other = OTHER_MEANS[code.map];
  const comment = targets
    ? `its meaning, one of: ${targets.join(', ')}${other ? ` (other: ${other})` : ''}`
    : code.map === 'topics'
      ? 'the topic the policy calls it'
      : 'the course code the policy names';
  return { map: code.map, code: code.code, meaning: null, comment };
}

/**
 * Code maps whose codes are never each other's. A code the system or the adapter knows in the
 * other map says the file was read as the wrong layout (a case steps export without the columns
 * that tell it from supervision steps): mapping it would count case discussions as supervision.
 */
const APART: Partial<Record<CodeMapName, { map: CodeMapName; what: string; entity: EntityName; fallback: string }>> = {
  sessionKinds: { map: 'caseStepTypes', what: 'a case step', entity: 'case-steps', fallback: 'case steps' },
  caseStepTypes: { map: 'sessionKinds', what: 'a supervision session', entity: 'sessions', fallback: 'supervision' },
};

/** What the system calls the export of an entity (Mosaic's case steps are AzeusCare's case activities and Liquid Logic's case notes). */
function exportTitle(adapter: AuthorityAdapter | undefined, entity: EntityName, fallback: string): string {
  const layout = adapter && SYSTEM_LAYOUTS[adapter.system].entities.find((e) => e.entity === entity);
  return layout ? bareTitle(layout) : fallback;
}

/** What `other` means in the code maps that have it (CODE_TARGETS): a row the audit sets aside, never rejects. */
const OTHER_MEANS: Partial<Record<CodeMapName, string>> = {
  recordTypes: 'a kind of record no rule reads',
  caseStepTypes: 'a step that is no case discussion, decision or file audit',
  allocationTypes: 'a worker on the case who is not its allocated worker',
};

/** The codes a map already knows, with their meanings, and each meaning as a code of its own. */
function knownCodes(map: CodeMapName, adapter: AuthorityAdapter | undefined): Array<[string, string]> {
  const common: Partial<Record<CodeMapName, Record<string, string>>> = { roles: COMMON_JOB_TITLES, topics: COMMON_TOPICS, recordTypes: COMMON_RECORD_TYPES };
  const layers = [common[map], adapter ? SYSTEM_LAYOUTS[adapter.system].codes[map] : undefined, adapter?.codes[map]];
  const out: Array<[string, string]> = [];
  for (const layer of layers) for (const [k, v] of Object.entries(layer ?? {})) out.push([k, v]);
  for (const target of CODE_TARGETS[map] ?? []) out.push([target, target]);
  return out;
}
