import { ZIdParams } from '../../shared/common.ts';
import { ZTripPlan, ZTripPlanInput, ZTripPlanList, ZTripPlanStopInput } from '../../shared/trip-plans.ts';
import type { AppDeps, ZApp } from '../deps.ts';
import { contextOf } from '../http/request-context.ts';
import { addTripPlanStop, createTripPlan, upcomingTripPlans } from './trip-plans.service.ts';

/** Planned outbound trips (外出招商计划, issue 14): the caller's units' upcoming plans, a new plan, a stop added to one. */
export async function tripPlansRoutes(app: ZApp, { db, clock }: AppDeps) {
  const tags = ['activities'];
  app.get('/trip-plans', { schema: { tags, response: { 200: ZTripPlanList } } }, async (request) => upcomingTripPlans(contextOf(request, db, clock)));
  app.post('/trip-plans', { schema: { tags, body: ZTripPlanInput, response: { 200: ZTripPlan } } }, async (request) =>
    createTripPlan(contextOf(request, db, clock), request.body),
  );
  app.post('/trip-plans/:id/stops', { schema: { tags, params: ZIdParams, body: ZTripPlanStopInput, response: { 200: ZTripPlan } } }, async (request) =>
    addTripPlanStop(contextOf(request, db, clock), request.params.id, request.body),
  );
}
