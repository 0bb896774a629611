import { describe, expect, it } from 'vitest';
import { parseAmount, parseLedgerDate, stageFromWord, yearFromTitle } from './ledger-values.ts';

const yuan = (raw: string | number, unit?: '元' | '万元' | '亿元') => {
  const r = parseAmount(raw, unit);
  return r.ok ? r.value : r.problem;
};

describe('ledger amounts', () => {
  it('reads every way ledgers write an amount, in the column’s unit unless the cell says otherwise', () => {
    expect(yuan(5000)).toBe(50_000_000);
    expect(yuan('5000')).toBe(50_000_000);
    expect(yuan('5,000.5')).toBe(50_005_000);
    expect(yuan('5亿')).toBe(500_000_000);
    expect(yuan('3.2亿元')).toBe(320_000_000);
    expect(yuan('5000万')).toBe(50_000_000);
    expect(yuan('383.8', '亿元')).toBe(38_380_000_000);
    expect(yuan('289.62', '亿元')).toBe(28_962_000_000);
    expect(yuan('１２３')).toBe(1_230_000); // full-width digits
    expect(yuan(' 1 200 ')).toBe(12_000_000);
    expect(yuan('1200元')).toBe(1200);
  });

  it('keeps Excel’s floating numbers exact as typed', () => {
    expect(yuan(0.1 + 0.2)).toBe(3000); // 0.30000000000000004 万元 → 3000 元
    expect(yuan(5000.499999999999)).toBe(50_005_000);
  });

  it('names what is wrong', () => {
    expect(yuan('约5000')).toBe('notAnAmount');
    expect(yuan('-5')).toBe('negative');
    expect(yuan('0.00001')).toBe('tooPrecise');
    expect(yuan('1.5', '元')).toBe('tooPrecise');
    expect(yuan('99999999999', '亿元')).toBe('tooLarge');
    expect(yuan('')).toBe('notAnAmount');
  });
});

describe('ledger dates', () => {
  const date = (raw: string | number, year?: number) => {
    const r = parseLedgerDate(raw, year);
    return r.ok ? `${r.value.date}/${r.value.precision}` : r.problem;
  };

  it('reads Excel numbers and every written form', () => {
    expect(date(44986)).toBe('2023-03-01/day'); // Excel's serial for 2023-03-01
    expect(date('2023.3.1')).toBe('2023-03-01/day');
    expect(date('2023-03-01')).toBe('2023-03-01/day');
    expect(date('2023/3/1')).toBe('2023-03-01/day');
    expect(date('2023年3月1日')).toBe('2023-03-01/day');
    expect(date('20230301')).toBe('2023-03-01/day');
    expect(date('２０２３年３月１日')).toBe('2023-03-01/day');
  });

  it('keeps a month-only date as the 1st with month precision', () => {
    expect(date('2023年3月')).toBe('2023-03-01/month');
    expect(date('2023.12')).toBe('2023-12-01/month');
  });

  it('takes the year from the sheet title when the cell has none', () => {
    expect(date('3月1日', yearFromTitle('襄城区2023年招商引资签约项目台账'))).toBe('2023-03-01/day');
    expect(date('3月1日')).toBe('noYear');
  });

  it('refuses impossible dates', () => {
    expect(date('2023.13.1')).toBe('notADate');
    expect(date('2023-02-29')).toBe('notADate');
    expect(date('2024-02-29')).toBe('2024-02-29/day');
    expect(date('明年三月')).toBe('notADate');
  });
});

describe('progress words', () => {
  it('maps the words ledgers use to stages', () => {
    expect(stageFromWord('已签约')).toBe('signed');
    expect(stageFromWord('签约未开工')).toBe('signed');
    expect(stageFromWord('在建')).toBe('started');
    expect(stageFromWord('已开工')).toBe('started');
    expect(stageFromWord('已投产')).toBe('producing');
    expect(stageFromWord('已入库')).toBe('inStats');
    expect(stageFromWord('前期')).toBe('lead');
    expect(stageFromWord('已注册')).toBe('registered');
    expect(stageFromWord('项目停工')).toBe('stalled');
    expect(stageFromWord('')).toBeNull();
    expect(stageFromWord('良好')).toBeNull();
  });
});
