import { ZId, ZIdParams } from '../../shared/common.ts';
import { ZLeaderLevelList, ZSetLeaderLevelsRequest, ZCreateVisitRequest, ZTeam, ZTeamInput, ZTeamList, ZTrip, ZTripInput, ZTripListQuery, ZTripPage, ZVisit, ZVisitListQuery, ZVisitPage } from '../../shared/activities.ts';
import type { AppDeps, ZApp } from '../deps.ts';
import { contextOf } from '../http/request-context.ts';
import { createTrip, getTrip, listTrips } from './trips.service.ts';
import { createVisit, listVisits } from './visits.service.ts';
import { createTeam, listTeams } from './teams.service.ts';
import { listLeaderLevels, setLeaderLevels } from './leader-levels.service.ts';
import { createEvent, getEvent, linkProject, listEvents, unlinkProject } from './events.service.ts';
import { ZEvent, ZEventInput, ZEventListQuery, ZEventPage, ZEventQuery, ZLinkProjectRequest } from '../../shared/events.ts';
import { z } from 'zod';

export async function activitiesRoutes(app: ZApp, { db, clock }: AppDeps) {
  const tags = ['activities'];
  app.get('/trips', { schema: { tags, querystring: ZTripListQuery, response: { 200: ZTripPage } } }, async (request) => listTrips(contextOf(request, db, clock), request.query));
  app.post('/trips', { schema: { tags, body: ZTripInput, response: { 200: ZTrip } } }, async (request) => createTrip(contextOf(request, db, clock), request.body));
  app.get('/trips/:id', { schema: { tags, params: ZIdParams, response: { 200: ZTrip } } }, async (request) => getTrip(contextOf(request, db, clock), request.params.id));
  app.get('/visits', { schema: { tags, querystring: ZVisitListQuery, response: { 200: ZVisitPage } } }, async (request) => listVisits(contextOf(request, db, clock), request.query));
  app.post('/visits', { schema: { tags, body: ZCreateVisitRequest, response: { 200: ZVisit } } }, async (request) => createVisit(contextOf(request, db, clock), request.body));
  app.get('/leader-levels', { schema: { tags, response: { 200: ZLeaderLevelList } } }, async () => ({ items: await listLeaderLevels(db) }));
  app.put('/leader-levels', { schema: { tags, body: ZSetLeaderLevelsRequest, response: { 200: ZLeaderLevelList } } }, async (request) => ({
    items: await setLeaderLevels(contextOf(request, db, clock), request.body.items),
  }));
  app.get('/teams', { schema: { tags, response: { 200: ZTeamList } } }, async (request) => ({ items: await listTeams(contextOf(request, db, clock)) }));
  app.post('/teams', { schema: { tags, body: ZTeamInput, response: { 200: ZTeam } } }, async (request) => createTeam(contextOf(request, db, clock), request.body));
  app.get('/events', { schema: { tags, querystring: ZEventListQuery, response: { 200: ZEventPage } } }, async (request) => listEvents(contextOf(request, db, clock), request.query));
  app.post('/events', { schema: { tags, body: ZEventInput, response: { 200: ZEvent } } }, async (request) => createEvent(contextOf(request, db, clock), request.body));
  app.get('/events/:id', { schema: { tags, params: ZIdParams, querystring: ZEventQuery, response: { 200: ZEvent } } }, async (request) =>
    getEvent(contextOf(request, db, clock), request.params.id, request.query.asOf),
  );
  app.post('/events/:id/projects', { schema: { tags, params: ZIdParams, body: ZLinkProjectRequest, response: { 200: ZEvent } } }, async (request) =>
    linkProject(contextOf(request, db, clock), request.params.id, request.body.projectId),
  );
  const ZEventProjectParams = z.object({ id: ZId, projectId: ZId });
  app.delete('/events/:id/projects/:projectId', { schema: { tags, params: ZEventProjectParams, response: { 200: ZEvent } } }, async (request) =>
    unlinkProject(contextOf(request, db, clock), request.params.id, request.params.projectId),
  );
}
