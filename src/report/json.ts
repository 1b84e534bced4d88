/** The JSON report: the schemaVersion 1 contract, as it is. */
import type { Report } from '../audit/report.js';

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
      yield* listElements(key, value);
      yield '  ]';
    } else {
      yield JSON.stringify(value, null, 2).replaceAll('\n', '\n  ');
    }
    yield i < entries.length - 1 ? ',\n' : '\n';
  }
  yield '}\n';
}

/** Elements of a long list stringified at a time: few enough that each piece is small and collected young. */
const BLOCK = 32;

/**
 * A long list's elements, a block at a time, each as it is indented in the whole report: a
 * block stringified as the same list of a stand-in report comes out indented just so, and is
 * cut out of it.
 */
function* listElements(key: string, list: unknown[]): Generator<string> {
  const opening = `{\n  ${JSON.stringify(key)}: [\n`.length;
  const closing = '\n  ]\n}'.length;
  for (let start = 0; start < list.length; start += BLOCK) {
    const text = JSON.stringify({ [key]: list.slice(start, start + BLOCK) }, null, 2);
    yield `${text.slice(opening, text.length - closing)}${start + BLOCK < list.length ? ',' : ''}\n`;
  }
}

export function renderJson(report: Report): string {
  return [...renderJsonChunks(report)].join('');
}
