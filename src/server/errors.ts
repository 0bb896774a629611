import type { ErrorCode } from '../shared/errors.ts';

/** An error the API reports as it is: a catalogue code, the field it concerns and message parameters. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly options: { field?: string; params?: Record<string, string> } = {},
  ) {
    super(code);
  }
}

export function notFound(entity: string): AppError {
  return new AppError('notFound', { params: { entity } });
}

/** PostgreSQL's unique_violation, raised by either driver. */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  const e = findPgError(error);
  return !!e && e.code === '23505' && (!constraint || e.constraint === constraint);
}

/**
 * Something still refers to the row: foreign_key_violation, or restrict_violation, which newer servers
 * (PostgreSQL 17, and so the embedded PGlite) raise for ON DELETE RESTRICT.
 */
export function isForeignKeyViolation(error: unknown): boolean {
  const code = findPgError(error)?.code;
  return code === '23503' || code === '23001';
}

function findPgError(error: unknown): { code?: string; constraint?: string } | undefined {
  let current: unknown = error;
  for (let depth = 0; current && depth < 5; depth++) {
    const candidate = current as { code?: unknown; constraint?: string; cause?: unknown };
    if (typeof candidate.code === 'string' && /^[0-9A-Z]{5}$/.test(candidate.code)) {
      return { code: candidate.code, constraint: candidate.constraint };
    }
    current = candidate.cause;
  }
  return undefined;
}
