/** What the case checks share: the episodes a rule covers, their ends, the stretches they make, and who held the case. */
import type { Day } from '../time/calendar.js';
import { memo, rememberedRows, type HeldRows } from './held.js';
import type { CaseDiscussions } from '../model/case-discussions.js';
import { allocatedOn, supervisorOn, teamOfWorkerOn, type Dataset } from '../model/dataset.js';
import type { Allocation, DiscussionKind, PlanEpisode, PlanType, Role, SupervisionSession } from '../model/records.js';
import { overlapOf, runsOf, type Span } from '../time/stretches.js';

/** The episode's last day: its own end or the case's closure, whichever is first (a closure before the episode began was of an earlier spell: the case was reopened). */
export function episodeEnd(dataset: Dataset, episode: PlanEpisode): Day | null {
  const found = dataset.caseById.get(episode.caseId)?.closed ?? null;
  const closed = found !== null && found >= episode.from ? found : null;
  if (episode.to === null) return closed;
  return closed === null ? episode.to : Math.min(episode.to, closed);
}

/** An episode of a rule's plan types, with its last day. */
export interface EpisodeOfRule {
  episode: PlanEpisode;
  end: Day | null;
}

/** The episodes of the given plan types with their ends, worked out once per dataset and rule (month audits ask again). */
export function episodesOf(dataset: Dataset, plans: readonly PlanType[]): readonly EpisodeOfRule[] {
  return memo(dataset, `episodes ${plans.join(',')}`, () =>
    dataset.plans.filter((episode) => plans.includes(episode.type)).map((episode) => ({ episode, end: episodeEnd(dataset, episode) })),
  );
}

/**
 * A case during an unbroken stretch of days on which it has a plan of a rule's plan types
 * (REQUIREMENTS.md, "Check semantics", case-frequency): episodes that touch or overlap are one
 * stretch, so a change of plan within the rule's types restarts no clock.
 */
export interface CaseStretch {
  caseId: string;
  start: Day;
  /** Its last day (the last episode's end, or the case's closure); null while it goes on. */
  end: Day | null;
  /** Its episodes, in order of start (then source order). */
  episodes: EpisodeOfRule[];
}

/** Each case's stretches on the given plan types, together, cases in order of first appearance, worked out once per dataset and rule. */
export function caseStretchesOf(dataset: Dataset, plans: readonly PlanType[]): readonly CaseStretch[] {
  return memo(dataset, `case stretches ${plans.join(',')}`, () => {
    const stretches: CaseStretch[] = [];
    for (const [caseId, episodes] of dataset.plansByCase) {
      const ofRule: EpisodeOfRule[] = [];
      for (const episode of episodes) {
        if (!plans.includes(episode.type)) continue;
        ofRule.push({ episode, end: episodeEnd(dataset, episode) });
      }
      for (const run of runsOf(ofRule, ({ episode, end }) => ({ start: episode.from, end }))) stretches.push({ caseId, start: run.start, end: run.end, episodes: run.items });
    }
    return stretches;
  });
}

/** The plan in force on a day of a stretch: the latest of its episodes to start on or before it (before the first, the first). */
export function planOn(stretch: CaseStretch, day: Day): PlanEpisode {
  const { episodes } = stretch;
  let found = episodes[0]!.episode;
  for (let i = 1; i < episodes.length && episodes[i]!.episode.from <= day; i++) found = episodes[i]!.episode;
  return found;
}

/**
 * The parts of a case's stretches on which it is allocated (to a worker in one of `roles`, where
 * given, by the worker's role on each day as periodOn reads it): for rules about cases allocated
 * to a social worker, an unallocated case is no subject on those days.
 */
export function allocatedParts(dataset: Dataset, stretch: CaseStretch, roles?: readonly Role[]): CaseStretch[] {
  const allocated = runsOf(allocatedSpans(dataset, dataset.allocationsByCase.get(stretch.caseId) ?? [], roles), (span) => span);
  return overlapOf([stretch], allocated).map((part) => ({ ...stretch, start: part.start, end: part.end }));
}

/** The days of each allocation (in order of start), cut to those on which its worker's role is one of `roles`. */
function allocatedSpans(dataset: Dataset, allocations: readonly Allocation[], roles?: readonly Role[]): Span[] {
  if (roles === undefined) return allocations.map((a) => ({ start: a.from, end: a.to }));
  const spans: Span[] = [];
  for (const a of allocations) {
    const periods = dataset.workerById.get(a.workerId)?.periods ?? [];
    // A period's role holds from its start (the first's from any earlier day) to the day before the next one starts.
    const inRole = periods.flatMap((p, i) => (roles.includes(p.role) ? [{ start: i === 0 ? -Infinity : p.start, end: i + 1 < periods.length ? periods[i + 1]!.start - 1 : null }] : []));
    spans.push(...overlapOf([{ start: a.from, end: a.to }], inRole));
  }
  return spans.sort((x, y) => x.start - y.start);
}

/** Each case's held discussions of the given kinds (rows), in date order: a lookup by case id (month audits ask again). */
export function heldDiscussionsOf(dataset: Dataset, kinds: readonly DiscussionKind[]): (caseId: string) => HeldRows {
  const { discussions } = dataset;
  return rememberedRows(dataset, 'held discussions of case', kinds, discussions, (caseId) =>
    discussions.ofCase(caseId).filter((row) => discussions.isHeld(row) && kinds.includes(discussions.kindOf(row))),
  );
}

/** Whether a case discussion (a row) took place at a staff supervision session: linked to it, or held by its worker that day. */
export function discussedAt(discussions: CaseDiscussions, row: number, session: SupervisionSession): boolean {
  return (
    discussions.isHeld(row) &&
    (discussions.sessionIdOf(row) === session.id || (discussions.workerIdOf(row) === session.workerId && discussions.dateOf(row) === session.date))
  );
}

/** The worker allocated on a day, their named supervisor then, and their team on the audit date. */
export function holderOn(dataset: Dataset, caseId: string, day: Day, asOf: Day): { workerId: string | null; supervisorId: string | null; team: string | null } {
  const workerId = allocatedOn(dataset, caseId, day)?.workerId ?? null;
  if (workerId === null) return { workerId: null, supervisorId: null, team: null };
  return {
    workerId,
    supervisorId: supervisorOn(dataset, workerId, day)?.supervisorId ?? null,
    team: teamOfWorkerOn(dataset, workerId, asOf),
  };
}
