import { describe, expect, it } from 'vitest';
import { matchUnit } from './unit-matching.ts';

describe('unit names', () => {
  const units = [
    { id: 1, name: '襄阳市' },
    { id: 2, name: '襄城区' },
    { id: 3, name: '樊城区' },
    { id: 4, name: '襄州区' },
    { id: 5, name: '襄阳高新技术产业开发区' },
    { id: 6, name: '襄城经济开发区' },
    { id: 7, name: '谷城县' },
  ];

  it('matches exact names, then unambiguous partial ones', () => {
    expect(matchUnit('襄城区', units)).toEqual({ ok: true, unitId: 2 });
    expect(matchUnit('襄城', units)).toEqual({ ok: true, unitId: 2 });
    expect(matchUnit('谷城', units)).toEqual({ ok: true, unitId: 7 });
    expect(matchUnit('樊城区 ', units)).toEqual({ ok: true, unitId: 3 });
    expect(matchUnit('高新区', units)).toEqual({ ok: true, unitId: 5 });
    expect(matchUnit('襄城经开区', units)).toEqual({ ok: true, unitId: 6 });
    expect(matchUnit('襄城经济开发区', units)).toEqual({ ok: true, unitId: 6 });
  });

  it('refuses to guess between two, and names what is unknown', () => {
    expect(matchUnit('襄', units)).toMatchObject({ ok: false, problem: 'ambiguousUnit' });
    expect(matchUnit('宜城', units)).toEqual({ ok: false, problem: 'unknownUnit', candidates: [] });
  });
});
