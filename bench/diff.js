// `diff` of two reports to a file, in this process as the command line runs it. Prints its figures as JSON.
import { join } from 'node:path';
import { timedCommand } from './timed-command.js';

const [earlier, later, format] = process.argv.slice(2);
await timedCommand((out) => ['diff', earlier, later, '--format', format, '--output', join(out, `changes.${format === 'table' ? 'txt' : format}`), '--fail-on', 'none']);
