/**
 * Deadline rules' names on an English screen (issue 16). A rule's name is data the bureau types; the three rules the
 * app starts with (26211, migration 0002) have English names, shown while the rule still carries its default Chinese
 * name. A name the bureau typed or changed is shown as typed, in either language. Pure.
 */
export const DEFAULT_RULE_NAMES: Readonly<Record<string, { zh: string; en: string }>> = {
  signedToRegistered: { zh: '签约后2个月内完成注册', en: 'Registered within 2 months of signing' },
  signedToStarted: { zh: '签约后6个月内开工建设', en: 'Construction started within 6 months of signing' },
  startedToInStats: { zh: '开工后2个月内统计入库', en: 'In the statistics within 2 months of starting' },
};

export function deadlineRuleName(key: string, name: string, locale: 'zh-CN' | 'en'): string {
  const standard = DEFAULT_RULE_NAMES[key];
  return locale === 'en' && standard && standard.zh === name ? standard.en : name;
}
