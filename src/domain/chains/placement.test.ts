import { describe, expect, it } from 'vitest';
import { codeMatch, suggestPlacements, type PlacementLink } from './placement.ts';
import { moveProblem, subtreeIds, treeOrder, ancestorIds, type TreeLink } from './link-tree.ts';

/** Sections of the codes these cases use (the caller reads them from the GB/T 4754 file). */
const SECTIONS: Record<string, string> = { '38': 'C', '384': 'C', '3841': 'C', '26': 'C', '2613': 'C', '3562': 'C', '36': 'C', '3670': 'C', '13': 'C' };
const sectionOf = (code: string) => SECTIONS[code.slice(0, 2)];

const battery = (id: number, name: string, codes: string[], keywords: string[], order: number): PlacementLink => ({
  id,
  chainId: 1,
  chainName: '动力及储能电池',
  name,
  industryCodes: codes,
  keywords,
  products: [],
  order,
});
const LINKS: PlacementLink[] = [
  battery(11, '正极材料', ['2613', '3985'], ['正极材料', '磷酸铁锂', '三元材料'], 1),
  battery(12, '电解液', ['2614'], ['电解液', '六氟磷酸锂'], 2),
  battery(13, '电芯', ['3841'], ['电芯', '锂离子电池'], 3),
  battery(14, '电池', ['384'], ['电池'], 0),
  battery(15, '电池回收', ['42'], ['回收', '梯次利用'], 5),
  { id: 21, chainId: 2, chainName: '新能源汽车', name: '整车', industryCodes: ['36'], keywords: ['整车', '新能源汽车'], products: [], order: 1 },
  { id: 22, chainId: 2, chainName: '新能源汽车', name: '汽车零部件', industryCodes: ['3670'], keywords: ['汽车零部件'], products: [], order: 2 },
];

describe('placement suggestions (golden cases)', () => {
  it('ranks an exact 4-digit match over the 3-digit parent and says why', () => {
    const found = suggestPlacements({ industryCodes: ['3841'], sectionOf, texts: ['襄阳锂离子电池项目'] }, LINKS);
    expect(found.map((s) => [s.linkId, s.score])).toEqual([
      [13, 50],
      [14, 40],
    ]);
    expect(found[0]!.reason.zh).toBe('行业代码 3841 完全匹配 +40；含“锂离子电池” +10');
    expect(found[1]!.reason.zh).toBe('行业代码 3841 属于 384 +30；含“电池” +10');
    expect(found[0]!.reason.en).toBe('industry code 3841 matches exactly +40; mentions "锂离子电池" +10');
  });

  it('finds a link by its words when the item has no code, and by the local industry word', () => {
    const found = suggestPlacements({ industryCodes: [], sectionOf, texts: ['年产5万吨磷酸铁锂正极材料项目'], localIndustry: '动力电池' }, LINKS);
    expect(found.map((s) => [s.linkId, s.score])).toEqual([[11, 20]]);
    const car = suggestPlacements({ industryCodes: ['36'], sectionOf, texts: ['某汽车零部件项目'], localIndustry: '新能源汽车' }, LINKS);
    expect(car.map((s) => [s.linkId, s.score])).toEqual([
      [21, 25],
      [22, 25],
    ]);
    // 21: "36 exact" (+20); 22: "36 covers 3670" (+10) and its word (+10); both codes 2 digits deep: a tie at 25, the chain's order decides.
    expect(car[1]!.reason.zh).toBe('行业代码 36 包含 3670 +10；含“汽车零部件” +10；本市产业“新能源汽车”属于新能源汽车 +5');
  });

  it('suggests nothing from a section alone, or from nothing', () => {
    const sectionLinks = [{ ...LINKS[0]!, industryCodes: ['C'], keywords: [], name: '制' }];
    expect(suggestPlacements({ industryCodes: ['1310'], sectionOf, texts: [] }, sectionLinks)).toEqual([]);
    expect(suggestPlacements({ industryCodes: [], sectionOf, texts: ['餐饮服务'] }, LINKS)).toEqual([]);
  });

  it('caps the words at 30 points and is deterministic in ties (chain, then order, then id)', () => {
    const many = [{ ...LINKS[0]!, keywords: ['正极', '材料', '磷酸', '铁锂', '三元'] }];
    const [only] = suggestPlacements({ industryCodes: [], sectionOf, texts: ['正极材料磷酸铁锂三元'] }, many);
    expect(only!.score).toBe(30);
    const twins = [battery(31, '甲', ['3841'], [], 2), battery(30, '乙', ['3841'], [], 2), battery(32, '丙', ['3841'], [], 1)];
    expect(suggestPlacements({ industryCodes: ['3841'], sectionOf, texts: [] }, twins).map((s) => s.linkId)).toEqual([32, 30, 31]);
    expect(suggestPlacements({ industryCodes: ['3841'], sectionOf, texts: [] }, [...twins].reverse()).map((s) => s.linkId)).toEqual([32, 30, 31]);
  });

  it('matches codes by the hierarchy', () => {
    expect(codeMatch('3841', '3841', sectionOf)?.points).toBe(40);
    expect(codeMatch('3841', '384', sectionOf)?.points).toBe(30);
    expect(codeMatch('3841', '38', sectionOf)?.points).toBe(20);
    expect(codeMatch('3841', 'C', sectionOf)?.points).toBe(5);
    expect(codeMatch('384', '3841', sectionOf)?.points).toBe(10);
    expect(codeMatch('3841', '3842', sectionOf)).toBeUndefined();
    expect(codeMatch('3841', 'D', sectionOf)).toBeUndefined();
    expect(codeMatch('C', '3841', sectionOf)).toBeUndefined();
  });
});

describe('link tree rules', () => {
  const link = (id: number, parentId: number | null, chainId = 1, segment: TreeLink['segment'] = 'upstream', position = 0, retired = false): TreeLink => ({
    id,
    chainId,
    parentId,
    segment,
    position,
    retired,
  });
  const tree = [link(1, null), link(2, 1), link(3, 2), link(4, null, 1, 'midstream'), link(5, null, 2), link(6, 1, 1, 'upstream', 0, false)];

  it('refuses a move under itself or its own sub-link, or into another chain', () => {
    expect(moveProblem(tree, 1, 3)).toBe('cycle');
    expect(moveProblem(tree, 2, 2)).toBe('cycle');
    expect(moveProblem(tree, 2, 5)).toBe('crossChain');
    expect(moveProblem(tree, 2, 999)).toBe('crossChain');
    expect(moveProblem(tree, 3, 4)).toBeUndefined();
    expect(moveProblem(tree, 3, null)).toBeUndefined();
    expect(moveProblem([...tree, link(7, null, 1, 'downstream', 0, true)], 3, 7)).toBe('retiredParent');
  });

  it('walks subtrees and ancestors', () => {
    expect(subtreeIds(tree, 1).sort()).toEqual([1, 2, 3, 6]);
    expect(ancestorIds(tree, 3)).toEqual([2, 1]);
  });

  it('reads the chain segment by segment, parents before sub-links, by position then id', () => {
    const links = [link(4, null, 1, 'midstream', 0), link(2, 1, 1, 'upstream', 1), link(6, 1, 1, 'upstream', 0), link(1, null), link(3, 2), link(8, null, 1, 'upstream', 1)];
    expect(treeOrder(links).map((l) => [l.id, l.depth])).toEqual([
      [1, 0],
      [6, 1],
      [2, 1],
      [3, 2],
      [8, 0],
      [4, 0],
    ]);
  });
});
