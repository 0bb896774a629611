import { ZIdParams } from '../../shared/common.ts';
import { ZBlankLedgerQuery, ZImportBatch, ZImportBatchList, ZImportOptions, ZImportProgress, ZImportRowPage, ZImportRowsQuery, type TImportOptions } from '../../shared/imports.ts';
import type { AppDeps, ZApp } from '../deps.ts';
import { AppError } from '../errors.ts';
import { contextOf } from '../http/request-context.ts';
import { readUpload } from '../http/uploads.ts';
import { LEDGER_LIMITS } from './ledger-reader.ts';
import { chinaToday } from '../../domain/calendar.ts';
import {
  blankLedgerTemplate,
  commitImport,
  getImportBatch,
  importErrorsWorkbook,
  importProgress,
  importRows,
  listImportBatches,
  rereadLedger,
  revertImport,
  uploadLedger,
} from './imports.service.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Multipart text fields as options: `mapping` travels as JSON text, the rest as plain values. */
function optionsFromFields(fields: Record<string, string>): TImportOptions {
  let mapping: unknown;
  if (fields.mapping) {
    try {
      mapping = JSON.parse(fields.mapping);
    } catch {
      throw new AppError('validation.invalid', { field: 'mapping', params: { detail: 'JSON' } });
    }
  }
  return ZImportOptions.parse({
    unitId: fields.unitId || undefined,
    sheet: fields.sheet || undefined,
    year: fields.year || undefined,
    mapping,
    saveTemplate: fields.saveTemplate === 'true' ? true : undefined,
  });
}

export async function importsRoutes(app: ZApp, { db, clock }: AppDeps) {
  const tags = ['imports'];
  app.post('/imports', { schema: { tags, consumes: ['multipart/form-data'], response: { 200: ZImportBatch } } }, async (request) => {
    const ctx = contextOf(request, db, clock);
    const { file, fields } = await readUpload(request, { fileBytes: LEDGER_LIMITS.fileBytes }, 'ledger.tooLarge');
    return uploadLedger(ctx, file, optionsFromFields(fields));
  });

  app.get('/imports', { schema: { tags, response: { 200: ZImportBatchList } } }, async (request) => ({
    items: await listImportBatches(contextOf(request, db, clock)),
  }));

  app.get('/imports/:id', { schema: { tags, params: ZIdParams, response: { 200: ZImportBatch } } }, async (request) =>
    getImportBatch(contextOf(request, db, clock), request.params.id),
  );

  app.post('/imports/:id/reread', { schema: { tags, params: ZIdParams, body: ZImportOptions, response: { 200: ZImportBatch } } }, async (request) =>
    rereadLedger(contextOf(request, db, clock), request.params.id, request.body),
  );

  app.get('/imports/:id/rows', { schema: { tags, params: ZIdParams, querystring: ZImportRowsQuery, response: { 200: ZImportRowPage } } }, async (request) =>
    importRows(contextOf(request, db, clock), request.params.id, request.query),
  );

  app.get('/imports/:id/progress', { schema: { tags, params: ZIdParams, response: { 200: ZImportProgress } } }, async (request) => {
    await getImportBatch(contextOf(request, db, clock), request.params.id);
    return importProgress(request.params.id);
  });

  app.post('/imports/:id/commit', { schema: { tags, params: ZIdParams, response: { 200: ZImportBatch } } }, async (request) =>
    commitImport(contextOf(request, db, clock), request.params.id),
  );

  app.post('/imports/:id/revert', { schema: { tags, params: ZIdParams, response: { 200: ZImportBatch } } }, async (request) =>
    revertImport(contextOf(request, db, clock), request.params.id),
  );

  // No response schema: the body is the xlsx, streamed as it is written.
  app.get('/imports/template.xlsx', { schema: { tags, querystring: ZBlankLedgerQuery } }, async (request, reply) => {
    const ctx = contextOf(request, db, clock);
    const file = blankLedgerTemplate(ctx, request.query.moneyUnit);
    return reply
      .type(XLSX)
      .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(`项目台账模板-${chinaToday(ctx.now)}.xlsx`)}`)
      .header('cache-control', 'private, no-store')
      .send(file);
  });

  app.get('/imports/:id/errors.xlsx', { schema: { tags, params: ZIdParams } }, async (request, reply) => {
    const file = await importErrorsWorkbook(contextOf(request, db, clock), request.params.id);
    return reply
      .type(XLSX)
      .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.fileName)}`)
      .header('cache-control', 'private, no-store')
      .send(file.content);
  });
}
