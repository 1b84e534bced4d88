/**
 * Fuzzing the command line: random damage to small cuts of the three samples, audited in
 * this process as the launcher runs it. Whatever the bytes, the audit ends with exit 0, 1 or
 * 2, never an uncaught exception or an internal error; when it runs, every row is accounted
 * for. FUZZ_RUNS sets the number of runs (npm run fuzz: 10,000; npm test: fewer, to stay
 * under a minute); FUZZ_SEED replays a run.
 */
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import type { Report } from '../../src/audit/report.js';
import { ROOT } from '../e2e/helpers.js';
import { runMain } from '../helpers/run-main.js';
import { tempFolder } from '../helpers/tmp.js';

const RUNS = Number(process.env['FUZZ_RUNS'] ?? 400);
const SEED = Number(process.env['FUZZ_SEED'] ?? 20261123);
const LINES_KEPT = 40;

/** The first lines of every file of a sample: small enough to audit thousands of times. */
function cut(sample: string): Array<{ name: string; bytes: Buffer }> {
  const dir = join(ROOT, 'samples', sample);
  return readdirSync(dir).map((name) => ({ name, bytes: Buffer.from(readFileSync(join(dir, name), 'utf8').split('\r\n').slice(0, LINES_KEPT).join('\r\n') + '\r\n') }));
}

const SAMPLES = ['barnsley', 'newham', 'haringey'].map((id) => ({ id, files: cut(id) }));

class Random {
  constructor(private state: number) {}
  next(): number {
    // mulberry32
    let t = (this.state += 0x6d2b79f5);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)]!;
  }
}

const TOKENS = ['"', ',', ';', '\t', '\r', '\n', '\r\n', '\u0000', '\ufeff', '=HYPERLINK("x")', '31/02/2026', '10/13/2026', '2026-02-30', '05-MRZ-2026', '-90', '99999', 'ÿ', '€', '💥', ''];

/** One kind of damage to a file's bytes. */
function mutate(bytes: Buffer, r: Random): Buffer {
  const at = r.int(bytes.length + 1);
  switch (r.int(12)) {
    case 0: // insert a token
      return Buffer.concat([bytes.subarray(0, at), Buffer.from(r.pick(TOKENS)), bytes.subarray(at)]);
    case 1: // delete a run of bytes
      return Buffer.concat([bytes.subarray(0, at), bytes.subarray(Math.min(bytes.length, at + 1 + r.int(40)))]);
    case 2: // a random byte
      return Buffer.concat([bytes.subarray(0, at), Buffer.from([r.int(256)]), bytes.subarray(at)]);
    case 3: // cut the file short
      return bytes.subarray(0, at);
    case 4: // repeat a run of bytes
      return Buffer.concat([bytes.subarray(0, at), bytes.subarray(at, at + r.int(200)), bytes.subarray(at)]);
    case 5: {
      // replace a cell with a token
      const lines = bytes.toString('utf8').split('\r\n');
      const i = r.int(lines.length);
      const cells = lines[i]!.split(',');
      cells[r.int(cells.length)] = r.pick(TOKENS);
      lines[i] = cells.join(',');
      return Buffer.from(lines.join('\r\n'));
    }
    case 6: {
      // swap two lines (the header too)
      const lines = bytes.toString('utf8').split('\r\n');
      const [a, b] = [r.int(lines.length), r.int(lines.length)];
      [lines[a], lines[b]] = [lines[b]!, lines[a]!];
      return Buffer.from(lines.join('\r\n'));
    }
    case 7: // as UTF-16
      return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(bytes.toString('utf8'), 'utf16le')]);
    case 9: // a cell longer than a spreadsheet cell, sometimes quoted
      return Buffer.concat([bytes.subarray(0, at), Buffer.from(r.int(2) === 0 ? 'x'.repeat(32_760 + r.int(20)) : `"${'y\n'.repeat(16_380 + r.int(10))}"`), bytes.subarray(at)]);
    case 10: {
      // the header as SQL Server writes it: [NAME], or "NAME" with spaces around it
      const lines = bytes.toString('utf8').split('\r\n');
      lines[0] = lines[0]!.split(',').map((c) => (r.int(2) === 0 ? `[${c}]` : ` "${c}" `)).join(',');
      return Buffer.from(lines.join('\r\n'));
    }
    case 11: // a Windows-1252 byte in UTF-8 text
      return Buffer.concat([bytes.subarray(0, at), Buffer.from([r.pick([0x92, 0x93, 0x96, 0xa3, 0xe9])]), bytes.subarray(at)]);
    default: // flip a byte
      if (bytes.length === 0) return bytes;
      return Buffer.from(bytes.map((b, i) => (i === Math.min(at, bytes.length - 1) ? b ^ (1 << r.int(8)) : b)));
  }
}

/** The same rows as a JSON array, wrapped as a report service wraps it, or JSON Lines: the other shapes an export may come in. */
function asJson(bytes: Buffer, lines: boolean, r: Random): Buffer {
  const rows = parse(bytes.toString('utf8'), { columns: true, relax_column_count: true, skip_empty_lines: true }) as object[];
  if (lines) return Buffer.from(rows.map((row) => JSON.stringify(row)).join('\n'));
  const wrapped = r.pick([rows, { '@odata.context': 'https://x/$metadata#T', value: rows }, { d: { results: rows } }, { data: rows }, { items: rows }]);
  // Number ids, as a service writes an integer column, some past what a double holds.
  return Buffer.from(JSON.stringify(wrapped, null, 1).replace(/"(\d{5,})"/g, (_, digits: string) => (r.int(4) === 0 ? `${digits}9007199254740993` : digits)));
}

/** Runs the audit, failing loudly rather than hanging when it never ends. */
async function auditWithin(ms: number, ...argv: string[]): ReturnType<typeof runMain> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`the audit did not end within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([runMain(...argv), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

describe('fuzzing the command line', () => {
  const tmp = tempFolder();

  it(`${RUNS} damaged export sets end in exit 0, 1 or 2, never an uncaught or internal error`, async () => {
    const r = new Random(SEED);
    for (let run = 0; run < RUNS; run++) {
      const sample = r.pick(SAMPLES);
      const dir = join(tmp.dir, 'run');
      rmSync(dir, { recursive: true, force: true });
      mkdirSync(dir);
      const damaged = new Set(Array.from({ length: 1 + r.int(2) }, () => r.int(sample.files.length)));
      sample.files.forEach((file, f) => {
        let bytes = file.bytes;
        let name = file.name;
        if (damaged.has(f) && r.int(6) === 0) {
          const lines = r.int(2) === 0;
          bytes = asJson(bytes, lines, r);
          name = name.replace(/\.csv$/, lines ? '.jsonl' : '.json');
        }
        if (damaged.has(f)) for (let m = 1 + r.int(4); m > 0; m--) bytes = mutate(bytes, r);
        writeFileSync(join(dir, name), bytes);
      });
      const format = r.pick(['json', 'json', 'csv', 'table']);
      const where = `run ${run} (FUZZ_SEED=${SEED}), ${sample.id}, files ${[...damaged].map((f) => sample.files[f]!.name).join(', ')}`;
      let result;
      try {
        result = await auditWithin(20_000, 'audit', dir, '--policy', sample.id, '--as-of', '2026-10-31', '--format', format);
      } catch (err) {
        throw new Error(`${where}: uncaught ${(err as Error).stack}`);
      }
      expect([0, 1, 2], where).toContain(result.code);
      expect(result.stderr, where).not.toContain('internal error');
      if (result.code === 2) {
        // One line; an unknown header adds the file's header and the adapter.yaml lines to paste, codes the
        // adapter does not map add each code and the lines that map them, a header that reads more as a
        // larger layout adds the lines that map what it misses, and several files that cannot be read are
        // one message, a line saying so and each file's own after it.
        const lines = result.stderr.trim().split('\n');
        const several = lines[0]!.startsWith('supervision-audit: the export set cannot be audited as it is: ');
        const listed = ['the header matches no known export layout', 'each below with the line that maps it', 'but reads more of its columns as'].some((words) => lines[0]!.includes(words));
        expect(lines.length === 1 || several || listed, `${where}: ${JSON.stringify(result.stderr)}`).toBe(true);
      } else if (format === 'json') {
        const report = JSON.parse(result.stdout) as Report;
        for (const input of report.inputs) {
          expect(input.rowsRead, `${where}: ${input.file}`).toBe(input.rowsUsed + input.rowsRejected);
          // An audit that went on rests on at least three quarters of every file it read (--max-rejected 25), or
          // on all but four of its rows; the HR export's rows that join no worker are judged by the join alone.
          const notRelevant = Object.values(input.notRelevant).reduce((a, b) => a + b, 0);
          const rejected = input.rowsRejected - notRelevant;
          if (input.entity !== 'staff-records') expect(rejected < 5 || rejected * 4 <= input.rowsRead - notRelevant, `${where}: ${input.file} ${rejected} rejected`).toBe(true);
        }
      }
    }
  }, 600_000);
});
