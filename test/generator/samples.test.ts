import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SAMPLES, sampleFiles } from '../../src/generator/samples.js';
import { ROOT } from '../e2e/helpers.js';
import { stringify } from 'csv-stringify/sync';

describe.each(Object.keys(SAMPLES))('the bundled %s sample', (id) => {
  it('is exactly what the seeded generator makes (npm run generate -- --sample id)', () => {
    for (const file of sampleFiles(SAMPLES[id]!)) {
      const made =
        stringify([file.columns, ...file.rows.map((r) => file.columns.map((c) => r[c] ?? ''))], { record_delimiter: '\r\n' }) +
        (file.rawLines ?? []).map((l) => `${l}\r\n`).join('');
      expect(readFileSync(join(ROOT, 'samples', id, file.name), 'utf8'), file.name).toBe(made);
    }
  });
});
