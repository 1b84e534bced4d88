/**
 * Forms exported one row per answer (Liquid Logic), put back together into one record each.
 */
import { normaliseCode } from './convert.js';
import { ownCopy } from '../model/text.js';
import type { Cell, CellSource, ConverterFactory, PlannedField } from './fields.js';
import type { FieldSpec, FormLayout } from './layout.js';
import type { DataIssue } from '../model/issues.js';

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
  /** The questions it answers that its layout does not read, as written (usually none). */
  unknown: string[] | null;
}

/** A question the layout does not read: where it was first met, and in how many rows and forms. */
interface UnknownQuestion {
  question: string;
  layout: FormLayout;
  line: number;
  rows: number;
  forms: number;
  /** For each of the layout's questions, how many forms with this one lacked it: a renamed question is the one they lack. */
  lacking: number[];
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
  /** For each layout, where each of its questions (normalised), and each authority's name for one, is kept among a form's answers. */
  private readonly questionSlots = new Map<FormLayout, Map<string, number>>();
  /** Questions the layouts do not read, by layout and normalised question. */
  private readonly unknownQuestions = new Map<string, UnknownQuestion>();
  /** For each layout, how many forms it read, and how many of them lacked each of its questions. */
  private readonly lackingAll = new Map<FormLayout, { forms: number; lacking: number[] }>();
  /** Where each of `formColumns` is in a row; where the answer is (-1 for no answer column). */
  private readonly formColumnIndexes: number[];
  private readonly answerIndex: number;
  /** Form types and questions as written, normalised: every row repeats a few of them. */
  private readonly normalisedCodes = new Map<string, string>();

  constructor(
    forms: readonly FormLayout[],
    converters: ConverterFactory,
    carrierFields: ReadonlyArray<PlannedField & { index: number }>,
  ) {
    this.byType = new Map(forms.map((f) => [normaliseCode(f.formType), f]));
    this.carrier = new Map(carrierFields.map((f) => [f.name, f]));
    this.formColumns = [...this.carrier.keys()].filter((name) => !ROW_COLUMNS.has(name));
    this.formColumnIndexes = this.formColumns.map((name) => this.carrier.get(name)!.index);
    this.answerIndex = this.carrier.get('answer')?.index ?? -1;
    for (const form of forms) {
      const slots = new Map(Object.values(form.answers).map((spec, slot) => [normaliseCode(spec.column), slot]));
      for (const [own, reference] of Object.entries(form.questions ?? {})) {
        const slot = slots.get(normaliseCode(reference));
        if (slot !== undefined) slots.set(normaliseCode(own), slot);
      }
      this.questionSlots.set(form, slots);
    }
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

  /** A row's cell of a carrier column: looked at where the row is, copied only where it is kept. */
  private rawOf(values: string[], name: string): string {
    return values[this.carrier.get(name)!.index]!;
  }

  private columnOf(name: string): string {
    return this.carrier.get(name)!.spec.column;
  }

  /** A form type or question normalised (convert.ts), each written form once: at most a few thousand kept. */
  private normalised(code: string): string {
    let found = this.normalisedCodes.get(code);
    if (found === undefined) {
      found = normaliseCode(code);
      if (this.normalisedCodes.size < 5_000) this.normalisedCodes.set(ownCopy(code), found);
    }
    return found;
  }

  /** Where an unknown question of a layout is counted (unknownQuestions). */
  private unknownKey(layout: FormLayout, question: string): string {
    return `${layout.formType}\u0000${this.normalised(question)}`;
  }

  /**
   * Takes one answer row; returns what is wrong with it when it cannot belong to any form. What a
   * form keeps is kept until the end of the file, so copied out of the chunk it was cut from
   * (model/text.ts); what is only compared is not.
   */
  add(values: string[], line: number): { field: string; value: string; message: string } | null {
    const formId = this.rawOf(values, 'formId').trim();
    const type = this.rawOf(values, 'formType').trim();
    const question = this.rawOf(values, 'question').trim();
    if (formId === '') return { field: this.columnOf('formId'), value: '', message: 'a required value is empty: the row belongs to no form' };
    if (type === '') return { field: this.columnOf('formType'), value: '', message: 'a required value is empty: the form type is not known' };
    if (question === '') return { field: this.columnOf('question'), value: '', message: 'a required value is empty: the question is not known' };
    let form = this.inProgress.get(formId);
    if (!form) {
      form = { id: ownCopy(formId), type: ownCopy(type), line, rows: 0, layout: this.byType.get(this.normalised(type)), columns: [], answers: [], unknown: null };
      this.inProgress.set(form.id, form);
    } else if (form.type !== type && this.normalised(form.type) !== this.normalised(type)) {
      return { field: this.columnOf('formType'), value: type, message: `form ${formId} is a ${form.type} form at line ${form.line}; this row says ${type}` };
    }
    form.rows += 1;
    // A form no layout reads is only counted; nothing of it is kept.
    if (form.layout === undefined) return null;
    for (let slot = 0; slot < this.formColumnIndexes.length; slot++) {
      const raw = values[this.formColumnIndexes[slot]!]!;
      const first = form.columns[slot];
      if (!first) form.columns[slot] = { raw: ownCopy(raw), line };
      else if (first.raw.trim() !== raw.trim() && first.conflict === undefined) {
        first.conflict = ownCopy(`the form's rows disagree: "${first.raw.trim()}" at line ${first.line}, "${raw.trim()}" at line ${line}`);
      }
    }
    // Answers to questions the layout does not read are not kept, but counted: a form version may have renamed one.
    const slot = this.questionSlots.get(form.layout)!.get(this.normalised(question));
    if (slot === undefined) {
      this.unknownAnswer(form, form.layout, ownCopy(question), line);
      return null;
    }
    const answer = this.answerIndex < 0 ? '' : values[this.answerIndex]!;
    const earlier = form.answers[slot];
    if (!earlier) form.answers[slot] = { raw: ownCopy(answer), line };
    else if (earlier.raw.trim() !== answer.trim() && earlier.conflict === undefined) {
      earlier.conflict = ownCopy(`${question} is answered twice, differently, at lines ${earlier.line} and ${line}`);
    }
    return null;
  }

  private unknownAnswer(form: FormInProgress, layout: FormLayout, question: string, line: number): void {
    const key = this.unknownKey(layout, question);
    let seen = this.unknownQuestions.get(key);
    if (seen === undefined) {
      seen = { question, layout, line, rows: 0, forms: 0, lacking: Object.keys(layout.answers).map(() => 0) };
      this.unknownQuestions.set(key, seen);
    }
    seen.rows += 1;
    form.unknown ??= [];
    if (!form.unknown.includes(question)) {
      form.unknown.push(question);
      seen.forms += 1;
    }
  }

  /** The layout's questions the form lacks, counted for all forms and against each unknown question it answers. */
  private countLacking(form: FormInProgress, layout: FormLayout): void {
    let all = this.lackingAll.get(layout);
    if (all === undefined) this.lackingAll.set(layout, (all = { forms: 0, lacking: Object.keys(layout.answers).map(() => 0) }));
    all.forms += 1;
    for (let slot = 0; slot < all.lacking.length; slot++) if (form.answers[slot] === undefined) all.lacking[slot]! += 1;
    for (const question of form.unknown ?? []) {
      const seen = this.unknownQuestions.get(this.unknownKey(layout, question))!;
      for (let slot = 0; slot < seen.lacking.length; slot++) if (form.answers[slot] === undefined) seen.lacking[slot]! += 1;
    }
  }

  /**
   * The layout's question an unknown one most likely renames: the one the forms answering it
   * lack far more often than the other forms do (an optional question, lacked by most forms
   * either way, is never it); where every form answers it, the one question every form lacks.
   */
  private renamedBy(seen: UnknownQuestion): string | undefined {
    const questions = Object.values(seen.layout.answers).map((a) => a.column);
    const all = this.lackingAll.get(seen.layout)!;
    const others = all.forms - seen.forms;
    let best: number | undefined;
    let bestLift = 0.5;
    for (let slot = 0; slot < questions.length; slot++) {
      const rate = seen.lacking[slot]! / seen.forms;
      if (others === 0) {
        if (rate < 1) continue;
        if (best !== undefined) return undefined;
        best = slot;
        continue;
      }
      const lift = rate - (all.lacking[slot]! - seen.lacking[slot]!) / others;
      if (lift > bestLift) [best, bestLift] = [slot, lift];
    }
    return best === undefined ? undefined : questions[best];
  }

  /**
   * One issue per question the layouts do not read, for the file, after complete() (isUnreadQuestion tells them): its answers
   * were not used. The adapter.yaml line to add names the layout's question it renames, where
   * the forms tell which.
   */
  unknownQuestionIssues(file: string, adapterFile: string): DataIssue[] {
    const field = this.carrier.get('question')!.spec.column;
    return [...this.unknownQuestions.values()].map((seen) => {
      const questions = Object.values(seen.layout.answers).map((a) => a.column);
      const renamed = this.renamedBy(seen);
      const add =
        renamed === undefined
          ? `if it is one of its questions (${questions.join(', ')}) under a new name, add to ${adapterFile}: questions: { ${seen.question}: <that question> }`
          : `the forms that answer it have no ${renamed}: if it is ${renamed} under a new name, add to ${adapterFile}: questions: { ${seen.question}: ${renamed} }`;
      return {
        file,
        line: seen.line,
        field,
        value: seen.question,
        problem: `question ${seen.question} ${UNREAD_QUESTION} ${seen.layout.title} form's layout reads, so its answers are not used; ${add}`,
        effect: 'value ignored' as const,
        rows: seen.rows,
      };
    });
  }

  /** Every form read, in the order their first rows came. */
  *complete(): Generator<CompletedForm> {
    for (const form of this.inProgress.values()) {
      const layout = form.layout;
      if (!layout) {
        yield { notRelevant: `not a supervision form (${form.type})`, rows: form.rows };
        continue;
      }
      this.countLacking(form, layout);
      const questions = this.questionSlots.get(layout)!;
      const cellOf = (f: PlannedField): Cell | undefined => {
        const column = layout.columns[f.name];
        if (column) return column.from === 'formId' ? { raw: form.id, line: form.line } : form.columns[this.formColumns.indexOf(column.from)];
        return form.answers[questions.get(this.normalised(f.spec.column))!];
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
            layout.columns[f.name] ? `the ${layout.title} form ${form.id} has no ${f.spec.column}` : `the ${layout.title} form ${form.id} has no ${f.spec.column} answer (${answered(form, layout)})`,
        },
      };
    }
    this.inProgress.clear();
  }
}

/** The question ids a form did answer, for a message about one it lacks: those its layout does not read first, as the likeliest new names. */
function answered(form: FormInProgress, layout: FormLayout): string {
  const read = Object.values(layout.answers)
    .filter((_, slot) => form.answers[slot] !== undefined)
    .map((a) => a.column);
  const unknown = form.unknown ?? [];
  if (unknown.length === 0) return read.length === 0 ? 'it answers no question' : `its questions: ${read.join(', ')}`;
  return `its questions: ${unknown.join(', ')}, which the layout does not read, and ${read.length === 0 ? 'none it does' : read.join(', ')}`;
}

const UNREAD_QUESTION = 'is not one the';

/** Whether an issue is one of unknownQuestionIssues': a question no layout reads, with the adapter.yaml line that would read it. */
export function isUnreadQuestion(issue: DataIssue): boolean {
  return issue.effect === 'value ignored' && issue.problem.startsWith(`question ${issue.value} ${UNREAD_QUESTION} `);
}
