import { describe, expect, it } from 'vitest';
import { translate } from './i18n.tsx';
import { en } from './en.ts';
import { zhCN } from './zh-CN.ts';

describe('translations', () => {
  it('fill placeholders, and write English plurals by the count', () => {
    expect(translate('en', 'trip.dayCount', { count: 1 })).toBe('1 day');
    expect(translate('en', 'trip.dayCount', { count: 3 })).toBe('3 days');
    expect(translate('en', 'lead.total', { total: 0 })).toBe('0 leads');
    expect(translate('zh-CN', 'lead.total', { total: 1 })).not.toMatch(/[{}]/);
    expect(translate('en', 'trip.dayCount')).toBe('{count} day{s:count}');
  });

  it('have every key in both languages, and plural marks only in English', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(zhCN).sort());
    expect(Object.entries(zhCN).filter(([, text]) => text.includes('{s:'))).toEqual([]);
  });
});
