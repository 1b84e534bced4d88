/**
 * A copy of a string that holds its own characters and nothing else. V8 keeps a string cut
 * from a longer one as a view of it (so a cell read from a file keeps the whole chunk of the
 * file alive), and a string built by joining pieces as a tree of them (several hundred bytes
 * for a sentence). Text kept for long, in quantity, is worth copying flat: concatenating it to
 * another string and cutting that off again is the one copy the language offers. Below 13
 * characters V8 copies anyway.
 */
export function ownCopy(text: string): string {
  return text.length < 13 ? text : ` ${text}`.slice(1);
}
