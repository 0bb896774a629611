import { z } from 'zod';
import { PROJECT_STATES } from '../domain/stages.ts';
import { ZListQuery, ZPage, ZYuan } from './common.ts';

export const ZProjectState = z.enum(PROJECT_STATES);

export const ZProject = z.object({
  id: z.number().int(),
  name: z.string(),
  investorEnterpriseId: z.number().int(),
  investorName: z.string(),
  unitId: z.number().int(),
  unitName: z.string(),
  totalInvestmentYuan: z.number().int(),
  stage: ZProjectState,
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type TProject = z.infer<typeof ZProject>;
export const ZProjectPage = ZPage(ZProject);
export const ZProjectListQuery = ZListQuery.extend({
  unitId: z.coerce.number().int().positive().optional(),
  stage: ZProjectState.optional(),
});
export type TProjectListQuery = z.input<typeof ZProjectListQuery>;

export const ZCreateProjectRequest = z.object({
  name: z.string().trim().min(2).max(200),
  investorEnterpriseId: z.number().int().positive(),
  unitId: z.number().int().positive(),
  totalInvestmentYuan: ZYuan,
  stage: ZProjectState.default('lead'),
});
export type TCreateProjectRequest = z.input<typeof ZCreateProjectRequest>;

export const ZUpdateProjectRequest = ZCreateProjectRequest.partial();
export type TUpdateProjectRequest = z.input<typeof ZUpdateProjectRequest>;
