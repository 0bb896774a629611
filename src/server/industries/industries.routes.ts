import { ZIndustryList, ZIndustryQuery } from '../../shared/industries.ts';
import type { ZApp } from '../deps.ts';
import { listIndustries } from './industries.service.ts';

/** Reference data for the industry picker: the same for every logged-in user. */
export async function industriesRoutes(app: ZApp) {
  app.get(
    '/industries',
    { schema: { tags: ['industries'], querystring: ZIndustryQuery, response: { 200: ZIndustryList } } },
    async (request) => ({ items: listIndustries(request.query) }),
  );
}
