import { z } from 'zod';
import { ROLES } from '../domain/roles.ts';
import { ZLocale, ZPassword } from './common.ts';

export const ZRole = z.enum(ROLES);
export type TRole = z.infer<typeof ZRole>;

export const ZLoginRequest = z.object({
  username: z.string().trim().min(1).max(64),
  password: z.string().min(1).max(128),
});
export type TLoginRequest = z.infer<typeof ZLoginRequest>;

export const ZMe = z.object({
  id: z.number().int(),
  username: z.string(),
  displayName: z.string(),
  role: ZRole,
  unitId: z.number().int(),
  unitName: z.string(),
  /** For department users: the department whose routed problems they see. */
  departmentId: z.number().int().nullable(),
  locale: ZLocale,
  mustChangePassword: z.boolean(),
  idleMinutes: z.number().int(),
});
export type TMe = z.infer<typeof ZMe>;

export const ZChangePasswordRequest = z.object({
  currentPassword: z.string().min(1).max(128),
  newPassword: ZPassword,
});
export type TChangePasswordRequest = z.infer<typeof ZChangePasswordRequest>;

export const ZSetLocaleRequest = z.object({ locale: ZLocale });
