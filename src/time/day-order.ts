/**
 * Items in order of their days, and the part of such an order that falls in a window: for
 * records held as objects and for rows of a table alike, each read through the day of a place.
 */
import type { Day } from './calendar.js';

/**
 * The places 0 to count - 1 in order of their days, places of one day in their own order: a
 * stable counting sort, with no object per item, in time linear in the items and the days they span.
 */
export function inDayOrder(count: number, dayAt: (place: number) => Day): Int32Array {
  const sorted = new Int32Array(count);
  if (count === 0) return sorted;
  let first = Infinity;
  let last = -Infinity;
  for (let place = 0; place < count; place++) {
    const day = dayAt(place);
    if (day < first) first = day;
    if (day > last) last = day;
  }
  const starts = new Int32Array(last - first + 2);
  for (let place = 0; place < count; place++) starts[dayAt(place) - first + 1]! += 1;
  for (let i = 1; i < starts.length; i++) starts[i]! += starts[i - 1]!;
  for (let place = 0; place < count; place++) sorted[starts[dayAt(place) - first]!++] = place;
  return sorted;
}

/** Where, in a list of `count` items in order of their days, those dated within the window begin and end. */
export function placesWithin(count: number, dayAt: (place: number) => Day, window: { from: Day; asOf: Day }): [number, number] {
  return [firstOnOrAfter(count, dayAt, window.from), firstOnOrAfter(count, dayAt, window.asOf + 1)];
}

function firstOnOrAfter(count: number, dayAt: (place: number) => Day, day: Day): number {
  let low = 0;
  let high = count;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (dayAt(middle) < day) low = middle + 1;
    else high = middle;
  }
  return low;
}
