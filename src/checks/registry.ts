/** The catalogue of checks a policy rule can name. */
import type { Check } from './check.js';
import { agreement } from './agreement.js';
import { cancellation } from './cancellation.js';
import { caseFileAudit } from './case-file-audit.js';
import { caseFrequency } from './case-frequency.js';
import { caseInitial } from './case-initial.js';
import { decisionDiscussed } from './decision-discussed.js';
import { diversityEvidenced } from './diversity-evidenced.js';
import { incidentFollowUp } from './incident-follow-up.js';
import { namedSupervisor } from './named-supervisor.js';
import { professionalSupervision } from './professional-supervision.js';
import { recordingTimeliness } from './recording-timeliness.js';
import { registrationCurrent } from './registration-current.js';
import { residentialEachChild } from './residential-each-child.js';
import { signOff } from './sign-off.js';
import { staffDuration } from './staff-duration.js';
import { staffFrequency } from './staff-frequency.js';
import { staffRecord } from './staff-record.js';
import { supervisorQualified } from './supervisor-qualified.js';
import { topicsCoverage } from './topics-coverage.js';

export const CHECKS: readonly Check[] = [
  staffFrequency,
  staffDuration,
  namedSupervisor,
  agreement,
  recordingTimeliness,
  cancellation,
  diversityEvidenced,
  signOff,
  professionalSupervision,
  topicsCoverage,
  caseInitial,
  caseFrequency,
  decisionDiscussed,
  caseFileAudit,
  residentialEachChild,
  incidentFollowUp,
  registrationCurrent,
  staffRecord,
  supervisorQualified,
] as unknown as readonly Check[];

export const CHECKS_BY_ID: ReadonlyMap<string, Check> = new Map(CHECKS.map((c) => [c.id, c]));

export function needsOf(check: Check, params: unknown): readonly import('../model/records.js').RecordKind[] {
  return typeof check.needs === 'function' ? check.needs(params) : check.needs;
}
