import { makeScenario } from '../../src/generator/scenario.js';
import { addWorkerHistories, plantChildrensScenarios, plantWorkerHistories } from '../../src/generator/planted.js';
import type { GenDataset } from '../../src/generator/model.js';

/**
 * One generated dataset that all three systems' layouts can say: AzeusCare exports no
 * unfinished supervision record, Liquid Logic no postponed form (only cancelled) and only
 * finalised case notes. Some workers have histories of several rows (the planted promotion,
 * move and return, and one practitioner in five more), as every system's workers export holds.
 */
export function commonDataset(): GenDataset {
  const data = makeScenario({ seed: 7, workers: 44, months: 15, asOf: '2026-10-31', caseload: 3, fileAudits: true, residents: true, incidents: true });
  plantChildrensScenarios(data);
  plantWorkerHistories(data, 'Assessment Team North', 'Safeguarding Team Central', data.workers[0]!.service);
  addWorkerHistories(data, 5);
  data.sessions = data.sessions.filter((s) => s.status !== 'incomplete').map((s) => (s.status === 'postponed' ? { ...s, status: 'cancelled' } : s));
  data.caseSteps = data.caseSteps.filter((c) => c.status === 'held');
  return data;
}
