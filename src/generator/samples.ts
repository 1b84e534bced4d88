/** The bundled samples: which generator settings, writer and planted situations make each one. */
import type { SystemId } from '../adapters/layout.js';
import { staffNumberOf, type GenDataset } from './model.js';
import { makeScenario } from './scenario.js';
import {
  AZEUS_PROBLEM_ROWS,
  LIQUIDLOGIC_PROBLEM_ROWS,
  MOSAIC_PROBLEM_ROWS,
  plantAdultScenarios,
  plantChildrensScenarios,
  plantNewhamScenarios,
  plantHandoverWithoutAgreement,
  plantNewlyQualified,
  plantPortsmouthScenarios,
  plantStudent,
  plantWorkerHistories,
} from './planted.js';
import { writeExportFiles, type ExportFile } from './writers/csv-files.js';
import { ITRENT_WORDS, plantStaffRecordProblems } from './staff-records.js';
import { SYSTEM_WRITERS } from './writers/systems.js';

export interface SampleDefinition {
  id: string;
  system: SystemId;
  service: 'children' | 'adults';
  seed: number;
  workers: number;
  months: number;
  asOf: string;
  caseload: number;
  fileAudits?: boolean;
  residents?: boolean;
  incidents?: boolean;
  agreementReviewMonths?: number;
}

export const SAMPLES: Record<string, SampleDefinition> = {
  barnsley: { id: 'barnsley', system: 'mosaic', service: 'children', seed: 2026_10_31, workers: 40, months: 18, asOf: '2026-10-31', caseload: 4 },
  newham: { id: 'newham', system: 'azeus', service: 'children', seed: 2026_06_01, workers: 36, months: 15, asOf: '2026-10-31', caseload: 4, agreementReviewMonths: 6 },
  haringey: { id: 'haringey', system: 'liquidlogic', service: 'adults', seed: 2026_04_01, workers: 30, months: 15, asOf: '2026-10-31', caseload: 5 },
  walsall: { id: 'walsall', system: 'mosaic', service: 'children', seed: 2026_03_01, workers: 44, months: 15, asOf: '2026-10-31', caseload: 3, residents: true, incidents: true },
  portsmouth: { id: 'portsmouth', system: 'liquidlogic', service: 'children', seed: 2026_02_01, workers: 30, months: 15, asOf: '2026-10-31', caseload: 3, fileAudits: true },
};

const CHILDREN_MOVES: [string, string] = ['Assessment Team North', 'Safeguarding Team Central'];

/** What each sample adds to the generated data, and the problem rows its exports carry. */
const PLANTED: Record<
  string,
  {
    plant(data: GenDataset): void;
    problemRows: Record<string, string[]>;
    managerTeam: string;
    /** Teams a planted worker moves between (REQUIREMENTS.md, "Workers over time"). */
    moves: [string, string];
    /** How the HR export names workers: by worker id unless said. */
    hrKey?: 'staffNumber';
  }
> = {
  barnsley: {
    plant: (data) => {
      plantChildrensScenarios(data);
      plantStudent(data);
    },
    problemRows: MOSAIC_PROBLEM_ROWS,
    managerTeam: 'Assessment Team North',
    moves: CHILDREN_MOVES,
  },
  newham: {
    plant: (data) => {
      plantChildrensScenarios(data);
      plantNewhamScenarios(data);
      plantHandoverWithoutAgreement(data);
    },
    problemRows: AZEUS_PROBLEM_ROWS,
    managerTeam: 'Assessment Team North',
    moves: CHILDREN_MOVES,
  },
  // Haringey's HR export (iTrent) names workers by their staff number, as the workers export's STAFF_ID does.
  haringey: { plant: plantAdultScenarios, problemRows: LIQUIDLOGIC_PROBLEM_ROWS, managerTeam: 'Occupational Therapy Team', moves: ['Hospital Discharge Team', 'Learning Disabilities Team'], hrKey: 'staffNumber' },
  walsall: { plant: plantChildrensScenarios, problemRows: MOSAIC_PROBLEM_ROWS, managerTeam: 'Assessment Team North', moves: CHILDREN_MOVES },
  portsmouth: {
    plant: (data) => {
      plantChildrensScenarios(data);
      plantPortsmouthScenarios(data);
      plantNewlyQualified(data);
    },
    problemRows: { 'form_answers.csv': LIQUIDLOGIC_PROBLEM_ROWS['form_answers.csv']!.map((row) => row.replace(',19101,', ',19001,')) },
    managerTeam: 'Assessment Team North',
    moves: CHILDREN_MOVES,
  },
};

/** Newham's staff report calls the job title POST_TITLE (see policies/newham/adapter.yaml). */
function authorityColumns(id: string, files: ExportFile[]): ExportFile[] {
  if (id !== 'newham') return files;
  return files.map((file) => {
    if (file.name !== 'staff.csv') return file;
    const rename = (c: string): string => (c === 'DESIGNATION' ? 'POST_TITLE' : c);
    return { ...file, columns: file.columns.map(rename), rows: file.rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [rename(k), v]))) };
  });
}

/**
 * Export files of generated data for an authority, in a system's layouts: in the authority's
 * own system with its own column names, as its adapter reads them.
 */
export function authorityExportFiles(id: string, system: SystemId, data: GenDataset): ExportFile[] {
  const files = SYSTEM_WRITERS[system](data);
  return system === SAMPLES[id]!.system ? authorityColumns(id, files) : files;
}

export function sampleFiles(definition: SampleDefinition): ExportFile[] {
  const data = makeScenario(definition);
  const planted = PLANTED[definition.id]!;
  planted.plant(data);
  plantWorkerHistories(data, ...planted.moves, data.workers[0]!.service);
  // The HR export, in an HR system's words (each authority's adapter.yaml maps them), with its problems.
  data.staffRecords = plantStaffRecordProblems(data);
  if (planted.hrKey === 'staffNumber') data.staffRecords = data.staffRecords.map((r) => ({ ...r, workerId: staffNumberOf(r.workerId) }));
  data.hrWords = ITRENT_WORDS;
  const manager = data.workers.find((w) => w.team === planted.managerTeam && w.role === 'team-manager')!.id;
  return authorityColumns(definition.id, SYSTEM_WRITERS[definition.system](data)).map((file) => ({
    ...file,
    rawLines: (planted.problemRows[file.name] ?? []).map((line) => line.replaceAll('{north}', manager)),
  }));
}

export function writeSample(definition: SampleDefinition, dir: string): string[] {
  return writeExportFiles(dir, sampleFiles(definition));
}
