import { z } from 'zod';
import { ZListQuery, ZPage, ZRegionCode, ZId, ZBodyId } from './common.ts';
import { ZIsoDate } from './project-stages.ts';

/** Trips, visits and resident teams (issue 6, domain.md §5). */
const nullableText = (max: number) => z.string().trim().max(max).nullish().transform((v) => (v ? v : null));

/** A leader level's key (带队级别): one of the bureau's list (GET /api/leader-levels). */
export const ZLeaderLevel = z.string().regex(/^[A-Za-z][A-Za-z0-9]{0,29}$/);
export const ZLeaderRole = z.enum(['principal', 'leader', 'other']);
export const ZLeaderLevelItem = z.object({
  key: ZLeaderLevel,
  nameZh: z.string().trim().min(1).max(30),
  nameEn: z.string().trim().min(1).max(60),
  /** 'principal' (主要领导) and 'leader' count as leader-led trips in the metrics. */
  role: ZLeaderRole,
  sort: z.number().int().min(0).max(1000),
  active: z.boolean(),
});
export type TLeaderLevel = z.infer<typeof ZLeaderLevelItem>;
export const ZLeaderLevelList = z.object({ items: z.array(ZLeaderLevelItem) });
/** The bureau's whole list: a level left out is deactivated (never deleted: trips refer to it). */
export const ZSetLeaderLevelsRequest = z.object({ items: z.array(ZLeaderLevelItem).min(1).max(30) });
export const ZVisitKind = z.enum(['visit', 'talks', 'reception']);

/** A visit as field staff log it from a phone: the enterprise (on record, or a name as heard), the day, who, what next. */
export const ZVisitInput = z
  .object({
    kind: ZVisitKind.default('visit'),
    enterpriseId: ZBodyId.nullish(),
    enterpriseName: z.string().trim().min(2).max(200).nullish(),
    projectId: ZBodyId.nullish(),
    visitedOn: ZIsoDate,
    peopleMet: nullableText(200),
    notes: nullableText(2000),
    nextStep: nullableText(500),
    followUpOn: ZIsoDate.nullish(),
    teamId: ZBodyId.nullish(),
  })
  .refine((v) => !!v.enterpriseId || !!v.enterpriseName, { path: ['enterpriseName'], params: { errorCode: 'validation.required' } });
export type TVisitInput = z.input<typeof ZVisitInput>;

export const ZVisit = z.object({
  id: z.number().int(),
  unitId: z.number().int(),
  tripId: z.number().int().nullable(),
  teamId: z.number().int().nullable(),
  kind: ZVisitKind,
  enterpriseId: z.number().int().nullable(),
  enterpriseName: z.string(),
  projectId: z.number().int().nullable(),
  visitedOn: z.string(),
  peopleMet: z.string().nullable(),
  notes: z.string().nullable(),
  nextStep: z.string().nullable(),
  followUpOn: z.string().nullable(),
});
export type TVisit = z.infer<typeof ZVisit>;
export const ZCreateVisitRequest = ZVisitInput.and(z.object({ unitId: ZBodyId.optional() }));
export const ZVisitListQuery = ZListQuery.extend({ enterpriseId: ZId.optional(), projectId: ZId.optional() });
export const ZVisitPage = ZPage(ZVisit);

export const ZTripInput = z
  .object({
    leaderName: z.string().trim().min(1).max(50),
    leaderLevel: ZLeaderLevel,
    participants: nullableText(500),
    fromOn: ZIsoDate,
    toOn: ZIsoDate,
    /** The cities visited, in order (GB/T 2260 codes). */
    cities: z.array(ZRegionCode).max(30).default([]),
    teamId: ZBodyId.nullish(),
    notes: nullableText(2000),
    nextStep: nullableText(500),
    followUpOn: ZIsoDate.nullish(),
    /** The enterprises visited on the way, recorded with the trip. */
    visits: z.array(ZVisitInput).max(50).default([]),
    unitId: ZBodyId.optional(),
  })
  .refine((t) => t.toOn >= t.fromOn, { path: ['toOn'], params: { errorCode: 'date.beforeStart' } });
export type TTripInput = z.input<typeof ZTripInput>;

export const ZTrip = z.object({
  id: z.number().int(),
  unitId: z.number().int(),
  unitName: z.string(),
  leaderName: z.string(),
  leaderLevel: ZLeaderLevel,
  leaderLevelName: z.object({ zh: z.string(), en: z.string() }),
  participants: z.string().nullable(),
  fromOn: z.string(),
  toOn: z.string(),
  /** Days away, both ends counted. */
  days: z.number().int(),
  cities: z.array(z.object({ code: z.string(), name: z.string() })),
  teamId: z.number().int().nullable(),
  notes: z.string().nullable(),
  nextStep: z.string().nullable(),
  followUpOn: z.string().nullable(),
  visits: z.array(ZVisit),
  /** What the trip brought: the leads recorded from it, and the projects discussed on its visits — signed during it or not. */
  outcomes: z.object({
    leads: z.number().int(),
    projects: z.array(z.object({ id: z.number().int(), name: z.string(), signedOnTrip: z.boolean() })),
  }),
});
export type TTrip = z.infer<typeof ZTrip>;
export const ZTripPage = ZPage(ZTrip);
export const ZTripListQuery = ZListQuery.extend({ leaderLevel: ZLeaderLevel.optional(), from: ZIsoDate.optional(), to: ZIsoDate.optional() });

export const ZTeamInput = z.object({
  name: z.string().trim().min(2).max(100),
  hostRegionCode: ZRegionCode,
  members: z.array(z.string().trim().min(1).max(50)).max(50).default([]),
  startedOn: ZIsoDate,
  endedOn: ZIsoDate.nullish(),
  unitId: ZBodyId.optional(),
});
export const ZTeam = z.object({
  id: z.number().int(),
  unitId: z.number().int(),
  unitName: z.string(),
  name: z.string(),
  hostRegionCode: z.string(),
  hostRegionName: z.string(),
  members: z.array(z.string()),
  startedOn: z.string(),
  endedOn: z.string().nullable(),
  /** What the team's work rolled up to: its leads and visits. */
  leads: z.number().int(),
  visits: z.number().int(),
});
export type TTeam = z.infer<typeof ZTeam>;
export const ZTeamList = z.object({ items: z.array(ZTeam) });
