/** The JSON report: the schemaVersion 1 contract, as it is. */
import type { Report } from './report.js';

export function renderJson(report: Report): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
