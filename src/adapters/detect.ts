/**
 * Which layout an export file is: its header is matched against the layouts of the
 * authority's adapters, whatever the case, spaces, underscores, hyphens and dots of its column
 * names. A header that matches none is refused with what would make it match: the layout it
 * came closest to, the columns that layout misses, and the adapter.yaml lines to map them.
 */
import { basename } from 'node:path';
import { referenceAdapter, type AuthorityAdapter } from './authority.js';
import type { CodeMapName } from './codes.js';
import type { EntityLayout, EntityName, SystemId } from './layout.js';
import { normaliseCode, show } from './convert.js';
import { SYSTEM_LAYOUTS } from './systems.js';
import { InputError } from '../ingest/table.js';

export interface Detected {
  adapter: AuthorityAdapter;
  layout: EntityLayout;
}

/**
 * A column name as header matching sees it: case, spaces, underscores, hyphens and dots do
 * not matter, so `Worker Id`, `worker_id` and `WORKER-ID` are all WORKER_ID; nor do the
 * brackets or quotes a database tool puts around a name (`[WORKER_ID]` from SQL Server
 * Management Studio, `"WORKER_ID" ` with spaces around it, `\`WORKER_ID\`` from MySQL).
 */
export const foldHeader = (column: string): string => unquotedName(column).replace(/[\s_.\-\uFEFF]+/g, '').toUpperCase();

const QUOTED_NAME = /^[\s\uFEFF]*(?:\[([^\]]*)\]|"((?:[^"]|"")*)"|`([^`]*)`)\s*$/;

/** A column name without the brackets or quotes a database tool wrote around it. */
export function unquotedName(column: string): string {
  const first = column.trimStart().charCodeAt(0);
  if (first !== 91 && first !== 34 && first !== 96) return column; // [ " `: most names are told at once
  const match = QUOTED_NAME.exec(column);
  if (!match) return column;
  return match[1] ?? match[2]?.replaceAll('""', '"') ?? match[3]!;
}

function requiredColumns(layout: EntityLayout): string[] {
  return Object.values(layout.fields).filter((f) => f.required).map((f) => f.column);
}

interface Scored extends Detected {
  preference: number;
  required: number;
  missing: string[];
  optional: number;
}

function scoreLayouts(columns: readonly string[], adapters: AuthorityAdapter[]): Scored[] {
  const present = new Set(columns.map(foldHeader));
  return adapters.flatMap((adapter, preference) =>
    adapter.layouts.map((layout) => {
      const required = requiredColumns(layout);
      const missing = required.filter((c) => !present.has(foldHeader(c)));
      const optional = Object.values(layout.fields).filter((f) => !f.required && present.has(foldHeader(f.column))).length;
      return { adapter, preference, layout, required: required.length, missing, optional };
    }),
  );
}

/** The file's columns a layout reads: a small layout that misses one column is not closer than a large one that misses two. */
const matched = (s: Scored): number => s.required - s.missing.length + s.optional;

/** Most of the file's columns read, then fewest required columns missing, then the adapter preferred. */
const byCloseness = (a: Scored, b: Scored): number => matched(b) - matched(a) || a.missing.length - b.missing.length || a.preference - b.preference;

/**
 * Layouts by closeness to a header, and on a tie of names shared and missing, by how many of the
 * missing ones look like a column of the file (a renamed column), before the order layouts are listed in.
 */
function closenessTo(columns: readonly string[]): (a: Scored, b: Scored) => number {
  const lookAlikes = new Map<Scored, number>();
  const alike = (s: Scored): number => {
    let n = lookAlikes.get(s);
    if (n === undefined) lookAlikes.set(s, (n = columnRenames(s, columns)?.columns.filter((c) => c.own !== null).length ?? 0));
    return n;
  };
  return (a, b) => matched(b) - matched(a) || a.missing.length - b.missing.length || alike(b) - alike(a) || a.preference - b.preference;
}

/** The layouts a header has every required column of: those with the most required columns first, then the most optional ones matched. */
function completeLayouts(scored: Scored[]): Scored[] {
  return scored.filter((s) => s.missing.length === 0).sort((a, b) => b.required - a.required || b.optional - a.optional || a.preference - b.preference);
}

/** Whether a header belongs to some layout of the adapters. */
export function recognisesHeader(columns: readonly string[], adapters: AuthorityAdapter[]): boolean {
  return completesALayout(namesAsMatched(columns, adapters), adapters);
}

/** A column name's schema and table (`dbo.tblWorkers.`, `[dbo].[Workers].`, an alias `w.`), as some query tools write them. */
const TABLE_QUALIFIER = /^\s*(?:(?:[A-Za-z_#@][\w$#@]*|\[[^\]]*\]|"[^"]*"|`[^`]*`)\.)+(?=\S)/;

/** Every column name of the adapters' layouts, folded. */
const namesKnown = new WeakMap<AuthorityAdapter[], ReadonlySet<string>>();

function knownNames(adapters: AuthorityAdapter[]): ReadonlySet<string> {
  let known = namesKnown.get(adapters);
  if (!known) {
    known = new Set(adapters.flatMap((a) => a.layouts.flatMap((l) => Object.values(l.fields).map((f) => foldHeader(f.column)))));
    namesKnown.set(adapters, known);
  }
  return known;
}

/**
 * The header's column names as layouts are matched to them: each as written where a layout has
 * it, else without the schema and table names that Hive, Spark and some SQL tools put before a
 * column (`dbo.Workers.WORKER_ID`) where a layout has that, else as written. A name with a dot of
 * its own (`Worker.Id`) is a layout's as written; two columns that would become one name
 * (`w.WORKER_ID`, `m.WORKER_ID`) are neither taken as it. Where that reading is no layout's but
 * the names without their tables are (a table `dim`: `dim.WORKER_ID` reads as Liquid Logic's
 * DIM_WORKER_ID as written), those are.
 */
export function namesAsMatched(columns: readonly string[], adapters: AuthorityAdapter[]): string[] {
  const known = knownNames(adapters);
  const unqualified = columns.map((c): string | null => {
    const qualifier = TABLE_QUALIFIER.exec(c);
    const name = qualifier === null ? null : c.slice(qualifier[0].length);
    return name !== null && known.has(foldHeader(name)) ? name : null;
  });
  if (unqualified.every((name) => name === null)) return [...columns];
  const eachAsKnown = oneNameEach(columns, columns.map((c, i) => (known.has(foldHeader(c)) ? null : unqualified[i]!)));
  if (completesALayout(eachAsKnown, adapters)) return eachAsKnown;
  const allUnqualified = oneNameEach(columns, unqualified);
  return completesALayout(allUnqualified, adapters) ? allUnqualified : eachAsKnown;
}

/** The columns with each given another name where `renamed` has one, but for two that would become one name, which keep theirs. */
function oneNameEach(columns: readonly string[], renamed: ReadonlyArray<string | null>): string[] {
  const names = columns.map((c, i) => renamed[i] ?? c);
  const uses = new Map<string, number>();
  for (const name of names) uses.set(foldHeader(name), (uses.get(foldHeader(name)) ?? 0) + 1);
  return names.map((name, i) => (renamed[i] !== null && uses.get(foldHeader(name))! > 1 ? columns[i]! : name));
}

const completesALayout = (columns: readonly string[], adapters: AuthorityAdapter[]): boolean => scoreLayouts(columns, adapters).some((s) => s.missing.length === 0);

/**
 * The layout a header belongs to: every required column present, and of those the layout
 * with the most required columns (a case steps file has all the columns of a supervision
 * steps file, and more), then the most optional columns matched.
 */
export function detectLayout(columns: string[], adapters: AuthorityAdapter[], file: string, adapterFile = 'adapter.yaml', sheet?: string): Detected {
  // A JSON export of no records has no columns to tell its layout by.
  if (columns.length === 0) {
    throw new InputError(`${file} holds no records, so it is an export with no rows (a report whose filter matched nothing, or a download that failed?): export it again, or leave the file out to audit without it`);
  }
  const scored = scoreLayouts(columns, adapters);
  const named = namedExport(adapters, file, sheet);
  if (named !== null) return namedLayout(named, scored, file, adapterFile);
  const complete = completeLayouts(scored);
  const best = complete[0];
  if (best) {
    const rival = complete[1];
    // Between two systems that fit equally, the authority's own system (listed first) wins.
    if (rival && rival.required === best.required && rival.optional === best.optional && rival.preference === best.preference) {
      throw new InputError(
        `${file}: the header fits both ${describe(best)} and ${describe(rival)}; name the system with --system or the authority's adapter.yaml`,
      );
    }
    const fuller = fullerLayout(best, scored, columns);
    if (fuller) throw new InputError(fullerLayoutMessage(file, columns, best, fuller, adapterFile));
    const joined = joinedOntoWorkers(best, complete);
    if (joined) throw new InputError(joinedOntoWorkersMessage(file, columns, best, joined, adapterFile));
    return { adapter: best.adapter, layout: best.layout };
  }
  throw unknownHeader(file, [{ values: columns, line: 1 }], adapters, adapterFile);
}

/** The name a file (or a workbook's sheet, `book.xlsx#Sheet`) has in adapter.yaml's `files`, with the export it says the file is; null where it has none. */
function namedExport(adapters: AuthorityAdapter[], file: string, sheet: string | undefined): { name: string; entity: EntityName } | null {
  const files = adapters.find((a) => a.files !== undefined)?.files;
  if (files === undefined) return null;
  const name = sheet === undefined ? basename(file) : `${basename(file)}#${sheet}`;
  const entity = files[name.toLowerCase()];
  return entity === undefined ? null : { name, entity };
}

/** The layout of the export adapter.yaml says a file is: the closest of that export's layouts, which must have every column it needs. */
function namedLayout(named: { name: string; entity: EntityName }, scored: Scored[], file: string, adapterFile: string): Detected {
  const its = scored.filter((s) => s.layout.entity === named.entity);
  const fit = completeLayouts(its)[0];
  if (fit) return { adapter: fit.adapter, layout: fit.layout };
  const closest = [...its].sort(byCloseness)[0];
  const missing = closest === undefined ? '' : `: it misses ${closest.missing.join(', ')} of ${describe(closest)}`;
  throw new InputError(`${file}: ${adapterFile} says ${named.name} is a ${named.entity} export (files), but its header is not one${missing}. Correct the file or that line of ${adapterFile}`);
}

/** The columns a layout reads, folded: a column two fields read (a staff number that is also an id) once. */
const layoutColumns = (layout: EntityLayout): Set<string> => new Set(Object.values(layout.fields).map((f) => foldHeader(f.column)));

/**
 * A larger layout of the same system that the file most likely is, with a column or two renamed
 * or left out: it has every required column of the layout the file fits, misses only one or two
 * of its own, and reads more of the file's columns. A case steps file without its PERSON_ID has
 * every column of a supervision steps file; read as one, its case discussions would count as
 * supervision. (A supervisors file that also carries the worker's name is not a workers file:
 * the workers layout has no supervisor column.)
 */
function fullerLayout(best: Scored, scored: readonly Scored[], columns: readonly string[]): Scored | undefined {
  const present = new Set(columns.map(foldHeader));
  const reads = (layout: EntityLayout): number => [...layoutColumns(layout)].filter((c) => present.has(c)).length;
  const fitted = reads(best.layout);
  return scored
    .filter((s) => {
      if (s.adapter !== best.adapter || s.missing.length === 0 || s.missing.length > 2) return false;
      const its = layoutColumns(s.layout);
      return requiredColumns(best.layout).every((c) => its.has(foldHeader(c))) && reads(s.layout) > fitted;
    })
    .sort(byCloseness)[0];
}

/** A layout's title without what it adds in brackets: what the system calls that export ("case steps"). */
export const bareTitle = (layout: EntityLayout): string => layout.title.replace(/\s*\(.*\)$/, '');

/**
 * Another export the workers layout would swallow: reports often carry the worker's name, role
 * and team beside each row, so a supervisors, allocations or staff records export that does
 * has every column of a workers export too, and more of them, and would be read as one, its own
 * rows lost without a word. Where the header also has a column that such a layout needs and the
 * workers layout does not read (beyond a date: `SUPERVISOR_WORKER_ID`, `PERSON_ID`,
 * `RECORD_TYPE`), the file may be either. (An export of events, sessions or case steps, with
 * the worker's details beside them, has more required columns than a workers export and is
 * read as what it is.)
 */
function joinedOntoWorkers(best: Scored, complete: readonly Scored[]): Scored | undefined {
  if (best.layout.entity !== 'workers') return undefined;
  const read = layoutColumns(best.layout);
  return complete.find(
    (s) =>
      s.adapter.system === best.adapter.system &&
      s.layout.entity !== 'workers' &&
      Object.values(s.layout.fields).some((f) => f.required && f.type.kind !== 'date' && f.type.kind !== 'datetime' && !read.has(foldHeader(f.column))),
  );
}

/** The file's columns that `layout` reads and `not` does not, as a message shows them: what to leave out for the file to be read as `not`. */
function readOnlyBy(columns: readonly string[], layout: EntityLayout, not: EntityLayout): string[] {
  const its = layoutColumns(layout);
  const others = layoutColumns(not);
  return columns.filter((c) => its.has(foldHeader(c)) && !others.has(foldHeader(c))).map((c) => printableText(c));
}

function joinedOntoWorkersMessage(file: string, columns: readonly string[], workers: Scored, other: Scored, adapterFile: string): string {
  const workerOnly = readOnlyBy(columns, workers.layout, other.layout);
  const otherOnly = readOnlyBy(columns, other.layout, workers.layout);
  return (
    `${file}: the header has every column of ${describe(workers)} and of ${describe(other)}, so it cannot be told which the file is, and read as the wrong one its rows would be lost. ` +
    `If it is ${shortTitle(other.layout)} export with each worker's details beside it, leave out ${workerOnly.join(', ')}; if it is ${shortTitle(workers.layout)} export, leave out ${otherOnly.join(', ')}; ` +
    `or say which it is in ${adapterFile} (files: ${basename(file)}: ${other.layout.entity}, or ${workers.layout.entity}). Then run again.`
  );
}

/** A layout's bare title after its article: "a case steps", "an incidents". */
const shortTitle = (layout: EntityLayout): string => {
  const title = bareTitle(layout);
  return `${/^[aeiou]/i.test(title) ? 'an' : 'a'} ${title}`;
};

const capitalised = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);

function fullerLayoutMessage(file: string, columns: readonly string[], best: Scored, fuller: Scored, adapterFile: string): string {
  const one = fuller.missing.length === 1;
  const lines = [
    `${file}: the header has every required column of ${describe(best)}, but reads more of its columns as ${describe(fuller)}, which also needs ${fuller.missing.join(', ')}. ` +
      `${capitalised(shortTitle(fuller.layout))} export with ${one ? 'that column' : 'those columns'} renamed or left out would be taken for ${shortTitle(best.layout)} export, its rows for the wrong records, so the file is not read.`,
  ];
  const renames = columnRenames(fuller, columns);
  if (renames) {
    lines.push(one ? `If it is in the file under another name, map it in ${adapterFile} (merged with what is there):` : `If they are in the file under other names, map them in ${adapterFile} (merged with what is there):`);
    lines.push(...adapterYaml([renames], []).map((l) => `    ${l}`));
  }
  const extra = readOnlyBy(columns, fuller.layout, best.layout);
  lines.push(`If it is ${shortTitle(best.layout)} export, leave out its column${extra.length === 1 ? '' : 's'} ${extra.join(', ')} and run again.`);
  return lines.join('\n');
}

/**
 * A file none of whose first rows is a header: what is wrong and the file's header (the first
 * lines of the message about it), and the columns its closest layout of the authority's own
 * system misses, each with the file's column that is most likely it.
 */
export interface HeaderProblem {
  file: string;
  lines: string[];
  renames: ColumnRenames | null;
  /** The system whose layout the header is, where the files are read as another's (--system). */
  otherSystem?: SystemId;
}

/** The adapter.yaml `columns` lines that would map a layout's missing columns to a file's own names. */
export interface ColumnRenames {
  system: SystemId;
  title: string;
  entity: EntityName;
  /** Each reference column missing, and the file's column that is most likely it (null: none looks like it). */
  columns: Array<{ reference: string; own: string | null }>;
}

/** A header that matches no layout, as an error: its message is the problem's, with the adapter.yaml lines to paste. */
export class UnknownHeaderError extends InputError {
  constructor(
    readonly problem: HeaderProblem,
    adapterFile: string,
  ) {
    super(headerProblemMessage(problem, adapterFile));
  }
}

/**
 * The error for a file none of whose first rows is a header: the row that came closest to a
 * layout, the layouts it came closest to and the columns they miss, and the adapter.yaml
 * lines that would map the missing columns to the file's own names, ready to paste.
 */
export function unknownHeader(
  file: string,
  candidates: ReadonlyArray<{ values: string[]; line: number }>,
  adapters: AuthorityAdapter[],
  adapterFile: string,
): UnknownHeaderError {
  return new UnknownHeaderError(headerProblem(file, candidates, adapters), adapterFile);
}

/** What is wrong with a file's header, and the renames that would make it match, as data. */
export function headerProblem(file: string, candidates: ReadonlyArray<{ values: string[]; line: number }>, adapters: AuthorityAdapter[]): HeaderProblem {
  const tried = candidates.map((c) => {
    const names = namesAsMatched(c.values, adapters);
    return { candidate: c, names, scored: scoreLayouts(names, adapters).sort(closenessTo(names)) };
  });
  tried.sort((a, b) => byCloseness(a.scored[0]!, b.scored[0]!));
  const { candidate, names, scored } = tried[0]!;
  // The closest are the layouts sharing the most column names with the header; one sharing none is not close.
  const close = scored.slice(0, 2).filter((s) => matched(s) > 0);
  const hints = close.map((s) => `${describe(s)} (missing ${s.missing.join(', ')})`).join('; ');
  // Read as one system only (--system), a file of another: said so, rather than columns to rename.
  const systems = new Set(adapters.map((a) => a.system));
  const asSystem = systems.size === 1 ? [...systems][0]! : null;
  const theirs = asSystem === null ? null : layoutOfAnotherSystem(candidates, asSystem);
  if (theirs !== null) {
    const other = theirs.adapter.system;
    const line = `${file}: the header is that of the ${describe(theirs)} layout, but --system ${asSystem} reads every file as ${asSystem}: leave --system out to read each file as the system it comes from, or give --system ${other}`;
    return { file, lines: [line], renames: null, otherSystem: other };
  }
  const shown = candidate.values.filter((v) => v !== '');
  const values = shown.filter(isDataValue).length;
  const named = close.length === 0 ? 0 : matched(close[0]!);
  // A row with two or more of a layout's column names is a header, whatever else it holds. One with
  // none is data as soon as a cell is a number or a date; one with a single name (a data row's
  // answer to a question called Notes) when at least half its cells are.
  if (values > 0 && named < 2 && (named === 0 || values * 2 >= shown.length)) {
    // A row of data is never quoted, nor matched to layouts: its other cells may be notes or reasons, which no message shows.
    const data = `line ${candidate.line} looks like a row of data, not a header (${values} of its ${shown.length} cells ${values === 1 ? 'is a number or a date' : 'are numbers or dates'})`;
    return { file, lines: [`${file}: ${data}: is the header row missing? Export the file again with its column names`], renames: null };
  }
  const lines = [`${file}: the header matches no known export layout. ${close.length > 0 ? `Closest: ${hints}` : 'No known layout has any column of it'}`];
  if (shown.length > 0) lines.push(`The file's header (line ${candidate.line}): ${show(printableText(shown.join(', ')), 120)}`);
  // adapter.yaml renames the columns of its own system's layouts: the renames are for the closest of those,
  // when the file has some of its columns (a file with none of them is something else).
  const ownSystem = adapters[0]?.system;
  const own = scored.find((s) => s.adapter.system === ownSystem && matched(s) > 0);
  return { file, lines, renames: own ? columnRenames(own, names) : null };
}

/** A cell that is a value rather than a column's name: a number or an id of digits, or a date or time as exports write them. */
function isDataValue(cell: string): boolean {
  const text = cell.trim();
  return /^[-+]?\d[\d.,:/ T-]*Z?$/.test(text) || /^\d{1,2}[-/ ][A-Za-z]{3}[-/ ]\d{2,4}\b/.test(text);
}

/** The layout of a system other than `system` that one of the rows is a header of, if any. */
function layoutOfAnotherSystem(candidates: ReadonlyArray<{ values: string[] }>, system: SystemId): { adapter: AuthorityAdapter; layout: EntityLayout } | null {
  for (const other of Object.keys(SYSTEM_LAYOUTS) as SystemId[]) {
    if (other === system) continue;
    const adapters = [referenceAdapter(other)];
    for (const { values } of candidates) {
      const fits = completeLayouts(scoreLayouts(namesAsMatched(values, adapters), adapters))[0];
      if (fits) return fits;
    }
  }
  return null;
}

/** A header problem as the message of its own: today's words, with the adapter.yaml lines that map its columns. */
function headerProblemMessage(problem: HeaderProblem, adapterFile: string): string {
  const lines = [...problem.lines];
  const renames = problem.renames;
  if (renames) {
    lines.push(`If the ${renames.system} ${renames.title} columns it misses are in the file under other names, map them in ${adapterFile} (merged with what is there):`);
    lines.push(...adapterYaml([renames], []).map((l) => `    ${l}`));
  }
  return lines.join('\n');
}

/** Each missing column of a layout with the file's most similar column that no field of the layout reads. */
function columnRenames(scored: Scored, fileColumns: readonly string[]): ColumnRenames | null {
  const { layout, adapter } = scored;
  const reference = SYSTEM_LAYOUTS[adapter.system].entities.find((e) => e.entity === layout.entity);
  if (!reference) return null;
  const read = new Set(Object.values(layout.fields).map((f) => foldHeader(f.column)));
  const free = fileColumns.filter((c) => c !== '' && !read.has(foldHeader(c)));
  const columns: ColumnRenames['columns'] = [];
  for (const [name, spec] of Object.entries(layout.fields)) {
    if (!scored.missing.includes(spec.column)) continue;
    const referenceColumn = reference.fields[name]?.column ?? spec.column;
    const ranked = free.map((c) => ({ c, score: similarity(referenceColumn, c) })).sort((a, b) => b.score - a.score);
    const pick = ranked[0];
    if (!pick || pick.score < SIMILAR) {
      columns.push({ reference: referenceColumn, own: null });
      continue;
    }
    free.splice(free.indexOf(pick.c), 1);
    columns.push({ reference: referenceColumn, own: pick.c });
  }
  return columns.length === 0 ? null : { system: adapter.system, title: layout.title, entity: layout.entity, columns };
}

/** A code adapter.yaml does not map, with the meaning to give it where one is likely (null: the user's to fill in). */
export interface CodeLine {
  map: CodeMapName;
  code: string;
  meaning: string | null;
  /** Why the meaning is suggested, or what it may be. */
  comment: string;
}

/**
 * The adapter.yaml lines (unindented) that map columns and codes: `columns` per entity and
 * `codes` per code map, each in the order first met. A column two files would map to
 * different names is given the first; a code met twice is given once.
 */
export function adapterYaml(renames: readonly ColumnRenames[], codes: readonly CodeLine[]): string[] {
  const out: string[] = [];
  const byEntity = new Map<EntityName, Map<string, string | null>>();
  for (const r of renames) {
    const columns = byEntity.get(r.entity) ?? new Map<string, string | null>();
    byEntity.set(r.entity, columns);
    for (const { reference, own } of r.columns) if (!columns.has(reference)) columns.set(reference, own);
  }
  if (byEntity.size > 0) {
    out.push('columns:');
    for (const [entity, columns] of byEntity) {
      out.push(`  ${entity}:`);
      for (const [reference, own] of columns) {
        out.push(own === null ? `    ${reference}: ""   # the file's name for it: no column of the file looks like it` : `    ${reference}: ${yamlText(own)}`);
      }
    }
  }
  const byMap = new Map<CodeMapName, Map<string, CodeLine>>();
  for (const c of codes) {
    const lines = byMap.get(c.map) ?? new Map<string, CodeLine>();
    byMap.set(c.map, lines);
    const key = normaliseCode(c.code);
    if (!lines.has(key)) lines.set(key, c);
  }
  if (byMap.size > 0) {
    out.push('codes:');
    for (const [map, lines] of byMap) {
      out.push(`  ${map}:`);
      for (const c of lines.values()) out.push(`    ${yamlText(c.code)}: ${c.meaning === null ? '""' : yamlText(c.meaning)}   # ${c.comment}`);
    }
  }
  return out;
}

/** How alike two names must be for one to be suggested for the other. */
const SIMILAR = 0.2;

/** Text from a file as a message shows it: control characters (a binary file's bytes) as a replacement mark. */
export const printableText = (text: string): string => text.replace(/[\u0000-\u001f\u007f]/g, '\uFFFD');

/** How alike two column names are: the share of letter pairs they have in common (Dice), folded. */
export function similarity(a: string, b: string): number {
  const pairs = (s: string): string[] => {
    const f = foldHeader(s);
    return Array.from({ length: Math.max(0, f.length - 1) }, (_, i) => f.slice(i, i + 2));
  };
  const pa = pairs(a);
  const pb = pairs(b);
  if (pa.length === 0 || pb.length === 0) return 0;
  const pool = [...pb];
  let shared = 0;
  for (const p of pa) {
    const at = pool.indexOf(p);
    if (at >= 0) {
      shared += 1;
      pool.splice(at, 1);
    }
  }
  return (2 * shared) / (pa.length + pb.length);
}

/** A column name or code as a YAML key or value: plain where YAML reads it back as the same text, else double-quoted. */
export function yamlText(text: string): string {
  // A word YAML reads as a boolean, null or number is quoted: a code `yes` or `0123` is text.
  const plain = /^[A-Za-z0-9][A-Za-z0-9 _.()/-]*$/.test(text) && !/ $/.test(text) && !/^(true|false|yes|no|on|off|null|~|[-+]?[\d.]+([eE][-+]?\d+)?|0x[\da-fA-F]+|0o[0-7]+)$/i.test(text);
  return plain ? text : JSON.stringify(text);
}

function describe(s: { adapter: AuthorityAdapter; layout: EntityLayout }): string {
  return `${s.adapter.system} ${s.layout.title}`;
}
