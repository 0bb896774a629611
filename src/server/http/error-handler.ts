import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ERRORS, errorBody, type ErrorCode } from '../../shared/errors.ts';
import { AppError } from '../errors.ts';

const zhCN = z.locales.zhCN().localeError;
const en = z.locales.en().localeError;

type ValidationItem = { keyword: string; instancePath: string; message: string; params: Record<string, unknown> };

/** Every error leaves the API as { error: { code, field?, message: { zh-CN, en } } }. */
export function handleError(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  if (error instanceof AppError) {
    return reply.status(ERRORS[error.code].status).send(errorBody(error.code, error.options));
  }
  if (hasZodFastifySchemaValidationErrors(error)) {
    return reply.status(400).send(validationBody(error.validation[0] as unknown as ValidationItem));
  }
  if (error.statusCode && error.statusCode < 500) {
    // Fastify's own refusals (malformed JSON, body too large, wrong content type).
    const body = errorBody('validation.invalid', { params: { detail: error.message } });
    return reply.status(error.statusCode).send({ error: { ...body.error, code: `http.${error.statusCode}` } });
  }
  request.log.error({ err: error }, 'unhandled error');
  return reply.status(500).send(errorBody('internal'));
}

function validationBody(item: ValidationItem) {
  const field = item.instancePath.replace(/^\//, '').replace(/\//g, '.') || undefined;
  const catalogueCode = item.params.errorCode as string | undefined;
  if (catalogueCode && catalogueCode in ERRORS) return errorBody(catalogueCode as ErrorCode, { field });
  const issue = { code: item.keyword, path: [], message: item.message, ...item.params } as unknown as Parameters<typeof en>[0];
  const isMissing = item.keyword === 'invalid_type' && item.message.includes('undefined');
  if (isMissing) return errorBody('validation.required', { field });
  return errorBody('validation.invalid', {
    field,
    params: { detailZh: messageOf(zhCN(issue)) ?? item.message, detailEn: messageOf(en(issue)) ?? item.message },
  });
}

function messageOf(result: unknown): string | undefined {
  if (typeof result === 'string') return result;
  if (result && typeof result === 'object' && 'message' in result) return String((result as { message: unknown }).message);
  return undefined;
}
