/**
 * Progress for a person watching a terminal, on one line of stderr that each step rewrites
 * and the end clears: never on stdout, never when stderr is not a terminal, so that no part of
 * a long run looks like a hang and nothing of it reaches a pipe or a log.
 */
import type { InputSummary } from '../model/inputs.js';
import type { Terminal } from './audit.js';
import { visible } from '../report/visible.js';

export interface StatusLine {
  say(text: string): void;
  /** Clears the line, if anything is on it. */
  done(): void;
}

export function statusLine(terminal: Terminal): StatusLine {
  if (!terminal.stderr.isTTY) return { say: () => undefined, done: () => undefined };
  let shown = false;
  const write = (text: string): void => {
    shown = text !== '';
    terminal.stderr.write(`\r\u001b[K${visible(text)}`);
  };
  return {
    say: write,
    done() {
      if (shown) write('');
    },
  };
}

export interface AuditProgress {
  start(file: string, count: number): void;
  file(summaries: InputSummary[]): void;
  rule(index: number, count: number, requirement: string): void;
  writing(where: string): void;
  done(): void;
}

/** An audit's steps: files and rows read so far, the rule being checked, the report being written. */
export function auditProgress(terminal: Terminal): AuditProgress {
  const line = statusLine(terminal);
  let files = 0;
  let rows = 0;
  const rowsSoFar = (): string => rows.toLocaleString('en-GB');
  return {
    start(file, count) {
      line.say(`reading ${file} (${files} of ${count} files read, ${rowsSoFar()} rows so far)`);
    },
    file(summaries) {
      files += 1;
      for (const summary of summaries) rows += summary.rowsRead;
      line.say(`read ${files} file${files === 1 ? '' : 's'}, ${rowsSoFar()} rows`);
    },
    rule(index, count, requirement) {
      line.say(`checking rule ${index + 1} of ${count}, ${requirement}, with its month figures (${rowsSoFar()} rows read)`);
    },
    writing(where) {
      line.say(`writing ${where}`);
    },
    done: () => line.done(),
  };
}
