/**
 * Whose staff records (REQUIREMENTS.md, "Whose staff records: worker ids and staff numbers"): an
 * HR export names workers by the case management system's worker id or by the HR system's own
 * staff number, which the workers export may carry. Each id is joined by the key it matches (or
 * only by the one the authority's adapter.yaml names); an HR export of which fewer than half the
 * ids join stops the audit, since most of its workers would otherwise appear to have no
 * registration, no DBS check and no appraisal.
 */
import { rejectedRowWords, type FileSummary, type RejectedWorkerRow } from './mapper.js';
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
 * Joins staff records to workers, each id by the key it matches: worker ids and staff numbers
 * are disjoint in practice (training records may come keyed by worker id from the learning
 * platform and the rest by staff number from HR). `reject` takes a row out with its issue and
 * counts it in its file. Throws an InputError, naming the HR file, when fewer than half its ids
 * join either way.
 */
export function matchStaffRecords(
  records: StaffRecord[],
  workerRows: readonly WorkerPeriod[],
  inputs: FileSummary[],
  options: {
    matchOn?: StaffRecordKey | undefined;
    adapterFile: string;
    issues: DataIssue[];
    columnOf: (source: SourceRef, field: string) => string;
    /** Workers rows rejected, by worker id: a staff record of one names that row rather than calling the worker unknown. */
    rejectedWorkers?: ReadonlyMap<string, RejectedWorkerRow>;
  },
  reject: (record: StaffRecord, field: string, value: string, problem: string) => void,
): StaffRecordMatch {
  const unmatchedRows = new Map<string, number>();
  if (records.length === 0) return { records, unmatchedRows };
  const workerIds = new Set(workerRows.map((w) => w.id));
  const byStaffNumber = staffNumbers(workerRows, options.issues, options.columnOf);
  const { matchOn } = options;
  // Each distinct id's worker, or the reason it has none: decided once per id, not per row.
  const joins = new Map<string, Join>();
  const joined: { [K in StaffRecordKey]: number } = { workerId: 0, staffNumber: 0 };
  for (const record of records) {
    if (joins.has(record.workerId)) continue;
    const join = joinOf(record.workerId, matchOn, workerIds, byStaffNumber);
    joins.set(record.workerId, join);
    if (join.key !== null) joined[join.key]++;
  }
  const hrFiles = [...new Set(records.map((r) => r.file))];
  for (const input of inputs) if (hrFiles.includes(input.file)) input.matchedOn = { ...joined };
  // An id whose workers row was rejected is keyed rightly: that row is the problem, named on each of its records below.
  const rejectedRow = (id: string): RejectedWorkerRow | undefined => (matchOn === 'staffNumber' ? undefined : options.rejectedWorkers?.get(id));
  let ofRejectedRows = 0;
  for (const [id, join] of joins) if (join.key === null && join.problem === null && rejectedRow(id) !== undefined) ofRejectedRows++;
  if ((joined.workerId + joined.staffNumber + ofRejectedRows) * 2 < joins.size) {
    const eitherWay = (key: StaffRecordKey): number => [...joins.keys()].filter((id) => (key === 'workerId' ? workerIds.has(id) : byStaffNumber.has(id))).length;
    throw new InputError(stopSentence(hrFiles, joins, joined, { workerId: eitherWay('workerId'), staffNumber: eitherWay('staffNumber') }, { workerRows, ...options }));
  }

  // An id that joins neither way is named as what most of the export's ids are.
  const likelyKey: StaffRecordKey = matchOn ?? (joined.staffNumber > joined.workerId ? 'staffNumber' : 'workerId');
  const matched: StaffRecord[] = [];
  for (const record of records) {
    const join = joins.get(record.workerId)!;
    if (join.key !== null) {
      matched.push(join.worker === record.workerId ? record : { ...record, workerId: join.worker });
      continue;
    }
    reject(record, 'workerId', record.workerId, join.problem ?? unknownId(record.workerId, likelyKey, rejectedRow(record.workerId)));
    unmatchedRows.set(record.file, (unmatchedRows.get(record.file) ?? 0) + 1);
  }
  return { records: matched, unmatchedRows };
}

/** An id's worker and the key it joined by; or none, with the reason when it is not simply unknown. */
type Join = { key: StaffRecordKey; worker: string } | { key: null; problem: string | null };

/** How one HR id joins a worker: by the key it matches (only the adapter's, when it names one). */
function joinOf(id: string, matchOn: StaffRecordKey | undefined, workerIds: ReadonlySet<string>, byStaffNumber: ReadonlyMap<string, string>): Join {
  const asWorker = matchOn !== 'staffNumber' && workerIds.has(id) ? id : undefined;
  const asStaffNumber = matchOn !== 'workerId' ? byStaffNumber.get(id) : undefined;
  if (asWorker !== undefined && asStaffNumber !== undefined && asWorker !== asStaffNumber) {
    return {
      key: null,
      problem: `${id} is worker ${asWorker}'s id and worker ${asStaffNumber}'s staff number, so its records cannot be told apart; set staffRecords: { matchOn: workerId } or { matchOn: staffNumber } in adapter.yaml to say which`,
    };
  }
  if (asWorker !== undefined) return { key: 'workerId', worker: asWorker };
  if (asStaffNumber !== undefined) return { key: 'staffNumber', worker: asStaffNumber };
  return { key: null, problem: null };
}

/** Why an id joins no worker: the workers row it names was rejected (say which and why), or no workers file has it. */
function unknownId(id: string, key: StaffRecordKey, rejectedRow: RejectedWorkerRow | undefined): string {
  if (rejectedRow !== undefined) return rejectedRowWords(id, rejectedRow);
  return key === 'staffNumber'
    ? `staff number ${id} is no worker's in the workers files, so nothing can be checked for them`
    : `worker ${id} is not in any workers file, so nothing can be checked for them`;
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
  joins: ReadonlyMap<string, Join>,
  joined: { [K in StaffRecordKey]: number },
  wouldJoin: { [K in StaffRecordKey]: number },
  context: { workerRows: readonly WorkerPeriod[]; matchOn?: StaffRecordKey | undefined; adapterFile: string },
): string {
  const ids = joins.size;
  const unmatched = [...joins].filter(([, join]) => join.key === null).map(([id]) => id);
  const both = joined.workerId + joined.staffNumber;
  const named = context.matchOn === undefined ? '' : ` (${context.adapterFile} says to match on ${WORDS[context.matchOn]})`;
  const counts =
    context.matchOn === undefined
      ? `${both} of its ${ids} ids join a worker (${joined.workerId} by worker id, ${joined.staffNumber} by staff number) and ${unmatched.length} join neither`
      : `${both} of its ${ids} ids match a ${context.matchOn === 'workerId' ? 'worker id' : 'staff number'} (${wouldJoin.workerId} match a worker id and ${wouldJoin.staffNumber} a staff number)`;
  const consequence =
    both === 0
      ? 'so every worker would seem to have no registration, DBS check or appraisal'
      : `so the records of the other ${unmatched.length} would be rejected and the staff rules would rest on the few that join`;
  const carriesNumbers = context.workerRows.some((w) => w.staffNumber !== null);
  const fix =
    context.matchOn !== undefined
      ? `remove staffRecords: { matchOn: ${context.matchOn} } from ${context.adapterFile}, so that each id joins by the key it matches${wouldJoin.workerId + wouldJoin.staffNumber > both ? '' : ', or export the HR records by ' + WORDS[context.matchOn]}`
      : carriesNumbers
        ? 'export the HR records with the worker ids or staff numbers the workers export carries (leave out agency and other staff the workers export does not name)'
        : 'add the HR system’s staff number to the workers export (STAFF_NUMBER in Mosaic, STAFF_NO in AzeusCare, STAFF_ID in Liquid Logic), or export the HR records by worker id';
  return `${hrFiles.join(', ')}: the staff records cannot be joined to the workers${named}: ${counts} (not joined: ${unmatched.slice(0, 3).join(', ')}), ${consequence}. To join them, ${fix}`;
}
