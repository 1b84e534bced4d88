// Regenerates the golden reports of the bundled samples after a deliberate change to the report.
// Run from the repository root after `npm run build`; read the diff before committing it.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// Audits run as on the tests' fixed day (test/helpers/today.ts).
for (const id of ['barnsley', 'newham', 'haringey', 'portsmouth', 'walsall']) {
  const base = ['bin/supervision-audit.js', 'audit', `samples/${id}`, '--policy', id, '--as-of', '2026-10-31', '--fail-on', 'none'];
  const run = (...args) => execFileSync(process.execPath, [...base, ...args], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', SUPERVISION_AUDIT_TODAY: '2026-11-27' } });
  const dir = `test/expected/${id}`;
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'report.json'), run('--format', 'json'));
  writeFileSync(join(dir, 'table.txt'), run('--format', 'table', '--limit', '0'));
  if (id !== 'barnsley') continue;
  const out = mkdtempSync(join(tmpdir(), 'golden-'));
  run('--format', 'csv', '--output', out);
  for (const name of ['summary.csv', 'exceptions.csv', 'data-issues.csv']) writeFileSync(join(dir, name), readFileSync(join(out, name)));
  rmSync(out, { recursive: true });
}
