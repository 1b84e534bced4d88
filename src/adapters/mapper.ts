/**
 * Maps the rows of one export file onto the common model: recognises the file's system and
 * entity from its header, converts each cell with the field's typed converter, builds the
 * record, and accounts for every row (read = used + rejected).
 */
import { compileCodeMaps, COMMON_JOB_TITLES, COMMON_TOPICS, type CodeMapName, type CompiledCodeMap } from './codes.js';
import { normaliseCode, parseDateTime, parseFlag, parseList, parseMinutes, Problem, type DateFormat } from './convert.js';
import { BUILDERS, type Fields, type RowContext } from './entities.js';
import type { EntityLayout, EntityName, FieldSpec, SystemId } from './layout.js';
import type { AuthorityAdapter } from './authority.js';
import { SYSTEM_LAYOUTS } from './systems.js';
import { InputError, type TableInfo, type TableSink } from '../ingest/table.js';
import type { Records } from '../model/dataset.js';
import type { DataIssue, IssueEffect } from '../model/issues.js';

/** What the report says about one input file. */
export interface InputSummary {
  file: string;
  system: SystemId;
  entity: EntityName;
  format: TableInfo['format'];
  encoding: TableInfo['encoding'];
  rowsRead: number;
  rowsUsed: number;
  /** Every row not used: invalid rows (each with a data issue) and rows not relevant. */
  rowsRejected: number;
  /** Rows not relevant to any check, by reason (counted in rowsRejected). */
  notRelevant: Record<string, number>;
}

interface Detected {
  adapter: AuthorityAdapter;
  layout: EntityLayout;
}

const header = (column: string): string => column.trim().toUpperCase();

function requiredColumns(layout: EntityLayout): string[] {
  return Object.values(layout.fields).filter((f) => f.required).map((f) => f.column);
}

/**
 * The layout a header belongs to: every required column present, and of those the layout
 * with the most required columns (a case steps file has all the columns of a supervision
 * steps file, and more), then the most optional columns matched.
 */
export function detectLayout(columns: string[], adapters: AuthorityAdapter[], file: string): Detected {
  const present = new Set(columns.map(header));
  const scored = adapters.flatMap((adapter) =>
    adapter.layouts.map((layout) => {
      const required = requiredColumns(layout);
      const missing = required.filter((c) => !present.has(header(c)));
      const optional = Object.values(layout.fields).filter((f) => !f.required && present.has(header(f.column))).length;
      return { adapter, layout, required: required.length, missing, optional };
    }),
  );
  const complete = scored.filter((s) => s.missing.length === 0);
  complete.sort((a, b) => b.required - a.required || b.optional - a.optional);
  const best = complete[0];
  if (best) {
    const rival = complete[1];
    if (rival && rival.required === best.required && rival.optional === best.optional) {
      throw new InputError(
        `${file}: the header fits both ${describe(best)} and ${describe(rival)}; name the system with --system or the authority's adapter.yaml`,
      );
    }
    return { adapter: best.adapter, layout: best.layout };
  }
  const closest = [...scored].sort((a, b) => a.missing.length - b.missing.length || b.optional - a.optional).slice(0, 2);
  const hints = closest.map((s) => `${describe(s)} (missing ${s.missing.join(', ')})`).join('; ');
  throw new InputError(`${file}: the header matches no known export layout. Closest: ${hints}`);
}

function describe(s: { adapter: AuthorityAdapter; layout: EntityLayout }): string {
  return `${s.adapter.system} ${s.layout.title}`;
}

type Converter = (raw: string) => unknown;

interface PlannedField {
  name: string;
  spec: FieldSpec;
  index: number;
  convert: Converter;
}

const MAX_ISSUE_VALUE = 120;
const shorten = (value: string): string => (value.length > MAX_ISSUE_VALUE ? `${value.slice(0, MAX_ISSUE_VALUE)}…` : value);

export class FileMapper implements TableSink {
  summary: InputSummary | null = null;
  private fields: PlannedField[] = [];
  private entity: EntityName | null = null;

  constructor(
    private readonly file: string,
    private readonly adapters: AuthorityAdapter[],
    private readonly records: Records,
    private readonly issues: DataIssue[],
    private readonly adapterFile: string,
  ) {}

  header(columns: string[], info: TableInfo): void {
    const { adapter, layout } = detectLayout(columns, this.adapters, this.file);
    this.entity = layout.entity;
    this.summary = {
      file: this.file,
      system: adapter.system,
      entity: layout.entity,
      format: info.format,
      encoding: info.encoding,
      rowsRead: 0,
      rowsUsed: 0,
      rowsRejected: 0,
      notRelevant: {},
    };
    const codes = compileCodeMaps({ roles: COMMON_JOB_TITLES, topics: COMMON_TOPICS }, SYSTEM_LAYOUTS[adapter.system]?.codes, adapter.codes);
    const indexOf = new Map<string, number>();
    columns.forEach((c, i) => {
      const key = header(c);
      if (indexOf.has(key)) {
        throw new InputError(`${this.file}: the column ${c} appears twice in the header (columns ${indexOf.get(key)! + 1} and ${i + 1})`);
      }
      indexOf.set(key, i);
    });
    const used = new Set<string>();
    for (const [name, spec] of Object.entries(layout.fields)) {
      const index = indexOf.get(header(spec.column));
      if (index === undefined) continue;
      used.add(header(spec.column));
      this.fields.push({ name, spec, index, convert: this.converter(spec, codes, adapter.dateFormat) });
    }
    for (const c of columns) {
      if (!used.has(header(c))) {
        this.issues.push({
          file: this.file,
          line: 1,
          field: c,
          value: '',
          problem: `column not in the ${adapter.system} ${layout.title} layout; ignored`,
          effect: 'note',
        });
      }
    }
  }

  private converter(spec: FieldSpec, codes: Record<CodeMapName, CompiledCodeMap>, dateFormat: DateFormat): Converter {
    const type = spec.type;
    switch (type.kind) {
      case 'text':
        return (raw) => raw.trim();
      case 'date':
      case 'datetime':
        return (raw) => parseDateTime(raw, dateFormat);
      case 'flag':
        return (raw) => parseFlag(raw);
      case 'minutes':
        return (raw) => parseMinutes(raw);
      case 'free-text':
        return () => true;
      case 'list': {
        const topics = codes.topics;
        return (raw) => parseList(raw, type.separators).map((item) => topics.get(normaliseCode(item)) ?? normaliseCode(item));
      }
      case 'code': {
        const map = codes[type.map];
        const adapterFile = this.adapterFile;
        const otherwise = type.otherwise;
        return (raw) => {
          const value = map.get(normaliseCode(raw));
          if (value !== undefined) return value;
          if (otherwise !== undefined) return otherwise;
          return new Problem(`unknown ${type.map} code "${raw.trim()}": add it under codes.${type.map} in ${adapterFile}`);
        };
      }
    }
  }

  row(values: string[], line: number): void {
    const summary = this.summary!;
    summary.rowsRead += 1;
    const source = { file: this.file, line };
    const rowIssues: DataIssue[] = [];
    const issue = (field: string, value: string, problem: string, effect: IssueEffect): void => {
      rowIssues.push({ file: this.file, line, field, value: shorten(value), problem, effect });
    };
    const fields: Fields = {};
    let rejected = false;
    for (const f of this.fields) {
      const raw = values[f.index]!;
      const keepAs = f.spec.type.kind === 'code' ? f.spec.type.unknownAs : undefined;
      if (raw.trim() === '') {
        fields[f.name] = null;
        if (f.spec.required && keepAs !== undefined) {
          issue(f.spec.column, '', `the value is empty; kept as ${keepAs}`, 'kept');
          fields[f.name] = keepAs;
        } else if (f.spec.required) {
          issue(f.spec.column, '', 'a required value is empty', 'row rejected');
          rejected = true;
        }
        continue;
      }
      const value = f.convert(raw);
      if (!(value instanceof Problem)) {
        fields[f.name] = value;
        continue;
      }
      if (keepAs !== undefined) {
        issue(f.spec.column, raw, `${value.message}; kept as ${keepAs}`, 'kept');
        fields[f.name] = keepAs;
      } else if (f.spec.required) {
        issue(f.spec.column, raw, value.message, 'row rejected');
        rejected = true;
      } else {
        issue(f.spec.column, raw, value.message, 'value ignored');
        fields[f.name] = null;
      }
    }
    if (!rejected) {
      const columnOf = (name: string): string => this.fields.find((f) => f.name === name)?.spec.column ?? name;
      const ctx: RowContext = {
        source,
        issue: (name, problem, effect) => issue(columnOf(name), values[this.fields.find((f) => f.name === name)?.index ?? -1] ?? '', problem, effect),
      };
      const outcome = BUILDERS[this.entity!](fields, ctx, this.records);
      if ('rejected' in outcome) rejected = true;
      else if ('notRelevant' in outcome) {
        summary.rowsRejected += 1;
        summary.notRelevant[outcome.notRelevant] = (summary.notRelevant[outcome.notRelevant] ?? 0) + 1;
        this.issues.push(...rowIssues);
        return;
      }
    }
    // A rejected row is reported for what rejected it; its other problems would only be noise.
    this.issues.push(...(rejected ? rowIssues.filter((i) => i.effect === 'row rejected') : rowIssues));
    if (rejected) summary.rowsRejected += 1;
    else summary.rowsUsed += 1;
  }

  unreadable(line: number, problem: string, rowsLost: number): void {
    const summary = this.summary;
    if (!summary) throw new InputError(`${this.file} line ${line}: ${problem}`);
    summary.rowsRead += rowsLost;
    summary.rowsRejected += rowsLost;
    this.issues.push({ file: this.file, line, field: '', value: '', problem, effect: 'row rejected' });
  }
}
