/**
 * The Chinese words of fixing a refused row in the import preview (issue 16) and the cockpit's industry levels.
 * Spread into zh-CN.ts; en.importFixes.ts has the same keys.
 */
export const zhCNImportFixes = {
  'importFix.open': '修改',
  'importFix.openFor': '修改第{row}行',
  'importFix.title': '修改第{row}行被拒绝的单元格',
  'importFix.hint': '按表格原样填写（日期如 2025-03-01，金额按该列的单位）。修改只用于本次导入，上传的文件不变；重新检查后再提交。',
  'importFix.recheck': '重新检查',
  'importFix.done': '已重新检查：被拒绝 {refused} 行',
  'importFix.corrections': '已在预览中修改 {count} 处单元格',
  'importFix.clear': '撤销全部修改',
  'cockpit.industryLevel': '行业层级',
  'cockpit.industryLevel.section': '门类',
  'cockpit.industryLevel.division': '大类',
  'cockpit.industryLevel.group': '中类',
} satisfies Record<string, string>;
