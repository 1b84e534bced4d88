/**
 * A field of a layout as a file (or form) provides it: its converter, and where its cell in
 * one record comes from. Converters are made once per file from the adapter's code maps and
 * date format.
 */
import type { CodeMapName, CompiledCodeMap } from './codes.js';
import { isOpenEnd, normaliseCode, parseDateTime, parseFlag, parseId, parseJsonId, parseList, parseMinutes, Problem, show, type DateFormat } from './convert.js';
import type { FieldSpec } from './layout.js';

export type Converter = (raw: string) => unknown;

/** A field of the layout the file (or form) provides, with its converter. */
export interface PlannedField {
  name: string;
  spec: FieldSpec;
  convert: Converter;
}

/** Where a record's cells come from: one row of a file, or the answers of a form. */
export interface CellSource<F extends PlannedField> {
  /** The cell's text; undefined when the record has no such cell at all. */
  raw(f: F): string | undefined;
  line(f: F): number;
  /** Why the cell cannot be trusted (a form answered twice), if it cannot. */
  conflict(f: F): string | undefined;
  /** What a missing cell means, where a record may lack one (a form's unanswered question). */
  absent?: (f: F) => string;
}

/** The fields that end a period: a worker's, a supervisor's, an allocation's, a plan's, a residence's. */
const END_FIELDS: ReadonlySet<string> = new Set(['end', 'to']);

/**
 * Codes repeat on every row: each distinct cell is looked up once (up to a bound, for safety).
 * The cell before is kept apart: exports list rows in runs (a case's steps together, most of a
 * kind in a row), and comparing with it is cheaper than hashing the cell for the map.
 */
function cached(convert: Converter, bound = 10_000): Converter {
  const seen = new Map<string, unknown>();
  let lastRaw: string | null = null;
  let lastValue: unknown;
  return (raw) => {
    if (raw === lastRaw) return lastValue;
    let value = seen.get(raw);
    if (value === undefined) {
      value = convert(raw);
      if (seen.size < bound) seen.set(raw, value);
    }
    lastRaw = raw;
    lastValue = value;
    return value;
  };
}

/** Ids are the fields named `id` or `...Id` in every layout (workerId, caseId, supervisorId, ...), and the HR system's staff number. */
export const isIdField = (name: string): boolean => name === 'id' || name.endsWith('Id') || name === 'staffNumber';

/** Makes each field's converter from the code maps and date format of the file's adapter. */
export class ConverterFactory {
  constructor(
    private readonly codes: Record<CodeMapName, CompiledCodeMap>,
    private readonly dateFormat: DateFormat,
    private readonly adapterFile: string,
    /** The file's format: a JSON export's numbers are typed, so an id that is not a whole one is known to be wrong. */
    private readonly format: 'csv' | 'json' | 'xlsx' = 'csv',
  ) {}

  /**
   * The converter of the field `name`. Ids (isIdField) are read as ids whatever number format they were
   * saved in, digits as numbers (`idAsWritten` keeps a workers row's own id as written). A record's own id is different on every row, so not worth remembering.
   */
  of(name: string, spec: FieldSpec, idAsWritten = false): Converter {
    const type = spec.type;
    switch (type.kind) {
      case 'text': {
        const isId = isIdField(name);
        const parse = this.format === 'json' ? parseJsonId : parseId;
        const read = isId ? (raw: string) => parse(raw, idAsWritten) : (raw: string): string => raw.trim();
        // Worker, supervisor, case and team values repeat across rows: one string each.
        return name === 'id' || name === 'formId' ? read : cached(read, 200_000);
      }
      case 'date':
      case 'datetime': {
        if (!END_FIELDS.has(name)) return (raw) => parseDateTime(raw, this.dateFormat);
        // An end date written as a database's "no end" (31-DEC-4712, 9999-12-31) is open, with no data issue.
        return (raw) => {
          const value = parseDateTime(raw, this.dateFormat);
          return value instanceof Problem && isOpenEnd(raw) ? null : value;
        };
      }
      case 'flag':
        return (raw) => parseFlag(raw);
      case 'minutes':
        return (raw) => parseMinutes(raw);
      case 'free-text':
        return () => true;
      case 'list': {
        const topics = this.codes.topics;
        const adapterFile = this.adapterFile;
        // No topic's name holds a tab or a line break: a list re-saved with them is still a list.
        const separators = `${type.separators}\t\n\r`;
        // Lists repeat too: sessions that give the same cell share its list.
        return cached((raw) => {
          const items = parseList(raw, separators);
          const known: string[] = [];
          let unknown: string[] | null = null;
          for (const item of items) {
            const code = topics.get(normaliseCode(item));
            if (code !== undefined) known.push(code);
            else (unknown ??= []).push(item);
          }
          if (unknown === null) return known;
          // Like any unknown code, said; the topics that are known still count.
          const words = unknown.map((u) => `"${show(u)}"`).join(', ');
          return new Problem(`unknown topics ${unknown.length === 1 ? 'code' : 'codes'} ${words}: add ${unknown.length === 1 ? 'it' : 'them'} under codes.topics in ${adapterFile}; the other topics are kept`, { kept: known, unknownCodes: { map: 'topics', codes: unknown } });
        });
      }
      case 'code': {
        const map = this.codes[type.map];
        const adapterFile = this.adapterFile;
        const otherwise = type.otherwise;
        const lookUp = (raw: string): unknown => {
          const value = map.get(normaliseCode(raw));
          if (value !== undefined) return value;
          if (otherwise !== undefined) return otherwise;
          if (type.keepUnknown) return normaliseCode(raw);
          return new Problem(`unknown ${type.map} code "${show(raw.trim())}": add it under codes.${type.map} in ${adapterFile}`, { unknownCodes: { map: type.map, codes: [raw.trim()] } });
        };
        return cached(lookUp);
      }
    }
  }
}
