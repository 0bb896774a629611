import { describe, expect, it } from 'vitest';
import { completionMicro, microPercentText, rankByCompletion } from './cockpit-heroes.ts';

const unit = (unitId: number, figures: { key: string; value: number; target: number | null }[]) => ({ unitId, unitName: `U${unitId}`, figures });

describe('the units ranked by their hero completion', () => {
  it('takes the mean of value ÷ target over the heroes with a target, exactly, half up', () => {
    // 1/3 = 33.333…% and 2/3 = 66.666…%: mean 50.00, never 49.99 through rounding the parts first.
    const [a] = rankByCompletion([unit(1, [{ key: 'a', value: 1, target: 3 }, { key: 'b', value: 2, target: 3 }, { key: 'c', value: 5, target: null }])]);
    expect(a).toMatchObject({ completion: '50.00', rank: 1, targetsCounted: 2 });
    expect(microPercentText(completionMicro(1, 8)!)).toBe('12.50');
    // Amounts in 元 and counts with split credit (12.5 projects) alike.
    expect(microPercentText(completionMicro(12.5, 20)!)).toBe('62.50');
    expect(microPercentText(completionMicro(245_000_000_00, 490_000_000_00)!)).toBe('50.00');
  });

  it('ranks highest first, ties share a rank, and a unit without any target comes last, unranked', () => {
    const ranked = rankByCompletion([
      unit(1, [{ key: 'a', value: 1, target: 4 }]),
      unit(2, [{ key: 'a', value: 0, target: null }]),
      unit(3, [{ key: 'a', value: 3, target: 4 }]),
      unit(4, [{ key: 'a', value: 2, target: 8 }]),
      unit(5, [{ key: 'a', value: 9, target: 4 }]),
    ]);
    expect(ranked.map((r) => [r.unitId, r.rank, r.completion])).toEqual([
      [5, 1, '225.00'],
      [3, 2, '75.00'],
      [1, 3, '25.00'],
      [4, 3, '25.00'],
      [2, null, null],
    ]);
  });

  it('a zero or missing target is no target: no division by zero, no 0% that reads as last place', () => {
    expect(completionMicro(5, 0)).toBeNull();
    expect(rankByCompletion([unit(1, [{ key: 'a', value: 5, target: 0 }])])[0]).toMatchObject({ rank: null, completion: null });
  });
});
