/**
 * The evidence pack for inspectors: one self-contained HTML file. Headline compliance with the
 * policy's words, a month-by-month chart per rule (inline SVG drawn by vega from a vega-lite
 * spec, each with a text alternative and its numbers as a table), a team x rule table,
 * exceptions by team and worker, data issues, local readings, what an export cannot show, and
 * the inputs with their row accounting. No script, nothing fetched; printable on A4.
 */
import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import { compliancePercent, entityWords, sourcesText, type Finding, type AuditReport, type RuleSummary } from '../audit/report.js';
import type { FindingList } from '../audit/finding-store.js';
import { percent, reportRowsNote, shortMonth } from './table.js';
import { findingsByTeam, teamOfFinding, teamTotals } from '../audit/teams.js';

const escape = (text: string | number | null | undefined): string =>
  text === null || text === undefined ? '' : String(text).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const ruleName = (r: { requirement: string; check: string }): string => `${r.requirement} ${r.check}`;

/** A band for a compliance figure: the colour of a cell, always beside its number. */
function band(value: number | null): string {
  if (value === null) return 'none';
  return value >= 95 ? 'good' : value >= 80 ? 'fair' : 'poor';
}

/** The month-by-month compliance of a rule as an SVG line chart; months with no subjects have no point. */
async function monthChart(rule: RuleSummary): Promise<string> {
  const values = rule.byMonth.filter((m) => m.compliance !== null).map((m) => ({ month: shortMonth(m.month), order: m.month, compliance: m.compliance }));
  const months = rule.byMonth.map((m) => shortMonth(m.month));
  const spec: TopLevelSpec = {
    width: 360,
    height: 110,
    background: 'white',
    config: { font: 'Helvetica, Arial, sans-serif', axis: { labelFontSize: 10, titleFontSize: 10, grid: true, gridColor: '#e5e5e5' }, view: { stroke: null } },
    data: { values },
    layer: [
      { mark: { type: 'line', color: '#1f4e79', strokeWidth: 2 } },
      { mark: { type: 'point', filled: true, size: 45, color: '#1f4e79', shape: 'circle' } },
    ],
    encoding: {
      x: { field: 'month', type: 'ordinal', sort: months, scale: { domain: months }, axis: { title: null, labelAngle: -40, labelAlign: 'right' } },
      y: { field: 'compliance', type: 'quantitative', scale: { domain: [0, 100] }, axis: { title: '% compliant', tickCount: 5 } },
    },
  };
  const view = new vega.View(vega.parse(compile(spec).spec), { renderer: 'none' });
  const svg = await view.toSVG();
  view.finalize();
  // The chart's own title and description, for readers of the SVG alone.
  const alt = monthsAlt(rule);
  return svg.replace(/^<svg /, `<svg role="img" aria-label="${escape(alt)}" `).replace(/(<svg[^>]*>)/, `$1<title>${escape(alt)}</title>`);
}

/** The text alternative of a rule's chart: its figures, month by month. */
function monthsAlt(rule: RuleSummary): string {
  const parts = rule.byMonth.map((m) => `${shortMonth(m.month)} ${m.compliance === null ? 'no subjects' : percent(m.compliance)}`);
  return `Compliance with ${rule.requirement} (${rule.check}) by month: ${parts.join(', ')}.`;
}

const STYLE = `
:root { --ink: #1a1a1a; --muted: #5a5a5a; --rule: #d0d0d0; --head: #eef2f7; --good: #d9ead3; --fair: #fff2cc; --poor: #f4cccc; }
* { box-sizing: border-box; }
body { font-family: Helvetica, Arial, sans-serif; color: var(--ink); margin: 0 auto; max-width: 1100px; padding: 24px 32px; line-height: 1.4; font-size: 14px; }
h1 { font-size: 24px; margin: 0 0 4px; }
h2 { font-size: 19px; border-bottom: 2px solid var(--ink); padding-bottom: 4px; margin-top: 36px; }
h3 { font-size: 15px; margin: 20px 0 6px; }
.muted { color: var(--muted); }
table { border-collapse: collapse; width: 100%; margin: 8px 0 16px; font-size: 12.5px; }
th, td { border: 1px solid var(--rule); padding: 4px 6px; text-align: left; vertical-align: top; }
th { background: var(--head); }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
td.good { background: var(--good); } td.fair { background: var(--fair); } td.poor { background: var(--poor); }
.band-good::after { content: " ✓"; } .band-poor::after { content: " ▼"; }
.wide { overflow-x: auto; }
table.heat { font-size: 11.5px; }
.headline { display: flex; gap: 16px; flex-wrap: wrap; margin: 16px 0; }
.headline div { border: 1px solid var(--rule); padding: 10px 14px; min-width: 150px; }
.headline strong { display: block; font-size: 22px; }
.charts { display: grid; grid-template-columns: repeat(2, minmax(0, 1fr)); gap: 12px 24px; }
figure { margin: 0; border: 1px solid var(--rule); padding: 8px; break-inside: avoid; }
figcaption { font-size: 12.5px; margin-bottom: 4px; }
figure svg { max-width: 100%; height: auto; }
details { font-size: 12px; } details table { font-size: 11.5px; }
blockquote { margin: 2px 0 0; color: var(--muted); font-style: italic; }
.key span { display: inline-block; padding: 1px 8px; margin-right: 6px; border: 1px solid var(--rule); }
@page { size: A4; margin: 14mm; }
@media print {
  body { max-width: none; padding: 0; font-size: 11px; }
  section { break-before: page; }
  section:first-of-type { break-before: auto; }
  details > summary { display: none; }
  details > * { display: block; }
  tr, figure { break-inside: avoid; }
  table.heat { font-size: 8.5px; }
  .wide { overflow: visible; }
  td.good, td.fair, td.poor, th { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
`;

function headline(report: AuditReport): string {
  const ran = report.summary.rules.filter((r) => r.status === 'run');
  const subjects = ran.reduce((s, r) => s + r.subjects, 0);
  const compliant = ran.reduce((s, r) => s + r.compliant, 0);
  const overall = compliancePercent(compliant, subjects);
  const rows = report.summary.rules
    .map(
      (r) => `<tr><td>${escape(r.requirement)}<br><span class="muted">${escape(r.check)}</span></td><td>${escape(r.clause)}<blockquote>“${escape(r.words)}”</blockquote></td>` +
        (r.status === 'run'
          ? `<td class="num">${r.subjects}</td><td class="num">${r.compliant}</td><td class="num">${r.exceptions}</td><td class="num ${band(r.compliance)}"><span class="band-${band(r.compliance)}">${percent(r.compliance)}</span></td></tr>`
          : `<td colspan="4" class="muted">not run: ${escape(r.reason)}</td></tr>`),
    )
    .join('\n');
  return `<section id="headline">
<h2>Compliance by rule</h2>
<div class="headline">
<div>Overall compliance<strong>${percent(overall)}</strong><span class="muted">${compliant} of ${subjects} subjects</span></div>
<div>Exceptions<strong>${report.summary.exceptions}</strong><span class="muted">in ${ran.length} rules run</span></div>
<div>Rows read<strong>${report.summary.rowsRead}</strong><span class="muted">${report.summary.rowsUsed} used, ${report.summary.rowsRejected} rejected</span></div>
</div>
<p class="key muted">Compliance bands: <span class="good">95% or more ✓</span><span class="fair">80% to 95%</span><span class="poor">under 80% ▼</span></p>
<table><thead><tr><th>Rule</th><th>Clause and the policy’s words</th><th class="num">Subjects</th><th class="num">Compliant</th><th class="num">Exceptions</th><th class="num">Compliance</th></tr></thead>
<tbody>
${rows}
</tbody></table>
</section>`;
}

async function trends(report: AuditReport): Promise<string> {
  const ran = report.summary.rules.filter((r) => r.status === 'run' && r.byMonth.length > 0);
  const figures = await Promise.all(
    ran.map(async (r) => {
      const numbers = r.byMonth
        .map((m) => `<tr><td>${escape(shortMonth(m.month))}</td><td class="num">${m.subjects}</td><td class="num">${m.compliant}</td><td class="num">${m.exceptions}</td><td class="num">${percent(m.compliance)}</td></tr>`)
        .join('');
      return `<figure data-rule="${escape(ruleName(r))}" data-points="${r.byMonth.filter((m) => m.compliance !== null).length}">
<figcaption><strong>${escape(r.requirement)}</strong> ${escape(r.check)} <span class="muted">(${escape(r.clause)})</span></figcaption>
${await monthChart(r)}
<details><summary>The numbers</summary><table><thead><tr><th>Month</th><th class="num">Subjects</th><th class="num">Compliant</th><th class="num">Exceptions</th><th class="num">Compliance</th></tr></thead><tbody>${numbers}</tbody></table></details>
</figure>`;
    }),
  );
  if (ran.length === 0) {
    // A team's part of an authority's audit (--split-by team) has no month figures of its own.
    const why = report.scope.team ? 'This pack is one team’s part of the authority’s audit: month by month figures are the authority’s, in its own evidence pack.' : 'No rule has month figures in this audit.';
    return `<section id="trends">
<h2>Month by month</h2>
<p class="muted">${escape(why)}</p>
</section>`;
  }
  return `<section id="trends">
<h2>Month by month</h2>
<p class="muted">Each month’s figures are those of an audit of that month alone: the share of the rule’s subjects that month that were compliant. A month with no subjects has no point.</p>
<div class="charts">
${figures.join('\n')}
</div>
</section>`;
}

function teams(report: AuditReport): string {
  const ran = report.summary.rules.filter((r) => r.status === 'run');
  const totals = teamTotals(report);
  const head = totals.map((t) => `<th class="num">${escape(t.team)}</th>`).join('');
  const cell = (compliance: number | null, exceptions: number): string =>
    `<td class="num ${band(compliance)}">${percent(compliance)}<br><span class="muted">${exceptions} exc.</span></td>`;
  const rows = [
    `<tr><th>All rules</th>${totals.map((t) => cell(t.compliance, t.exceptions)).join('')}</tr>`,
    ...ran.map((r) => {
      const cells = totals.map((t) => {
        const f = r.byTeam.find((x) => x.team === t.team);
        return f ? cell(f.compliance, f.exceptions) : '<td class="num muted">–</td>';
      });
      return `<tr><th>${escape(r.requirement)}<br><span class="muted">${escape(r.check)}</span></th>${cells.join('')}</tr>`;
    }),
  ].join('\n');
  return `<section id="teams">
<h2>Teams</h2>
<p class="muted">Each rule’s compliance in each team, its subjects counted in their team (a case in the team of its allocated worker), with the team’s exceptions. A dash: the rule had no subject in that team.</p>
<div class="wide"><table class="heat"><thead><tr><th>Rule</th>${head}</tr></thead>
<tbody>
${rows}
</tbody></table></div>
</section>`;
}

/** The findings a pack lists: at most `limit` of each rule (0: all), and how many of each rule it leaves out. */
export function listedFindings(findings: FindingList, limit: number): { listed: Finding[]; left: Map<string, number> } {
  if (limit <= 0) return { listed: [...findings], left: new Map() };
  const seen = new Map<string, number>();
  const left = new Map<string, number>();
  const listed: Finding[] = [];
  for (const f of findings) {
    // A rule is its requirement and check: one requirement may be checked two ways (how often, how long).
    const rule = ruleName(f);
    const n = (seen.get(rule) ?? 0) + 1;
    seen.set(rule, n);
    if (n <= limit) listed.push(f);
    else left.set(rule, (left.get(rule) ?? 0) + 1);
  }
  return { listed, left };
}

function* exceptions(all: FindingList, limit: number): Generator<string> {
  yield `<section id="exceptions">\n<h2>Exceptions by team and worker</h2>\n`;
  if (all.length === 0) {
    yield '<p>No exceptions.</p>\n</section>';
    return;
  }
  const { listed: findings, left } = listedFindings(all, limit);
  const teamCounts = new Map(Array.from(findingsByTeam(all), ([team, findings]) => [team, findings.length]));
  if (left.size > 0) {
    const more = [...left.values()].reduce((a, b) => a + b, 0);
    const rules = [...left].map(([rule, n]) => `${escape(rule)}: ${n.toLocaleString('en-GB')} more`).join('; ');
    yield `<p class="more">The first ${limit} exceptions of each rule are listed here; ${more.toLocaleString('en-GB')} more are not (${rules}). Every exception is in the QA officer’s workbook (<code>--format xlsx</code>) and the JSON report; the figures and charts above count them all.</p>\n`;
  }
  const byTeam = new Map<string, Map<string, Finding[]>>();
  for (const f of findings) {
    const team = teamOfFinding(f);
    const worker = f.workerId === null ? 'No worker' : `${f.workerId}${f.workerName ? ` ${f.workerName}` : ''}`;
    let workers = byTeam.get(team);
    if (!workers) byTeam.set(team, (workers = new Map()));
    const list = workers.get(worker);
    if (list) list.push(f);
    else workers.set(worker, [f]);
  }
  const order = (a: string, b: string) => a.localeCompare(b, 'en', { numeric: true });
  for (const team of [...byTeam.keys()].sort(order)) {
    const workers = byTeam.get(team)!;
    const count = [...workers.values()].reduce((n, l) => n + l.length, 0);
    const whole = teamCounts.get(team) ?? count;
    yield `<h3>${escape(team)}: ${whole} exception${whole === 1 ? '' : 's'}${whole > count ? ` (${count} listed)` : ''}</h3>\n<table><thead><tr><th>Worker</th><th>Rule</th><th>Subject</th><th>Status</th><th>Due</th><th>Detail</th><th>Source</th></tr></thead><tbody>\n`;
    for (const worker of [...workers.keys()].sort(order)) {
      for (const f of workers.get(worker)!) {
        yield `<tr><td>${escape(worker)}</td><td>${escape(f.requirement)}<br><span class="muted">${escape(f.clause)}</span></td><td>${escape(f.subject.kind)} ${escape(f.subject.id)}</td><td>${escape(f.status)}</td><td>${escape(f.dueDate)}</td><td>${escape(f.message)}</td><td class="muted">${escape(sourcesText(f.source))}</td></tr>\n`;
      }
    }
    yield '</tbody></table>\n';
  }
  yield '</section>\n';
}

function simpleSection(id: string, title: string, intro: string, head: string[], rows: Array<Array<string | number | null | undefined>>, empty: string): string {
  const body = rows.length === 0 ? `<p>${escape(empty)}</p>` : `<table><thead><tr>${head.map((h) => `<th>${escape(h)}</th>`).join('')}</tr></thead><tbody>\n${rows.map((r) => `<tr>${r.map((c) => `<td>${escape(c)}</td>`).join('')}</tr>`).join('\n')}\n</tbody></table>`;
  return `<section id="${id}">\n<h2>${escape(title)}</h2>\n<p class="muted">${escape(intro)}</p>\n${body}\n</section>\n`;
}

/**
 * The evidence pack, in pieces (a report of many exceptions is never one string). The charts
 * are drawn first; everything else is text.
 */
export async function renderHtml(report: AuditReport, options: { limit: number } = { limit: 0 }): Promise<Iterable<string>> {
  const charts = await trends(report);
  const p = report.policy;
  const top = `<!doctype html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>Supervision audit: ${escape(p.authority)}, ${escape(report.window.from)} to ${escape(report.window.asOf)}</title>
<style>${STYLE}</style>
</head>
<body>
<header>
<h1>Supervision audit: evidence pack</h1>
<p><strong>${escape(p.title)}</strong>, ${escape(p.authority)}, version ${escape(p.version)}</p>
<p>Audit window <strong>${escape(report.window.from)}</strong> to <strong>${escape(report.window.asOf)}</strong>${report.scope.team ? `, team ${escape(report.scope.team)}` : ''}${report.scope.worker ? `, worker ${escape(report.scope.worker)}` : ''}. Made on ${escape(report.madeOn)} by ${escape(report.tool.name)} ${escape(report.tool.version)} from the exports listed at the end.</p>
<p class="muted">Identifiers, dates and reasons only: no content of any supervision record, and no person receiving a service is named.</p>
</header>
`;
  const issues = report.dataIssues.filter((i) => i.effect !== 'note');
  const inputs = report.inputs.map((i) => [
    i.file,
    `${i.system} (${i.layout})`,
    entityWords(i),
    i.rowsRead,
    i.rowsUsed,
    i.rowsRejected,
    [...Object.entries(i.notRelevant).map(([k, n]) => `${n} ${k}`), reportRowsNote(i) ?? ''].filter(Boolean).join('; '),
  ]);
  inputs.push(['All files', '', '', report.summary.rowsRead, report.summary.rowsUsed, report.summary.rowsRejected, '']);
  for (const k of report.skipped) inputs.push([k.file, 'not read', '', '', '', '', k.reason]);
  return (function* () {
    yield top;
    yield headline(report);
    yield charts;
    yield teams(report);
    yield* exceptions(report.findings, options.limit);
    yield simpleSection('data-issues', 'Data issues', 'Every row the audit could not use as it stands, with the file, line, field and what would fix it.', ['File', 'Line', 'Field', 'Value', 'Problem', 'Effect'], issues.map((i) => [i.file, i.line, i.field, i.value, i.problem, i.effect]), 'None.');
    yield simpleSection('readings', 'Local readings', 'How this policy file reads words the policy leaves open; these are readings, not the policy’s own words.', ['Requirement', 'Reading'], report.readings.map((r) => [r.requirement, r.reading]), 'None.');
    yield simpleSection('not-checkable', 'What an export cannot show', 'Duties of the policy that no export evidences, and why: the audit does not pretend to check them.', ['Clause', 'The policy’s words', 'Why'], report.notCheckable.map((n) => [n.clause, n.words ?? '', n.reason]), 'None.');
    yield simpleSection('inputs', 'Inputs and row accounting', 'Every row read is either used or rejected (with a data issue, or as not relevant by design): rows read = rows used + rows rejected.', ['File', 'Read as', 'Entity', 'Read', 'Used', 'Rejected', 'Not relevant, or not data'], inputs, 'No input.');
    yield '</body>\n</html>\n';
  })();
}
