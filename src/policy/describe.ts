/** Parameters of a rule in one readable line: intervals as the policy wrote them. */
import { describeInterval, type Interval } from '../time/interval.js';

function isInterval(value: unknown): value is Interval {
  return typeof value === 'object' && value !== null && 'n' in value && 'unit' in value && Object.keys(value).length === 2;
}

function describeValue(value: unknown): string {
  if (isInterval(value)) return describeInterval(value);
  if (Array.isArray(value)) return `[${value.map(describeValue).join(', ')}]`;
  if (typeof value === 'object' && value !== null) {
    return `{ ${Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => `${k}: ${describeValue(v)}`)
      .join(', ')} }`;
  }
  return String(value);
}

/**
 * A rule's parameters as `policies show` prints them. `stageFrom` (the day an ASYE worker's
 * stages run from) is said only where the rule has stages: elsewhere it is a default that
 * changes nothing, and would suggest the rule is about ASYE workers.
 */
export function describeRuleParams(params: unknown): string {
  if (typeof params === 'object' && params !== null && 'stageFrom' in params && !('stages' in params && (params as { stages?: unknown }).stages !== undefined)) {
    const { stageFrom: _unused, ...rest } = params as Record<string, unknown>;
    return describeValue(rest);
  }
  return describeValue(params);
}
