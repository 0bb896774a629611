import { z } from 'zod';
import { ZBodyId, ZId } from './common.ts';
import { ZIsoDate } from './project-stages.ts';

/**
 * Planned outbound trips (外出招商计划, issue 14): a unit's trip before it happens, with the enterprises to call on —
 * added from a chain link's candidates ("加入出行计划") or by hand. Not a trip record: plans count in no figure.
 */
export const ZTripPlanStopInput = z.object({
  enterpriseId: ZBodyId,
  /** The chain link the enterprise was proposed for, when added from its candidates. */
  linkId: ZBodyId.nullish(),
});
export type TTripPlanStopInput = z.input<typeof ZTripPlanStopInput>;

export const ZTripPlanInput = z.object({
  /** The unit whose trip it is (the caller's own, or one below it); default the caller's unit. */
  unitId: ZBodyId.nullish(),
  title: z.string().trim().min(1).max(100),
  fromOn: ZIsoDate,
  toOn: ZIsoDate,
  /** The first enterprises to call on (a plan may start empty). */
  stops: z.array(ZTripPlanStopInput).max(50).default([]),
});
export type TTripPlanInput = z.input<typeof ZTripPlanInput>;

export const ZTripPlanStop = z.object({
  id: z.number().int(),
  enterpriseId: z.number().int(),
  enterpriseName: z.string(),
  linkId: z.number().int().nullable(),
  createdAt: z.string(),
});

export const ZTripPlan = z.object({
  id: z.number().int(),
  unitId: z.number().int(),
  unitName: z.string(),
  title: z.string(),
  fromOn: z.string(),
  toOn: z.string(),
  stops: z.array(ZTripPlanStop),
});
export type TTripPlan = z.infer<typeof ZTripPlan>;

/**
 * The caller's units' plans: by default those not over yet (ending today or later), soonest first; `past`, those over,
 * latest first; `all`, both. `unitId` narrows to one unit of the caller's subtree (its plans only, not its children's).
 */
export const ZTripPlansQuery = z.object({
  when: z.enum(['upcoming', 'past', 'all']).default('upcoming'),
  unitId: ZId.optional(),
});
export type TTripPlansQuery = z.infer<typeof ZTripPlansQuery>;

/** A plan's title and dates changed (the unit it belongs to does not move); what is left out stays. */
export const ZTripPlanUpdate = z
  .object({ title: z.string().trim().min(1).max(100).optional(), fromOn: ZIsoDate.optional(), toOn: ZIsoDate.optional() })
  .refine((u) => u.title !== undefined || u.fromOn !== undefined || u.toOn !== undefined, { message: '没有要修改的内容', path: ['title'] });
export type TTripPlanUpdate = z.infer<typeof ZTripPlanUpdate>;

export const ZTripPlanStopParams = z.object({ id: ZId, stopId: ZId });

export const ZTripPlanList = z.object({ items: z.array(ZTripPlan) });
export type TTripPlanList = z.infer<typeof ZTripPlanList>;
