import { describe, expect, it } from 'vitest';
import { englishFullName, withEnglishName } from './region-english.ts';
import { findRegion, listRegions } from './regions.service.ts';

describe('GB/T 2260 divisions in English (issue 16)', () => {
  it('names a division smallest first, each part in English', () => {
    expect(englishFullName('420602')).toBe('Xiangcheng District, Xiangyang, Hubei');
    expect(englishFullName('440300')).toBe('Shenzhen, Guangdong');
    expect(englishFullName('110000')).toBe('Beijing');
    expect(englishFullName('999999')).toBeNull();
  });

  it('every region the picker lists carries its English name, in Latin letters', () => {
    for (const region of [...listRegions({}), ...listRegions({ q: '襄阳' })].map(withEnglishName)) {
      expect(region.fullNameEn, region.code).not.toMatch(/\p{Script=Han}/u);
    }
    expect(withEnglishName(findRegion('420600')!)).toMatchObject({ fullName: '湖北省襄阳市', fullNameEn: 'Xiangyang, Hubei' });
  });
});
