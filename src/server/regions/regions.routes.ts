import { ZRegionList, ZRegionQuery } from '../../shared/regions.ts';
import type { ZApp } from '../deps.ts';
import { listRegions } from './regions.service.ts';
import { withEnglishName } from './region-english.ts';

/** Reference data: the same for every logged-in user. */
export async function regionsRoutes(app: ZApp) {
  app.get(
    '/regions',
    { schema: { tags: ['regions'], querystring: ZRegionQuery, response: { 200: ZRegionList } } },
    async (request) => ({ items: listRegions(request.query).map(withEnglishName) }),
  );
}
