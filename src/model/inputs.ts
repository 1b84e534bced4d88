/** What the report says about one input file: what it was read as, and where every row went. */
export interface InputSummary {
  file: string;
  /** The system whose layout the file was read as (mosaic, azeus, liquidlogic). */
  system: string;
  /** The export it was read as (workers, sessions, ...). */
  entity: string;
  /** `authority` when read with the authority's own column names, else the system's `reference` layout. */
  layout: 'authority' | 'reference';
  format: 'csv' | 'json';
  /** The text encoding found, or `json`. */
  encoding: string;
  rowsRead: number;
  rowsUsed: number;
  /** Every row not used: invalid rows (each with a data issue) and rows not relevant. */
  rowsRejected: number;
  /** Rows not relevant to any check, by reason (counted in rowsRejected). */
  notRelevant: Record<string, number>;
}
