/**
 * The data issues of one file, with each kind listed up to a limit and the rest counted: a
 * file of junk then costs memory in proportion to what the audit keeps, not to what it rejects.
 * Issues are of one kind when they have the same field, effect and words, the values they quote
 * and their numbers aside ("the row has 3 cells but the header has 9" is one kind whatever the
 * counts). It is an array of the issues listed, so a mapper pushes to it as to any list.
 */
import { ISSUES_LISTED } from '../ingest/limits.js';
import type { DataIssue } from '../model/issues.js';

interface Overflow {
  /** The first issue not listed: its line, field and problem stand for the rest. */
  first: DataIssue;
  rows: number;
}

const kindOf = (issue: DataIssue): string => `${issue.effect}\u0001${issue.field}\u0001${issue.problem.replace(/"[^"]*"/g, '""').replace(/\d+/g, '0')}`;

export class IssueList extends Array<DataIssue> {
  static override get [Symbol.species](): ArrayConstructor {
    return Array;
  }

  private listed = new Map<string, number>();
  private overflow = new Map<string, Overflow>();
  private limit = ISSUES_LISTED;

  static bounded(limit = ISSUES_LISTED): IssueList {
    const list = new IssueList();
    list.limit = limit;
    return list;
  }

  override push(...added: DataIssue[]): number {
    for (const issue of added) {
      const kind = kindOf(issue);
      const count = this.listed.get(kind) ?? 0;
      if (count < this.limit) {
        this.listed.set(kind, count + 1);
        super.push(issue);
        continue;
      }
      const over = this.overflow.get(kind);
      if (over) over.rows += issue.rows ?? 1;
      else this.overflow.set(kind, { first: issue, rows: issue.rows ?? 1 });
    }
    return this.length;
  }

  /** The issues listed, then one for each kind past the limit counting the rows it stands for. */
  finish(): DataIssue[] {
    const out: DataIssue[] = Array.from(this);
    for (const { first, rows } of this.overflow.values()) {
      out.push({
        ...first,
        problem: `${first.problem}. ${rows.toLocaleString('en-GB')} rows from line ${first.line.toLocaleString('en-GB')} on have this problem too: they are counted here rather than listed (each kind of problem is listed for its first ${this.limit.toLocaleString('en-GB')} rows)`,
        rows,
      });
    }
    return out;
  }
}
