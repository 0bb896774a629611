import { z } from 'zod';
import { ZBodyId } from './common.ts';
import { ZProjectState } from './projects.ts';
import { ZDeadlineColour, ZDeadlineStatus } from './deadlines.ts';

/** A calendar day as YYYY-MM-DD: a day that exists (not 2026-02-30, not year 0), so PostgreSQL never refuses it as a date. */
export const ZIsoDate = z.iso.date().regex(/^(?!0000)/);

export const ZStageEvidence = z.object({
  contractNo: z.string().trim().max(100).nullish(),
  registeredCreditCode: z.string().trim().max(30).nullish(),
  permitNo: z.string().trim().max(100).nullish(),
  statsCode: z.string().trim().max(50).nullish(),
  note: z.string().trim().max(1000).nullish(),
});

/** Move a project: to a later stage, to 停滞 / 终止 (with a reason), or back from a stall. */
export const ZMoveStageRequest = z.object({
  to: ZProjectState,
  /** The day it happened — not the day it is typed. */
  date: z.string().max(20),
  evidence: ZStageEvidence.default({}),
  reason: z.string().trim().max(500).nullish(),
  /** Evidence files uploaded beforehand (POST /api/projects/:id/files) to attach to this change. */
  fileIds: z.array(ZBodyId).max(20).default([]),
});
export type TMoveStageRequest = z.input<typeof ZMoveStageRequest>;

export const ZCorrectStageRequest = z.object({
  correctsEventId: ZBodyId,
  kind: z.enum(['correct', 'revoke']),
  happenedOn: z.string().max(20).optional(),
  evidence: ZStageEvidence.optional(),
  reason: z.string().trim().min(1).max(500),
});
export type TCorrectStageRequest = z.input<typeof ZCorrectStageRequest>;

export const ZStageEvent = z.object({
  id: z.number().int(),
  kind: z.enum(['advance', 'resume', 'stall', 'terminate', 'correct', 'revoke']),
  state: ZProjectState,
  happenedOn: z.string(),
  evidence: ZStageEvidence,
  reason: z.string().nullable(),
  correctsEventId: z.number().int().nullable(),
  recordedBy: z.string().nullable(),
  recordedAt: z.string(),
  /** False when a later revocation took it back. */
  effective: z.boolean(),
  fileIds: z.array(z.number().int()),
  /** 核实 (issue 17): where the change waits for, or got, the bureau's confirmation; null when it needs none. */
  verification: z.object({ id: z.number().int(), status: z.enum(['reported', 'confirmed', 'rejected', 'withdrawn']), reason: z.string().nullable() }).nullable().optional(),
});
export type TStageEvent = z.infer<typeof ZStageEvent>;

export const ZDeadlineView = z.object({
  ruleKey: z.string(),
  ruleName: z.string(),
  fromStage: z.string(),
  toStage: z.string(),
  startDate: z.string(),
  dueDate: z.string(),
  open: z.boolean(),
  status: ZDeadlineStatus.nullable(),
  colour: ZDeadlineColour.nullable(),
  daysLeft: z.number().int().nullable(),
  outcome: z.enum(['metOnTime', 'metLate', 'superseded', 'cancelled']).nullable(),
  doneDate: z.string().nullable(),
});
export type TDeadlineView = z.infer<typeof ZDeadlineView>;

export const ZProjectLifecycle = z.object({
  projectId: z.number().int(),
  state: ZProjectState,
  stageDates: z.record(z.string(), z.string()),
  events: z.array(ZStageEvent),
  deadlines: z.array(ZDeadlineView),
  status: ZDeadlineStatus.nullable(),
});
export type TProjectLifecycle = z.infer<typeof ZProjectLifecycle>;
