/** What the case checks share: the episodes a rule covers, their ends, and who held the case. */
import type { Day } from '../time/calendar.js';
import { memo, remembered, type Held } from './held.js';
import { allocatedOn, supervisorOn, teamOfWorkerOn, type Dataset } from '../model/dataset.js';
import type { CaseDiscussion, DiscussionKind, PlanEpisode, PlanType, SupervisionSession } from '../model/records.js';

/** The episode's last day: its own end or the case's closure, whichever is first. */
export function episodeEnd(dataset: Dataset, episode: PlanEpisode): Day | null {
  const closed = dataset.caseById.get(episode.caseId)?.closed ?? null;
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

/** Each case's held discussions of the given kinds, in date order: a lookup by case id (month audits ask again). */
export function heldDiscussionsOf(dataset: Dataset, kinds: readonly DiscussionKind[]): (caseId: string) => Held<CaseDiscussion> {
  return remembered(dataset, 'held discussions of case', kinds, (caseId) => (dataset.discussionsByCase.get(caseId) ?? []).filter((d) => d.status === 'held' && kinds.includes(d.kind)));
}

/** Whether a case discussion took place at a staff supervision session: linked to it, or held by its worker that day. */
export function discussedAt(discussion: CaseDiscussion, session: SupervisionSession): boolean {
  return discussion.status === 'held' && (discussion.sessionId === session.id || (discussion.workerId === session.workerId && discussion.date === session.date));
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
