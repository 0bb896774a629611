import { ZChainTargetList, ZChainTargetsQuery, ZSetChainTargetsRequest, ZSetTargetsRequest, ZTargetList, ZTargetProgressList, ZTargetProgressQuery, ZTargetsImportFields, ZTargetsQuery } from '../../shared/targets.ts';
import type { AppDeps, ZApp } from '../deps.ts';
import { contextOf } from '../http/request-context.ts';
import { readUpload } from '../http/uploads.ts';
import { AppError } from '../errors.ts';
import { listTargets, setTargets, targetProgress } from './targets.service.ts';
import { exportTargets, importTargets } from './targets.xlsx.ts';
import { listChainTargets, setChainTargets } from './chain-targets.service.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export async function targetsRoutes(app: ZApp, { db, clock }: AppDeps) {
  const tags = ['targets'];
  app.get('/targets', { schema: { tags, querystring: ZTargetsQuery, response: { 200: ZTargetList } } }, async (request) =>
    listTargets(contextOf(request, db, clock), request.query.year),
  );
  app.put('/targets', { schema: { tags, body: ZSetTargetsRequest, response: { 200: ZTargetList } } }, async (request) =>
    setTargets(contextOf(request, db, clock), request.body),
  );
  app.get('/targets/progress', { schema: { tags, querystring: ZTargetProgressQuery, response: { 200: ZTargetProgressList } } }, async (request) =>
    targetProgress(contextOf(request, db, clock), request.query.year, request.query.unitId),
  );
  // The chain rows of the grid (issue 14): the bureau sets them, everyone reads them with their figures.
  app.get('/targets/chains', { schema: { tags, querystring: ZChainTargetsQuery, response: { 200: ZChainTargetList } } }, async (request) =>
    listChainTargets(contextOf(request, db, clock), request.query.year, request.query.unitId),
  );
  app.put('/targets/chains', { schema: { tags, body: ZSetChainTargetsRequest, response: { 200: ZChainTargetList } } }, async (request) =>
    setChainTargets(contextOf(request, db, clock), request.body),
  );
  app.get('/targets/export', { schema: { tags, querystring: ZTargetsQuery } }, async (request, reply) => {
    const file = await exportTargets(contextOf(request, db, clock), request.query.year);
    const name = encodeURIComponent(`${request.query.year}年招商引资目标任务.xlsx`);
    return reply.header('content-type', XLSX).header('content-disposition', `attachment; filename*=UTF-8''${name}`).send(file);
  });
  app.post('/targets/import', { schema: { tags, consumes: ['multipart/form-data'], response: { 200: ZTargetList } } }, async (request) => {
    const ctx = contextOf(request, db, clock);
    const { file, fields } = await readUpload(request, { fileBytes: 5 * 1024 * 1024 }, 'ledger.tooLarge');
    const parsed = ZTargetsImportFields.safeParse(fields);
    if (!parsed.success) throw new AppError('validation.invalid', { field: 'year', params: { detail: fields.year ?? '' } });
    return importTargets(ctx, parsed.data.year, file.content);
  });
}
