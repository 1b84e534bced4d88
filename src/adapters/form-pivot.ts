/**
 * Forms exported one row per answer (Liquid Logic), put back together into one record each.
 */
import { normaliseCode } from './convert.js';
import { ownCopy } from '../model/text.js';
import type { Cell, CellSource, ConverterFactory, PlannedField } from './fields.js';
import type { FieldSpec, FormLayout } from './layout.js';

interface FormInProgress {
  id: string;
  type: string;
  /** The first row of the form: the record's source line. */
  line: number;
  rows: number;
  /** The layout that reads forms of this type; none for other forms, whose rows are only counted. */
  layout: FormLayout | undefined;
  /** The form's own columns as on its first row, in the order of `FormPivot.formColumns`. */
  columns: Array<Cell | undefined>;
  /** The answers to the questions its layout reads, in the order of the layout's questions. */
  answers: Array<Cell | undefined>;
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

/** The carrier columns that say which form and question a row answers, rather than hold the form's values. */
const ROW_COLUMNS = new Set(['question', 'answer', 'formId', 'formType']);

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
  /** The carrier columns a form keeps from its rows (all but the ones that say which answer a row is). */
  private readonly formColumns: string[];
  /** For each layout, where each of its questions (normalised) is kept among a form's answers. */
  private readonly questionSlots = new Map<FormLayout, Map<string, number>>();

  constructor(
    forms: readonly FormLayout[],
    converters: ConverterFactory,
    carrierFields: ReadonlyArray<PlannedField & { index: number }>,
  ) {
    this.byType = new Map(forms.map((f) => [normaliseCode(f.formType), f]));
    this.carrier = new Map(carrierFields.map((f) => [f.name, f]));
    this.formColumns = [...this.carrier.keys()].filter((name) => !ROW_COLUMNS.has(name));
    for (const form of forms) this.questionSlots.set(form, new Map(Object.values(form.answers).map((spec, slot) => [normaliseCode(spec.column), slot])));
    this.planned = new Map(
      forms.map((form) => {
        const fromColumns = Object.entries(form.columns).map(([name, c]): PlannedField => {
          const column = this.carrier.get(c.from)?.spec.column ?? c.from;
          const spec: FieldSpec = { column, type: c.type, required: c.required ?? false };
          return { name, spec, convert: converters.of(name, spec) };
        });
        const fromAnswers = Object.entries(form.answers).map(([name, spec]): PlannedField => ({ name, spec, convert: converters.of(name, spec) }));
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
    // Kept until the end of the file, so copied out of the chunk of the file it was cut from.
    return f === undefined ? undefined : { raw: ownCopy(values[f.index]!), line };
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
      form = { id: formId, type, line, rows: 0, layout: this.byType.get(normaliseCode(type)), columns: [], answers: [] };
      this.inProgress.set(formId, form);
    } else if (normaliseCode(form.type) !== normaliseCode(type)) {
      return { field: columnOf('formType'), value: type, message: `form ${formId} is a ${form.type} form at line ${form.line}; this row says ${type}` };
    }
    form.rows += 1;
    // A form no layout reads is only counted; nothing of it is kept.
    if (form.layout === undefined) return null;
    this.formColumns.forEach((name, slot) => {
      const cell = this.cell(values, name, line)!;
      const first = form.columns[slot];
      if (!first) form.columns[slot] = cell;
      else if (first.raw.trim() !== cell.raw.trim() && first.conflict === undefined) {
        first.conflict = `the form's rows disagree: "${first.raw.trim()}" at line ${first.line}, "${cell.raw.trim()}" at line ${line}`;
      }
    });
    // Answers to questions the layout does not read are not kept.
    const slot = this.questionSlots.get(form.layout)!.get(normaliseCode(question));
    if (slot === undefined) return null;
    const answer = this.cell(values, 'answer', line) ?? { raw: '', line };
    const earlier = form.answers[slot];
    if (!earlier) form.answers[slot] = answer;
    else if (earlier.raw.trim() !== answer.raw.trim() && earlier.conflict === undefined) {
      earlier.conflict = `${question} is answered twice, differently, at lines ${earlier.line} and ${line}`;
    }
    return null;
  }

  /** Every form read, in the order their first rows came. */
  *complete(): Generator<CompletedForm> {
    for (const form of this.inProgress.values()) {
      const layout = form.layout;
      if (!layout) {
        yield { notRelevant: `not a supervision form (${form.type})`, rows: form.rows };
        continue;
      }
      const questions = this.questionSlots.get(layout)!;
      const cellOf = (f: PlannedField): Cell | undefined => {
        const column = layout.columns[f.name];
        if (column) return column.from === 'formId' ? { raw: form.id, line: form.line } : form.columns[this.formColumns.indexOf(column.from)];
        return form.answers[questions.get(normaliseCode(f.spec.column))!];
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
