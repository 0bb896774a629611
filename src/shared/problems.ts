import { z } from 'zod';
import { ZId, ZBodyId, MAX_PAGE } from './common.ts';
import { ZIsoDate } from './project-stages.ts';

export const PROBLEM_CATEGORIES = ['land', 'approval', 'funding', 'utilities', 'talent', 'other'] as const;
export const ZProblemCategory = z.enum(PROBLEM_CATEGORIES);

export const ZProblemNote = z.object({
  id: z.number().int(),
  kind: z.enum(['instruction', 'progress', 'escalation', 'resolution', 'assignment']),
  text: z.string(),
  author: z.string().nullable(),
  createdAt: z.string(),
});

export const ZProblem = z.object({
  id: z.number().int(),
  projectId: z.number().int(),
  projectName: z.string(),
  category: ZProblemCategory,
  description: z.string(),
  departmentId: z.number().int().nullable(),
  departmentName: z.string().nullable(),
  dueOn: z.string().nullable(),
  state: z.enum(['open', 'resolved']),
  level: z.enum(['unit', 'city']),
  overdue: z.boolean(),
  resolution: z.string().nullable(),
  createdAt: z.string(),
  notes: z.array(ZProblemNote),
});
export type TProblem = z.infer<typeof ZProblem>;
export const ZProblemPage = z.object({ items: z.array(ZProblem), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });
export const ZProblemListQuery = z.object({
  projectId: ZId.optional(),
  state: z.enum(['open', 'resolved']).optional(),
  level: z.enum(['unit', 'city']).optional(),
  departmentId: ZId.optional(),
  /** Open problems past their due date only (the cockpit's alert opens this list, issue 16). */
  overdue: z.enum(['true']).optional(),
  /** The problems of projects in this unit's subtree. */
  unitId: ZId.optional(),
  page: z.coerce.number().int().min(1).max(MAX_PAGE).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});

export const ZRaiseProblemRequest = z.object({
  category: ZProblemCategory,
  description: z.string().trim().min(1).max(2000),
  departmentId: ZBodyId.nullish(),
  dueOn: ZIsoDate.nullish(),
});
export type TRaiseProblemRequest = z.input<typeof ZRaiseProblemRequest>;
export const ZUpdateProblemRequest = ZRaiseProblemRequest.partial();
export const ZProblemNoteRequest = z.object({ kind: z.enum(['instruction', 'progress']), text: z.string().trim().min(1).max(2000) });
export const ZResolveProblemRequest = z.object({ resolution: z.string().trim().min(1).max(2000) });

export const ZDepartment = z.object({ id: z.number().int(), unitId: z.number().int(), unitName: z.string(), name: z.string() });
export type TDepartment = z.infer<typeof ZDepartment>;
export const ZDepartmentList = z.object({ items: z.array(ZDepartment) });
export const ZCreateDepartmentRequest = z.object({ unitId: ZBodyId, name: z.string().trim().min(1).max(64) });
