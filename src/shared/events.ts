import { z } from 'zod';
import { ZListQuery, ZPage, ZBodyId } from './common.ts';
import { ZIsoDate } from './project-stages.ts';

/** Events (推介会, 洽谈会, 签约仪式, 展会, "三个一批"; issue 6) and the cohort of the projects signed there. */
export const ZEventKind = z.enum(['promotion', 'talks', 'signing', 'fair', 'threeBatch', 'other']);
const nullableText = (max: number) => z.string().trim().max(max).nullish().transform((v) => (v ? v : null));

export const ZEventInput = z.object({
  name: z.string().trim().min(2).max(200),
  kind: ZEventKind,
  place: nullableText(200),
  heldOn: ZIsoDate,
  note: nullableText(1000),
  unitId: ZBodyId.optional(),
});

export const ZCohort = z.object({
  asOf: z.string(),
  signed: z.number().int(),
  signedYuan: z.number().int(),
  registered: z.number().int(),
  started: z.number().int(),
  producing: z.number().int(),
  fundsArrivedYuan: z.number().int(),
  startRate: z.string().nullable(),
  arrivalRate: z.string().nullable(),
});

export const ZEvent = z.object({
  id: z.number().int(),
  unitId: z.number().int(),
  unitName: z.string(),
  name: z.string(),
  kind: ZEventKind,
  place: z.string().nullable(),
  heldOn: z.string(),
  note: z.string().nullable(),
  cohort: ZCohort,
  /** The projects signed there, as the caller may name them. */
  projects: z.array(z.object({ id: z.number().int(), name: z.string() })),
});
export type TEvent = z.infer<typeof ZEvent>;
export const ZEventPage = ZPage(ZEvent);
export const ZEventListQuery = ZListQuery.extend({ kind: ZEventKind.optional(), asOf: ZIsoDate.optional() });
export const ZEventQuery = z.object({ asOf: ZIsoDate.optional() });
export const ZLinkProjectRequest = z.object({ projectId: ZBodyId });
