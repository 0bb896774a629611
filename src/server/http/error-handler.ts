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
  if (error instanceof z.core.$ZodError) {
    // A contract parsed in a route or service (a multipart form's fields, say) refuses as the route validator does.
    const { code, path, message, ...params } = error.issues[0]!;
    return reply.status(400).send(validationBody({ keyword: code, instancePath: `/${path.join('/')}`, message, params }));
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
  // A custom zod issue (catalogueIssue) keeps its own params, under the item's params.
  const catalogueCode = (item.params.params as { errorCode?: string } | undefined)?.errorCode;
  if (catalogueCode && catalogueCode in ERRORS) return errorBody(catalogueCode as ErrorCode, { field });
  const isMissing = item.keyword === 'invalid_type' && item.message.includes('undefined');
  if (isMissing) return errorBody('validation.required', { field });
  const { zh, en: english } = describeIssue(item);
  return errorBody('validation.invalid', { field, params: { detailZh: zh, detailEn: english } });
}

const TYPE_NAMES: Record<string, { zh: string; en: string }> = {
  string: { zh: '文本', en: 'text' },
  number: { zh: '数字', en: 'a number' },
  int: { zh: '整数', en: 'a whole number' },
  boolean: { zh: '是或否', en: 'true or false' },
  array: { zh: '列表', en: 'a list' },
  object: { zh: '对象', en: 'an object' },
};

/** Plain words for the issues users actually meet; zod's own locale text for the rest. */
function describeIssue(item: ValidationItem): { zh: string; en: string } {
  const p = item.params as { origin?: string; minimum?: number | bigint; maximum?: number | bigint; expected?: string };
  const isText = p.origin === 'string';
  switch (item.keyword) {
    case 'too_small':
      return isText
        ? { zh: `至少${p.minimum}个字符`, en: `must be at least ${p.minimum} characters` }
        : { zh: `不能小于${p.minimum}`, en: `must be at least ${p.minimum}` };
    case 'too_big':
      return isText
        ? { zh: `最多${p.maximum}个字符`, en: `must be at most ${p.maximum} characters` }
        : { zh: `不能大于${p.maximum}`, en: `must be at most ${p.maximum}` };
    case 'invalid_type': {
      const type = TYPE_NAMES[p.expected ?? ''] ?? { zh: p.expected ?? '', en: p.expected ?? '' };
      return { zh: `应为${type.zh}`, en: `must be ${type.en}` };
    }
    case 'invalid_format':
      return { zh: '格式不正确', en: 'has the wrong format' };
    case 'invalid_value':
      return { zh: '不是允许的取值', en: 'is not one of the allowed values' };
    default: {
      const issue = { code: item.keyword, path: [], message: item.message, ...item.params } as unknown as Parameters<typeof en>[0];
      return { zh: messageOf(zhCN(issue)) ?? item.message, en: messageOf(en(issue)) ?? item.message };
    }
  }
}

function messageOf(result: unknown): string | undefined {
  if (typeof result === 'string') return result;
  if (result && typeof result === 'object' && 'message' in result) return String((result as { message: unknown }).message);
  return undefined;
}
