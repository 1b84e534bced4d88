/**
 * Forms exported one row per answer (Liquid Logic), put back together into one record each.
 */
import { normaliseCode } from './convert.js';
import type { Cell, CellSource, ConverterFactory, PlannedField } from './fields.js';
import type { FieldSpec, FormLayout } from './layout.js';

interface FormInProgress {
  id: string;
  type: string;
  /** The first row of the form: the record's source line. */
  line: number;
  rows: number;
  /** The form's own columns as on its first row, by carrier field name. */
  columns: Map<string, Cell>;
  answers: Map<string, Cell>;
}

export type CompletedForm =
  | { notRelevant: string; rows: number }
  | {
      layout: FormLayout;
      line: number;
      rows: number;
      fields: PlannedField[];
      cells: CellSource<PlannedField>;
    };

/**
 * Puts forms exported one row per answer back together: collects each form's answers by
 * question, then hands each form over as one record. An answer given twice with different
 * values, or a form column that differs between the form's rows, is a conflict the record
 * reports rather than a value it guesses.
 */
export class FormPivot {
  private readonly inProgress = new Map<string, FormInProgress>();
  private readonly planned: Map<string, PlannedField[]>;
  private readonly byType: Map<string, FormLayout>;
  private readonly carrier: Map<string, PlannedField & { index: number }>;

  constructor(
    forms: readonly FormLayout[],
    converters: ConverterFactory,
    carrierFields: ReadonlyArray<PlannedField & { index: number }>,
  ) {
    this.byType = new Map(forms.map((f) => [normaliseCode(f.formType), f]));
    this.carrier = new Map(carrierFields.map((f) => [f.name, f]));
    this.planned = new Map(
      forms.map((form) => {
        const fromColumns = Object.entries(form.columns).map(([name, c]): PlannedField => {
          const column = this.carrier.get(c.from)?.spec.column ?? c.from;
          const spec: FieldSpec = { column, type: c.type, required: c.required ?? false };
          return { name, spec, convert: converters.of(spec, name === 'id' || name === 'formId') };
        });
        const fromAnswers = Object.entries(form.answers).map(([name, spec]): PlannedField => ({ name, spec, convert: converters.of(spec) }));
        return [form.formType, [...fromColumns, ...fromAnswers]];
      }),
    );
  }

  /** The fields of every form type, each with the column or question it is read from. */
  plannedFields(): PlannedField[] {
    return [...this.planned.values()].flat();
  }

  private cell(values: string[], name: string, line: number): Cell | undefined {
    const f = this.carrier.get(name);
    return f === undefined ? undefined : { raw: values[f.index]!, line };
  }

  /** Takes one answer row; returns what is wrong with it when it cannot belong to any form. */
  add(values: string[], line: number): { field: string; value: string; message: string } | null {
    const formId = this.cell(values, 'formId', line)!.raw.trim();
    const type = this.cell(values, 'formType', line)!.raw.trim();
    const question = this.cell(values, 'question', line)!.raw.trim();
    const columnOf = (name: string): string => this.carrier.get(name)!.spec.column;
    if (formId === '') return { field: columnOf('formId'), value: '', message: 'a required value is empty: the row belongs to no form' };
    if (type === '') return { field: columnOf('formType'), value: '', message: 'a required value is empty: the form type is not known' };
    if (question === '') return { field: columnOf('question'), value: '', message: 'a required value is empty: the question is not known' };
    let form = this.inProgress.get(formId);
    if (!form) {
      form = { id: formId, type, line, rows: 0, columns: new Map(), answers: new Map() };
      this.inProgress.set(formId, form);
    } else if (normaliseCode(form.type) !== normaliseCode(type)) {
      return { field: columnOf('formType'), value: type, message: `form ${formId} is a ${form.type} form at line ${form.line}; this row says ${type}` };
    }
    form.rows += 1;
    for (const name of this.carrier.keys()) {
      if (name === 'question' || name === 'answer' || name === 'formId' || name === 'formType') continue;
      const cell = this.cell(values, name, line)!;
      const first = form.columns.get(name);
      if (!first) form.columns.set(name, cell);
      else if (first.raw.trim() !== cell.raw.trim() && first.conflict === undefined) {
        first.conflict = `the form's rows disagree: "${first.raw.trim()}" at line ${first.line}, "${cell.raw.trim()}" at line ${line}`;
      }
    }
    const answer = this.cell(values, 'answer', line) ?? { raw: '', line };
    const key = normaliseCode(question);
    const earlier = form.answers.get(key);
    if (!earlier) form.answers.set(key, answer);
    else if (earlier.raw.trim() !== answer.raw.trim() && earlier.conflict === undefined) {
      earlier.conflict = `${question} is answered twice, differently, at lines ${earlier.line} and ${line}`;
    }
    return null;
  }

  /** Every form read, in the order their first rows came. */
  *complete(): Generator<CompletedForm> {
    for (const form of this.inProgress.values()) {
      const layout = this.byType.get(normaliseCode(form.type));
      if (!layout) {
        yield { notRelevant: `not a supervision form (${form.type})`, rows: form.rows };
        continue;
      }
      const cellOf = (f: PlannedField): Cell | undefined => {
        const column = layout.columns[f.name];
        if (column) return column.from === 'formId' ? { raw: form.id, line: form.line } : form.columns.get(column.from);
        return form.answers.get(normaliseCode(f.spec.column));
      };
      yield {
        layout,
        line: form.line,
        rows: form.rows,
        fields: this.planned.get(layout.formType)!,
        cells: {
          raw: (f) => cellOf(f)?.raw,
          line: (f) => cellOf(f)?.line ?? form.line,
          conflict: (f) => cellOf(f)?.conflict,
          absent: (f) =>
            layout.columns[f.name] ? `the ${layout.title} form ${form.id} has no ${f.spec.column}` : `the ${layout.title} form ${form.id} has no ${f.spec.column} answer`,
        },
      };
    }
    this.inProgress.clear();
  }
}
