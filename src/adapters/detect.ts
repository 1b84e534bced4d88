/**
 * Which layout an export file is: its header is matched against the layouts of the
 * authority's adapters, whatever the case, spaces, underscores, hyphens and dots of its column
 * names. A header that matches none is refused with what would make it match: the layout it
 * came closest to, the columns that layout misses, and the adapter.yaml lines to map them.
 */
import type { AuthorityAdapter } from './authority.js';
import type { EntityLayout } from './layout.js';
import { show } from './convert.js';
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

/** Whether a header belongs to some layout of the adapters. */
export function recognisesHeader(columns: readonly string[], adapters: AuthorityAdapter[]): boolean {
  return scoreLayouts(columns, adapters).some((s) => s.missing.length === 0);
}

/**
 * The layout a header belongs to: every required column present, and of those the layout
 * with the most required columns (a case steps file has all the columns of a supervision
 * steps file, and more), then the most optional columns matched.
 */
export function detectLayout(columns: string[], adapters: AuthorityAdapter[], file: string, adapterFile = 'adapter.yaml'): Detected {
  // A JSON export of no records has no columns to tell its layout by.
  if (columns.length === 0) {
    throw new InputError(`${file} holds no records, so it is an export with no rows (a report whose filter matched nothing, or a download that failed?): export it again, or leave the file out to audit without it`);
  }
  const scored = scoreLayouts(columns, adapters);
  const complete = scored.filter((s) => s.missing.length === 0);
  complete.sort((a, b) => b.required - a.required || b.optional - a.optional || a.preference - b.preference);
  const best = complete[0];
  if (best) {
    const rival = complete[1];
    // Between two systems that fit equally, the authority's own system (listed first) wins.
    if (rival && rival.required === best.required && rival.optional === best.optional && rival.preference === best.preference) {
      throw new InputError(
        `${file}: the header fits both ${describe(best)} and ${describe(rival)}; name the system with --system or the authority's adapter.yaml`,
      );
    }
    return { adapter: best.adapter, layout: best.layout };
  }
  throw unknownHeader(file, [{ values: columns, line: 1 }], adapters, adapterFile);
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
): InputError {
  const tried = candidates.map((c) => ({ candidate: c, scored: scoreLayouts(c.values, adapters).sort(byCloseness) }));
  tried.sort((a, b) => byCloseness(a.scored[0]!, b.scored[0]!));
  const { candidate, scored } = tried[0]!;
  // The closest are the layouts sharing the most column names with the header; one sharing none is not close.
  const close = scored.slice(0, 2).filter((s) => matched(s) > 0);
  const hints = close.map((s) => `${describe(s)} (missing ${s.missing.join(', ')})`).join('; ');
  const lines = [`${file}: the header matches no known export layout. ${close.length > 0 ? `Closest: ${hints}` : 'No known layout has any column of it'}`];
  const shown = candidate.values.filter((v) => v !== '');
  if (shown.length > 0) lines.push(`The file's header (line ${candidate.line}): ${show(printableText(shown.join(', ')), 120)}`);
  // adapter.yaml renames the columns of its own system's layouts: the snippet is for the closest of those,
  // when the file has some of its columns (a file with none of them is something else).
  const ownSystem = adapters[0]?.system;
  const own = scored.find((s) => s.adapter.system === ownSystem && matched(s) > 0);
  const snippet = own ? renameSnippet(own, candidate.values) : null;
  if (snippet) {
    lines.push(`If the ${own!.adapter.system} ${own!.layout.title} columns it misses are in the file under other names, map them in ${adapterFile} (merged with what is there):`);
    lines.push(snippet);
  }
  return new InputError(lines.join('\n'));
}

/** adapter.yaml lines mapping each missing column to the file's most similar column that no field of the layout reads. */
function renameSnippet(scored: Scored, fileColumns: readonly string[]): string | null {
  const { layout, adapter } = scored;
  const reference = SYSTEM_LAYOUTS[adapter.system].entities.find((e) => e.entity === layout.entity);
  if (!reference) return null;
  const read = new Set(Object.values(layout.fields).map((f) => foldHeader(f.column)));
  const free = fileColumns.filter((c) => c !== '' && !read.has(foldHeader(c)));
  const out: string[] = [];
  for (const [name, spec] of Object.entries(layout.fields)) {
    if (!scored.missing.includes(spec.column)) continue;
    const referenceColumn = reference.fields[name]?.column ?? spec.column;
    const ranked = free.map((c) => ({ c, score: similarity(referenceColumn, c) })).sort((a, b) => b.score - a.score);
    const pick = ranked[0];
    if (!pick || pick.score < SIMILAR) {
      out.push(`    ${referenceColumn}: ""   # the file's name for it: no column of the file looks like it`);
      continue;
    }
    free.splice(free.indexOf(pick.c), 1);
    out.push(`    ${referenceColumn}: ${yamlText(pick.c)}`);
  }
  return out.length === 0 ? null : ['columns:', `  ${layout.entity}:`, ...out].map((l) => `    ${l}`).join('\n');
}

/** How alike two names must be for one to be suggested for the other. */
const SIMILAR = 0.2;

/** Text from a file as a message shows it: control characters (a binary file's bytes) as a replacement mark. */
const printableText = (text: string): string => text.replace(/[\u0000-\u001f\u007f]/g, '\uFFFD');

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

/** A column name as a YAML value: plain where YAML reads it back as the same text, else double-quoted. */
function yamlText(text: string): string {
  return /^[A-Za-z0-9][A-Za-z0-9 _.()/-]*$/.test(text) && !/ $/.test(text) ? text : JSON.stringify(text);
}

function describe(s: { adapter: AuthorityAdapter; layout: EntityLayout }): string {
  return `${s.adapter.system} ${s.layout.title}`;
}
