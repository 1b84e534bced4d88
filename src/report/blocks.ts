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
