/**
 * How long each phase of an audit takes, and what it does to the process's memory: a measuring
 * aid for the benchmark, off unless the command line turns it on (SUPERVISION_AUDIT_PHASES=<file>).
 * Off, a phase is its work and one comparison. On, each phase's time and memory are summed over
 * its calls (the rules' runs, one per rule) and appended to the file, one JSON line per phase,
 * when the command ends.
 */
import { appendFileSync } from 'node:fs';

interface PhaseTally {
  ms: number;
  calls: number;
  /** The process's resident memory when the phase last ended, and its growth summed over the calls. */
  rssMb: number;
  rssGrowthMb: number;
  /** The process's highest resident memory so far when the phase last ended: the phase that raises it sets the peak. */
  peakMb: number;
  /** The JavaScript heap in use, likewise: the collector runs when it likes, so a rough guide. */
  heapMb: number;
  heapGrowthMb: number;
}

/** One line of the file: a phase and its tally, rounded. */
export type PhaseLine = { phase: string } & PhaseTally;

let recording: { file: string; tallies: Map<string, PhaseTally> } | null = null;

const MB = 2 ** 20;

/** Starts counting phases, to be appended to `file` by endPhases; nothing when no file is given. */
export function startPhases(file: string | undefined): void {
  recording = file === undefined || file === '' ? null : { file, tallies: new Map() };
}

/** Does `work` (and waits for it, when it is a promise), counted as part of `phase`. */
export function inPhase<T>(phase: string, work: () => T): T {
  if (recording === null) return work();
  const before = process.memoryUsage();
  const started = performance.now();
  const result = work();
  if (result instanceof Promise) {
    return result.then((value: unknown) => {
      tally(phase, started, before);
      return value;
    }) as T;
  }
  tally(phase, started, before);
  return result;
}

function tally(phase: string, started: number, before: NodeJS.MemoryUsage): void {
  const ms = performance.now() - started;
  const after = process.memoryUsage();
  const tallies = recording?.tallies;
  if (tallies === undefined) return;
  const seen = tallies.get(phase) ?? { ms: 0, calls: 0, rssMb: 0, rssGrowthMb: 0, peakMb: 0, heapMb: 0, heapGrowthMb: 0 };
  seen.ms += ms;
  seen.calls += 1;
  seen.rssMb = after.rss / MB;
  seen.rssGrowthMb += (after.rss - before.rss) / MB;
  seen.peakMb = (process.resourceUsage().maxRSS * 1024) / MB;
  seen.heapMb = after.heapUsed / MB;
  seen.heapGrowthMb += (after.heapUsed - before.heapUsed) / MB;
  tallies.set(phase, seen);
}

/** Appends each phase counted since startPhases, in the order each was first counted, and stops counting. */
export function endPhases(): void {
  if (recording === null) return;
  const { file, tallies } = recording;
  recording = null;
  const round = (n: number): number => Math.round(n * 10) / 10;
  const lines = [...tallies].map(([phase, t]) => {
    const line: PhaseLine = { phase, ms: round(t.ms), calls: t.calls, rssMb: round(t.rssMb), rssGrowthMb: round(t.rssGrowthMb), peakMb: round(t.peakMb), heapMb: round(t.heapMb), heapGrowthMb: round(t.heapGrowthMb) };
    return JSON.stringify(line);
  });
  appendFileSync(file, lines.map((line) => `${line}\n`).join(''));
}
