import { z } from 'zod';
import { ZBodyId } from './common.ts';
import { UNIT_KINDS } from '../domain/units.ts';

export const ZUnitKind = z.enum(UNIT_KINDS);

export const ZUnit = z.object({
  id: z.number().int(),
  code: z.string(),
  name: z.string(),
  kind: ZUnitKind,
  parentId: z.number().int().nullable(),
  path: z.string(),
});
export type TUnit = z.infer<typeof ZUnit>;

export const ZUnitList = z.object({ items: z.array(ZUnit) });

export const ZCreateUnitRequest = z.object({
  code: z.string().trim().min(1).max(32).regex(/^[0-9A-Za-z_-]+$/),
  name: z.string().trim().min(1).max(64),
  kind: ZUnitKind,
  parentId: ZBodyId,
});
export type TCreateUnitRequest = z.infer<typeof ZCreateUnitRequest>;

export const ZUpdateUnitRequest = z
  .object({
    code: ZCreateUnitRequest.shape.code,
    name: ZCreateUnitRequest.shape.name,
    kind: ZUnitKind,
    parentId: ZBodyId,
  })
  .partial();
export type TUpdateUnitRequest = z.infer<typeof ZUpdateUnitRequest>;
