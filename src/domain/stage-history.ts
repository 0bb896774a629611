import type { IsoDate } from './calendar.ts';
import type { StageDates } from './deadlines.ts';
import { PROJECT_STAGES, type ProjectStage, type ProjectState } from './stages.ts';
import type { ProjectProgress, StageEvidence, TransitionKind } from './transitions.ts';

/**
 * A project's stage history is append-only: every change is an event, and a correction is a later event that
 * replaces an earlier one's date and evidence, or revokes it — with a reason, kept for everyone to see.
 * The project's current progress is the fold of its history.
 */
export type StageEventKind = TransitionKind | 'correct' | 'revoke';

export type StageEvent = {
  id: number;
  kind: StageEventKind;
  /** The state the change leads to (for correct/revoke: unused). */
  state: ProjectState;
  happenedOn: IsoDate;
  evidence: StageEvidence;
  reason: string | null;
  correctsEventId: number | null;
};

export type EffectiveEvent = StageEvent & { correctedBy: number[] };

/** The events that still count, with corrections applied, in the order they were recorded. */
export function effectiveEvents(events: StageEvent[]): EffectiveEvent[] {
  const byId = new Map<number, EffectiveEvent>();
  const order: number[] = [];
  for (const event of [...events].sort((a, b) => a.id - b.id)) {
    if (event.kind === 'correct' || event.kind === 'revoke') {
      const target = event.correctsEventId === null ? undefined : byId.get(event.correctsEventId);
      if (!target) continue;
      if (event.kind === 'revoke') {
        byId.delete(target.id);
      } else {
        byId.set(target.id, {
          ...target,
          happenedOn: event.happenedOn,
          evidence: { ...target.evidence, ...event.evidence },
          correctedBy: [...target.correctedBy, event.id],
        });
      }
      continue;
    }
    byId.set(event.id, { ...event, correctedBy: [] });
    order.push(event.id);
  }
  return order.map((id) => byId.get(id)).filter((e): e is EffectiveEvent => !!e);
}

export function foldProgress(events: StageEvent[]): ProjectProgress {
  let state: ProjectState = 'lead';
  const stageDates: StageDates = {};
  let lastEventDate: IsoDate | null = null;
  // Without corrections or revocations the effective events are the events in id order: the fold, run for every
  // planned stage of every row an import reads, need not copy them.
  const plain = events.every((e) => e.kind !== 'correct' && e.kind !== 'revoke');
  for (const event of plain ? [...events].sort((a, b) => a.id - b.id) : effectiveEvents(events)) {
    if (event.kind === 'advance') {
      state = event.state;
      stageDates[event.state as ProjectStage] = event.happenedOn;
    } else if (event.kind === 'resume') {
      state = event.state;
    } else if (event.kind === 'stall') {
      state = 'stalled';
    } else if (event.kind === 'terminate') {
      state = 'terminated';
    }
    if (!lastEventDate || event.happenedOn > lastEventDate) lastEventDate = event.happenedOn;
  }
  return { state, stageDates, lastEventDate };
}

export type CorrectionProblemCode = 'correction.unknownEvent' | 'correction.notLatest' | 'date.beforePrevious' | 'date.afterNext' | 'reason.required';

/**
 * A correction may change an event's date only within its neighbours' dates; a revocation may take back only the
 * latest event that counts (history is undone from the end, never from the middle).
 */
export function checkCorrection(
  events: StageEvent[],
  correction: { kind: 'correct' | 'revoke'; correctsEventId: number; happenedOn?: IsoDate; reason: string | null },
): CorrectionProblemCode | null {
  if (!correction.reason || !correction.reason.trim()) return 'reason.required';
  const effective = effectiveEvents(events);
  const index = effective.findIndex((e) => e.id === correction.correctsEventId);
  if (index < 0) return 'correction.unknownEvent';
  if (correction.kind === 'revoke') return index === effective.length - 1 ? null : 'correction.notLatest';
  const date = correction.happenedOn!;
  const before = effective[index - 1]?.happenedOn;
  const after = effective[index + 1]?.happenedOn;
  if (before && date < before) return 'date.beforePrevious';
  if (after && date > after) return 'date.afterNext';
  return null;
}

/** Stage dates as the columns a project row keeps for filtering and deadlines. */
export function stageDateColumns(stageDates: StageDates): Record<ProjectStage, IsoDate | null> {
  return Object.fromEntries(PROJECT_STAGES.map((stage) => [stage, stageDates[stage] ?? null])) as Record<ProjectStage, IsoDate | null>;
}
