/**
 * An authority's adapter.yaml: which system it runs, and its own column names and code
 * values layered over the system's reference layout. Validated once, at load, with messages
 * that name the file and the path inside it.
 */
import { z } from 'zod';
import { CODE_MAP_NAMES, CODE_TARGETS, type CodeMapName, type CodeMaps } from './codes.js';
import { DATE_FORMATS, normaliseCode, type DateFormat } from './convert.js';
import { ENTITIES, SYSTEMS, type EntityLayout, type EntityName, type SystemId, type SystemLayout } from './layout.js';
import { SYSTEM_LAYOUTS } from './systems.js';
import { SERVICES, STAFF_RECORD_KEYS, type StaffRecordKey } from '../model/records.js';

const codeMap = (name: CodeMapName): z.ZodType<Record<string, string>> => {
  const targets = CODE_TARGETS[name];
  const value = targets ? z.enum(targets as [string, ...string[]]) : z.string().min(1);
  return z.record(z.string().min(1), value);
};

export const adapterFileSchema = z
  .object({
    /** The system whose reference layouts the exports follow. */
    system: z.enum(SYSTEMS),
    /** The service of the cases in the exports, where the exports do not say. */
    service: z.enum(SERVICES).default('children'),
    /** Overrides the system's date format for every file. */
    dateFormat: z.enum(DATE_FORMATS).optional(),
    /** Per entity: the reference column name, and the authority's name for that column. */
    columns: z.partialRecord(z.enum(ENTITIES), z.record(z.string().min(1), z.string().min(1))).default({}),
    /** Per code map: the authority's code or word, and what it means in the common model. */
    codes: z.object(Object.fromEntries(CODE_MAP_NAMES.map((n) => [n, codeMap(n).optional()]))).strict().default({}),
    /**
     * How the HR export names workers: by the case management system's worker id, or by the HR
     * system's staff number that the workers export carries. Left out: whichever matches more.
     */
    staffRecords: z.object({ matchOn: z.enum(STAFF_RECORD_KEYS) }).strict().optional(),
    /** Forms exported one row per answer: the authority's question id, and the layout's question it is (a form version that renamed it). */
    questions: z.record(z.string().min(1), z.string().min(1)).default({}),
    /**
     * Files whose header could be more than one export, by name (a workbook's sheet as
     * `book.xlsx#Sheet`), and the export each is: read as that, whatever else its header fits.
     */
    files: z.record(z.string().min(1), z.enum(ENTITIES)).default({}),
  })
  .strict();


export type AdapterFile = z.infer<typeof adapterFileSchema>;

/** The layouts and codes an authority's exports are read with. */
export interface AuthorityAdapter {
  system: SystemId;
  service: (typeof SERVICES)[number];
  dateFormat: DateFormat;
  layouts: EntityLayout[];
  codes: Partial<CodeMaps>;
  /** How the HR export names workers, where the authority says; else whichever matches more. */
  staffRecordsMatchOn?: StaffRecordKey;
  /** The export a file is, by its name in lower case, where the authority says (adapter.yaml `files`). */
  files?: Readonly<Record<string, EntityName>>;
}

/** A problem with an adapter file, and the key it is about (its path in the file, then the key), to place it. */
export interface AdapterProblem {
  path: string[];
  key: string;
  problem: string;
}

/** Problems with an adapter file that zod cannot see: renamed columns and questions that do not exist, or clash. */
export function adapterProblems(file: AdapterFile): string[] {
  return placedAdapterProblems(file).map((p) => p.problem);
}

/** adapterProblems, each with the key it is about. */
export function placedAdapterProblems(file: AdapterFile): AdapterProblem[] {
  const problems: AdapterProblem[] = [];
  const layout = SYSTEM_LAYOUTS[file.system];
  for (const [entity, renames] of Object.entries(file.columns) as Array<[EntityName, Record<string, string>]>) {
    const entityLayout = layout.entities.find((e) => e.entity === entity);
    if (!entityLayout) {
      problems.push({ path: ['columns'], key: entity, problem: `columns.${entity}: ${layout.title} has no ${entity} layout` });
      continue;
    }
    const known = new Set(Object.values(entityLayout.fields).map((f) => f.column.toUpperCase()));
    for (const reference of Object.keys(renames)) {
      if (!known.has(reference.toUpperCase())) {
        problems.push({
          path: ['columns', entity],
          key: reference,
          problem: `columns.${entity}.${reference}: ${layout.title} ${entity} has no column ${reference} (its columns: ${[...known].join(', ')})`,
        });
      }
    }
  }
  for (const [name, entity] of Object.entries(file.files)) {
    if (!layout.entities.some((e) => e.entity === entity)) problems.push({ path: ['files'], key: name, problem: `files.${name}: ${layout.title} has no ${entity} export` });
  }
  const questions = new Set(layout.entities.flatMap((e) => (e.forms ?? []).flatMap((f) => Object.values(f.answers).map((a) => a.column))));
  // Questions are told apart whatever their case and spaces, as form rows are read.
  const byCode = new Map([...questions].map((q) => [normaliseCode(q), q]));
  for (const [own, reference] of Object.entries(file.questions)) {
    const already = byCode.get(normaliseCode(own));
    const at = { path: ['questions'], key: own };
    if (!questions.has(reference)) problems.push({ ...at, problem: `questions.${own}: ${layout.title} forms have no question ${reference} (their questions: ${[...questions].join(', ')})` });
    // A row answering one of the layout's questions is read as that question: it cannot be another's too.
    else if (already !== undefined && already !== reference) {
      problems.push({
        ...at,
        problem: `questions.${own}: ${own} is already one of ${layout.title} forms' questions${already === own ? '' : ` (${already})`}, so its answers cannot also be read as ${reference}: give the question id your forms write in place of ${reference}`,
      });
    }
  }
  return problems;
}

/** Applies an adapter file to its system's layouts. */
export function authorityAdapter(file: AdapterFile): AuthorityAdapter {
  const layout: SystemLayout = SYSTEM_LAYOUTS[file.system];
  const layouts = layout.entities.map((reference) => {
    let entityLayout = reference;
    const renames = new Map(Object.entries(file.columns[entityLayout.entity] ?? {}).map(([k, v]) => [k.toUpperCase(), v]));
    if (entityLayout.forms && Object.keys(file.questions).length > 0) {
      const forms = entityLayout.forms.map((form) => ({ ...form, questions: file.questions }));
      if (renames.size === 0) return { ...entityLayout, forms };
      entityLayout = { ...entityLayout, forms };
    }
    if (renames.size === 0) return entityLayout;
    const fields = Object.fromEntries(
      Object.entries(entityLayout.fields).map(([name, spec]) => [name, { ...spec, column: renames.get(spec.column.toUpperCase()) ?? spec.column }]),
    );
    return { ...entityLayout, fields, authorityColumns: true as const };
  });
  return {
    system: file.system,
    service: file.service,
    dateFormat: file.dateFormat ?? layout.dateFormat,
    layouts,
    codes: file.codes as Partial<CodeMaps>,
    ...(file.staffRecords ? { staffRecordsMatchOn: file.staffRecords.matchOn } : {}),
    ...(Object.keys(file.files).length > 0 ? { files: Object.fromEntries(Object.entries(file.files).map(([name, entity]) => [name.toLowerCase(), entity])) } : {}),
  };
}

/**
 * The adapter for exports in a system's reference layouts. Given an authority's adapter for
 * another system, it keeps what is the authority's rather than its system's: the service,
 * and its words for job titles and topics.
 */
export function referenceAdapter(system: SystemId, authority?: AuthorityAdapter | null): AuthorityAdapter {
  const adapter = authorityAdapter(adapterFileSchema.parse({ system }));
  if (!authority) return adapter;
  // Job titles, topics and HR words are the authority's whatever system a file comes from.
  const own = (['roles', 'topics', 'recordTypes', 'courses'] as const).filter((name) => authority.codes[name] !== undefined);
  return {
    ...adapter,
    service: authority.service,
    codes: Object.fromEntries(own.map((name) => [name, authority.codes[name]])),
    ...(authority.staffRecordsMatchOn ? { staffRecordsMatchOn: authority.staffRecordsMatchOn } : {}),
    ...(authority.files ? { files: authority.files } : {}),
  };
}

/**
 * The system's reference layouts of the exports whose columns an authority renamed, read with
 * the authority's codes: tried after the authority's own layouts, so that a file exported
 * with the system's reference column names still reads. Null when nothing was renamed.
 */
export function ownSystemReference(adapter: AuthorityAdapter): AuthorityAdapter | null {
  const renamed = new Set(adapter.layouts.filter((l) => l.authorityColumns).map((l) => l.entity));
  if (renamed.size === 0) return null;
  return { ...adapter, layouts: SYSTEM_LAYOUTS[adapter.system].entities.filter((l) => renamed.has(l.entity)) };
}
