import { ZIdParams, ZOk } from '../../shared/common.ts';
import { ZMarkedRead, ZNotificationList, ZNotificationQuery, ZSetUnitWebhookRequest, ZUnitWebhook } from '../../shared/notifications.ts';
import type { AppDeps, ZApp } from '../deps.ts';
import { contextOf } from '../http/request-context.ts';
import { getUnitWebhook, listNotifications, markAllNotificationsRead, markNotificationRead, setUnitWebhook } from './notifications.service.ts';

export async function remindersRoutes(app: ZApp, { db, clock, webhooks }: AppDeps) {
  const tags = ['reminders'];
  app.get('/notifications', { schema: { tags, querystring: ZNotificationQuery, response: { 200: ZNotificationList } } }, async (request) =>
    listNotifications(contextOf(request, db, clock), request.query),
  );

  app.post('/notifications/:id/read', { schema: { tags, params: ZIdParams, response: { 200: ZOk } } }, async (request) => {
    await markNotificationRead(contextOf(request, db, clock), request.params.id);
    return { ok: true as const };
  });

  app.post('/notifications/read-all', { schema: { tags, response: { 200: ZMarkedRead } } }, async (request) => ({
    marked: await markAllNotificationsRead(contextOf(request, db, clock)),
  }));

  app.get('/units/:id/webhook', { schema: { tags, params: ZIdParams, response: { 200: ZUnitWebhook } } }, async (request) =>
    getUnitWebhook(contextOf(request, db, clock), request.params.id),
  );

  app.put(
    '/units/:id/webhook',
    { schema: { tags, params: ZIdParams, body: ZSetUnitWebhookRequest, response: { 200: ZUnitWebhook } } },
    async (request) => setUnitWebhook(contextOf(request, db, clock), request.params.id, request.body, webhooks),
  );
}
