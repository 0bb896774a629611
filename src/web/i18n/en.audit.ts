import type { zhCNAudit } from './zh-CN.audit.ts';

export const enAudit: Record<keyof typeof zhCNAudit, string> = {
  'audit.entityName': 'Name',
};
