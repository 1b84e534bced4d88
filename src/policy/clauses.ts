/**
 * The clause map of a policy (clauses.yaml beside policy.yaml): every numbered clause of the
 * source document, and the duties in it that carry no number, each accounted for. A clause is
 * covered by the rules that enforce it, or its duty is listed as not checkable (in
 * policy.yaml, by its clause), or it carries no duty an audit could check (a purpose, a
 * definition, guidance). So a reader can ask of the audit: which of our clauses does it skip?
 * None, silently.
 */
import { z } from 'zod';
import type { NotCheckable } from './schema.js';

const text = z.string().trim().min(1);

export const clauseEntrySchema = z
  .object({
    /** As the policy's rules cite it: "Newham 11.3", "Haringey Appendix 1". */
    clause: text,
    /** The clause's heading or gist, for a reader of the map. */
    heading: text.optional(),
    /** For one of several duties of a clause, told apart (Walsall's guidance is one clause). */
    duty: text.optional(),
    /** The requirement ids of the rules that enforce it. */
    rules: z.array(text).min(1).optional(),
    /** Its duty, or part of it, is listed in policy.yaml's notCheckable under this clause. */
    notCheckable: z.literal(true).optional(),
    /** Why it carries no duty an audit could check. */
    noDuty: text.optional(),
    /** `all`: the entry accounts for the numbered parts of its clause that have no entry of their own (Barnsley 1, for 1.1 to 1.3). */
    parts: z.literal('all').optional(),
  })
  .strict()
  .superRefine((e, ctx) => {
    if ((e.noDuty !== undefined) === (e.rules !== undefined || e.notCheckable !== undefined)) {
      ctx.addIssue({
        code: 'custom',
        message: `${e.clause}${e.duty ? ` (${e.duty})` : ''} is not yet accounted for: give rules and/or notCheckable: true, or noDuty with the reason the clause carries no duty an audit could check`,
      });
    }
  });

export const clauseMapSchema = z.object({ clauses: z.array(clauseEntrySchema).min(1) }).strict();

export type ClauseEntry = z.infer<typeof clauseEntrySchema>;
export type ClauseMap = z.infer<typeof clauseMapSchema>;

/**
 * The clauses a citation names: "Haringey 6.1, Appendix 1" is Haringey 6.1 and Haringey
 * Appendix 1; "Barnsley 6.1 (students, ASYE)" is Barnsley 6.1; "Haringey 6.2(c)" is itself.
 */
export function citedClauses(citation: string): string[] {
  const authority = authorityOf(citation);
  if (authority === null) return [citation.trim()];
  const rest = citation.trim().slice(authority.length).trim();
  const withoutNotes = rest.replace(/\s+\([^)]*\)/g, '');
  return withoutNotes
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part.length > 0)
    .map((part) => `${authority} ${part}`);
}

/**
 * The authority a citation begins with: its words before the first number or appendix ("Tower
 * Hamlets" of "Tower Hamlets 7.1"); its first word where neither follows; null for one word.
 */
export function authorityOf(citation: string): string | null {
  const text = citation.trim();
  const before = /^(.+?)\s+(?=\d|(?:Appendix|Annex|Schedule|Section|Part)\b)/i.exec(text);
  if (before) return before[1]!;
  return /^(\S+)\s+\S/.exec(text)?.[1] ?? null;
}

/** Whether `cited` is `clause` or one of its parts (6.2(c) of 6.2, 3.3.2 of 3.3). */
function within(cited: string, clause: string): boolean {
  return cited === clause || cited.startsWith(`${clause}.`) || cited.startsWith(`${clause}(`);
}

const label = (e: ClauseEntry): string => (e.duty ? `${e.clause} (${e.duty})` : e.clause);

/** Where the map's entry `i` is, as a problem names it: its line and column where known, its place and its clause. */
type At = (path: ReadonlyArray<PropertyKey>) => string;
const entryAt = (map: ClauseMap, i: number, at: At | undefined): string => `${at ? `${at(['clauses', i])}, ` : ''}clauses[${i}] ${label(map.clauses[i]!)}`;

/** What is wrong with a clause map against its policy: every clause unaccounted for, every reference that does not hold. */
export function clauseMapProblems(
  map: ClauseMap,
  policy: { rules: Array<{ requirement: string; clause: string }>; notCheckable: NotCheckable[] },
  at?: At,
): string[] {
  const problems: string[] = [];
  const rulesById = new Map<string, Array<{ requirement: string; clause: string }>>();
  for (const rule of policy.rules) rulesById.set(rule.requirement, [...(rulesById.get(rule.requirement) ?? []), rule]);
  const seen = new Set<string>();
  const mapped = new Set<string>();
  map.clauses.forEach((entry, i) => {
    const where = entryAt(map, i, at);
    if (seen.has(label(entry))) problems.push(`${where}: listed twice (tell duties of one clause apart with duty)`);
    seen.add(label(entry));
    for (const requirement of entry.rules ?? []) {
      const rules = rulesById.get(requirement);
      if (!rules) problems.push(`${where}: no rule enforces ${requirement} in policy.yaml`);
      else if (!rules.some((r) => citedClauses(r.clause).some((c) => within(c, entry.clause)))) {
        problems.push(`${where}: rule ${requirement} cites ${rules[0]!.clause}, not ${entry.clause}`);
      }
      mapped.add(requirement);
    }
    if (entry.notCheckable && !policy.notCheckable.some((n) => citedClauses(n.clause).some((c) => within(c, entry.clause)))) {
      problems.push(`${where}: marked not checkable, but no notCheckable item of policy.yaml cites ${entry.clause}`);
    }
  });
  for (const requirement of rulesById.keys()) {
    if (!mapped.has(requirement)) problems.push(`rule ${requirement}: no clause of the map names it`);
  }
  const notCheckableClauses = map.clauses.filter((e) => e.notCheckable).map((e) => e.clause);
  for (const item of policy.notCheckable) {
    for (const cited of citedClauses(item.clause)) {
      if (!notCheckableClauses.some((clause) => within(cited, clause))) {
        problems.push(`notCheckable ${item.clause}: the map does not mark ${cited} as not checkable`);
      }
    }
  }
  return problems;
}

/**
 * What a clause map leaves out of its source document, and the clauses it or a rule cites that the
 * document does not number. Every numbered clause of the document (`numberedClauses`) has an
 * entry of its own, holds entries of its own (6 of an entry for 6.1), or is a part of an entry
 * that says it accounts for its parts (`parts: all`), so that a duty never vanishes under its
 * heading's entry. A numbered clause cited is one of the document's, or a part of one whose parts
 * carry no numbers of their own; a part in brackets (6.2(c)) and an appendix are never numbered.
 */
export function clauseSourceProblems(
  map: ClauseMap,
  policy: { rules: Array<{ requirement: string; clause: string }> },
  document: { name: string; text: string },
  at?: At,
): string[] {
  const authority = authorityOf(map.clauses[0]!.clause) ?? map.clauses[0]!.clause;
  const numbers = new Set(numberedClauses(document.text).map((c) => `${authority} ${c.number}`));
  const problems: string[] = [];
  for (const clause of numbers) {
    if (map.clauses.some((e) => within(e.clause, clause) || (e.parts === 'all' && within(clause, e.clause)))) continue;
    // The entry of the nearest clause holding it, where the map groups parts under one entry.
    const holder = map.clauses.findLastIndex((e) => within(clause, e.clause));
    const where = holder < 0 ? '' : `${entryAt(map, holder, at)}: `;
    const orParts = holder < 0 ? '' : `, or add parts: all to this entry if it accounts for it`;
    problems.push(`${where}${clause} of ${document.name} has no entry of its own: give it one${orParts} (a numbered line that is no clause, a step of instructions: noDuty: not a clause)`);
  }
  const numbered = (cited: string): boolean => {
    const clause = cited.replace(/\(.*$/, '');
    if (numbers.has(clause)) return true;
    // The nearest clause the document numbers that holds it, if none of that one's parts has a number.
    let holder = clause;
    while (holder.includes('.')) {
      holder = holder.slice(0, holder.lastIndexOf('.'));
      if (numbers.has(holder)) return ![...numbers].some((n) => n.startsWith(`${holder}.`));
    }
    return false;
  };
  const isNumber = (cited: string): boolean => cited.startsWith(`${authority} `) && /^\d/.test(cited.slice(authority.length + 1));
  // An entry per duty of one clause: the clause said once.
  const said = new Set<string>();
  map.clauses.forEach((entry, i) => {
    if (isNumber(entry.clause) && !said.has(entry.clause) && !numbered(entry.clause)) {
      said.add(entry.clause);
      problems.push(`${entryAt(map, i, at)}: ${document.name} numbers no clause ${entry.clause.slice(authority.length + 1)}`);
    }
  });
  for (const rule of policy.rules) {
    for (const cited of citedClauses(rule.clause)) {
      if (isNumber(cited) && !numbered(cited)) problems.push(`rule ${rule.requirement} cites ${cited}: ${document.name} numbers no such clause`);
    }
  }
  return problems;
}

/** How an entry is accounted for, in a few words. */
export function accountedFor(entry: ClauseEntry): string {
  if (entry.noDuty !== undefined) return `no duty to check: ${entry.noDuty}`;
  const parts = [];
  if (entry.rules) parts.push(`rules ${entry.rules.join(', ')}`);
  if (entry.notCheckable) parts.push('not checkable (see below)');
  return parts.join('; ');
}

/** A numbered clause of a source document: its number and the start of its words. */
export interface NumberedClause {
  number: string;
  heading: string;
}

const QUANTITY = /^(?:(?:minute|hour|day|week|fortnight|month|year)s?|jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b/i;
const NUMBERED = /^\s*(?:[-•*]\s+)?(\d{1,2}(?:\.\d{1,2}){0,3})(\.?)\s+(\S.*)$/;
const HEADING_LENGTH = 70;

/**
 * The numbered clauses of a document, each once, in order of first appearance: a line that
 * begins "3.2", "3.2.1" or "4." (after a bullet, "- 3.2", or not) and words; "4" alone only before
 * a capital ("4 Recording", not "4 weeks after starting"). A table of contents lists its clauses
 * again: the first is kept.
 */
export function numberedClauses(text: string): NumberedClause[] {
  const found = new Map<string, string>();
  for (const line of text.split(/\r?\n/)) {
    const match = NUMBERED.exec(line);
    if (!match || found.has(match[1]!)) continue;
    const [, number, , rest] = match as unknown as [string, string, string, string];
    // "6 weeks is the minimum", "3. monthly thereafter": a whole number before a word in lower case is a sentence or a list item;
    // "1.5 hours", "12 Months after", "1 April 2026": a number before a unit of time or a month is a quantity or a date. No clause.
    if ((!number.includes('.') && !/^[\p{Lu}\d("'‘“]/u.test(rest)) || QUANTITY.test(rest)) continue;
    const words = rest.replace(/\s+/g, ' ').trim();
    const heading = words.length <= HEADING_LENGTH ? words : `${words.slice(0, words.lastIndexOf(' ', HEADING_LENGTH) > 0 ? words.lastIndexOf(' ', HEADING_LENGTH) : HEADING_LENGTH)}…`;
    found.set(number, heading);
  }
  return [...found].map(([number, heading]) => ({ number, heading }));
}

/** Whitespace, line breaks and quote styles folded, as a quote is compared with its document. */
export const foldText = (text: string): string => text.replace(/[‘’]/g, "'").replace(/[“”]/g, '"').replace(/\s+/g, ' ').trim();

/** The fragments of a quote that are not in the (folded) document; fragments are joined by " ... ". */
export function missingFragments(words: string, foldedDocument: string): string[] {
  return words.split(' ... ').filter((fragment) => !foldedDocument.includes(foldText(fragment)));
}
