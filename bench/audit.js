// The full audit of an export folder to a report (JSON unless a format is given: table, csv, xlsx,
// html; `stdout` for JSON on standard output, redirected to a file as `> report.json` does; any
// further arguments are passed on, say --limit 0), in this process as the command line runs it.
// Prints its figures as JSON, with each phase's (read, build, rules, month figures, write).
import { join } from 'node:path';
import { timedCommand } from './timed-command.js';

const [dir, policy, format = 'json', ...extra] = process.argv.slice(2);
const output = (out) => (format === 'stdout' ? ['--format', 'json'] : ['--format', format, '--output', join(out, `report.${format}`)]);
await timedCommand((out) => ['audit', dir, '--policy', policy, '--as-of', '2026-10-31', ...output(out), '--fail-on', 'none', ...extra], { phases: true });
