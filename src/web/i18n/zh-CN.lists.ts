/**
 * The Chinese words of the tables a clerk uses all day (issue 16): column settings, total rows, 督办 by unit and 催办,
 * the phone cards. Spread into zh-CN.ts; en.lists.ts must have the same keys.
 */
export const zhCNLists = {
  'columns.settings': '列设置',
  'columns.settingsHint': '选择显示的列（关键列始终显示），按用户记在本浏览器',
  'columns.reset': '恢复默认',
  'columns.always': '（始终显示）',
  'table.pageSum': '本页 {count} 项合计',
  'table.pageSumHint': '仅为本页所列各行之和，不是全部筛选结果的合计',
  'supervision.groupByUnit': '按单位分组',
  'supervision.unitCounts': '各单位督办事项（全部筛选结果）',
  'supervision.unitCount': '{unit}：{total} 项，逾期 {overdue} 项',
  'supervision.unitGroup': '{unit}　共 {total} 项，其中逾期 {overdue} 项',
  'supervision.unitGroupContinued': '（本页显示 {shown} 项）',
  'supervision.remind': '催办',
  'supervision.remindedToday': '今日已催办',
  'supervision.reminded': '已催办：{project}，已通知{recipients}',
  'supervision.recipientsUnitOnly': '本单位（未指定责任人）',
  'supervision.recipientsBoth': '本单位和责任人',
  'supervision.officerMissing': '未指定责任人',
  'supervision.officerMissingHint': '提醒只发给单位，没有人专门负责；请在项目中指定责任人',
  'supervision.officerMissingCount': '本页有 {count} 个督办事项未指定责任人，提醒只发到单位。',
  'card.dueDate': '到期日',
  'card.investment': '总投资',
  'card.responsible': '责任人',
  'supervision.ruleDetail': '{rule}：{detail}',
} satisfies Record<string, string>;
