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

export function describeRuleParams(params: unknown): string {
  return describeValue(params);
}
