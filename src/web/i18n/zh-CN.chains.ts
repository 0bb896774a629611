/**
 * The Chinese words of the industrial chains screens (产业链, issue 14). Spread into zh-CN.ts; en.chains.ts must have
 * the same keys.
 */
export const zhCNChains = {
  'nav.chains': '产业链',
  'chain.title': '产业链招商图谱',
  'chain.none': '还没有产业链。招商局可从模板复制。',
  'chain.links': '{count} 个环节',
  'chain.leader': '链长:{name}',
  'chain.segment.upstream': '上游',
  'chain.segment.midstream': '中游',
  'chain.segment.downstream': '下游',
  'chain.status.strong': '强',
  'chain.status.weak': '弱',
  'chain.status.gap': '缺',
  'chain.figures': '本地企业 {local} · 目标企业 {target} · 线索 {leads} · 签约 {signed} · 开工 {started}',
  'chain.legend': '强:本地企业多或有龙头且有开工项目;弱:有但不足;缺:无本地企业且无开工项目',
  'chain.enterprises': '企业',
  'chain.leads': '线索',
  'chain.projects': '项目',
  'chain.local': '本地',
  'chain.target': '目标',
  'chain.leading': '龙头',
  'chain.signed': '已签约',
  'chain.started': '已开工',
  'chain.empty': '无',
};
