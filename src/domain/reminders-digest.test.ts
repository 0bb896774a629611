import { describe, expect, it } from 'vitest';
import { maskPhone } from './contact-phones.ts';
import { reminderDigest, type DigestLine } from './reminders.ts';

/**
 * The robot's digest written out in full, and a phone as lists mask it: written for the survivors of the full
 * mutation run (issue 20, docs/testing.md "Mutation testing") — the sort of each group, a heading only where its
 * group has lines, the phone's length bounds.
 */
const line = (projectName: string, level: DigestLine['level'], daysLeft: number, dueOn: string): DigestLine => ({ projectName, ruleName: '签约后开工', level, daysLeft, dueOn });

describe('the day’s reminder digest', () => {
  it('lists each group sorted by days left, under its heading', () => {
    const digest = reminderDigest('襄州区', '2026-03-02', [
      line('乙项目', 'dueSoon', 9, '2026-03-11'),
      line('甲项目', 'overdue', -2, '2026-02-28'),
      line('丙项目', 'dueSoon', 3, '2026-03-05'),
      line('丁项目', 'overdue', -30, '2026-01-31'),
    ]);
    expect(digest.title).toBe('【招商项目督办】襄州区 2026-03-02');
    expect(digest.text).toBe([
      '### 【招商项目督办】襄州区 2026-03-02',
      '逾期 **2** 项，即将到期 **2** 项。',
      '**逾期**',
      '- <font color="warning">丁项目</font>：签约后开工，应于2026-01-31完成，已逾期30天',
      '- <font color="warning">甲项目</font>：签约后开工，应于2026-02-28完成，已逾期2天',
      '**即将到期**',
      '- 丙项目：签约后开工，应于2026-03-05前完成，剩余3天',
      '- 乙项目：签约后开工，应于2026-03-11前完成，剩余9天',
    ].join('\n'));
  });

  it('writes no heading for a group without lines', () => {
    expect(reminderDigest('宜城市', '2026-03-02', [line('乙项目', 'dueSoon', 9, '2026-03-11')]).text).toBe(
      '### 【招商项目督办】宜城市 2026-03-02\n逾期 **0** 项，即将到期 **1** 项。\n**即将到期**\n- 乙项目：签约后开工，应于2026-03-11前完成，剩余9天',
    );
    expect(reminderDigest('宜城市', '2026-03-02', [line('甲项目', 'overdue', -1, '2026-03-01')]).text).toBe(
      '### 【招商项目督办】宜城市 2026-03-02\n逾期 **1** 项，即将到期 **0** 项。\n**逾期**\n- <font color="warning">甲项目</font>：签约后开工，应于2026-03-01完成，已逾期1天',
    );
  });
});

describe('a contact’s phone in lists', () => {
  it('keeps the first three and last four of eight characters or more, the last two of shorter ones, nothing of two', () => {
    expect(maskPhone('138 0013  8000')).toBe('138****8000');
    expect(maskPhone('12345678')).toBe('123****5678');
    expect(maskPhone('1234567')).toBe('*****67');
    expect(maskPhone('123')).toBe('*23');
    expect(maskPhone('12')).toBe('**');
    expect(maskPhone(' ')).toBe('');
    expect(maskPhone(null)).toBeNull();
  });
});
