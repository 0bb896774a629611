import { ZIdParams } from '../../shared/common.ts';
import { ZEvidenceFile, ZEvidenceFileList } from '../../shared/files.ts';
import type { AppDeps, ZApp } from '../deps.ts';
import { AppError } from '../errors.ts';
import { contextOf } from '../http/request-context.ts';
import { downloadEvidenceFile, listEvidenceFiles, uploadEvidenceFile } from './files.service.ts';

export async function filesRoutes(app: ZApp, { db, clock }: AppDeps) {
  const tags = ['projects'];
  app.post(
    '/projects/:id/files',
    { schema: { tags, params: ZIdParams, consumes: ['multipart/form-data'], response: { 200: ZEvidenceFile } } },
    async (request) => {
      const ctx = contextOf(request, db, clock);
      if (!request.isMultipart()) throw new AppError('validation.required', { field: 'file' });
      const part = await request.file();
      if (!part) throw new AppError('validation.required', { field: 'file' });
      let content: Buffer;
      try {
        content = await part.toBuffer();
      } catch (error) {
        if ((error as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw new AppError('evidence.file.tooLarge', { field: 'file' });
        throw error;
      }
      return uploadEvidenceFile(ctx, request.params.id, { fileName: part.filename, content });
    },
  );

  app.get('/projects/:id/files', { schema: { tags, params: ZIdParams, response: { 200: ZEvidenceFileList } } }, async (request) => ({
    items: await listEvidenceFiles(contextOf(request, db, clock), request.params.id),
  }));

  // No response schema: the body is the file's bytes, sent as they are.
  app.get('/files/:id', { schema: { tags, params: ZIdParams } }, async (request, reply) => {
    const file = await downloadEvidenceFile(contextOf(request, db, clock), request.params.id);
    return reply
      .type(file.contentType)
      .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.fileName)}`)
      .header('cache-control', 'private, no-store')
      .send(file.content);
  });
}
