/** The JSON report: the schemaVersion 1 contract, as it is. */
import type { Report } from './report.js';

/** The lists that grow with the data: written an element at a time. */
const LONG_LISTS = new Set(['findings', 'dataIssues']);

/**
 * The report as `JSON.stringify(report, null, 2)` writes it, in pieces: the long lists an
 * element at a time, so that a report of a large audit never has to exist as one string.
 */
export function* renderJsonChunks(report: Report): Generator<string> {
  const entries = Object.entries(report).filter(([, value]) => value !== undefined);
  yield '{\n';
  for (const [i, [key, value]] of entries.entries()) {
    yield `  ${JSON.stringify(key)}: `;
    if (LONG_LISTS.has(key) && Array.isArray(value) && value.length > 0) {
      yield '[\n';
      for (const [j, element] of value.entries()) {
        yield `    ${JSON.stringify(element, null, 2).replaceAll('\n', '\n    ')}${j < value.length - 1 ? ',' : ''}\n`;
      }
      yield '  ]';
    } else {
      yield JSON.stringify(value, null, 2).replaceAll('\n', '\n  ');
    }
    yield i < entries.length - 1 ? ',\n' : '\n';
  }
  yield '}\n';
}

export function renderJson(report: Report): string {
  return [...renderJsonChunks(report)].join('');
}
