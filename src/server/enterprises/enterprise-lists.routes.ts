import { ZIdParams } from '../../shared/common.ts';
import { ZEnterpriseListImport, ZEnterpriseListOptions, ZEnterpriseListProgress, ZEnterpriseListTemplateQuery } from '../../shared/enterprise-lists.ts';
import type { AppDeps, ZApp } from '../deps.ts';
import { contextOf } from '../http/request-context.ts';
import { readUpload } from '../http/uploads.ts';
import { LEDGER_LIMITS } from '../imports/ledger-reader.ts';
import { assertCanAdminister } from '../access/scope.ts';
import {
  commitEnterpriseList,
  enterpriseListErrorsWorkbook,
  enterpriseListProgress,
  enterpriseListTemplate,
  getEnterpriseListImport,
  previewEnterpriseList,
  revertEnterpriseList,
} from './enterprise-lists.service.ts';

/** Enterprise list imports (issue 13 "Filling it"), bureau only: upload and preview, progress, commit, revert. */
export async function enterpriseListsRoutes(app: ZApp, { db, clock }: AppDeps) {
  const tags = ['enterprises'];
  const ctx = (request: Parameters<typeof contextOf>[0]) => contextOf(request, db, clock);

  app.post('/enterprise-lists', { schema: { tags, consumes: ['multipart/form-data'], response: { 200: ZEnterpriseListImport } } }, async (request) => {
    const context = ctx(request);
    assertCanAdminister(context.caller);
    const { file, fields } = await readUpload(request, { fileBytes: LEDGER_LIMITS.fileBytes }, 'ledger.tooLarge');
    return previewEnterpriseList(context, file, ZEnterpriseListOptions.parse({ list: fields.list, year: fields.year, batch: fields.batch || undefined }));
  });
  app.get('/enterprise-lists/template.xlsx', { schema: { tags, querystring: ZEnterpriseListTemplateQuery } }, async (request, reply) => {
    const file = await enterpriseListTemplate(ctx(request), request.query.list);
    return reply
      .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.fileName)}`)
      .header('cache-control', 'private, no-store')
      .send(file.content);
  });

  app.get('/enterprise-lists/:id', { schema: { tags, params: ZIdParams, response: { 200: ZEnterpriseListImport } } }, async (request) =>
    getEnterpriseListImport(ctx(request), request.params.id),
  );
  app.get('/enterprise-lists/:id/progress', { schema: { tags, params: ZIdParams, response: { 200: ZEnterpriseListProgress } } }, async (request) => {
    assertCanAdminister(ctx(request).caller);
    return enterpriseListProgress(request.params.id);
  });
  app.post('/enterprise-lists/:id/commit', { schema: { tags, params: ZIdParams, response: { 200: ZEnterpriseListImport } } }, async (request) =>
    commitEnterpriseList(ctx(request), request.params.id),
  );
  // The refused rows and fields as an xlsx: the rows as written plus 原因 (issue 13), like the ledger import's.
  app.get('/enterprise-lists/:id/errors.xlsx', { schema: { tags, params: ZIdParams } }, async (request, reply) => {
    const file = await enterpriseListErrorsWorkbook(ctx(request), request.params.id);
    return reply
      .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.fileName)}`)
      .header('cache-control', 'private, no-store')
      .send(file.content);
  });
  app.post('/enterprise-lists/:id/revert', { schema: { tags, params: ZIdParams, response: { 200: ZEnterpriseListImport } } }, async (request) =>
    revertEnterpriseList(ctx(request), request.params.id),
  );
}
