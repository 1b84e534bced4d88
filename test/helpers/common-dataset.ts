import { makeScenario } from '../../src/generator/scenario.js';
import { plantChildrensScenarios } from '../../src/generator/planted.js';
import type { GenDataset } from '../../src/generator/model.js';

/**
 * One generated dataset that all three systems' layouts can say: AzeusCare exports no
 * unfinished supervision record, Liquid Logic no postponed form (only cancelled) and only
 * finalised case notes.
 */
export function commonDataset(): GenDataset {
  const data = makeScenario({ seed: 7, workers: 44, months: 15, asOf: '2026-10-31', caseload: 3, fileAudits: true, residents: true, incidents: true });
  plantChildrensScenarios(data);
  data.sessions = data.sessions.filter((s) => s.status !== 'incomplete').map((s) => (s.status === 'postponed' ? { ...s, status: 'cancelled' } : s));
  data.caseSteps = data.caseSteps.filter((c) => c.status === 'held');
  return data;
}
