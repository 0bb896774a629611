import { describe, expect, it } from 'vitest';
import { countsAsFortuneGlobal500, tierHistory, tierLabel } from './enterprise-tiers.ts';
import { parentChain, sourceRegionCode, ultimateParent, wouldMakeCycle } from './enterprise-groups.ts';
import { maskPhone } from './contact-phones.ts';

describe('tier entries', () => {
  it('are written as people write them, in both languages', () => {
    expect(tierLabel({ list: 'fortune_global_500', year: 2024, rank: 12, batch: null }, 'zh')).toBe('2024 世界500强 第12位');
    expect(tierLabel({ list: 'fortune_global_500', year: 2024, rank: 12, batch: null }, 'en')).toBe('2024 Fortune Global 500 #12');
    expect(tierLabel({ list: 'little_giant', year: 2023, rank: null, batch: '第五批' }, 'zh')).toBe('2023 专精特新"小巨人" 第五批');
  });

  it('read as a history, newest year first', () => {
    const history = tierHistory([
      { list: 'high_tech', year: 2022, rank: null, batch: null },
      { list: 'little_giant', year: 2024, rank: null, batch: null },
      { list: 'fortune_global_500', year: 2024, rank: 3, batch: null },
    ]);
    expect(history.map((e) => `${e.year} ${e.list}`)).toEqual(['2024 fortune_global_500', '2024 little_giant', '2022 high_tech']);
  });

  it('count for the 世界500强 bonus on the latest list on record or the one before, not older', () => {
    expect(countsAsFortuneGlobal500([2025], 2025)).toBe(true);
    expect(countsAsFortuneGlobal500([2024], 2025)).toBe(true);
    expect(countsAsFortuneGlobal500([2020, 2023], 2025)).toBe(false);
    expect(countsAsFortuneGlobal500([], 2025)).toBe(false);
    expect(countsAsFortuneGlobal500([2025], null)).toBe(false);
  });
});

describe('the group tree', () => {
  // 1 ← 2 ← 3 (3's parent is 2, whose parent is 1); 4 stands alone.
  const parents = new Map<number, number | null>([
    [1, null],
    [2, 1],
    [3, 2],
    [4, null],
  ]);

  it('climbs to the ultimate parent', () => {
    expect(parentChain(3, parents)).toEqual([3, 2, 1]);
    expect(ultimateParent(3, parents)).toBe(1);
    expect(ultimateParent(4, parents)).toBe(4);
  });

  it('refuses a parent that would close a loop', () => {
    expect(wouldMakeCycle(1, 3, parents)).toBe(true);
    expect(wouldMakeCycle(2, 2, parents)).toBe(true);
    expect(wouldMakeCycle(4, 3, parents)).toBe(false);
  });

  it('stops on a loop already in the data', () => {
    expect(parentChain(5, new Map([[5, 6], [6, 5]]))).toEqual([5, 6]);
  });

  it('takes the source region from the ultimate parent, or the nearest HQ known below it', () => {
    const hq = new Map<number, string | null>([
      [1, '440300'],
      [2, '310115'],
      [3, '420600'],
    ]);
    expect(sourceRegionCode(3, parents, hq)).toBe('440300');
    expect(sourceRegionCode(3, parents, new Map([[1, null], [2, '310115'], [3, '420600']]))).toBe('310115');
    expect(sourceRegionCode(4, parents, hq)).toBeNull();
  });
});

describe('contact phones', () => {
  it('show only their ends', () => {
    expect(maskPhone('13812345678')).toBe('138****5678');
    expect(maskPhone('0710 3456789')).toBe('071****6789');
    expect(maskPhone('12345')).toBe('***45');
    expect(maskPhone(null)).toBeNull();
  });
});
