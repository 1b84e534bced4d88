// The look-ahead of an export folder (what falls due in the next 14 days) to JSON, in this process
// as the command line runs it. Prints its figures as JSON.
import { join } from 'node:path';
import { timedCommand } from './timed-command.js';

const [dir, policy] = process.argv.slice(2);
await timedCommand((out) => ['due', dir, '--policy', policy, '--as-of', '2026-10-31', '--format', 'json', '--output', join(out, 'due.json'), '--fail-on', 'none']);
