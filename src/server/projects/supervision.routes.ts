import { ZBoardPage, ZBoardQuery, ZRemindDeadlineRequest, ZRemindDeadlineResponse, ZSupervisionPage, ZSupervisionQuery } from '../../shared/deadlines.ts';
import type { AppDeps, ZApp } from '../deps.ts';
import { contextOf } from '../http/request-context.ts';
import { listSupervision, remindDeadline, supervisionBoard } from './supervision.service.ts';
import { exportSupervision } from './supervision.export.ts';
import { chinaToday } from '../../domain/calendar.ts';

export async function supervisionRoutes(app: ZApp, { db, clock }: AppDeps) {
  app.get(
    '/supervision',
    { schema: { tags: ['projects'], querystring: ZSupervisionQuery, response: { 200: ZSupervisionPage } } },
    async (request) => listSupervision(contextOf(request, db, clock), request.query),
  );

  app.get(
    '/supervision/export',
    { schema: { tags: ['projects'], querystring: ZSupervisionQuery.omit({ page: true, pageSize: true }) } },
    async (request, reply) => {
      const ctx = contextOf(request, db, clock);
      const file = await exportSupervision(ctx, request.query);
      const name = encodeURIComponent(`督办清单-${chinaToday(ctx.now)}.xlsx`);
      return reply
        .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename*=UTF-8''${name}`)
        .send(file);
    },
  );

  app.get(
    '/supervision/board',
    { schema: { tags: ['projects'], querystring: ZBoardQuery, response: { 200: ZBoardPage } } },
    async (request) => supervisionBoard(contextOf(request, db, clock), request.query),
  );

  // 催办 (issue 16): one deadline's reminder now, as the job would send it; once a deadline a day.
  app.post(
    '/supervision/reminders',
    { schema: { tags: ['projects'], body: ZRemindDeadlineRequest, response: { 200: ZRemindDeadlineResponse } } },
    async (request) => remindDeadline(contextOf(request, db, clock), request.body),
  );
}
