import { ZBulletin, ZBulletinExportQuery, ZBulletinQuery } from '../../shared/bulletin.ts';
import type { AppDeps, ZApp } from '../deps.ts';
import { contextOf } from '../http/request-context.ts';
import { monthlyBulletin } from './bulletin.service.ts';
import { bulletinPdf, bulletinTitle, bulletinXlsx } from './bulletin.export.ts';
import { chinaToday } from '../../domain/calendar.ts';

const CONTENT_TYPES = { xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', pdf: 'application/pdf' };

export async function bulletinRoutes(app: ZApp, { db, clock }: AppDeps) {
  const tags = ['bulletin'];
  app.get('/bulletin', { schema: { tags, querystring: ZBulletinQuery, response: { 200: ZBulletin } } }, async (request) =>
    monthlyBulletin(contextOf(request, db, clock), request.query),
  );
  app.get('/bulletin/export', { schema: { tags, querystring: ZBulletinExportQuery } }, async (request, reply) => {
    const { format, ...query } = request.query;
    const bulletin = await monthlyBulletin(contextOf(request, db, clock), query);
    const file = format === 'pdf' ? await bulletinPdf(bulletin, { today: chinaToday(clock()) }) : await bulletinXlsx(bulletin);
    const name = encodeURIComponent(`${bulletinTitle(bulletin)}.${format}`);
    return reply.header('content-type', CONTENT_TYPES[format]).header('content-disposition', `attachment; filename*=UTF-8''${name}`).send(file);
  });
}
