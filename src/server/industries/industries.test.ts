import { describe, expect, it } from 'vitest';
import { findIndustry, listIndustries } from './industries.service.ts';
import { ZIndustry } from '../../shared/industries.ts';

describe('GB/T 4754 industries carry their English names (issue 16)', () => {
  it('every section the tree opens on has an English name, and a class its Chinese with its division’s English', () => {
    const sections = listIndustries({});
    expect(sections).toHaveLength(20);
    for (const section of sections) {
      expect(ZIndustry.parse(section).nameEn).toMatch(/^[A-Z][A-Za-z ,'-]+$/);
    }
    expect(findIndustry('C')?.nameEn).toBe('Manufacturing');
    expect(listIndustries({ parentCode: 'C' }).find((i) => i.code === '38')?.nameEn).toBe('Manufacture of electrical machinery and apparatus');
    expect(findIndustry('3841')).toMatchObject({ name: '锂离子电池制造', nameEn: '锂离子电池制造 (Manufacture of electrical machinery and apparatus)' });
  });
});
