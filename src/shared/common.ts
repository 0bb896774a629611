import { z } from 'zod';
import { creditCodeProblem, normalizeCreditCode } from '../domain/credit-code.ts';
import { passwordProblem } from '../domain/password-policy.ts';

/** Ids are PostgreSQL `integer`s: a larger number is refused as bad input (400 naming the field), never sent to the database. */
export const MAX_ID = 2_147_483_647;
/** An id in a path or a query string (text, coerced). */
export const ZId = z.coerce.number().int().positive().max(MAX_ID);
/** An id inside a JSON body (a number, not coerced). */
export const ZBodyId = z.number().int().positive().max(MAX_ID);
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
/** An HQ: a region of China (GB/T 2260) or, abroad, a country (ISO 3166-1 alpha-2, upper case; issue 15's foreign HQ). */
export const ZHqCode = z.string().regex(/^(\d{6}|[A-Z]{2})$/);

export const ZPassword = z.string().max(128).superRefine((password, ctx) => {
  const problem = passwordProblem(password);
  if (problem) ctx.addIssue(catalogueIssue(`password.${problem}`));
});

/** The last page a list may ask for: beyond it the offset would leave PostgreSQL's range (and no list is that long). */
export const MAX_PAGE = 1_000_000;

export const ZListQuery = z.object({
  q: z.string().trim().max(100).optional(),
  page: z.coerce.number().int().min(1).max(MAX_PAGE).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});

export function ZPage<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });
}

export const ZOk = z.object({ ok: z.literal(true) });
