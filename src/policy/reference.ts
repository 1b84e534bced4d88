/**
 * The check reference (`policies checks`): every check of the catalogue and every parameter it
 * takes, read from the very zod schemas the loader validates rules with, so that what it says
 * a parameter accepts is what the loader accepts.
 */
import type { z } from 'zod';
import type { Check } from '../checks/check.js';
import { INTERVAL_UNITS, unitWords } from '../time/interval.js';
import { describeRuleParams } from './describe.js';

interface Def {
  type: string;
  shape?: Record<string, z.ZodType>;
  innerType?: z.ZodType;
  in?: z.ZodType;
  element?: z.ZodType;
  keyType?: z.ZodType;
  valueType?: z.ZodType;
  options?: z.ZodType[];
  entries?: Record<string, string>;
  values?: unknown[];
  defaultValue?: unknown;
}

const defOf = (schema: z.ZodType): Def => (schema as unknown as { _zod: { def: Def } })._zod.def;

/** A schema with its wrappers (optional, default, a transform after it) taken off. */
function unwrap(schema: z.ZodType): z.ZodType {
  let current = schema;
  for (;;) {
    if (INTERVAL_UNITS.has(current)) return current;
    const def = defOf(current);
    if (def.innerType && ['optional', 'default', 'prefault', 'nullable', 'readonly', 'catch'].includes(def.type)) current = def.innerType;
    else if (def.type === 'pipe' && def.in) current = def.in;
    else return current;
  }
}

/** The schema of the value at `path` inside a schema, unwrapped; null where the path leads nowhere it knows. */
function schemaAt(schema: z.ZodType, path: ReadonlyArray<PropertyKey>): z.ZodType | null {
  let current = unwrap(schema);
  for (const key of path) {
    const def = defOf(current);
    if (def.type === 'object' && typeof key === 'string' && def.shape?.[key]) current = unwrap(def.shape[key]);
    else if (def.type === 'array' && typeof key === 'number' && def.element) current = unwrap(def.element);
    else if (def.type === 'record' && def.valueType) current = unwrap(def.valueType);
    else return null;
  }
  return current;
}

/** The accepted keys of the mapping at `path` inside a schema, or null where it is not a mapping. */
export function acceptedKeys(schema: z.ZodType, path: ReadonlyArray<PropertyKey>): string[] | null {
  const found = schemaAt(schema, path);
  const def = found ? defOf(found) : null;
  return def?.type === 'object' && def.shape ? Object.keys(def.shape) : null;
}

/** What the value at `path` inside a schema must be, in the reference's words ("list of any of cin, cp"), or null. */
export function expectedAt(schema: z.ZodType, path: ReadonlyArray<PropertyKey>): string | null {
  const found = schemaAt(schema, path);
  return found ? typeWords(found) : null;
}

/** What a parameter's value is, in words. */
function typeWords(schema: z.ZodType): string {
  const inner = unwrap(schema);
  const units = INTERVAL_UNITS.get(inner);
  if (units) return `interval in ${units.map(unitWords).join(', ')} (at most ten years)`;
  const def = defOf(inner);
  switch (def.type) {
    case 'string':
      return 'text';
    case 'boolean':
      return 'true or false';
    case 'number':
      return 'number';
    case 'enum':
      return `one of ${Object.values(def.entries ?? {}).join(', ')}`;
    case 'literal':
      return (def.values ?? []).map((v) => `"${String(v)}"`).join(' or ');
    case 'array': {
      const element = defOf(unwrap(def.element!));
      return element.type === 'enum' ? `list of any of ${Object.values(element.entries ?? {}).join(', ')}` : `list of ${typeWords(def.element!)}`;
    }
    case 'object':
      return `mapping of ${Object.keys(def.shape ?? {}).join(', ')}`;
    case 'record': {
      const key = defOf(unwrap(def.keyType!));
      const keys = key.type === 'enum' ? `keys any of ${Object.values(key.entries ?? {}).join(', ')}` : `${typeWords(def.keyType!)} keys`;
      return `mapping, ${keys}, each value ${typeWords(def.valueType!)}`;
    }
    case 'union':
      return (def.options ?? []).map(typeWords).join(', or ');
    default:
      return 'any value';
  }
}

/** The default a schema fills in when the key is left out, or undefined. */
function defaultOf(schema: z.ZodType): { value: unknown } | undefined {
  let current = schema;
  for (;;) {
    const def = defOf(current);
    if (def.type === 'default') return { value: def.defaultValue };
    if (def.innerType && ['optional', 'nullable', 'readonly'].includes(def.type)) current = def.innerType;
    else return undefined;
  }
}

const isOptional = (schema: z.ZodType): boolean => (schema as unknown as { _zod: { optin?: string } })._zod.optin === 'optional';

/** One line per parameter, nested mappings and lists of mappings below their parent. */
function parameterLines(schema: z.ZodType, prefix: string, out: string[]): void {
  const def = defOf(unwrap(schema));
  if (def.type !== 'object' || !def.shape) return;
  for (const [key, value] of Object.entries(def.shape)) {
    const name = `${prefix}${key}`;
    const fallback = defaultOf(value);
    const need = fallback ? `default ${describeRuleParams(fallback.value)}` : isOptional(value) ? 'optional' : 'required';
    out.push(`    ${name}: ${typeWords(value)}; ${need}`);
    const inner = defOf(unwrap(value));
    if (inner.type === 'object') parameterLines(value, `${name}.`, out);
    if (inner.type === 'array' && defOf(unwrap(inner.element!)).type === 'object') parameterLines(inner.element!, `${name}[].`, out);
    for (const option of inner.type === 'union' ? (inner.options ?? []) : []) parameterLines(option, `${name}.`, out);
  }
}

/** What a check reads: its record kinds, or that its parameters choose them. */
function readsWords(check: Check): string {
  return typeof check.needs === 'function' ? 'the records its parameters name' : check.needs.join(', ');
}

/** The reference text of one check. */
export function checkReference(check: Check): string {
  const lines = [
    check.id,
    `  ${check.description}`,
    `  subject: ${check.subject}; reads: ${readsWords(check)}`,
    `  findings: ${Object.keys(check.messages).join(', ')}`,
    '  parameters:',
  ];
  const before = lines.length;
  parameterLines(check.params, '', lines);
  if (lines.length === before) lines[before - 1] = '  parameters: none';
  return lines.join('\n');
}

/** The reference text of every check, in catalogue order. */
export function catalogueReference(checks: readonly Check[]): string {
  return checks.map(checkReference).join('\n\n');
}
