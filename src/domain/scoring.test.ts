import { describe, expect, it } from 'vitest';
import { pointsText, scoreUnits, type Indicator, type UnitFigures } from './scoring.ts';

const unit = (unitId: number, values: Record<string, number>, targets: Record<string, number> = {}, adjustments: UnitFigures['adjustments'] = []): UnitFigures => ({
  unitId,
  unitName: `县${unitId}`,
  values,
  targets,
  adjustments,
});

describe('assessment scoring', () => {
  it('scores completion × weight, capped or not, and shows the computation', () => {
    const indicators: Indicator[] = [
      { key: 'signed', name: '新签约项目资金额', weight: 20, method: 'ratio' },
      { key: 'started', name: '新开工项目投资额', weight: 30, method: 'ratioCapped' },
    ];
    const [a] = scoreUnits(indicators, [unit(1, { signed: 21_922, started: 150 }, { signed: 58_900, started: 100 })]);
    expect(a!.lines).toEqual([
      { label: '新签约项目资金额', labelEn: '新签约项目资金额', points: '7.44', explanation: '完成率 37.22% × 20.00分 = 7.44分', explanationEn: 'completion 37.22% × 20.00 points = 7.44 points' },
      {
        label: '新开工项目投资额',
        labelEn: '新开工项目投资额',
        points: '30.00',
        explanation: '完成率 150.00% × 30.00分（封顶） = 30.00分',
        explanationEn: 'completion 150.00% × 30.00 points (capped) = 30.00 points',
      },
    ]);
    expect(a!.total).toBe('37.44');
    const [uncapped] = scoreUnits([{ key: 'started', name: '开工', weight: 30, method: 'ratio' }], [unit(1, { started: 150 }, { started: 100 })]);
    expect(uncapped!.total).toBe('45.00');
    const [noTarget] = scoreUnits(indicators.slice(0, 1), [unit(1, { signed: 5 })]);
    expect(noTarget!.lines[0]).toMatchObject({ label: '新签约项目资金额', points: '0.00', explanation: '无目标任务，不计分', explanationEn: 'No target set: no points' });
  });

  it('功效系数法: 60 + 40 × (x − min) ÷ (max − min), with ties and max = min', () => {
    const efficacy: Indicator[] = [{ key: 'trips', name: '外出招商', weight: 10, method: 'efficacy' }];
    const scores = scoreUnits(efficacy, [unit(1, { trips: 10 }), unit(2, { trips: 4 }), unit(3, { trips: 4 }), unit(4, { trips: 7 })]);
    expect(scores.map((s) => [s.unitId, s.total, s.rank])).toEqual([
      [1, '10.00', 1],
      [4, '8.00', 2],
      [2, '6.00', 3],
      [3, '6.00', 3],
    ]);
    expect(scores[1]!.lines[0]!.explanation).toBe('功效系数法：60 + 40 × (7 − 4) ÷ (10 − 4)，× 10.00% = 8.00分');
    const written = scoreUnits([{ ...efficacy[0]!, format: (v) => `${v}次` }], [unit(1, { trips: 10 }), unit(2, { trips: 4 })]);
    expect(written[1]!.lines[0]!.explanation).toBe('功效系数法：60 + 40 × (4次 − 4次) ÷ (10次 − 4次)，× 10.00% = 6.00分');
    const inEnglish = scoreUnits([{ ...efficacy[0]!, nameEn: 'Trips', format: (v) => `${v}次`, formatEn: (v) => `${v} trips` }], [unit(1, { trips: 10 }), unit(2, { trips: 4 })]);
    expect(inEnglish[1]!.lines[0]).toMatchObject({ labelEn: 'Trips', explanationEn: 'efficacy coefficient: 60 + 40 × (4 trips − 4 trips) ÷ (10 trips − 4 trips), × 10.00% = 6.00 points' });
    const same = scoreUnits(efficacy, [unit(1, { trips: 5 }), unit(2, { trips: 5 })]);
    expect(same.map((s) => s.total)).toEqual(['10.00', '10.00']);
    expect(scoreUnits(efficacy, [unit(1, { trips: 0 }), unit(2, { trips: 0 })]).map((s) => s.total)).toEqual(['6.00', '6.00']);
  });

  it('scores counts with shares of projects (credit split with the 首报单位) exactly', () => {
    const [half] = scoreUnits([{ key: 'signed', name: '签约', weight: 20, method: 'ratio' }], [unit(1, { signed: 1.5 }, { signed: 3 })]);
    expect(half!.lines[0]!.explanation).toBe('完成率 50.00% × 20.00分 = 10.00分');
    const efficacy = scoreUnits([{ key: 'signed', name: '签约', weight: 10, method: 'efficacy' }], [unit(1, { signed: 2.5 }), unit(2, { signed: 0.5 }), unit(3, { signed: 1.3 })]);
    expect(efficacy.map((s) => s.total)).toEqual(['10.00', '7.60', '6.00']);
  });

  it('deducts and adds per item, exactly (no 0.1 + 0.2 drift)', () => {
    const [s] = scoreUnits([], [unit(1, {}, {}, [
      { label: '项目未按期开工', pointsEach: -0.1, count: 3 },
      { label: '世界500强投资', pointsEach: 0.2, count: 1 },
    ])]);
    expect(s!.total).toBe('-0.10');
    expect(s!.lines.map((l) => [l.label, l.points, l.explanation])).toEqual([
      ['项目未按期开工', '-0.30', '3 × -0.10分'],
      ['世界500强投资', '0.20', '1 × 0.20分'],
    ]);
    expect(() => scoreUnits([{ key: 'x', name: 'x', weight: 0.125, method: 'ratio' }], [unit(1, {})])).toThrow(/two decimals/);
  });

  it('flags the bottom three, every unit tied at the boundary included', () => {
    const one: Indicator[] = [{ key: 'v', name: '指标', weight: 100, method: 'ratio' }];
    const figures = [90, 80, 80, 70, 60, 95].map((v, i) => unit(i + 1, { v }, { v: 100 }));
    const scores = scoreUnits(one, figures);
    expect(scores.map((s) => [s.total, s.rank, s.flagged])).toEqual([
      ['95.00', 1, false],
      ['90.00', 2, false],
      ['80.00', 3, true],
      ['80.00', 3, true],
      ['70.00', 5, true],
      ['60.00', 6, true],
    ]);
    expect(scoreUnits(one, figures, 2).filter((s) => s.flagged).map((s) => s.total)).toEqual(['70.00', '60.00']);
  });

  it('rounds points half up for display only', () => {
    expect(pointsText(7_444_999n)).toBe('7.44');
    expect(pointsText(7_445_000n)).toBe('7.45');
    expect(pointsText(-4_999n)).toBe('0.00');
  });
});
