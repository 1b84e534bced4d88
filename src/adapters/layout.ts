/**
 * How a system's export files are laid out, as data: for each entity, which column holds
 * each field of the common model, and how to read it. Field names are shared by all systems
 * (see entities.ts), so a layout is a table of column names, types and code maps.
 */
import type { CodeMapName, CodeMaps } from './codes.js';
import { FALSE_WORDS, TRUE_WORDS, type DateFormat } from './convert.js';

export const SYSTEMS = ['mosaic', 'azeus', 'liquidlogic'] as const;
export type SystemId = (typeof SYSTEMS)[number];

export const ENTITIES = ['workers', 'supervisors', 'sessions', 'agreements', 'allocations', 'plans', 'case-steps', 'form-answers', 'residences', 'incidents', 'staff-records'] as const;
export type EntityName = (typeof ENTITIES)[number];

export type FieldType =
  | { kind: 'text' }
  | { kind: 'date' }
  | { kind: 'datetime' }
  | { kind: 'flag' }
  | { kind: 'minutes' }
  | { kind: 'list'; separators: string }
  /**
   * A code looked up in a code map. `unknownAs` keeps a row with an unknown code as that value
   * (with a data issue naming the code to map) instead of rejecting it; `otherwise` maps every
   * other value to it without an issue, where the layout itself says other values mean that;
   * `keepUnknown` keeps any other value as it is written (normalised), without an issue, where
   * only some values matter (a course code among every course a council runs). `unknownUnread`
   * counts a value kept as `unknownAs` as one not read, for the stop on a column mostly unread.
   */
  | { kind: 'code'; map: CodeMapName; unknownAs?: string; otherwise?: string; emptyAs?: string; keepUnknown?: true; unknownUnread?: true }
  /**
   * Free text (notes): the column is recognised so that it is not reported as unknown, and never
   * read; whether a record has it may be (a cancellation's reason), unless `unused` says no check
   * asks even that (a form's notes).
   */
  | { kind: 'free-text'; unused?: true };

export interface FieldSpec {
  column: string;
  type: FieldType;
  required?: boolean;
  /** A required column whose cell may still be blank, the builder saying what a blank means (a worker's unknown start). */
  blankAllowed?: true;
}

export interface EntityLayout {
  entity: EntityName;
  /** What the file is, in the system's own words. */
  title: string;
  fields: Record<string, FieldSpec>;
  /**
   * For a file of form answers (one row per question): the forms it holds, each pivoted
   * back into one record. `fields` are then the columns every answer row carries.
   */
  forms?: FormLayout[];
  /** Set where an authority's adapter.yaml renamed columns of the system's reference layout. */
  authorityColumns?: true;
}

/**
 * A form exported one row per answer, read back into one record of `entity`. `columns` are
 * fields taken from the answer rows' own columns (the same on every row of the form), named
 * by the carrier layout's field names; `answers` are fields taken from the answer to a
 * question, the FieldSpec's column being the question's code.
 */
export interface FormLayout {
  formType: string;
  entity: 'sessions' | 'agreements';
  title: string;
  columns: Record<string, { from: string; type: FieldType; required?: boolean }>;
  answers: Record<string, FieldSpec>;
  /** The authority's question ids (adapter.yaml `questions`), each with the question of `answers` it is. */
  questions?: Record<string, string>;
}

export interface SystemLayout {
  system: SystemId;
  title: string;
  dateFormat: DateFormat;
  /** The system's own code values; job titles and topics common to all systems are added. */
  codes: Partial<CodeMaps>;
  entities: EntityLayout[];
}

export const text = (column: string, required = false): FieldSpec => ({ column, type: { kind: 'text' }, required });
export const date = (column: string, required = false): FieldSpec => ({ column, type: { kind: 'date' }, required });
export const dateTime = (column: string, required = false): FieldSpec => ({ column, type: { kind: 'datetime' }, required });
export const flag = (column: string): FieldSpec => ({ column, type: { kind: 'flag' } });
export const minutes = (column: string): FieldSpec => ({ column, type: { kind: 'minutes' } });
export const list = (column: string, separators: string): FieldSpec => ({ column, type: { kind: 'list', separators } });
export const code = (column: string, map: CodeMapName, required = false, unknownAs?: string): FieldSpec => ({
  column,
  type: unknownAs === undefined ? { kind: 'code', map } : { kind: 'code', map, unknownAs },
  required,
});
/** A worker's start in post: the column is required, a blank cell is a start that was never recorded (REQUIREMENTS.md, "Workers with no start date"). */
export const startInPost = (column: string): FieldSpec => ({ column, type: { kind: 'date' }, required: true, blankAllowed: true });
export const freeText = (column: string): FieldSpec => ({ column, type: { kind: 'free-text' } });
/** Free text of which no check asks even whether a record has it. */
export const unusedText = (column: string): FieldSpec => ({ column, type: { kind: 'free-text', unused: true } });
/**
 * An indicator of yes or no read as a code (a key worker indicator as the allocation type): its
 * map gives the yes and no words (indicatorWords), and an empty cell is `emptyAs`, as is any other
 * value (the reference layouts ignore the other rows), but with a data issue naming the line that
 * maps it, and counted as a value not read: an export that writes yes its own way on most rows
 * stops the audit (trust.ts, checkColumnsRead) rather than lose every allocation.
 */
export const indicator = (column: string, map: CodeMapName, emptyAs: string): FieldSpec => ({ column, type: { kind: 'code', map, unknownAs: emptyAs, emptyAs, unknownUnread: true } });

/** An indicator's code map: the words a yes/no flag is read from (parseFlag's, and -1, true as Access writes it) as `yes` and `no`. */
export function indicatorWords(yes: string, no: string): Record<string, string> {
  return Object.fromEntries([...[...TRUE_WORDS, '-1'].map((w) => [w, yes]), ...[...FALSE_WORDS].map((w) => [w, no])]);
}

/** A code whose other values, and an empty cell when `emptyAs` is given, all mean `otherwise`, as the reference layout says. */
export const codeOrElse = (column: string, map: CodeMapName, otherwise: string, required = false, emptyAs?: string): FieldSpec => ({
  column,
  type: emptyAs === undefined ? { kind: 'code', map, otherwise } : { kind: 'code', map, otherwise, emptyAs },
  required,
});

/**
 * Staff records from the HR and learning systems, in the one layout whatever the case
 * management system (SOURCE-LAYOUTS.md, "Staff records"): every system's adapter reads it.
 * REFERENCE is read only as a course; columns outside the layout are never read.
 */
export const STAFF_RECORDS_LAYOUT: EntityLayout = {
  entity: 'staff-records',
  title: 'staff records (HR and learning)',
  fields: {
    workerId: text('WORKER_ID', true),
    type: code('RECORD_TYPE', 'recordTypes', true),
    date: date('RECORD_DATE', true),
    validUntil: date('VALID_UNTIL'),
    course: { column: 'REFERENCE', type: { kind: 'code', map: 'courses', keepUnknown: true } },
  },
};
