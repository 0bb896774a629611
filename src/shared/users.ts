import { z } from 'zod';
import { ZRole } from './auth.ts';
import { ZListQuery, ZLocale, ZPage, ZPassword, ZId, ZBodyId } from './common.ts';

export const ZUser = z.object({
  id: z.number().int(),
  username: z.string(),
  displayName: z.string(),
  role: ZRole,
  unitId: z.number().int(),
  unitName: z.string(),
  departmentId: z.number().int().nullable(),
  locale: ZLocale,
  disabled: z.boolean(),
  mustChangePassword: z.boolean(),
  lockedUntil: z.string().nullable(),
  createdAt: z.string(),
});
export type TUser = z.infer<typeof ZUser>;
export const ZUserPage = ZPage(ZUser);
export const ZUserListQuery = ZListQuery.extend({ unitId: ZId.optional() });

export const ZCreateUserRequest = z.object({
  username: z.string().trim().min(3).max(64).regex(/^[A-Za-z0-9_.-]+$/),
  displayName: z.string().trim().min(1).max(64),
  role: ZRole,
  unitId: ZBodyId,
  /** For department users: the department whose routed problems they see. */
  departmentId: ZBodyId.nullish(),
  password: ZPassword,
});
export type TCreateUserRequest = z.infer<typeof ZCreateUserRequest>;

/** A password set by the bureau is an initial one: the user must change it at next login. */
export const ZUpdateUserRequest = z
  .object({
    displayName: ZCreateUserRequest.shape.displayName,
    role: ZRole,
    unitId: ZBodyId,
    departmentId: ZBodyId.nullable(),
    disabled: z.boolean(),
    password: ZPassword,
    unlock: z.literal(true),
  })
  .partial();
export type TUpdateUserRequest = z.infer<typeof ZUpdateUserRequest>;

/** People a user may name as responsible: active, non-department users of the caller's own units. */
export const ZColleague = z.object({ id: z.number().int(), displayName: z.string(), unitName: z.string() });
export type TColleague = z.infer<typeof ZColleague>;
export const ZColleagueList = z.object({ items: z.array(ZColleague) });
export const ZColleagueQuery = z.object({ q: z.string().trim().max(50).optional() });
