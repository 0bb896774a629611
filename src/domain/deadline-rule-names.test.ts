import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { deadlineRuleName, DEFAULT_RULE_NAMES } from './deadline-rule-names.ts';
import { RULES_26211 } from './deadlines.ts';

describe('deadline rules’ names in English (issue 16)', () => {
  it('the three default rules are named in English while they keep their default Chinese names', () => {
    expect(Object.keys(DEFAULT_RULE_NAMES).sort()).toEqual(RULES_26211.map((r) => r.key).sort());
    expect(deadlineRuleName('signedToRegistered', '签约后2个月内完成注册', 'en')).toBe('Registered within 2 months of signing');
    expect(deadlineRuleName('signedToRegistered', '签约后2个月内完成注册', 'zh-CN')).toBe('签约后2个月内完成注册');
  });

  it('a name the bureau typed or changed is shown as typed', () => {
    expect(deadlineRuleName('signedToRegistered', '签约后60天内注册', 'en')).toBe('签约后60天内注册');
    expect(deadlineRuleName('localRule', '供地后3个月内开工', 'en')).toBe('供地后3个月内开工');
  });

  it('holds the names migration 0002 gives the rules', () => {
    const sql = readFileSync(new URL('../server/db/migrations/0002_lifecycle.sql', import.meta.url), 'utf8');
    for (const [key, { zh }] of Object.entries(DEFAULT_RULE_NAMES)) expect(sql).toContain(`('${key}', '${zh}'`);
  });
});
