/**
 * The codes of a file that its adapter does not map, each counted once however many rows
 * hold it: what an audit that stops lists, with the adapter.yaml lines that would map them,
 * so that one run names every code to add rather than the first of each kind.
 */
import type { CodeMapName } from './codes.js';
import { normaliseCode } from './convert.js';
import type { IssueEffect } from '../model/issues.js';

/** A code of one column of one file that the adapter does not map. */
export interface UnknownCode {
  file: string;
  column: string;
  map: CodeMapName;
  /** As the first row writes it (trimmed). */
  code: string;
  /** The first row that holds it. */
  line: number;
  /** Rows that hold it (rows not relevant to the audit aside). */
  rows: number;
  /** What was done with those rows: rejected, the value dropped, or kept (a job title as role other). */
  effect: IssueEffect;
}

/** A column with more unknown codes than are listed: how many more. */
export interface MoreCodes {
  file: string;
  column: string;
  codes: number;
}

/** Codes told apart per column at most: past them (a column of something else?), codes are counted, not listed. */
export const MAX_CODES_PER_COLUMN = 30;

/** The unknown codes of one table, with how many more codes each column had past the bound. */
export class UnknownCodeTally {
  private readonly byKey = new Map<string, UnknownCode>();
  private readonly perColumn = new Map<string, number>();
  /** Distinct codes past the bound, by column: counted only. */
  readonly more = new Map<string, number>();
  private readonly pastBound = new Map<string, Set<string>>();

  constructor(private readonly file: string) {}

  add(column: string, map: CodeMapName, code: string, line: number, effect: IssueEffect, rows = 1): void {
    const normal = normaliseCode(code);
    const key = `${column}\u0001${map}\u0001${normal}`;
    const seen = this.byKey.get(key);
    if (seen) {
      seen.rows += rows;
      return;
    }
    const count = this.perColumn.get(column) ?? 0;
    if (count >= MAX_CODES_PER_COLUMN) {
      const past = this.pastBound.get(column) ?? new Set<string>();
      this.pastBound.set(column, past);
      // Only how many: a set of them is bounded too, so a column of junk costs little.
      if (past.size < 10_000 && !past.has(normal)) {
        past.add(normal);
        this.more.set(column, past.size);
      }
      return;
    }
    this.perColumn.set(column, count + 1);
    this.byKey.set(key, { file: this.file, column, map, code: code.trim(), line, rows, effect });
  }

  list(): UnknownCode[] {
    return [...this.byKey.values()];
  }

  /** Columns with more codes than were listed, and how many more. */
  moreCodes(): MoreCodes[] {
    return [...this.more].map(([column, codes]) => ({ file: this.file, column, codes }));
  }
}
