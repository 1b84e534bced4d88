/** Errors that stop an audit because of what the user gave it: exit 2, one line, no stack. */
import { InputError } from '../ingest/table.js';
import { PolicyError } from '../policy/load.js';
import { WindowError } from '../time/window.js';
import { OutputError } from './output.js';

export class UsageError extends Error {
  override name = 'UsageError';
}

export function isUserError(err: unknown): err is Error {
  return err instanceof InputError || err instanceof PolicyError || err instanceof WindowError || err instanceof UsageError || err instanceof OutputError;
}

export const EXIT = { clean: 0, exceptions: 1, stopped: 2 } as const;
