// npm run bench [-- --rows N | --sizes N,M,...] [--runs K] [--only audit]
//
// Generates (or reuses, in bench/data/) Mosaic export sets of about 100k, 300k and 1M rows,
// then times in the same run (a) csv-parse streaming the same files with no work per row, the
// floor, and (b) the full audit to a JSON report; each in a fresh process, several runs, the
// median kept; then, at the largest size, the audit to the workbook (xlsx) and the evidence pack
// (html), the terminal table (its default list and --limit 0), the CSV folder and JSON on standard
// output (redirected to a file), and the audit of the same set with its largest file saved as an
// Excel workbook (as a business intelligence team hands one over), `due` (the look-ahead) beside
// the audit, then `diff` of the reports of two consecutive months of it, and of two whole audits
// a month apart. The sets give one practitioner in ten a history of several rows.
// Where python3 (or PANDAS_PYTHON) has pandas, pandas' bare read of the same files is timed beside
// the floor: a peer; polars' bare read (nodejs-polars, on one thread) is the other, installed into
// bench/polars/ the first time (skipped, with a line saying so, when it cannot be). Each audit also
// reports its phases (SUPERVISION_AUDIT_PHASES): read, build, rules, month figures, write.
// --only audit stops after the audit and its peers; --sizes 1000000 times that size alone.
// Prints a table and writes bench/results.json.
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { makeScenario } from '../dist/generator/scenario.js';
import { addWorkerHistories } from '../dist/generator/planted.js';
import { writeExportFiles } from '../dist/generator/writers/csv-files.js';
import { SYSTEM_WRITERS } from '../dist/generator/writers/systems.js';
import { writeExportWorkbook } from '../dist/generator/writers/workbook.js';

const HERE = fileURLToPath(new URL('.', import.meta.url));
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i === -1 ? fallback : Number(args[i + 1]);
};
const sizesGiven = args.includes('--sizes') ? args[args.indexOf('--sizes') + 1].split(',').map(Number) : null;
const sizes = args.includes('--rows') ? [option('rows')] : (sizesGiven ?? [100_000, 300_000, 1_000_000]);
const runs = option('runs', 3);
const only = args.includes('--only') ? args[args.indexOf('--only') + 1] : null;
if (only !== null && only !== 'audit') throw new Error(`--only ${only}: the one part that can be run alone is audit`);
/** Rows the generator writes per worker and month of history (measured on its output). */
const ROWS_PER_WORKER_MONTH = 5.6;
const MONTHS = 24;

function countRows(dir) {
  return readdirSync(dir).reduce((n, name) => n + readFileSync(join(dir, name), 'utf8').split('\r\n').length - 2, 0);
}

/**
 * The export set for a size: made once with a fixed seed, then reused. One practitioner in ten
 * has a history (a promotion, a move of team or time away), a row for each period, as a big
 * authority's workers export has.
 */
function dataFor(size) {
  const dir = join(HERE, 'data', `${size}-histories`);
  if (!existsSync(join(dir, 'workers.csv'))) {
    mkdirSync(dir, { recursive: true });
    const workers = Math.max(10, Math.round(size / (ROWS_PER_WORKER_MONTH * MONTHS)));
    process.stderr.write(`generating about ${size} rows (${workers} workers, ${MONTHS} months) in ${dir}\n`);
    const data = makeScenario({ seed: 7, workers, months: MONTHS, asOf: '2026-10-31', caseload: 4 });
    addWorkerHistories(data);
    writeExportFiles(dir, SYSTEM_WRITERS.mosaic(data));
  }
  return dir;
}

/** The export set of a size with its largest file saved as a workbook (title rows, a total, typed cells). */
async function workbookDataFor(size) {
  const source = dataFor(size);
  const dir = join(HERE, 'data', `${size}-histories-workbook`);
  const names = readdirSync(source);
  const largest = names.reduce((a, b) => (statSync(join(source, b)).size > statSync(join(source, a)).size ? b : a));
  // workers.csv is copied last: its presence says the set is whole.
  if (!existsSync(join(dir, 'workers.csv'))) {
    mkdirSync(dir, { recursive: true });
    process.stderr.write(`saving ${largest} of the ${size} set as a workbook in ${dir}\n`);
    const rows = parse(readFileSync(join(source, largest)), { columns: true });
    await writeExportWorkbook(join(dir, largest.replace(/\.csv$/, '.xlsx')), { name: largest, columns: Object.keys(rows[0]), rows }, 'mosaic');
    for (const name of names.filter((n) => n !== largest && n !== 'workers.csv')) copyFileSync(join(source, name), join(dir, name));
    copyFileSync(join(source, 'workers.csv'), join(dir, 'workers.csv'));
  }
  return { dir, largest };
}

function measure(script, ...scriptArgs) {
  const out = execFileSync(process.execPath, [join(HERE, script), ...scriptArgs], { encoding: 'utf8', maxBuffer: 1 << 20 });
  return JSON.parse(out);
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** A python that has pandas: PANDAS_PYTHON, else python3, else the system's; null when none has. */
function pandasPython() {
  for (const python of [process.env.PANDAS_PYTHON, 'python3', '/usr/bin/python3'].filter(Boolean)) {
    if (spawnSync(python, ['-c', 'import pandas'], { stdio: 'ignore' }).status === 0) return python;
  }
  return null;
}
const python = pandasPython();
if (python === null) process.stderr.write('no python3 with pandas here: the pandas peer is not timed (see the README to install it)\n');

function measurePandas(dir) {
  return JSON.parse(execFileSync(python, [join(HERE, 'pandas-read.py'), dir], { encoding: 'utf8' }));
}

const POLARS = join(HERE, 'polars');
const polarsLoads = () => spawnSync(process.execPath, ['-e', "require('nodejs-polars')"], { cwd: POLARS, stdio: 'ignore' }).status === 0;
const npm = (...npmArgs) => spawnSync('npm', [...npmArgs, '--prefix', POLARS, '--no-audit', '--no-fund', '--loglevel', 'error'], { encoding: 'utf8' });

/**
 * The polars peer, in a folder of its own that the tool never depends on: installed from its
 * lock file the first time the benchmark runs. False, with a line saying why, when it cannot be.
 */
function polarsPeer() {
  if (!existsSync(join(POLARS, 'node_modules', 'nodejs-polars'))) {
    const ci = npm('ci');
    if (ci.status !== 0) {
      process.stderr.write(`the polars peer is skipped: npm ci --prefix bench/polars failed (${(ci.stderr || ci.error?.message || '').trim().split('\n')[0]})\n`);
      return false;
    }
  }
  if (!polarsLoads()) {
    // Its native binary, an optional package per platform, declares Node 22, and npm leaves out
    // an optional package whose engines do not match without a word; on Node 20 it reads CSV all
    // the same, so this platform's is installed by name, at the version the lock file pins.
    const lock = JSON.parse(readFileSync(join(POLARS, 'package-lock.json'), 'utf8'));
    const libc = process.report.getReport().header.glibcVersionRuntime ? 'glibc' : 'musl';
    const native = Object.entries(lock.packages).find(
      ([path, p]) => path.startsWith('node_modules/nodejs-polars-') && p.os?.includes(process.platform) && p.cpu?.includes(process.arch) && (p.libc === undefined || p.libc.includes(libc)),
    );
    if (native) npm('install', '--no-save', `${native[0].slice('node_modules/'.length)}@${native[1].version}`);
  }
  if (!polarsLoads()) {
    process.stderr.write(`the polars peer is skipped: nodejs-polars has no native binary for ${process.platform}-${process.arch} in bench/polars\n`);
    return false;
  }
  return true;
}
const polars = polarsPeer();

function measurePolars(dir) {
  const env = { ...process.env, POLARS_MAX_THREADS: '1' };
  return JSON.parse(execFileSync(process.execPath, [join(POLARS, 'read.js'), dir], { encoding: 'utf8', env }));
}

/** Each phase of the audit, its figures the medians of the runs'; then what no phase covers. */
function phasesOf(audits) {
  const names = [...new Set(audits.flatMap((a) => a.phases.map((p) => p.phase)))];
  const phases = names.map((phase) => {
    const of = (key) => median(audits.map((a) => a.phases.find((p) => p.phase === phase)?.[key] ?? 0));
    return { phase, ms: Math.round(of('ms')), rssMb: Math.round(of('rssMb')), rssGrowthMb: Math.round(of('rssGrowthMb')), peakMb: Math.round(of('peakMb')), heapGrowthMb: Math.round(of('heapGrowthMb')) };
  });
  // The rest of each run (the policy read, each month's scope, the findings put in order), its median.
  const other = median(audits.map((a) => a.ms - a.phases.reduce((sum, p) => sum + p.ms, 0)));
  phases.push({ phase: 'other', ms: Math.round(other), rssMb: null, rssGrowthMb: null, peakMb: null, heapGrowthMb: null });
  return phases;
}

const results = [];
for (const size of sizes) {
  const dir = dataFor(size);
  const rows = countRows(dir);
  const floors = [];
  const audits = [];
  const peers = [];
  const polarsReads = [];
  // The smaller sizes take seconds: more runs there steady their medians on a shared machine.
  for (let run = 0; run < (size === sizes[sizes.length - 1] ? runs : Math.max(runs, 5)); run++) {
    floors.push(measure('floor.js', dir));
    audits.push(measure('audit.js', dir, 'barnsley'));
    if (python) peers.push(measurePandas(dir));
    if (polars) polarsReads.push(measurePolars(dir));
  }
  const floorMs = median(floors.map((f) => f.ms));
  const auditMs = median(audits.map((a) => a.ms));
  const pandasMs = python ? median(peers.map((p) => p.ms)) : null;
  const polarsMs = polars ? median(polarsReads.map((p) => p.ms)) : null;
  results.push({
    rows,
    floorMs: Math.round(floorMs),
    auditMs: Math.round(auditMs),
    // Each run's audit against the floor (and the peers) measured beside it, the median of those:
    // a slow spell of the machine then slows both sides of a ratio.
    ratio: Number(median(audits.map((a, i) => a.ms / floors[i].ms)).toFixed(2)),
    pandasMs: pandasMs === null ? null : Math.round(pandasMs),
    ratioToPandas: pandasMs === null ? null : Number(median(audits.map((a, i) => a.ms / peers[i].ms)).toFixed(2)),
    polarsMs: polarsMs === null ? null : Math.round(polarsMs),
    ratioToPolars: polarsMs === null ? null : Number(median(audits.map((a, i) => a.ms / polarsReads[i].ms)).toFixed(2)),
    polarsPeakRssMb: polarsMs === null ? null : Math.round(Math.max(...polarsReads.map((p) => p.peakRssMb))),
    rowsPerSecond: Math.round(rows / (auditMs / 1000)),
    peakRssMb: Math.round(Math.max(...audits.map((a) => a.peakRssMb))),
    phases: phasesOf(audits),
  });
  process.stderr.write(`${rows} rows measured\n`);
}

/** Every other output, the look-ahead, diff and the workbook input, at the largest size. */
async function otherOutputs() {
  // The QA officer's workbook and the evidence pack, at the largest size: the same audit, another writer.
  const largest = sizes[sizes.length - 1];
  // Every other output of the same audit at the largest size.
  const OUTPUTS = [
    { name: 'table', args: ['table'] },
    { name: 'table --limit 0', args: ['table', '--limit', '0'] },
    { name: 'csv', args: ['csv'] },
    { name: 'json on stdout', args: ['stdout'] },
    { name: 'xlsx', args: ['xlsx'] },
    { name: 'html', args: ['html'] },
  ];
  const writers = [];
  for (const output of OUTPUTS) {
    const runsOf = [];
    for (let run = 0; run < runs; run++) runsOf.push(measure('audit.js', dataFor(largest), 'barnsley', ...output.args));
    const ms = median(runsOf.map((r) => r.ms));
    const json = results[results.length - 1];
    writers.push({ format: output.name, rows: json.rows, ms: Math.round(ms), ratio: Number((ms / json.floorMs).toFixed(2)), peakRssMb: Math.round(Math.max(...runsOf.map((r) => r.peakRssMb))) });
    process.stderr.write(`${output.name} measured\n`);
  }

  // The look-ahead at the largest size, beside the audit to JSON of the same run: it has no month figures to make.
  const dueRuns = [];
  for (let run = 0; run < runs; run++) dueRuns.push(measure('due.js', dataFor(largest), 'barnsley'));
  const lookAhead = { rows: results[results.length - 1].rows, ms: Math.round(median(dueRuns.map((r) => r.ms))), peakRssMb: Math.round(Math.max(...dueRuns.map((r) => r.peakRssMb))) };
  lookAhead.ratioToAudit = Number((lookAhead.ms / results[results.length - 1].auditMs).toFixed(2));
  process.stderr.write('due measured\n');

  // diff of the reports of two consecutive months at the largest size, as a monthly job runs it.
  const reportsDir = join(HERE, 'data', `${largest}-reports`);
  mkdirSync(reportsDir, { recursive: true });
  const monthly = ['2026-09', '2026-10'].map((month) => {
    const path = join(reportsDir, `${month}.json`);
    if (!existsSync(path)) {
      execFileSync(process.execPath, [join(HERE, '..', 'bin', 'supervision-audit.js'), 'audit', dataFor(largest), '--policy', 'barnsley', '--month', month, '--format', 'json', '--output', path, '--fail-on', 'none'], { stdio: 'inherit', env: { ...process.env, SUPERVISION_AUDIT_TODAY: '2026-11-27' } });
    }
    return path;
  });
  const diffs = [];
  for (const format of ['table', 'json']) {
    const runsOf = [];
    for (let run = 0; run < runs; run++) runsOf.push(measure('diff.js', monthly[0], monthly[1], format));
    diffs.push({ format, ms: Math.round(median(runsOf.map((r) => r.ms))), peakRssMb: Math.round(Math.max(...runsOf.map((r) => r.peakRssMb))) });
    process.stderr.write(`diff ${format} measured\n`);
  }
  const changes = JSON.parse(execFileSync(process.execPath, [join(HERE, '..', 'bin', 'supervision-audit.js'), 'diff', monthly[0], monthly[1], '--format', 'json', '--fail-on', 'none'], { encoding: 'utf8', maxBuffer: 1 << 30 })).changes.length;

  // diff of two whole audits a month apart (each a year's window, every exception listed), to JSON.
  const whole = ['2026-09-30', '2026-10-31'].map((asOf) => {
    const path = join(reportsDir, `as-of-${asOf}.json`);
    if (!existsSync(path)) {
      execFileSync(process.execPath, [join(HERE, '..', 'bin', 'supervision-audit.js'), 'audit', dataFor(largest), '--policy', 'barnsley', '--as-of', asOf, '--format', 'json', '--output', path, '--fail-on', 'none'], { stdio: 'inherit' });
    }
    return path;
  });
  const wholeRuns = [];
  for (let run = 0; run < runs; run++) wholeRuns.push(measure('diff.js', whole[0], whole[1], 'json'));
  const wholeReport = JSON.parse(readFileSync(whole[1], 'utf8'));
  const full = { exceptions: wholeReport.findings.length, reportMb: Math.round(statSync(whole[1]).size / 1e6), ms: Math.round(median(wholeRuns.map((r) => r.ms))), peakRssMb: Math.round(Math.max(...wholeRuns.map((r) => r.peakRssMb))) };
  process.stderr.write('diff of whole audits measured\n');

  // The same audit with the largest file a workbook: the price of reading Excel rather than CSV.
  const workbookSet = await workbookDataFor(largest);
  const workbookRuns = [];
  for (let run = 0; run < runs; run++) workbookRuns.push(measure('audit.js', workbookSet.dir, 'barnsley'));
  const csvAudit = results[results.length - 1];
  const workbookMs = median(workbookRuns.map((r) => r.ms));
  const workbook = {
    largestFile: workbookSet.largest,
    rows: csvAudit.rows,
    ms: Math.round(workbookMs),
    ratioToCsvAudit: Number((workbookMs / csvAudit.auditMs).toFixed(2)),
    ratioToFloor: Number((workbookMs / csvAudit.floorMs).toFixed(2)),
    peakRssMb: Math.round(Math.max(...workbookRuns.map((r) => r.peakRssMb))),
  };
  process.stderr.write('workbook input measured\n');
  return { writers, due: lookAhead, diff: { changes, runs: diffs, full }, workbook };
}
const others = only === 'audit' ? null : await otherOutputs();

const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
const lines = [
  `supervision-audit benchmark: ${machine}; median of ${runs} runs each (${Math.max(runs, 5)} at the smaller sizes); each ratio the median of its runs' ratios`,
  '',
  '     rows   audit to JSON   floor (csv-parse)   polars read (1 thread)   pandas read   audit/floor   audit/polars   audit/pandas   rows/s (audit)   peak RSS',
  ...results.map((r) =>
    [
      String(r.rows).padStart(9),
      `${r.auditMs} ms`.padStart(15),
      `${r.floorMs} ms`.padStart(19),
      (r.polarsMs === null ? '–' : `${r.polarsMs} ms`).padStart(24),
      (r.pandasMs === null ? '–' : `${r.pandasMs} ms`).padStart(13),
      r.ratio.toFixed(2).padStart(13),
      (r.ratioToPolars === null ? '–' : r.ratioToPolars.toFixed(2)).padStart(14),
      (r.ratioToPandas === null ? '–' : r.ratioToPandas.toFixed(2)).padStart(14),
      String(r.rowsPerSecond).padStart(16),
      `${r.peakRssMb} MB`.padStart(10),
    ].join(' '),
  ),
  '',
  "   the audit to JSON phase by phase (each figure the median of the runs'): its time, the process's resident memory when it ended,",
  '   and how much that and the JavaScript heap grew during it (summed over its calls: the rules and their month figures, one per rule);',
  '   the peak, the highest resident memory by its end: the phase that raises it is the one that sets the audit\'s peak',
  '     rows   phase                 time   of the audit   RSS at end   RSS growth   heap growth   peak by then',
  ...results.flatMap((r) =>
    r.phases.map((p, i) =>
      [
        (i === 0 ? String(r.rows) : '').padStart(9),
        `  ${p.phase.padEnd(15)}`,
        `${p.ms} ms`.padStart(10),
        `${Math.round((100 * p.ms) / r.auditMs)}%`.padStart(14),
        (p.rssMb === null ? '' : `${p.rssMb} MB`).padStart(12),
        (p.rssGrowthMb === null ? '' : `${p.rssGrowthMb >= 0 ? '+' : ''}${p.rssGrowthMb} MB`).padStart(12),
        (p.heapGrowthMb === null ? '' : `${p.heapGrowthMb >= 0 ? '+' : ''}${p.heapGrowthMb} MB`).padStart(13),
        (p.peakMb === null || p.peakMb === undefined ? '' : `${p.peakMb} MB`).padStart(14),
      ]
        .join(' ')
        .trimEnd(),
    ),
  ),
];
if (results.length > 1) {
  const first = results[0];
  const last = results[results.length - 1];
  lines.push('', `time growth ${first.rows} → ${last.rows} rows: ${(last.auditMs / first.auditMs).toFixed(1)}x for ${(last.rows / first.rows).toFixed(1)}x the rows`);
}
if (others !== null) {
  const { writers, due: lookAhead, diff, workbook } = others;
  lines.push('', '           output       rows   audit to file   file/floor   peak RSS');
  for (const w of writers) lines.push([w.format.padStart(17), String(w.rows).padStart(10), `${w.ms} ms`.padStart(15), w.ratio.toFixed(2).padStart(12), `${w.peakRssMb} MB`.padStart(10)].join(' '));
  lines.push('', `   due (what falls due in 14 days) at ${lookAhead.rows} rows: ${lookAhead.ms} ms = ${lookAhead.ratioToAudit.toFixed(2)}x the audit to JSON, peak RSS ${lookAhead.peakRssMb} MB`);
  lines.push('', `   diff of the reports of 2026-09 and 2026-10 (${diff.changes} changes):`);
  for (const d of diff.runs) lines.push([`diff to ${d.format}`.padStart(17), `${d.ms} ms`.padStart(26), `${d.peakRssMb} MB`.padStart(23)].join(' '));
  lines.push(`   diff of two whole audits (as of 2026-09-30 and 2026-10-31; ${diff.full.exceptions} exceptions, ${diff.full.reportMb} MB of JSON each) to JSON: ${diff.full.ms} ms, peak RSS ${diff.full.peakRssMb} MB`);
  lines.push(
    '',
    `   input with ${workbook.largestFile} as a workbook (.xlsx): audit to JSON ${workbook.ms} ms = ${workbook.ratioToCsvAudit.toFixed(2)}x the CSV audit (${workbook.ratioToFloor.toFixed(2)}x the floor), peak RSS ${workbook.peakRssMb} MB`,
  );
}
process.stdout.write(`${lines.join('\n')}\n`);
writeFileSync(join(HERE, 'results.json'), `${JSON.stringify({ machine, runs, results, ...others }, null, 2)}\n`);
