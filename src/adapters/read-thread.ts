/**
 * A reading thread: reads the export files it is given, one at a time, and sends their
 * records back in batches, then the file's summary, issues and columns. Sessions and case
 * discussions, most of a big authority's rows, are put in their tables here and the tables
 * sent whole with the summary, their columns moved rather than copied. See read-files.ts.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { batchingSink, transferList } from './record-batches.js';
import { mapFile, type ReadThreadData, type ThreadReply, type ThreadRequest } from './read-files.js';
import { UnknownHeaderError } from './detect.js';
import { InputError } from '../ingest/table.js';
import { CaseDiscussions } from '../model/case-discussions.js';
import type { DataIssue } from '../model/issues.js';
import { tableTransferList } from '../model/record-table.js';
import { SupervisionSessions } from '../model/supervision-sessions.js';

const options = workerData as ReadThreadData;
const port = parentPort!;

port.on('message', ({ file }: ThreadRequest) => void read(file));

async function read(file: string): Promise<void> {
  const send = (reply: ThreadReply, transfer: ArrayBuffer[] = []): void => port.postMessage(reply, transfer);
  const batches = batchingSink((batch) => send({ type: 'batch', batch }, transferList(batch)));
  const sessions = new SupervisionSessions();
  const discussions = new CaseDiscussions();
  const issues: DataIssue[] = [];
  try {
    const tables = await mapFile(file, options, { ...batches, sessions, discussions }, issues);
    batches.flush();
    const whole = { sessions: sessions.forTransfer(), discussions: discussions.forTransfer() };
    send({ type: 'done', issues, ...tables, tables: whole }, [...tableTransferList(whole.sessions), ...tableTransferList(whole.discussions)]);
  } catch (err) {
    const error = err instanceof Error ? err : new Error(String(err));
    // A header that matches no layout goes back as data, so that it can be listed with the set's other problems.
    const header = error instanceof UnknownHeaderError ? { header: error.problem, adapterFile: options.adapterFile } : {};
    send({ type: 'failed', message: error.message, stack: error.stack ?? '', input: error instanceof InputError, ...header });
  }
}
