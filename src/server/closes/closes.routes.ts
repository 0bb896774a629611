import { ZCloseMonthRequest, ZMonthClose, ZMonthCloseList } from '../../shared/closes.ts';
import type { AppDeps, ZApp } from '../deps.ts';
import { contextOf } from '../http/request-context.ts';
import { closeMonth, listCloses } from './closes.service.ts';

export async function closesRoutes(app: ZApp, { db, clock }: AppDeps) {
  const tags = ['closes'];
  app.get('/closes', { schema: { tags, response: { 200: ZMonthCloseList } } }, async (request) => ({ items: await listCloses(contextOf(request, db, clock)) }));
  app.post('/closes', { schema: { tags, body: ZCloseMonthRequest, response: { 200: ZMonthClose } } }, async (request) =>
    closeMonth(contextOf(request, db, clock), request.body.year, request.body.month),
  );
}
