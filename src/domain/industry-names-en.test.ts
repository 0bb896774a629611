import { describe, expect, it } from 'vitest';
import file from '../../data/industry-codes-gbt4754-2017.json';
import { englishIndustryName, INDUSTRY_NAMES_EN } from './industry-names-en.ts';

const rows = (file as { rows: { level: number; code: string; name: string }[] }).rows;

describe('industries in English (issue 16)', () => {
  it('names every section and division of GB/T 4754-2017 in English, and nothing else', () => {
    const upper = rows.filter((r) => r.level <= 2).map((r) => r.code);
    expect(upper).toHaveLength(20 + 97);
    expect(upper.filter((code) => !INDUSTRY_NAMES_EN[code])).toEqual([]);
    expect(Object.keys(INDUSTRY_NAMES_EN).filter((code) => !upper.includes(code))).toEqual([]);
    for (const name of Object.values(INDUSTRY_NAMES_EN)) expect(name).toMatch(/^[A-Z][A-Za-z ,'-]+$/);
  });

  it('a group or class keeps its Chinese name with its division’s English beside it', () => {
    expect(englishIndustryName('C', '制造业')).toBe('Manufacturing');
    expect(englishIndustryName('38', '电气机械和器材制造业')).toBe('Manufacture of electrical machinery and apparatus');
    expect(englishIndustryName('3841', '锂离子电池制造')).toBe('锂离子电池制造 (Manufacture of electrical machinery and apparatus)');
    expect(englishIndustryName('384', '电池制造')).toBe('电池制造 (Manufacture of electrical machinery and apparatus)');
    expect(englishIndustryName('9999', '未知')).toBe('未知');
  });
});
