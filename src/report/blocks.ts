/** Items a block at a time: a long list written in pieces small enough to be collected young. */
export function* inBlocks<T>(items: Iterable<T>, size: number): Generator<T[]> {
  let block: T[] = [];
  for (const item of items) {
    block.push(item);
    if (block.length === size) {
      yield block;
      block = [];
    }
  }
  if (block.length > 0) yield block;
}

/** The pieces with the white space at the end of their whole cut, then a line break: as `text.trimEnd() + '\n'`, a piece at a time. */
export function* endTrimmed(pieces: Iterable<string>): Generator<string> {
  /** White space seen at the end so far: written only once something follows it. */
  let pending = '';
  for (const piece of pieces) {
    const kept = piece.trimEnd();
    if (kept.length === 0) {
      pending += piece;
      continue;
    }
    yield pending + kept;
    pending = piece.slice(kept.length);
  }
  yield '\n';
}
