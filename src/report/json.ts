/** The JSON report: the schemaVersion 1 contract, as it is. */
import type { AuditReport } from '../audit/report.js';
import { inBlocks } from './blocks.js';

/** The audit report's lists that grow with the data: written (and read back, audit/report-json.ts) an element at a time. */
export const REPORT_LONG_LISTS: ReadonlySet<string> = new Set(['findings', 'dataIssues']);

/** The audit report as `JSON.stringify(report, null, 2)` writes it, in pieces (`jsonPieces`). */
export function renderJsonChunks(report: AuditReport): Generator<string> {
  return jsonPieces(report, REPORT_LONG_LISTS);
}

/**
 * An object as `JSON.stringify(value, null, 2)` writes it, in pieces: the lists named in
 * `longLists` a few elements at a time, so that a large audit's report never has to exist as
 * one string.
 */
export function* jsonPieces(value: object, longLists: ReadonlySet<string>): Generator<string> {
  const entries = Object.entries(value).filter(([, v]) => v !== undefined);
  yield '{\n';
  for (const [i, [key, value]] of entries.entries()) {
    yield `  ${JSON.stringify(key)}: `;
    if (longLists.has(key) && isList(value)) {
      // As JSON.stringify writes an empty list, and any other a piece at a time.
      if (value.length === 0) yield '[]';
      else {
        yield '[\n';
        yield* listElements(key, value);
        yield '  ]';
      }
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
function* listElements(key: string, list: List): Generator<string> {
  const opening = `{\n  ${JSON.stringify(key)}: [\n`.length;
  const closing = '\n  ]\n}'.length;
  let written = 0;
  for (const block of inBlocks(list, BLOCK)) {
    const text = JSON.stringify({ [key]: block }, null, 2);
    written += block.length;
    yield `${text.slice(opening, text.length - closing)}${written < list.length ? ',' : ''}\n`;
  }
}

/** A long list: an array, or the report's findings (audit/finding-store.ts). */
type List = Iterable<unknown> & { readonly length: number };

const isList = (value: unknown): value is List => Array.isArray(value) || (typeof value === 'object' && value !== null && Symbol.iterator in value && typeof (value as { length?: unknown }).length === 'number');
