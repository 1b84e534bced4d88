/**
 * The command line. Exit codes: 0 the audit ran with no exception (or --fail-on none), 1 it
 * found exceptions, 2 a usage, policy or input error stopped it (one line on stderr; the
 * stack trace only with --debug).
 */
import { Command, CommanderError, Option } from 'commander';
import { audit, type AuditOptions, type Terminal } from './audit.js';
import { diff, type DiffOptions } from './diff.js';
import { due, type DueOptions } from './due.js';
import { EXIT, isUserError } from './errors.js';
import { checkPolicy, describeChecks, listPolicies, showPolicy, startClauses, startPolicy } from './policies.js';
import { listSystems } from './systems.js';
import { VERSION } from './version.js';
import { visible } from '../report/visible.js';
import { guardStdout } from './stdout.js';

/** A user error's message: its own lines (a suggestion to paste), each with any control character a file name or value brought into it shown escaped. */
function printable(message: string): string {
  return message.split('\n').map(visible).join('\n');
}

const AUDIT_EXAMPLES = `
Exports: a folder of CSV, JSON or Excel (.xlsx) files as the report tool saved them;
title rows, totals, display-name headers and files that are not exports are allowed for.

Examples:
  The QA officer's monthly workbook:
    $ supervision-audit audit exports/ --policy barnsley --month last --format xlsx --output audit-2026-10.xlsx
  The evidence pack for an inspection:
    $ supervision-audit audit exports/ --policy barnsley --as-of 2026-10-31 --format html --output evidence-pack.html
  A scheduled run that says what is new since last month (exit 1 when something is):
    $ supervision-audit audit exports/ --policy barnsley --month last --format json --output reports/2026-10.json --fail-on none
    $ supervision-audit diff reports/2026-09.json reports/2026-10.json
`;

const DUE_EXAMPLES = `
Lists, for every rule that keeps a chain of due dates, what falls due by the audit date plus
--within days for each worker in post and case open on the audit date, and what is overdue,
grouped by team. Exit 1 when anything is overdue (--fail-on none: never).

Examples:
  Monday morning, for every team:
    $ supervision-audit due exports/ --policy barnsley
  One team manager's list, as of a date, for the next week:
    $ supervision-audit due exports/ --policy barnsley --team "Assessment Team North" --as-of 2026-10-31 --within 7
  A file for each team and an index, for a scheduled job to send on:
    $ supervision-audit due exports/ --policy barnsley --format xlsx --split-by team --output due/ --fail-on none
`;

export async function main(argv: string[], terminal: Terminal): Promise<number> {
  let exitCode: number = EXIT.clean;
  const debug = argv.includes('--debug');
  const program = new Command('supervision-audit')
    .description('Audits social care supervision records against an authority’s supervision policy.')
    .version(VERSION)
    .option('--debug', 'show the stack trace of an error')
    .exitOverride()
    .configureOutput({
      // An option's value is echoed in commander's own messages: shown escaped like any other.
      writeOut: (text) => terminal.stdout.write(printable(text)),
      writeErr: (text) => terminal.stderr.write(printable(text)),
    });

  program
    .command('audit')
    .description('audit export files (or folders of them) against a policy')
    .argument('<path...>', 'export files, or folders holding them')
    .requiredOption('--policy <id|path>', 'a bundled policy id, or a policy folder or file')
    .option('--as-of <YYYY-MM-DD>', 'the audit date (default: today in Europe/London)')
    .option('--from <YYYY-MM-DD>', 'the window start (default: the 12 months up to --as-of)')
    .option('--month <YYYY-MM|last>', 'audit one calendar month')
    .addOption(new Option('--format <format>', 'output format (default: table on a terminal, else json; xlsx and html need --output)').choices(['table', 'csv', 'json', 'xlsx', 'html']))
    .option('--output <file|dir>', 'write the report there instead of to stdout (csv: a folder)')
    .addOption(new Option('--system <system>', 'read every file as this system’s layout').choices(['mosaic', 'azeus', 'liquidlogic']))
    .option('--team <name>', 'only workers of this team, and the cases they hold')
    .option('--worker <id>', 'only this worker, and the cases they hold')
    .option('--threads <n>', 'read the export files on up to n threads (default: one per core, up to 4, for inputs over 8 MB)')
    .option('--limit <n>', 'list at most n exceptions and n data issues in a table, and n exceptions per rule in the evidence pack; 0 for all (default: 100)')
    .option('--max-rejected <percent>', 'stop (exit 2) when a file has more than this per cent of its rows, and at least 5, rejected for data problems; 100 audits what could be read (default: 25)')
    .addOption(new Option('--split-by <what>', 'with --output <dir>: a report per team (csv: a folder per team) and index.csv').choices(['team']))
    .addOption(new Option('--fail-on <when>', 'exit 1 when there are exceptions, or never').choices(['exception', 'none']).default('exception'))
    .addHelpText('after', AUDIT_EXAMPLES)
    .action(async (paths: string[], options: AuditOptions) => {
      exitCode = await audit(paths, options, terminal);
    });

  program
    .command('due')
    .description('what falls due in the next fortnight, and what is overdue, per team: before it is a breach')
    .argument('<path...>', 'export files, or folders holding them')
    .requiredOption('--policy <id|path>', 'a bundled policy id, or a policy folder or file')
    .option('--as-of <YYYY-MM-DD>', 'the audit date (default: today in Europe/London)')
    .option('--from <YYYY-MM-DD>', 'the window start, as for an audit (default: the 12 months up to --as-of)')
    .option('--within <days>', 'list what falls due up to this many days after --as-of (default: 14)')
    .addOption(new Option('--format <format>', 'output format (default: table on a terminal, else json; xlsx needs --output)').choices(['table', 'csv', 'json', 'xlsx']))
    .option('--output <file|dir>', 'write there instead of to stdout (with --split-by team: a folder)')
    .addOption(new Option('--split-by <what>', 'with --output <dir>: a file per team and index.csv').choices(['team']))
    .addOption(new Option('--system <system>', 'read every file as this system’s layout').choices(['mosaic', 'azeus', 'liquidlogic']))
    .option('--team <name>', 'only workers of this team, and the cases they hold')
    .option('--worker <id>', 'only this worker, and the cases they hold')
    .option('--threads <n>', 'read the export files on up to n threads (default: one per core, up to 4, for inputs over 8 MB)')
    .option('--limit <n>', 'list at most n items of each team in a table; 0 for all (default: 100)')
    .option('--max-rejected <percent>', 'stop (exit 2) when a file has more than this per cent of its rows, and at least 5, rejected for data problems (default: 25)')
    .addOption(new Option('--fail-on <when>', 'exit 1 when anything is overdue, or never').choices(['overdue', 'none']).default('overdue'))
    .addHelpText('after', DUE_EXAMPLES)
    .action(async (paths: string[], options: DueOptions) => {
      exitCode = await due(paths, options, terminal);
    });

  program
    .command('diff')
    .description('what changed between two JSON reports of one policy: new, persisting, resolved and ended exceptions')
    .argument('<earlier.json>')
    .argument('<later.json>')
    .addOption(new Option('--format <format>', 'output format (default: table on a terminal, else json)').choices(['table', 'csv', 'json']))
    .option('--output <file|dir>', 'write there instead of to stdout (csv: a folder with changes.csv and rules.csv)')
    .option('--limit <n>', 'list at most n changes of each kind in a table; 0 for all (default: 100)')
    .addOption(new Option('--fail-on <when>', 'exit 1 when an exception is new, when any remains, or never').choices(['new', 'any', 'none']).default('new'))
    .action(async (earlier: string, later: string, options: DiffOptions) => {
      exitCode = await diff(earlier, later, options, terminal);
    });

  const policies = program.command('policies').description('the bundled policies, and writing your own');
  policies
    .command('list')
    .description('list the bundled policies')
    .action(async () => {
      exitCode = await listPolicies(terminal);
    });
  policies
    .command('show')
    .description('print every rule of a policy with its clause, words and parameters')
    .argument('<id|path>')
    .action(async (reference: string) => {
      exitCode = await showPolicy(reference, terminal);
    });
  policies
    .command('check')
    .description('validate a policy (policy.yaml, and the adapter.yaml and clauses.yaml beside it, against its source document): every problem at once')
    .argument('<path>')
    .action(async (path: string) => {
      exitCode = await checkPolicy(path, terminal);
    });
  policies
    .command('checks')
    .description('the check reference: every check, what it judges, and every parameter with its type, units, default and allowed values')
    .argument('[check]', 'one check only')
    .action((id: string | undefined) => {
      exitCode = describeChecks(id, terminal);
    });
  policies
    .command('new')
    .description('start a policy folder for your own authority from the closest bundled one (never overwrites)')
    .argument('<id>', 'the new policy\'s id: lower case letters, digits and hyphens, such as kirklees')
    .requiredOption('--from <bundled id>', 'the bundled policy to start from')
    .option('--source <file>', 'your policy document as plain text: copied in, and the clause map started from its numbered clauses')
    .option('--output <folder>', 'the folder to write (default: the id, in the working folder, where --policy <id> finds it)')
    .action((id: string, options: { from: string; source?: string; output?: string }) => {
      exitCode = startPolicy(id, options, terminal);
    });
  policies
    .command('clauses')
    .description('start clauses.yaml beside a policy from the numbered clauses of its source document (never overwrites)')
    .argument('<path>')
    .action(async (path: string) => {
      exitCode = await startClauses(path, terminal);
    });

  program
    .command('systems')
    .description('print the reference export layouts each system adapter reads')
    .action(() => {
      exitCode = listSystems(terminal);
    });

  try {
    await program.parseAsync(argv, { from: 'user' });
    return exitCode;
  } catch (err) {
    if (err instanceof CommanderError) {
      // Help and version are not errors; commander has already printed its message.
      return err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.code === 'commander.help' ? EXIT.clean : EXIT.stopped;
    }
    if (isUserError(err)) {
      terminal.stderr.write(`supervision-audit: ${printable(err.message)}\n`);
    } else {
      terminal.stderr.write(`supervision-audit: internal error: ${visible((err as Error)?.message ?? String(err))}${debug ? '' : ' (run again with --debug for the details)'}\n`);
    }
    if (debug && err instanceof Error && err.stack) terminal.stderr.write(`${err.stack}\n`);
    return EXIT.stopped;
  }
}

/**
 * The command line on the process's own streams, as the launcher runs it: standard output that
 * cannot be written stops it with exit 2 and one sentence, whatever the command's own exit.
 */
export async function runCommandLine(
  argv: string[],
  streams: { stdout: NodeJS.WriteStream; stderr: NodeJS.WritableStream & { isTTY?: boolean }; env: Record<string, string | undefined> },
): Promise<number> {
  const stdout = guardStdout(streams.stdout);
  // Standard error that cannot be written (a closed pipe, as under `2>&1 | head`) can say nothing
  // more; its failure must not end the command with another exit code than its own.
  streams.stderr.on('error', () => undefined);
  const code = await main(argv, { stdout: stdout.stream, stderr: streams.stderr, env: streams.env });
  const failure = await stdout.finish();
  if (failure === null) return code;
  streams.stderr.write(failure);
  return EXIT.stopped;
}
