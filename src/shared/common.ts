import { z } from 'zod';
import { creditCodeProblem, normalizeCreditCode } from '../domain/credit-code.ts';
import { passwordProblem } from '../domain/password-policy.ts';

export const ZId = z.coerce.number().int().positive();
export const ZIdParams = z.object({ id: ZId });
export type TIdParams = z.infer<typeof ZIdParams>;

export const ZLocale = z.enum(['zh-CN', 'en']);
export type TLocale = z.infer<typeof ZLocale>;

/** Amounts travel as whole 元 so that every sum is exact (domain.md §3). */
export const ZYuan = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);

/** A custom issue carries the catalogue code so the API can answer with the right message. */
export function catalogueIssue(errorCode: string) {
  return { code: 'custom' as const, message: errorCode, params: { errorCode } };
}

export const ZCreditCode = z
  .string()
  .transform(normalizeCreditCode)
  .superRefine((code, ctx) => {
    const problem = creditCodeProblem(code);
    if (problem) ctx.addIssue(catalogueIssue(`creditCode.${problem}`));
  });

export const ZRegionCode = z.string().regex(/^\d{6}$/);

export const ZPassword = z.string().max(128).superRefine((password, ctx) => {
  const problem = passwordProblem(password);
  if (problem) ctx.addIssue(catalogueIssue(`password.${problem}`));
});

export const ZListQuery = z.object({
  q: z.string().trim().max(100).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});

export function ZPage<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });
}

export const ZOk = z.object({ ok: z.literal(true) });
