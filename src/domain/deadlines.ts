import { addDays, addMonths, daysBetween, type IsoDate } from './calendar.ts';
import { PROJECT_STAGES, stageIndex, type ProjectStage, type ProjectState } from './stages.ts';

/**
 * Deadlines are data (domain.md §2): a rule says that after `fromStage` happened, `toStage` must happen within
 * `amount` months or days; it turns "due soon" `warnBeforeDays` before the due date and "overdue" after it.
 * Each status has a colour the bureau chooses (襄阳 green/yellow/red; 华亭 blue/yellow/red).
 */
export type DeadlineStatus = 'onTrack' | 'dueSoon' | 'overdue';
export const DEADLINE_COLOURS = ['green', 'blue', 'yellow', 'orange', 'red'] as const;
export type DeadlineColour = (typeof DEADLINE_COLOURS)[number];

export type DeadlineRule = {
  key: string;
  fromStage: ProjectStage;
  toStage: ProjectStage;
  amount: number;
  unit: 'months' | 'days';
  warnBeforeDays: number;
  colours: Record<DeadlineStatus, DeadlineColour>;
};

const TRAFFIC_LIGHTS: Record<DeadlineStatus, DeadlineColour> = { onTrack: 'green', dueSoon: 'yellow', overdue: 'red' };

/** 襄阳's "26211": registered within 2 months of signing, started within 6, in the statistics within 2 of starting. */
export const RULES_26211: DeadlineRule[] = [
  { key: 'signedToRegistered', fromStage: 'signed', toStage: 'registered', amount: 2, unit: 'months', warnBeforeDays: 15, colours: TRAFFIC_LIGHTS },
  { key: 'signedToStarted', fromStage: 'signed', toStage: 'started', amount: 6, unit: 'months', warnBeforeDays: 30, colours: TRAFFIC_LIGHTS },
  { key: 'startedToInStats', fromStage: 'started', toStage: 'inStats', amount: 2, unit: 'months', warnBeforeDays: 15, colours: TRAFFIC_LIGHTS },
];

export type RuleProblem = 'stagesOutOfOrder' | 'amountNotPositive' | 'warnNotBeforeDue';

/** A rule must point forward in the lifecycle, and warn no earlier than it starts. */
export function ruleProblem(rule: Omit<DeadlineRule, 'key'>): RuleProblem | null {
  if (stageIndex(rule.toStage) <= stageIndex(rule.fromStage)) return 'stagesOutOfOrder';
  if (!Number.isInteger(rule.amount) || rule.amount <= 0) return 'amountNotPositive';
  if (!Number.isInteger(rule.warnBeforeDays) || rule.warnBeforeDays < 0) return 'warnNotBeforeDue';
  return null;
}

export type StageDates = Partial<Record<ProjectStage, IsoDate>>;

export type Deadline = {
  rule: DeadlineRule;
  startDate: IsoDate;
  dueDate: IsoDate;
} & (
  | { open: true; status: DeadlineStatus; colour: DeadlineColour; daysLeft: number }
  | { open: false; outcome: 'metOnTime' | 'metLate' | 'superseded' | 'cancelled'; doneDate: IsoDate | null }
);

export function dueDateOf(rule: DeadlineRule, startDate: IsoDate): IsoDate {
  return rule.unit === 'months' ? addMonths(startDate, rule.amount) : addDays(startDate, rule.amount);
}

/** The furthest stage a project has reached, by its recorded dates (a stalled project keeps its progress). */
export function furthestStage(stageDates: StageDates): ProjectStage | null {
  let furthest: ProjectStage | null = null;
  for (const stage of PROJECT_STAGES) if (stageDates[stage]) furthest = stage;
  return furthest;
}

export type DeadlineInput = { state: ProjectState; stageDates: StageDates; rules: DeadlineRule[]; today: IsoDate };

/**
 * Every deadline that applies to a project: open ones with their status, closed ones with how they closed.
 * A stalled project's deadlines keep running — a stall is exactly what the bureau must see.
 */
export function computeDeadlines({ state, stageDates, rules, today }: DeadlineInput): Deadline[] {
  const reached = furthestStage(stageDates);
  const deadlines: Deadline[] = [];
  for (const rule of rules) {
    const startDate = stageDates[rule.fromStage];
    if (!startDate) continue;
    const dueDate = dueDateOf(rule, startDate);
    const doneDate = stageDates[rule.toStage];
    if (doneDate) {
      deadlines.push({ rule, startDate, dueDate, open: false, outcome: doneDate <= dueDate ? 'metOnTime' : 'metLate', doneDate });
    } else if (reached && stageIndex(reached) > stageIndex(rule.toStage)) {
      deadlines.push({ rule, startDate, dueDate, open: false, outcome: 'superseded', doneDate: null });
    } else if (state === 'terminated') {
      deadlines.push({ rule, startDate, dueDate, open: false, outcome: 'cancelled', doneDate: null });
    } else {
      const daysLeft = daysBetween(today, dueDate);
      const status: DeadlineStatus = daysLeft < 0 ? 'overdue' : daysLeft <= rule.warnBeforeDays ? 'dueSoon' : 'onTrack';
      deadlines.push({ rule, startDate, dueDate, open: true, status, colour: rule.colours[status], daysLeft });
    }
  }
  return deadlines;
}

const SEVERITY: Record<DeadlineStatus, number> = { onTrack: 0, dueSoon: 1, overdue: 2 };

export type ProjectDeadlineSummary = {
  /** The open deadline due first, or null when nothing is pending. */
  next: Extract<Deadline, { open: true }> | null;
  /** The worst status among open deadlines: what the project's light shows. */
  status: DeadlineStatus | null;
  daysOverdue: number;
};

export function summarizeDeadlines(deadlines: Deadline[]): ProjectDeadlineSummary {
  const open = deadlines.filter((d): d is Extract<Deadline, { open: true }> => d.open);
  if (open.length === 0) return { next: null, status: null, daysOverdue: 0 };
  const next = open.reduce((a, b) => (b.dueDate < a.dueDate ? b : a));
  const worst = open.reduce((a, b) => (SEVERITY[b.status] > SEVERITY[a.status] ? b : a));
  const daysOverdue = Math.max(0, ...open.map((d) => -d.daysLeft));
  return { next, status: worst.status, daysOverdue };
}

export type DeadlineColumns = { nextDueOn: IsoDate | null; nextDueRule: string | null; warnFromOn: IsoDate | null };

/**
 * What a project row keeps so that lists can sort and filter by deadline in SQL: which deadlines are open does not
 * depend on today, only their status does — overdue once today > nextDueOn, due soon once today >= warnFromOn.
 */
export function deadlineColumns(state: ProjectState, stageDates: StageDates, rules: DeadlineRule[]): DeadlineColumns {
  // Any date works as "today" here: only open deadlines are read, and which are open does not depend on it.
  const open = computeDeadlines({ state, stageDates, rules, today: '2000-01-01' }).filter((d) => d.open);
  if (open.length === 0) return { nextDueOn: null, nextDueRule: null, warnFromOn: null };
  const next = open.reduce((a, b) => (b.dueDate < a.dueDate ? b : a));
  const warnFromOn = open.map((d) => addDays(d.dueDate, -d.rule.warnBeforeDays)).sort()[0]!;
  return { nextDueOn: next.dueDate, nextDueRule: next.rule.key, warnFromOn };
}

/** A project's light from its kept columns, as the lists show it. */
export function statusFromColumns(columns: DeadlineColumns, today: IsoDate): DeadlineStatus | null {
  if (!columns.nextDueOn) return null;
  if (today > columns.nextDueOn) return 'overdue';
  return columns.warnFromOn && today >= columns.warnFromOn ? 'dueSoon' : 'onTrack';
}
