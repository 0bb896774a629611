import type { FastifySchemaCompiler } from 'fastify';
import { validatorCompiler } from 'fastify-type-provider-zod';
import { AppError } from '../errors.ts';

/**
 * The zod validator of every route, behind one guard: a NUL character (U+0000) anywhere in a path, query or body —
 * a search, a name, a key — is refused as bad input naming the field, before any contract or query sees it.
 * PostgreSQL cannot store it in text (it would answer 500), and no user types one.
 */
export const guardedValidatorCompiler: FastifySchemaCompiler<unknown> = (route) => {
  const validate = validatorCompiler(route as Parameters<typeof validatorCompiler>[0]);
  return (data: unknown) => {
    const field = nulField(data, '');
    if (field !== null) {
      return { error: new AppError('validation.invalid', { field: field || undefined, params: NUL_DETAIL }) };
    }
    return validate(data);
  };
};

export const NUL_DETAIL = { detailZh: '不能包含空字符（\\u0000）', detailEn: 'must not contain a NUL character (\\u0000)' };

/** The dotted path of the first string (value or key) holding U+0000, or null when there is none. */
export function nulField(value: unknown, path: string): string | null {
  if (typeof value === 'string') return value.includes('\u0000') ? path : null;
  if (!value || typeof value !== 'object') return null;
  for (const [key, item] of Object.entries(value)) {
    const at = path ? `${path}.${key}` : key;
    if (key.includes('\u0000')) return at;
    const found = nulField(item, at);
    if (found !== null) return found;
  }
  return null;
}
