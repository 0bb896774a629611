import { z } from 'zod';
import { ZListQuery, ZPage, ZId } from './common.ts';

export const ZAuditEntry = z.object({
  id: z.number().int(),
  at: z.string(),
  requestId: z.string().nullable(),
  actorUserId: z.number().int().nullable(),
  actorName: z.string().nullable(),
  unitId: z.number().int().nullable(),
  unitName: z.string().nullable(),
  entity: z.string(),
  entityId: z.string(),
  action: z.string(),
  before: z.unknown().nullable(),
  after: z.unknown().nullable(),
});
export type TAuditEntry = z.infer<typeof ZAuditEntry>;
export const ZAuditPage = ZPage(ZAuditEntry);
export const ZAuditListQuery = ZListQuery.extend({
  entity: z.string().max(40).optional(),
  entityId: z.string().max(40).optional(),
  actorUserId: ZId.optional(),
});
