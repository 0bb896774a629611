import { z } from 'zod';
import { DEADLINE_COLOURS } from '../domain/deadlines.ts';
import { ZProjectState } from './projects.ts';
import { ZListQuery, ZPage, ZYuan, ZId } from './common.ts';

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
});
export type TSupervisionItem = z.infer<typeof ZSupervisionItem>;
export const ZSupervisionPage = ZPage(ZSupervisionItem);
export const ZSupervisionQuery = ZListQuery.extend({
  unitId: ZId.optional(),
  status: z.enum(['dueSoon', 'overdue']).optional(),
});

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
