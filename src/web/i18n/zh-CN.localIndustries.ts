/**
 * The Chinese words of the city's own industry list (本市产业, issue 12): its admin page, the project field and the
 * import preview's words not yet listed. Spread into zh-CN.ts; en.localIndustries.ts must have the same keys.
 */
export const zhCNLocalIndustries = {
  'nav.localIndustries': '本市产业',
  'localIndustry.field': '本市产业',
  'localIndustry.fieldHint': '本市自己的产业说法（如 智能制造、双碳科技），从清单中选择，也可填写清单外的词',
  'localIndustry.name': '名称',
  'localIndustry.namePlaceholder': '如：智能制造',
  'localIndustry.industryCode': '对应国民经济行业（GB/T 4754）',
  'localIndustry.industryCodeHint': '导入时该词对应的行业代码；不确定可不填',
  'localIndustry.synonyms': '别称',
  'localIndustry.synonymsHint': '台账中的其他写法，输入后回车',
  'localIndustry.active': '启用',
  'localIndustry.inactive': '停用',
  'localIndustry.create': '新增产业',
  'localIndustry.edit': '修改',
  'localIndustry.created': '已添加“{name}”',
  'localIndustry.saved': '已保存“{name}”',
  'localIndustry.count': '共 {count} 个',
  'localIndustry.none': '还没有本市产业',
  'localIndustry.hint':
    '本市的主导产业等本地说法。台账“所属行业”写的是清单中的名称或别称时，记为项目的本市产业，并按这里的对应关系记入国民经济行业代码，不再提示；清单外的词照原样记为本市产业，并在导入预览中汇总。由市招商局维护，各单位可见。',
  'localIndustry.unknownTitle': '以下产业词不在本市产业清单中：已照原样记为本市产业，未对应国民经济行业代码',
  'localIndustry.unknownRows': '“{word}”（{rows} 行）',
  'localIndustry.addToList': '加入清单',
  'localIndustry.added': '已将“{name}”加入本市产业清单，请重新检查台账',
};
