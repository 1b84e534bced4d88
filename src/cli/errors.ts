/**
 * Errors that stop an audit for a reason a person can act on (what they gave it, or what the
 * machine could not do: an output that cannot be written, a reading thread that died): exit 2,
 * one line, no stack.
 */
import { ReadingThreadError } from '../adapters/read-files.js';
import { DiffError } from '../audit/diff.js';
import { InputError } from '../ingest/table.js';
import { codeGenerationAllowed } from '../model/code-generation.js';
import { PolicyError } from '../policy/load.js';
import { WindowError } from '../time/window.js';
import { OutputError } from './output.js';

export class UsageError extends Error {
  override name = 'UsageError';
}

export function isUserError(err: unknown): err is Error {
  return [InputError, PolicyError, WindowError, UsageError, OutputError, ReadingThreadError, DiffError].some((kind) => err instanceof kind);
}

/** An option's value, one of those allowed; a usage error naming them otherwise. */
export function choose<T extends string>(name: string, value: string | undefined, allowed: readonly T[]): T | undefined {
  if (value === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(value)) throw new UsageError(`--${name} ${value} is not one of ${allowed.join(', ')}`);
  return value as T;
}

export const EXIT = { clean: 0, exceptions: 1, stopped: 2 } as const;

/**
 * Stops, before anything is read, a workbook or an evidence pack that Node could not write: their
 * libraries (exceljs, vega) compile code from strings, which --disallow-code-generation-from-strings
 * (set in NODE_OPTIONS on some hardened hosts) forbids. The other formats need no such code.
 */
export function refuseFormatWithoutCodeGeneration(format: string): void {
  if ((format !== 'xlsx' && format !== 'html') || codeGenerationAllowed()) return;
  const what = format === 'xlsx' ? 'a workbook' : 'an evidence pack';
  throw new UsageError(`--format ${format} cannot be written here: Node is run with --disallow-code-generation-from-strings (in NODE_OPTIONS?), and the library that writes ${what} needs it. Give --format csv or json, or run without that option`);
}

/** --limit: how many exceptions and data issues a table lists (0: all of them). */
export function listLimit(value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!/^\d{1,9}$/.test(value)) throw new UsageError(`--limit ${value} is not a whole number (0 lists everything)`);
  return Number(value);
}
