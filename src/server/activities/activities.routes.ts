import { ZIdParams } from '../../shared/common.ts';
import { ZCreateVisitRequest, ZTeam, ZTeamInput, ZTeamList, ZTrip, ZTripInput, ZTripListQuery, ZTripPage, ZVisit, ZVisitListQuery, ZVisitPage } from '../../shared/activities.ts';
import type { AppDeps, ZApp } from '../deps.ts';
import { contextOf } from '../http/request-context.ts';
import { createTrip, getTrip, listTrips } from './trips.service.ts';
import { createVisit, listVisits } from './visits.service.ts';
import { createTeam, listTeams } from './teams.service.ts';

export async function activitiesRoutes(app: ZApp, { db, clock }: AppDeps) {
  const tags = ['activities'];
  app.get('/trips', { schema: { tags, querystring: ZTripListQuery, response: { 200: ZTripPage } } }, async (request) => listTrips(contextOf(request, db, clock), request.query));
  app.post('/trips', { schema: { tags, body: ZTripInput, response: { 200: ZTrip } } }, async (request) => createTrip(contextOf(request, db, clock), request.body));
  app.get('/trips/:id', { schema: { tags, params: ZIdParams, response: { 200: ZTrip } } }, async (request) => getTrip(contextOf(request, db, clock), request.params.id));
  app.get('/visits', { schema: { tags, querystring: ZVisitListQuery, response: { 200: ZVisitPage } } }, async (request) => listVisits(contextOf(request, db, clock), request.query));
  app.post('/visits', { schema: { tags, body: ZCreateVisitRequest, response: { 200: ZVisit } } }, async (request) => createVisit(contextOf(request, db, clock), request.body));
  app.get('/teams', { schema: { tags, response: { 200: ZTeamList } } }, async (request) => ({ items: await listTeams(contextOf(request, db, clock)) }));
  app.post('/teams', { schema: { tags, body: ZTeamInput, response: { 200: ZTeam } } }, async (request) => createTeam(contextOf(request, db, clock), request.body));
}
