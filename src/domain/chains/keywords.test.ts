import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { bigramsOf, countOccurrences, linkTerms, matchTerms, scopeForm, termRarity, termSaturation, termTsquery, nameForm } from './keywords.ts';

describe('keyword matching', () => {
  it('counts a term in the scope without overlaps, and finds it in names as search does', () => {
    expect(countOccurrences('锂电池锂电池、锂电', '锂电池')).toBe(2);
    expect(countOccurrences('aaaa', 'aa')).toBe(2);
    expect(matchTerms(['正极材料', '锂电池', 'PCB', '隔膜'], { businessScope: '磷酸铁锂正极材料、ＰＣＢ板', names: ['某某锂电池(宁德)有限公司'] })).toEqual([
      { term: '正极材料', inScope: 1, inName: false },
      { term: '锂电池', inScope: 0, inName: true },
      { term: 'PCB', inScope: 1, inName: false },
    ]);
  });

  it("takes a link's keywords then products, each once", () => {
    expect(linkTerms({ keywords: ['锂电池', ' 正极材料 ', 'PCB'], products: ['锂电池', 'pcb', '磷酸铁锂'] })).toEqual(['锂电池', '正极材料', 'PCB', '磷酸铁锂']);
  });

  it('rarity and saturation', () => {
    expect(termRarity(1)).toBe(1);
    expect(termRarity(10)).toBe(0.5);
    expect(termRarity(1000)).toBe(0.25);
    expect(termRarity(50_000)).toBe(0.25);
    expect(termSaturation(1, 1.2)).toBe(1);
    expect(termSaturation(2, 1.2)).toBeCloseTo(1.375, 10);
    expect(termSaturation(5, 0)).toBe(1);
    expect(termSaturation(0, 1.2)).toBe(0);
  });

  it('asks the index for the AND of the pairs; a single character cannot narrow', () => {
    expect(termTsquery('正极材料', scopeForm)).toBe("'正极' & '极材' & '材料'");
    expect(termTsquery('钢', scopeForm)).toBeNull();
    expect(termTsquery("a'b", scopeForm)).toBeNull();
  });

  // What makes the index safe: whatever the scope, a term found in it has all its pairs among the scope's pairs (in the
  // form the SQL computes them), and a term found in a name has all its pairs among the name's search bigrams.
  it('a term the domain finds always has its pairs in the indexed text', () => {
    const piece = fc.constantFrom('锂', '电', '池', '正极', '材料', 'Ａ', 'a', 'B', '、', ' ', '(', '𝟘');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 12 }).map((p) => p.join('')), fc.array(piece, { minLength: 1, maxLength: 4 }).map((p) => p.join('')), (text, term) => {
        const [hit] = matchTerms([term], { businessScope: text, names: [text] });
        if (hit?.inScope) expect(new Set(bigramsOf(scopeForm(text)))).toEqual(new Set([...bigramsOf(scopeForm(text)), ...bigramsOf(scopeForm(term))]));
        if (hit?.inName) expect(new Set(bigramsOf(nameForm(text)))).toEqual(new Set([...bigramsOf(nameForm(text)), ...bigramsOf(nameForm(term))]));
      }),
    );
  });
});
