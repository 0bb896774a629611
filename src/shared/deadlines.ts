import { z } from 'zod';
import { DEADLINE_COLOURS } from '../domain/deadlines.ts';
import { ZProjectState } from './projects.ts';
import { ZBodyId, ZListQuery, ZPage, ZYuan, ZId } from './common.ts';

export const ZDeadlineStatus = z.enum(['onTrack', 'dueSoon', 'overdue']);
export type TDeadlineStatus = z.infer<typeof ZDeadlineStatus>;
export const ZDeadlineColour = z.enum(DEADLINE_COLOURS);
const ZRuleStage = z.enum(['signed', 'registered', 'started', 'producing', 'inStats']);

export const ZDeadlineRule = z.object({
  id: z.number().int(),
  key: z.string(),
  name: z.string(),
  fromStage: ZRuleStage,
  toStage: ZRuleStage,
  amount: z.number().int(),
  unit: z.enum(['months', 'days']),
  warnBeforeDays: z.number().int(),
  colours: z.object({ onTrack: ZDeadlineColour, dueSoon: ZDeadlineColour, overdue: ZDeadlineColour }),
  active: z.boolean(),
});
export type TDeadlineRule = z.infer<typeof ZDeadlineRule>;
export const ZDeadlineRuleList = z.object({ items: z.array(ZDeadlineRule) });

export const ZCreateDeadlineRuleRequest = z.object({
  key: z.string().trim().min(1).max(40).regex(/^[A-Za-z][A-Za-z0-9_]*$/),
  name: z.string().trim().min(1).max(100),
  fromStage: ZRuleStage,
  toStage: ZRuleStage,
  amount: z.number().int().min(1).max(120),
  unit: z.enum(['months', 'days']),
  warnBeforeDays: z.number().int().min(0).max(365),
  colours: ZDeadlineRule.shape.colours.optional(),
  active: z.boolean().optional(),
});
export type TCreateDeadlineRuleRequest = z.infer<typeof ZCreateDeadlineRuleRequest>;
export const ZUpdateDeadlineRuleRequest = ZCreateDeadlineRuleRequest.omit({ key: true }).partial();
export type TUpdateDeadlineRuleRequest = z.infer<typeof ZUpdateDeadlineRuleRequest>;

/** One row of the 督办 list: a project with an open deadline that is due soon or overdue. */
export const ZSupervisionItem = z.object({
  projectId: z.number().int(),
  projectName: z.string(),
  unitId: z.number().int(),
  unitName: z.string(),
  stage: ZProjectState,
  totalInvestmentYuan: ZYuan,
  ruleKey: z.string(),
  ruleName: z.string(),
  dueDate: z.string(),
  status: ZDeadlineStatus,
  colour: ZDeadlineColour,
  daysOverdue: z.number().int(),
  responsible: z.string().nullable(),
  /** No 责任人 (responsible officer): the job's reminders reach only the unit, no one in person (issue 16). */
  officerMissing: z.boolean(),
  /** A 催办 for this deadline was sent today (one a deadline a day). */
  remindedToday: z.boolean(),
});
export type TSupervisionItem = z.infer<typeof ZSupervisionItem>;
/** One unit's share of the whole filtered 督办 list (not of the page): the projects' own units. */
export const ZSupervisionUnitCount = z.object({ unitId: z.number().int(), unitName: z.string(), total: z.number().int(), overdue: z.number().int() });
export type TSupervisionUnitCount = z.infer<typeof ZSupervisionUnitCount>;
export const ZSupervisionPage = ZPage(ZSupervisionItem).extend({ units: z.array(ZSupervisionUnitCount) });
export const ZSupervisionQuery = ZListQuery.extend({
  unitId: ZId.optional(),
  status: z.enum(['dueSoon', 'overdue']).optional(),
  /** `unit`: the rows by unit (in the tree's order), then most overdue first — each unit's rows together across pages. */
  groupBy: z.enum(['unit']).optional(),
});

/** 催办 (issue 16): send one deadline's reminder now, as the reminder job would. */
export const ZRemindDeadlineRequest = z.object({ projectId: ZBodyId, ruleKey: z.string().trim().min(1).max(40) });
export type TRemindDeadlineRequest = z.infer<typeof ZRemindDeadlineRequest>;
export const ZRemindDeadlineResponse = z.object({
  projectId: z.number().int(),
  ruleKey: z.string(),
  dueOn: z.string(),
  level: z.enum(['dueSoon', 'overdue']),
  /** The unit, and the responsible officer when the project has one. */
  recipients: z.number().int(),
  officerMissing: z.boolean(),
});
export type TRemindDeadlineResponse = z.infer<typeof ZRemindDeadlineResponse>;

/** The 挂图作战 board: each project's milestones against its deadlines. */
export const ZBoardDeadline = z.object({
  ruleKey: z.string(),
  ruleName: z.string(),
  toStage: z.string(),
  startDate: z.string(),
  dueDate: z.string(),
  doneDate: z.string().nullable(),
  status: z.enum(['onTrack', 'dueSoon', 'overdue', 'metOnTime', 'metLate', 'superseded', 'cancelled']),
  colour: ZDeadlineColour.nullable(),
});
export const ZBoardItem = z.object({
  projectId: z.number().int(),
  projectName: z.string(),
  unitName: z.string(),
  stage: ZProjectState,
  stageDates: z.record(z.string(), z.string()),
  deadlines: z.array(ZBoardDeadline),
});
export type TBoardItem = z.infer<typeof ZBoardItem>;
export const ZBoardPage = ZPage(ZBoardItem);
export const ZBoardQuery = ZListQuery.extend({ unitId: ZId.optional() });
