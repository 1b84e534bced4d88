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

const finding = z.looseObject({
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
  findings: z.array(finding),
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
  const shown = JSON.stringify(value);
  const found =
    value === undefined ? 'nothing' : value === null ? 'null' : Array.isArray(value) ? 'a list' : typeof value === 'object' ? 'an object' : shown.length > 60 ? `${shown.slice(0, 57)}...` : shown;
  return `${pathWords(issue.path)} ${issue.code === 'custom' ? issue.message : `should be ${expectedWords(issue)}`}, not ${found}`;
}

function expectedWords(issue: z.core.$ZodIssue): string {
  if (issue.code === 'invalid_type') return issue.expected === 'array' ? 'a list' : issue.expected === 'object' ? 'an object' : `a ${issue.expected}`;
  if (issue.code === 'invalid_value') return issue.values.map((v) => JSON.stringify(v)).join(' or ');
  if (issue.code === 'too_small') return `at least ${String(issue.minimum)}`;
  return issue.message;
}

/** Null when the data is a report `diff` can read; else the sentence naming the first place that does not fit. */
export function reportMisfit(data: unknown): string | null {
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
