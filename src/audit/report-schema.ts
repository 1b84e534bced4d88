/**
 * The JSON report contract (schemaVersion 1, DESIGN.md) as far as `diff` reads it, as zod
 * schemas: a report is held to it before it is compared, so that a report that does not fit is
 * refused with a sentence naming the first place that does not, never an internal error.
 * Objects are loose: fields are only ever added within a version, and are kept as they are.
 */
import { z } from 'zod';
import { parseIsoDay } from '../time/calendar.js';

const isoDay = z.string().refine((text) => parseIsoDay(text) !== null, { message: 'expected a date in the form YYYY-MM-DD' });
const text = z.string();
const count = z.number().int().nonnegative();
const nullableText = z.string().nullable();

export const findingSchema = z.looseObject({
  requirement: text,
  check: text,
  status: text,
  // A finding with no subject is compared by its other fields.
  subject: z.looseObject({ kind: text, id: text }).nullable(),
  workerId: nullableText,
  supervisorId: nullableText,
  team: nullableText,
  workerName: nullableText.optional(),
  supervisorName: nullableText.optional(),
  part: text.optional(),
  dueDate: nullableText,
  lastDate: nullableText,
  daysOverdue: z.number().nullable(),
  message: text,
  clause: text,
  source: z.array(z.looseObject({ file: text, line: z.number() })),
});

const rule = z.looseObject({
  requirement: text,
  check: text,
  clause: text,
  status: text,
  subjects: count,
  compliant: count,
  exceptions: count,
  compliance: z.number().nullable(),
});

export const reportSchema = z.looseObject({
  schemaVersion: z.literal(1),
  tool: z.looseObject({ name: text, version: text }),
  policy: z.looseObject({ id: text, title: text, version: text, authority: text }),
  window: z.looseObject({ from: isoDay, asOf: isoDay }),
  summary: z.looseObject({ rules: z.array(rule) }),
  findings: z.array(findingSchema),
  inScope: z.looseObject({ workers: z.array(text), cases: z.array(text) }).optional(),
});

/** A path into a report as a person reads it: `findings[3].subject.id`. */
function pathWords(path: ReadonlyArray<PropertyKey>): string {
  return path.map((key, i) => (typeof key === 'number' ? `[${key}]` : `${i === 0 ? '' : '.'}${String(key)}`)).join('') || 'the report';
}

/** Why a value does not fit, in words: what was expected and what was there. */
function issueWords(issue: z.core.$ZodIssue, data: unknown): string {
  let value: unknown = data;
  for (const key of issue.path) value = value !== null && typeof value === 'object' ? (value as Record<PropertyKey, unknown>)[key as string] : undefined;
  // Only a plain value is shown: a list or an object is named (one nested a hundred thousand deep cannot be written out).
  const shown = (plain: unknown): string => {
    const text = JSON.stringify(plain);
    return text.length > 60 ? `${text.slice(0, 57)}...` : text;
  };
  const found = value === undefined ? 'nothing' : value === null ? 'null' : Array.isArray(value) ? 'a list' : typeof value === 'object' ? 'an object' : shown(value);
  return `${pathWords(issue.path)} ${issue.code === 'custom' ? issue.message : `should be ${expectedWords(issue)}`}, not ${found}`;
}

function expectedWords(issue: z.core.$ZodIssue): string {
  if (issue.code === 'invalid_type') return issue.expected === 'array' ? 'a list' : issue.expected === 'object' ? 'an object' : `a ${issue.expected}`;
  if (issue.code === 'invalid_value') return issue.values.map((v) => JSON.stringify(v)).join(' or ');
  if (issue.code === 'too_small') return `at least ${String(issue.minimum)}`;
  return issue.message;
}

const isText = (value: unknown): boolean => typeof value === 'string';
const isNullableText = (value: unknown): boolean => value === null || typeof value === 'string';

/**
 * The common case, fast: a finding that plainly fits the finding schema (every value of the type
 * it names). Never lets through one the schema refuses (a test holds it to that); one it doubts
 * goes to the schema, which has the last word and the words of any refusal. The schema alone
 * takes several microseconds a finding, too slow for a hundred thousand findings.
 */
export function plainlyFits(f: unknown): boolean {
  if (f === null || typeof f !== 'object' || Array.isArray(f)) return false;
  const o = f as Record<string, unknown>;
  const subject = o['subject'] as Record<string, unknown> | null | undefined;
  if (subject === undefined || (subject !== null && (typeof subject !== 'object' || Array.isArray(subject) || !isText(subject['kind']) || !isText(subject['id'])))) return false;
  if (!isText(o['requirement']) || !isText(o['check']) || !isText(o['status']) || !isText(o['message']) || !isText(o['clause'])) return false;
  if (!isNullableText(o['workerId']) || !isNullableText(o['supervisorId']) || !isNullableText(o['team']) || !isNullableText(o['dueDate']) || !isNullableText(o['lastDate'])) return false;
  if ((o['workerName'] !== undefined && !isNullableText(o['workerName'])) || (o['supervisorName'] !== undefined && !isNullableText(o['supervisorName'])) || (o['part'] !== undefined && !isText(o['part']))) return false;
  const days = o['daysOverdue'];
  if (days !== null && (typeof days !== 'number' || Number.isNaN(days))) return false;
  const source = o['source'];
  if (!Array.isArray(source)) return false;
  for (const s of source) if (s === null || typeof s !== 'object' || Array.isArray(s) || !isText(s.file) || typeof s.line !== 'number' || Number.isNaN(s.line)) return false;
  return true;
}

/** Null when the data is a report `diff` can read; else the sentence naming the first place that does not fit. */
export function reportMisfit(data: unknown): string | null {
  const findings = data !== null && typeof data === 'object' ? (data as { findings?: unknown }).findings : undefined;
  // The findings checked fast; the rest of the report (small) by the schema, with no findings.
  if (Array.isArray(findings) && findings.every(plainlyFits) && reportSchema.safeParse({ ...(data as object), findings: [] }).success) return null;
  const result = reportSchema.safeParse(data);
  if (result.success) return null;
  const first = result.error.issues[0]!;
  const findingIndex = first.path[0] === 'findings' && typeof first.path[1] === 'number' ? first.path[1] : null;
  const which = findingIndex === null ? '' : ` (finding ${findingIndex + 1} of the report${requirementOf(data, findingIndex)})`;
  return `${issueWords(first, data)}${which}`;
}

function requirementOf(data: unknown, index: number): string {
  const f = (data as { findings: unknown[] }).findings[index] as { requirement?: unknown } | null;
  return f !== null && typeof f === 'object' && typeof f.requirement === 'string' ? `, requirement ${f.requirement}` : '';
}
