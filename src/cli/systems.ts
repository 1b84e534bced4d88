/** `supervision-audit systems`: the reference layouts each adapter reads out of the box. */
import type { FieldSpec } from '../adapters/layout.js';
import { SYSTEM_LAYOUTS } from '../adapters/systems.js';
import type { Terminal } from './audit.js';
import { EXIT } from './errors.js';

const columnList = (fields: FieldSpec[]): string =>
  fields.map((f) => (f.type.kind === 'free-text' ? `${f.column} (read, never reported)` : f.column)).join(', ');

export function listSystems(terminal: Terminal): number {
  const out: string[] = [];
  for (const layout of Object.values(SYSTEM_LAYOUTS)) {
    out.push(`${layout.title} (--system ${layout.system}); dates ${layout.dateFormat}`);
    for (const entity of layout.entities) {
      const fields = Object.values(entity.fields);
      out.push(`  ${entity.entity}: ${entity.title}`);
      out.push(`    required: ${fields.filter((f) => f.required).map((f) => f.column).join(', ')}`);
      const optional = fields.filter((f) => !f.required);
      if (optional.length > 0) out.push(`    optional: ${columnList(optional)}`);
      for (const form of entity.forms ?? []) {
        const answers = Object.values(form.answers);
        out.push(`    ${form.formType} forms, one row per answer, read as one ${form.entity} record each:`);
        out.push(`      required answers: ${answers.filter((f) => f.required).map((f) => f.column).join(', ')}`);
        out.push(`      optional answers: ${columnList(answers.filter((f) => !f.required))}`);
      }
    }
    out.push('');
  }
  terminal.stdout.write(out.join('\n'));
  return EXIT.clean;
}
