/** A problem found in the input: where, which value, what is wrong and what was done about it. */
export interface DataIssue {
  file: string;
  /** The physical line; 1 is the header. */
  line: number;
  field: string;
  value: string;
  problem: string;
  effect: IssueEffect;
  /**
   * For a problem of a whole column (a date column saved as day numbers), reported once for
   * its file: how many rows have it. `line` is the first of them.
   */
  rows?: number;
}

/**
 * - `row rejected`: the row was not used (it is counted in rowsRejected);
 * - `value ignored`: the row was used without this value;
 * - `kept`: the row was used as the problem says (an unknown job title kept as role other);
 * - `note`: nothing was lost (an unknown extra column).
 */
export type IssueEffect = 'row rejected' | 'value ignored' | 'kept' | 'note';
