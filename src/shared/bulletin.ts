import { z } from 'zod';
import { ZId } from './common.ts';
import { ZCorrection } from './closes.ts';
import { PERCENT_STYLES } from '../domain/bulletin.ts';

/** The monthly bulletin (通报, issue 5) as data: per metric the standard sentence, the per-unit table and 红黑榜. */
export const ZBulletinQuery = z.object({
  year: z.coerce.number().int().min(2000).max(2100),
  month: z.coerce.number().int().min(1).max(12),
  unitId: ZId.optional(),
  /** How many units the 红榜 and 黑榜 name (default three). */
  listSize: z.coerce.number().int().min(1).max(10).default(3),
});

export const ZBulletinUnitRow = z.object({
  unitId: z.number().int(),
  unitName: z.string(),
  value: z.number(),
  target: z.number().int().nullable(),
  /** Completion in percent as the bulletin writes it (the bureau's percent style): "41.60", or "41.6" trimmed. */
  completion: z.string().nullable(),
  /** Competition rank among the sub-units; null for the unit's own records (本级), which are shown, not ranked. */
  rank: z.number().int().nullable(),
  /** The row of records kept at the unit itself rather than a sub-unit (e.g. 市本级): so the table adds up. */
  own: z.boolean(),
  /** 待甄别 (issue 17): what projects held out while their pair is under review would add to `value`; 0 when none. */
  heldOut: z.number(),
});

export const ZBulletinItem = z.object({
  metricKey: z.string(),
  name: z.object({ zh: z.string(), en: z.string() }),
  sentence: z.string(),
  /** The same sentence for the English screen (the bulletin issued, xlsx and PDF, is Chinese). */
  sentenceEn: z.string(),
  value: z.number(),
  lastYear: z.number(),
  target: z.number().int().nullable(),
  units: z.array(ZBulletinUnitRow),
  /** 待甄别 (issue 17): what projects held out while their pair is under review would add to `value`; 0 when none. */
  heldOut: z.number(),
  /** 红榜 and 黑榜: unit ids, ranked by completion where every unit has a target, else by value. */
  red: z.array(z.number().int()),
  black: z.array(z.number().int()),
});

/** The 按产业链 section (issue 14): each chain's figures over the bulletin's unit against the chain's targets. */
export const ZBulletinChains = z.object({
  /** The metrics shown: those any chain has a target for this year, else the default ones a chain is measured by. */
  metricKeys: z.array(z.string()),
  items: z.array(
    z.object({
      chainId: z.number().int(),
      name: z.string(),
      nameEn: z.string(),
      cells: z.array(z.object({ metricKey: z.string(), value: z.number(), target: z.number().int().nullable(), completion: z.string().nullable() })),
    }),
  ),
});
export type TBulletinChains = z.infer<typeof ZBulletinChains>;

export const ZBulletin = z.object({
  year: z.number().int(),
  month: z.number().int(),
  unitId: z.number().int(),
  unitName: z.string(),
  /** "1—11月份", as the title and the sentences write it. */
  period: z.string(),
  /** The same period on the English screen: "Jan–Nov 2026". */
  periodEn: z.string(),
  items: z.array(ZBulletinItem),
  /** When the month was closed: its figures are then those kept at the close. Null for an open month. */
  closedAt: z.string().nullable(),
  /** Changes to closed months recorded since the previous close (更正情况). */
  corrections: z.array(ZCorrection),
  /** By chain; null for a month closed before chains' figures were kept at a close. */
  chains: ZBulletinChains.nullable(),
  /** How its percentages are written (the bureau's setting on the 计入口径 page): the xlsx formats its cells alike. */
  percentStyle: z.enum(PERCENT_STYLES),
  /** The bureau holds the later project of each pair under review out of the figures (issue 17); always false once closed. */
  holdOutUnderReview: z.boolean(),
});
export type TBulletin = z.infer<typeof ZBulletin>;

export const ZBulletinExportQuery = ZBulletinQuery.extend({ format: z.enum(['xlsx', 'pdf']) });
