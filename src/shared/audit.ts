import { z } from 'zod';
import { ZListQuery, ZPage, ZId } from './common.ts';

/**
 * Every kind of record the audit trail names, with its name in both languages: the audit page shows and filters by
 * each (issue 16). audit-entities.test.ts checks that every entity the server audits is here.
 */
export const AUDIT_ENTITIES = {
  project: { zh: '项目', en: 'Project' },
  projectComment: { zh: '项目评论', en: 'Project comment' },
  projectMerge: { zh: '项目合并', en: 'Project merge' },
  projectCountOnce: { zh: '不重复统计', en: 'Count-once record' },
  stageVerification: { zh: '阶段核实', en: 'Stage verification' },
  fundEntry: { zh: '到位资金', en: 'Funds arrived' },
  evidenceFile: { zh: '佐证材料', en: 'Evidence file' },
  problem: { zh: '问题', en: 'Problem' },
  duplicateClaim: { zh: '疑似重复申报', en: 'Possible duplicate' },
  importBatch: { zh: '台账导入', en: 'Ledger import' },
  importTemplate: { zh: '列对应模板', en: 'Column mapping template' },
  enterprise: { zh: '企业', en: 'Enterprise' },
  enterpriseName: { zh: '企业其他名称', en: 'Other name of an enterprise' },
  enterpriseTier: { zh: '企业榜单记录', en: 'Enterprise list entry' },
  enterpriseListImport: { zh: '企业名单导入', en: 'Enterprise list import' },
  enterpriseMerge: { zh: '企业合并', en: 'Enterprise merge' },
  contact: { zh: '联系人', en: 'Contact' },
  lead: { zh: '线索', en: 'Lead' },
  trip: { zh: '外出招商', en: 'Outbound trip' },
  visit: { zh: '拜访', en: 'Visit' },
  event: { zh: '招商活动', en: 'Event' },
  residentTeam: { zh: '驻点招商小分队', en: 'Resident team' },
  tripPlan: { zh: '出行计划', en: 'Trip plan' },
  tripPlanStop: { zh: '出行计划中的企业', en: 'Enterprise on a trip plan' },
  chain: { zh: '产业链', en: 'Industrial chain' },
  chainLink: { zh: '产业链环节', en: 'Chain link' },
  chainMembers: { zh: '产业链专班', en: 'Chain task force' },
  chainPlacement: { zh: '环节上的企业', en: 'Enterprise on a chain link' },
  chainRejection: { zh: '不适合标记', en: '“Not a fit” mark' },
  chainTarget: { zh: '产业链目标', en: 'Chain target' },
  chainCandidateWeights: { zh: '招商推荐权重', en: 'Recommendation weights' },
  target: { zh: '目标任务', en: 'Target' },
  assessmentScheme: { zh: '考核方案', en: 'Assessment scheme' },
  assessmentAdjustment: { zh: '考核加减分', en: 'Assessment adjustment' },
  monthClose: { zh: '月度关账', en: 'Month close' },
  metricRules: { zh: '计入口径', en: 'Counting rules' },
  verificationSettings: { zh: '核实设置', en: 'Verification settings' },
  leaderLevels: { zh: '带队人级别', en: 'Leader levels' },
  heatmapPriorityRegions: { zh: '重点来源区域', en: 'Priority source regions' },
  localIndustry: { zh: '本市产业', en: 'Local industry' },
  deadlineRule: { zh: '期限规则', en: 'Deadline rule' },
  unitWebhook: { zh: '群机器人', en: 'Group chat robot' },
  savedFilter: { zh: '保存的筛选', en: 'Saved filter' },
  department: { zh: '部门', en: 'Department' },
  unit: { zh: '单位', en: 'Unit' },
  user: { zh: '用户', en: 'User' },
} as const satisfies Record<string, { zh: string; en: string }>;
export type TAuditEntity = keyof typeof AUDIT_ENTITIES;

/** Every action the trail records, in both languages. */
export const AUDIT_ACTIONS = {
  create: { zh: '新建', en: 'Created' },
  update: { zh: '修改', en: 'Changed' },
  delete: { zh: '删除', en: 'Deleted' },
  import: { zh: '导入', en: 'Imported' },
  revert: { zh: '撤销', en: 'Reverted' },
  move: { zh: '调整落地单位', en: 'Moved to another unit' },
  remind: { zh: '催办', en: 'Reminder sent' },
  phoneRead: { zh: '查看完整电话', en: 'Full phone number read' },
  login: { zh: '登录', en: 'Logged in' },
  logout: { zh: '退出', en: 'Logged out' },
  passwordChange: { zh: '修改密码', en: 'Password changed' },
  lockout: { zh: '锁定', en: 'Locked out' },
  seed: { zh: '初始数据', en: 'Initial data' },
} as const satisfies Record<string, { zh: string; en: string }>;

export const ZAuditEntry = z.object({
  id: z.number().int(),
  at: z.string(),
  requestId: z.string().nullable(),
  actorUserId: z.number().int().nullable(),
  actorName: z.string().nullable(),
  unitId: z.number().int().nullable(),
  unitName: z.string().nullable(),
  entity: z.string(),
  entityId: z.string(),
  /**
   * The record's name (a project's, a user's…), as it is now or, for a record since deleted, as the trail last saw
   * it; for a record without a name of its own (funds, a comment), the name of the project or enterprise it belongs to.
   */
  entityName: z.string().nullable().optional(),
  action: z.string(),
  before: z.unknown().nullable(),
  after: z.unknown().nullable(),
});
export type TAuditEntry = z.infer<typeof ZAuditEntry>;
export const ZAuditPage = ZPage(ZAuditEntry);
export const ZAuditListQuery = ZListQuery.extend({
  entity: z.string().max(40).optional(),
  entityId: z.string().max(40).optional(),
  actorUserId: ZId.optional(),
});
