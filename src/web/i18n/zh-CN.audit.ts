/** The audit page (issue 16); the names of entities and actions come with the trail (src/shared/audit.ts). */
export const zhCNAudit = {
  'audit.entityName': '名称',
};
