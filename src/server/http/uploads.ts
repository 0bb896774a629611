import type { FastifyRequest } from 'fastify';
import { AppError } from '../errors.ts';
import { NUL_DETAIL, nulField } from './input-guard.ts';
import type { ErrorCode } from '../../shared/errors.ts';

/**
 * One uploaded file and the form's text fields, read from a multipart request. A file over the limit is refused
 * with the given error rather than read on.
 */
export async function readUpload(
  request: FastifyRequest,
  limits: { fileBytes: number; fields?: number },
  tooLarge: ErrorCode,
): Promise<{ file: { fileName: string; content: Buffer }; fields: Record<string, string> }> {
  if (!request.isMultipart()) throw new AppError('validation.required', { field: 'file' });
  const fields: Record<string, string> = {};
  let file: { fileName: string; content: Buffer } | undefined;
  try {
    for await (const part of request.parts({ limits: { fileSize: limits.fileBytes, fields: limits.fields ?? 10, files: 1 } })) {
      if (part.type === 'file') file = { fileName: part.filename, content: await part.toBuffer() };
      else fields[part.fieldname] = String(part.value);
    }
  } catch (error) {
    if ((error as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw new AppError(tooLarge, { field: 'file' });
    throw error;
  }
  if (!file) throw new AppError('validation.required', { field: 'file' });
  // A NUL character is refused here as the route validators refuse it in JSON (input-guard.ts): no name or field keeps one.
  const nul = file.fileName.includes('\u0000') ? 'file' : nulField(fields, '');
  if (nul !== null) throw new AppError('validation.invalid', { field: nul, params: NUL_DETAIL });
  return { file, fields };
}
