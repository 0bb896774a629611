/**
 * The Chinese words of merging duplicate enterprises (issue 13). Spread into zh-CN.ts; en.enterpriseMerge.ts must
 * have the same keys.
 */
export const zhCNEnterpriseMerge = {
  'enterpriseMerge.title': '合并重复企业',
  'enterpriseMerge.hint': '选择同一企业的另一条记录:其项目、线索、走访、联系人、下属企业、其他名称和榜单记录将移到本企业,其名称作为本企业的曾用名;本企业的信息保持不变。',
  'enterpriseMerge.choose': '被合并的企业',
  'enterpriseMerge.willMove': '将移动:',
  'enterpriseMerge.kind.projects': '项目',
  'enterpriseMerge.kind.leads': '线索',
  'enterpriseMerge.kind.visits': '走访',
  'enterpriseMerge.kind.contacts': '联系人',
  'enterpriseMerge.kind.subsidiaries': '下属企业',
  'enterpriseMerge.kind.names': '其他名称',
  'enterpriseMerge.kind.tiers': '榜单记录',
  'enterpriseMerge.kind.chainPlacements': '产业链环节归属',
  'enterpriseMerge.kind.chainRejections': '不适合标记',
  'enterpriseMerge.tiersKept': '{count}条同榜单同年份的记录保留在被合并企业上',
  'enterpriseMerge.closedMonths': '涉及已关账月份 {months}:合并属于更正,请填写原因',
  'enterpriseMerge.reason': '原因',
  'enterpriseMerge.confirm': '合并',
  'enterpriseMerge.confirmTitle': '确定将“{name}”合并到本企业?可以撤销。',
  'enterpriseMerge.done': '已合并',
  'enterpriseMerge.mergedInto': '已并入',
  'enterpriseMerge.mergedIntoBy': '{at} 由 {by} 合并;此记录只读,新的线索、拜访、项目请记在它所并入的企业上',
  'enterpriseMerge.someone': '(未记录)',
  'enterpriseMerge.history': '合并记录',
  'enterpriseMerge.entry': '“{merged}”合并到“{survivor}”',
  'enterpriseMerge.undone': '已撤销',
  'enterpriseMerge.undo': '撤销合并',
  'enterpriseMerge.undoTitle': '撤销这次合并?移动的记录将回到“{name}”。',
  'enterpriseMerge.undoDone': '已撤销合并',
};
