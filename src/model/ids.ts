/** The id as a number when it is digits with no leading zero, few enough to be exact; else -1. */
export function plainNumber(id: string): number {
  if (id.length === 0 || id.length > 15) return -1;
  let n = 0;
  for (let i = 0; i < id.length; i++) {
    const digit = id.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9 || (i === 0 && digit === 0)) return -1;
    n = n * 10 + digit;
  }
  return n;
}

/**
 * Whether no two of the numbers are the same; the numbers are left as they are. Ids in ascending
 * order, as an export sorted by its key has them, are told so in one pass; others are sorted, a
 * copy (far cheaper than a set of a million).
 */
export function allDistinct(numbers: Float64Array): boolean {
  if (ascending(numbers)) return true;
  const sorted = numbers.slice().sort();
  for (let i = 1; i < sorted.length; i++) if (sorted[i] === sorted[i - 1]) return false;
  return true;
}

/** Whether each number is greater than the one before. */
function ascending(numbers: Float64Array): boolean {
  for (let i = 1; i < numbers.length; i++) if (!(numbers[i - 1]! < numbers[i]!)) return false;
  return true;
}

/**
 * An id as a number where it is one (REQUIREMENTS.md, "ids are compared as numbers"): `010006`
 * is `10006`, as Excel strips the zero from one export and not another. Other ids as they are.
 */
export function withoutLeadingZeros(text: string): string {
  if (text.charCodeAt(0) !== 48) return text;
  let i = 0;
  while (i < text.length - 1 && text.charCodeAt(i) === 48) i++;
  for (let k = i; k < text.length; k++) {
    const c = text.charCodeAt(k);
    if (c < 48 || c > 57) return text;
  }
  return text.slice(i);
}
