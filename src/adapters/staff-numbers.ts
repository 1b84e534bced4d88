/**
 * Whose staff records (REQUIREMENTS.md, "Whose staff records: worker ids and staff numbers"): an
 * HR export names workers by the case management system's worker id or by the HR system's own
 * staff number, which the workers export may carry. Its records are joined to workers by the
 * one the authority's adapter.yaml names, or else by whichever matches more of its ids; an HR
 * export of which fewer than half the ids join stops the audit, since every one of its workers
 * would otherwise appear to have no registration, no DBS check and no appraisal.
 */
import type { FileSummary } from './mapper.js';
import { InputError } from '../ingest/table.js';
import type { DataIssue } from '../model/issues.js';
import type { SourceRef, StaffRecord, StaffRecordKey, WorkerPeriod } from '../model/records.js';

export interface StaffRecordMatch {
  /** The staff records joined to workers, each naming its worker by worker id. */
  records: StaffRecord[];
  /** The rows rejected because their id joins no worker, by file: judged by this join alone, not by --max-rejected. */
  unmatchedRows: Map<string, number>;
}

const WORDS: Record<StaffRecordKey, string> = { workerId: 'worker ids', staffNumber: 'staff numbers' };

/**
 * Joins staff records to workers. `reject` takes a row out with its issue and counts it in its
 * file. Throws an InputError, naming the HR file, when fewer than half its ids join.
 */
export function matchStaffRecords(
  records: StaffRecord[],
  workerRows: readonly WorkerPeriod[],
  inputs: FileSummary[],
  options: { matchOn?: StaffRecordKey | undefined; adapterFile: string; issues: DataIssue[]; columnOf: (source: SourceRef, field: string) => string },
  reject: (record: StaffRecord, field: string, value: string, problem: string) => void,
): StaffRecordMatch {
  const unmatchedRows = new Map<string, number>();
  if (records.length === 0) return { records, unmatchedRows };
  const workerIds = new Set(workerRows.map((w) => w.id));
  const byStaffNumber = staffNumbers(workerRows, options.issues, options.columnOf);
  const ids = [...new Set(records.map((r) => r.workerId))];
  const joined: { [K in StaffRecordKey]: number } = {
    workerId: ids.filter((id) => workerIds.has(id)).length,
    staffNumber: ids.filter((id) => byStaffNumber.has(id)).length,
  };
  const matchOn: StaffRecordKey = options.matchOn ?? (joined.staffNumber > joined.workerId ? 'staffNumber' : 'workerId');
  const hrFiles = [...new Set(records.map((r) => r.file))];
  for (const input of inputs) if (hrFiles.includes(input.file)) input.matchedOn = matchOn;
  if (joined[matchOn] * 2 < ids.length) throw new InputError(stopSentence(hrFiles, ids, joined, matchOn, { workerIds, byStaffNumber, workerRows, ...options }));

  const workerOf = (id: string): string | undefined => (matchOn === 'workerId' ? (workerIds.has(id) ? id : undefined) : byStaffNumber.get(id));
  const matched: StaffRecord[] = [];
  for (const record of records) {
    const workerId = workerOf(record.workerId);
    if (workerId !== undefined) {
      matched.push(workerId === record.workerId ? record : { ...record, workerId });
      continue;
    }
    const problem =
      matchOn === 'workerId'
        ? `worker ${record.workerId} is not in any workers file, so nothing can be checked for them`
        : `staff number ${record.workerId} is no worker's in the workers files, so nothing can be checked for them`;
    reject(record, 'workerId', record.workerId, problem);
    unmatchedRows.set(record.file, (unmatchedRows.get(record.file) ?? 0) + 1);
  }
  return { records: matched, unmatchedRows };
}

/** Each staff number and the one worker it belongs to; a number that two workers carry belongs to neither, with an issue on each. */
function staffNumbers(workerRows: readonly WorkerPeriod[], issues: DataIssue[], columnOf: (source: SourceRef, field: string) => string): Map<string, string> {
  const owners = new Map<string, WorkerPeriod[]>();
  for (const row of workerRows) {
    if (row.staffNumber === null) continue;
    const rows = owners.get(row.staffNumber) ?? [];
    rows.push(row);
    owners.set(row.staffNumber, rows);
  }
  const byStaffNumber = new Map<string, string>();
  for (const [staffNumber, rows] of owners) {
    const workers = [...new Set(rows.map((r) => r.id))];
    if (workers.length === 1) {
      byStaffNumber.set(staffNumber, workers[0]!);
      continue;
    }
    for (const row of rows) {
      const others = workers.filter((id) => id !== row.id).join(', ');
      issues.push({
        file: row.file,
        line: row.line,
        field: columnOf(row, 'staffNumber'),
        value: staffNumber,
        problem: `staff number ${staffNumber} is also worker ${others}'s: staff records with it cannot be told apart, so none is joined to either`,
        effect: 'value ignored',
      });
    }
  }
  return byStaffNumber;
}

function stopSentence(
  hrFiles: string[],
  ids: string[],
  joined: { [K in StaffRecordKey]: number },
  matchOn: StaffRecordKey,
  context: { workerIds: Set<string>; byStaffNumber: Map<string, string>; workerRows: readonly WorkerPeriod[]; matchOn?: StaffRecordKey | undefined; adapterFile: string },
): string {
  const unmatched = ids.filter((id) => (matchOn === 'workerId' ? !context.workerIds.has(id) : !context.byStaffNumber.has(id))).slice(0, 3);
  const counts = `${joined.workerId} of its ${ids.length} ids match a worker id and ${joined.staffNumber} a staff number`;
  const named = context.matchOn === undefined ? '' : ` (${context.adapterFile} says to match on ${WORDS[matchOn]})`;
  const carriesNumbers = context.workerRows.some((w) => w.staffNumber !== null);
  const other: StaffRecordKey = matchOn === 'workerId' ? 'staffNumber' : 'workerId';
  const fix =
    context.matchOn !== undefined && joined[other] * 2 >= ids.length
      ? `set staffRecords: { matchOn: ${other} } in ${context.adapterFile}`
      : carriesNumbers
        ? `export the HR records with the ids the workers export uses, or set staffRecords: { matchOn: staffNumber } in ${context.adapterFile} if they are staff numbers that the workers export should carry`
        : 'add the HR system’s staff number to the workers export (STAFF_NUMBER in Mosaic, STAFF_NO in AzeusCare, STAFF_ID in Liquid Logic), or export the HR records by worker id';
  return `${hrFiles.join(', ')}: the staff records cannot be joined to the workers${named}: ${counts} (not matched: ${unmatched.join(', ')}), so every worker would seem to have no registration, DBS check or appraisal. To join them, ${fix}`;
}
