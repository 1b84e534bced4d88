/**
 * Unbroken stretches of days cut from dated spans: a worker's periods in a rule's roles
 * (REQUIREMENTS.md, "Workers over time"), a case's plan episodes of a rule's plan types, or its
 * allocations ("Check semantics", case-frequency). Spans that touch (one ends the day before
 * the next starts) or overlap make one stretch; a day covered by none ends it.
 */
import type { Day } from './calendar.js';

/** A span of days, its last day inclusive; null while it goes on. */
export interface Span {
  start: Day;
  end: Day | null;
}

/** An unbroken run of days and the spans that make it up, in order of start. */
export interface Run<T> extends Span {
  items: T[];
}

/**
 * The unbroken runs of days that spans cover, the spans taken in order of start (as given).
 * `together`, where given, may keep two touching spans apart (a change of register for a
 * worker); it is asked about the last span of the run and the next.
 */
export function runsOf<T>(items: Iterable<T>, spanOf: (item: T) => Span, together?: (last: T, next: T) => boolean): Run<T>[] {
  const runs: Run<T>[] = [];
  let current: Run<T> | null = null;
  for (const item of items) {
    const { start, end } = spanOf(item);
    if (current && (current.end === null || start <= current.end + 1) && (together?.(current.items.at(-1)!, item) ?? true)) {
      current.items.push(item);
      if (current.end !== null) current.end = end === null ? null : Math.max(current.end, end);
    } else {
      current = { start, end, items: [item] };
      runs.push(current);
    }
  }
  return runs;
}

/** The days two lists of stretches (each in order, none overlapping) have in common, as stretches. */
export function overlapOf(a: readonly Span[], b: readonly Span[]): Span[] {
  const out: Span[] = [];
  let j = 0;
  for (const x of a) {
    while (j < b.length && b[j]!.end !== null && b[j]!.end! < x.start) j++;
    for (let k = j; k < b.length && (x.end === null || b[k]!.start <= x.end); k++) {
      const y = b[k]!;
      const start = Math.max(x.start, y.start);
      const end = x.end === null ? y.end : y.end === null ? x.end : Math.min(x.end, y.end);
      if (end === null || end >= start) out.push({ start, end });
    }
  }
  return out;
}
