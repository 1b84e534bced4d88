/**
 * A policy's YAML files read with their places: every problem found in one names the line and
 * column it is about, so that an author can go straight to it.
 */
import { readFile } from 'node:fs/promises';
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';

/** How many times aliases may be expanded in one file: far more than any policy needs, far fewer than a bomb. */
export const MAX_ALIAS_COUNT = 100;

export interface YamlSource {
  /** The file's content as plain data. */
  value: unknown;
  /** Where a path inside the file is ("line 12, column 7"), or the nearest place above it that is there. */
  at(path: ReadonlyArray<PropertyKey>): string;
  /** Where the key `key` of the mapping at `path` is written. */
  atKey(path: ReadonlyArray<PropertyKey>, key: string): string;
}

const PLACE = /^line (\d+), column (\d+)/;

/** Problems of a file in the order of their places in it; those with no place keep theirs, after. */
export function inFileOrder(problems: readonly string[]): string[] {
  const key = (problem: string): number => {
    const match = PLACE.exec(problem);
    return match ? Number(match[1]) * 100_000 + Number(match[2]) : Number.MAX_SAFE_INTEGER;
  };
  return problems
    .map((problem, i) => ({ problem, i, at: key(problem) }))
    .sort((a, b) => a.at - b.at || a.i - b.i)
    .map((p) => p.problem);
}

/** Problems of one file: each a sentence, located where it can be. */
export class FileProblems extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('; '));
  }
}

function place(lines: LineCounter, offset: number | undefined): string {
  if (offset === undefined) return 'line 1, column 1';
  const { line, col } = lines.linePos(offset);
  return `line ${line}, column ${col}`;
}

function nodeAt(doc: Document, path: ReadonlyArray<PropertyKey>): Node | null {
  let node: unknown = doc.contents;
  for (const key of path) {
    if (isMap(node)) {
      const pair = node.items.find((p) => (isScalar(p.key) ? p.key.value : p.key) === key);
      if (!pair) break;
      node = pair.value;
    } else if (isSeq(node) && typeof key === 'number' && node.items[key] !== undefined) {
      node = node.items[key];
    } else {
      break;
    }
  }
  return (node as Node | null) ?? null;
}

/** A YAML error as the parser words it, whole: its sentence and the lines it points at. */
function wholeError(message: string): string {
  return message
    .split('\n')
    .filter((line) => line.trim().length > 0)
    .join('\n      ');
}

/**
 * Reads a YAML file with its places. Unreadable files, YAML errors (every one, whole) and alias
 * bombs are problems of the file.
 */
export async function readYamlSource(file: string): Promise<YamlSource> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    throw new FileProblems(['the file cannot be read']);
  }
  const lines = new LineCounter();
  const doc = parseDocument(text, { prettyErrors: true, uniqueKeys: true, lineCounter: lines });
  if (doc.errors.length > 0) throw new FileProblems(doc.errors.map((e) => wholeError(e.message)));
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (err) {
    if (err instanceof ReferenceError && /alias/i.test(err.message)) {
      throw new FileProblems([`its aliases (*name) expand to more than ${MAX_ALIAS_COUNT} copies, which no policy needs: write the values out where they are used`]);
    }
    throw new FileProblems([`it cannot be read as YAML: ${(err as Error).message}`]);
  }
  return {
    value,
    at: (path) => place(lines, nodeAt(doc, path)?.range?.[0]),
    atKey: (path, key) => {
      const map = nodeAt(doc, path);
      const pair = isMap(map) ? map.items.find((p) => (isScalar(p.key) ? p.key.value : p.key) === key) : undefined;
      const keyNode = pair?.key as Node | undefined;
      return place(lines, keyNode?.range?.[0] ?? map?.range?.[0]);
    },
  };
}
