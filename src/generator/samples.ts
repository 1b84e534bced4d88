/** The bundled samples: which generator settings and planted situations make each one. */
import { makeScenario } from './scenario.js';
import { MOSAIC_PROBLEM_ROWS, plantChildrensScenarios } from './planted.js';
import { writeExportFiles, type ExportFile } from './writers/csv-files.js';
import { mosaicFiles } from './writers/mosaic.js';

export interface SampleDefinition {
  id: string;
  system: 'mosaic';
  seed: number;
  workers: number;
  months: number;
  asOf: string;
  caseload: number;
}

export const SAMPLES: Record<string, SampleDefinition> = {
  barnsley: { id: 'barnsley', system: 'mosaic', seed: 2026_10_31, workers: 40, months: 18, asOf: '2026-10-31', caseload: 4 },
};

export function sampleFiles(definition: SampleDefinition): ExportFile[] {
  const data = makeScenario(definition);
  plantChildrensScenarios(data);
  const northManager = data.workers.find((w) => w.team === 'Assessment Team North' && w.role === 'team-manager')!.id;
  return mosaicFiles(data).map((file) => ({
    ...file,
    rawLines: (MOSAIC_PROBLEM_ROWS[file.name] ?? []).map((line) => line.replaceAll('{north}', northManager)),
  }));
}

export function writeSample(definition: SampleDefinition, dir: string): string[] {
  return writeExportFiles(dir, sampleFiles(definition));
}
