/**
 * How far the JavaScript heap may grow past what was live at the last full collection before
 * the next one. By default V8 lets it grow to about twice that; an audit keeps most of what it
 * reads until it ends, so at its peak the heap held tens of megabytes of garbage not yet
 * collected (on the benchmark's 1M-row set, 128 MB in use at the end against 75 MB live). With
 * the limit at 1.4 times what is live, collections are more frequent and each young one cheaper:
 * the peak falls by about 20 MB at 1M rows and 60 MB on an AzeusCare set of 220,000 exceptions,
 * for the same total collection time (README, "Performance").
 */
import { setFlagsFromString } from 'node:v8';

export const HEAP_GROWING_PERCENT = 40;

/**
 * Sets the limit for this process and the reading threads it starts (V8's flags are the
 * process's): called by the launcher before anything is read, never by the command line's tests.
 */
export function limitHeapGrowth(): void {
  setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
}
