/**
 * Incidents about a person no other export names (REQUIREMENTS.md, "Incidents"): a person id
 * typed wrong, or an incidents export from another system's ids. No worker can be found for
 * such an incident, so no rule can judge it: each is a data issue rather than passed over.
 */
import type { Dataset } from './dataset.js';
import type { DataIssue } from './issues.js';
import type { SourceRef } from './records.js';

export function incidentsOfUnknownPeople(dataset: Dataset, columnOf: (source: SourceRef, field: string) => string): DataIssue[] {
  const found: DataIssue[] = [];
  if (dataset.incidents.length === 0) return found;
  const known = new Set<string>(dataset.caseById.keys());
  for (const r of dataset.residences) known.add(r.childId);
  for (const caseId of dataset.discussions.cases()) known.add(caseId);
  for (const d of dataset.decisions) known.add(d.caseId);
  for (const incident of dataset.incidents) {
    if (known.has(incident.caseId)) continue;
    found.push({
      file: incident.file,
      line: incident.line,
      field: columnOf(incident, 'caseId'),
      value: incident.caseId,
      problem: `person ${incident.caseId} is in no other export (no plan, allocation, case step or residence), so no worker can be found for the incident and no rule can judge it: check the person id`,
      effect: 'kept',
    });
  }
  return found;
}
