import { describe, expect, it } from 'vitest';
import { RULES_26211 } from './deadlines.ts';
import { dingtalkPayload, reminderDigest, remindersFor, wecomPayload } from './reminders.ts';

describe('reminders', () => {
  it('are owed for each open deadline that is due soon or overdue, not for those on track', () => {
    expect(remindersFor('signed', { signed: '2023-08-31' }, RULES_26211, '2023-10-20')).toEqual([
      { ruleKey: 'signedToRegistered', dueOn: '2023-10-31', level: 'dueSoon', daysLeft: 11 },
    ]);
    expect(remindersFor('signed', { signed: '2023-08-31' }, RULES_26211, '2024-02-10')).toEqual([
      { ruleKey: 'signedToRegistered', dueOn: '2023-10-31', level: 'overdue', daysLeft: -102 },
      { ruleKey: 'signedToStarted', dueOn: '2024-02-29', level: 'dueSoon', daysLeft: 19 },
    ]);
    expect(remindersFor('signed', { signed: '2023-08-31' }, RULES_26211, '2023-09-01')).toEqual([]);
    expect(remindersFor('terminated', { signed: '2023-08-31' }, RULES_26211, '2024-02-10')).toEqual([]);
  });

  it('digest overdue projects first, most overdue first, in the WeCom and DingTalk markdown shapes', () => {
    const digest = reminderDigest('襄城区', '2024-02-10', [
      { projectName: '储能电池项目', ruleName: '签约后6个月内开工建设', dueOn: '2024-02-29', level: 'dueSoon', daysLeft: 19 },
      { projectName: '正极材料项目', ruleName: '签约后2个月内完成注册', dueOn: '2023-10-31', level: 'overdue', daysLeft: -102 },
      { projectName: '隔膜项目', ruleName: '签约后2个月内完成注册', dueOn: '2024-01-31', level: 'overdue', daysLeft: -10 },
    ]);
    expect(digest.title).toBe('【招商项目督办】襄城区 2024-02-10');
    const lines = digest.text.split('\n');
    expect(lines[1]).toBe('逾期 **2** 项，即将到期 **1** 项。');
    expect(lines.findIndex((l) => l.includes('正极材料项目'))).toBeLessThan(lines.findIndex((l) => l.includes('隔膜项目')));
    expect(lines.findIndex((l) => l.includes('隔膜项目'))).toBeLessThan(lines.findIndex((l) => l.includes('储能电池项目')));
    expect(digest.text).toContain('已逾期102天');
    expect(wecomPayload(digest)).toEqual({ msgtype: 'markdown', markdown: { content: digest.text } });
    expect(dingtalkPayload(digest)).toEqual({ msgtype: 'markdown', markdown: { title: digest.title, text: digest.text } });
  });
});
