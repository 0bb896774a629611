import { ZIdParams, ZOk } from '../../shared/common.ts';
import { ZTripPlan, ZTripPlanInput, ZTripPlanList, ZTripPlansQuery, ZTripPlanStopInput, ZTripPlanStopParams, ZTripPlanUpdate } from '../../shared/trip-plans.ts';
import type { AppDeps, ZApp } from '../deps.ts';
import { contextOf } from '../http/request-context.ts';
import { addTripPlanStop, createTripPlan, listTripPlans, removeTripPlan, removeTripPlanStop, updateTripPlan } from './trip-plans.service.ts';

/**
 * Planned outbound trips (外出招商计划, issue 14): the caller's units' plans (upcoming, past or all), a new plan, a plan's
 * title and dates changed, a plan removed; a stop added to a plan or taken off it.
 */
export async function tripPlansRoutes(app: ZApp, { db, clock }: AppDeps) {
  const tags = ['activities'];
  app.get('/trip-plans', { schema: { tags, querystring: ZTripPlansQuery, response: { 200: ZTripPlanList } } }, async (request) =>
    listTripPlans(contextOf(request, db, clock), request.query),
  );
  app.post('/trip-plans', { schema: { tags, body: ZTripPlanInput, response: { 200: ZTripPlan } } }, async (request) =>
    createTripPlan(contextOf(request, db, clock), request.body),
  );
  app.post('/trip-plans/:id/stops', { schema: { tags, params: ZIdParams, body: ZTripPlanStopInput, response: { 200: ZTripPlan } } }, async (request) =>
    addTripPlanStop(contextOf(request, db, clock), request.params.id, request.body),
  );
  app.patch('/trip-plans/:id', { schema: { tags, params: ZIdParams, body: ZTripPlanUpdate, response: { 200: ZTripPlan } } }, async (request) =>
    updateTripPlan(contextOf(request, db, clock), request.params.id, request.body),
  );
  app.delete('/trip-plans/:id', { schema: { tags, params: ZIdParams, response: { 200: ZOk } } }, async (request) => removeTripPlan(contextOf(request, db, clock), request.params.id));
  app.delete('/trip-plans/:id/stops/:stopId', { schema: { tags, params: ZTripPlanStopParams, response: { 200: ZTripPlan } } }, async (request) =>
    removeTripPlanStop(contextOf(request, db, clock), request.params.id, request.params.stopId),
  );
}
