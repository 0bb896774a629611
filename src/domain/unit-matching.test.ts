import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
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

describe('unit names written with their ancestors’ names (issue 12)', () => {
  const tree = [
    { id: 1, name: '郑州市', parentId: null },
    { id: 2, name: '惠济区', parentId: 1 },
    { id: 3, name: '花园口新兴产业园', parentId: 2 },
    { id: 4, name: '金水区', parentId: 1 },
    { id: 5, name: '花园口新兴产业园', parentId: 4 },
    { id: 6, name: '郑州高新技术产业开发区', parentId: 1 },
    { id: 7, name: '科学谷产业园', parentId: 6 },
    { id: 8, name: '长兴路街道', parentId: 2 },
  ];

  it('matches a unit written after its parent’s, grandparent’s or the city’s name, in full or short', () => {
    expect(matchUnit('惠济区花园口新兴产业园', tree)).toEqual({ ok: true, unitId: 3 });
    expect(matchUnit('郑州市惠济区花园口新兴产业园', tree)).toEqual({ ok: true, unitId: 3 });
    expect(matchUnit('惠济花园口新兴产业园', tree)).toEqual({ ok: true, unitId: 3 });
    expect(matchUnit('郑州惠济区花园口新兴产业园', tree)).toEqual({ ok: true, unitId: 3 });
    expect(matchUnit('金水区·花园口新兴产业园', tree)).toEqual({ ok: true, unitId: 5 });
    expect(matchUnit('郑州市金水区花园口', tree)).toEqual({ ok: true, unitId: 5 });
    expect(matchUnit('郑州高新区科学谷产业园', tree)).toEqual({ ok: true, unitId: 7 });
    expect(matchUnit('郑州市惠济区', tree)).toEqual({ ok: true, unitId: 2 });
    expect(matchUnit('惠济区长兴路街道', tree)).toEqual({ ok: true, unitId: 8 });
  });

  it('refuses a name that fits two units, naming each with its parent', () => {
    expect(matchUnit('花园口新兴产业园', tree)).toEqual({ ok: false, problem: 'ambiguousUnit', candidates: ['惠济区花园口新兴产业园', '金水区花园口新兴产业园'] });
    expect(matchUnit('郑州市花园口新兴产业园', tree)).toEqual({ ok: false, problem: 'ambiguousUnit', candidates: ['惠济区花园口新兴产业园', '金水区花园口新兴产业园'] });
  });

  it('does not take a unit under another parent than the one written', () => {
    expect(matchUnit('金水区长兴路街道', tree)).toMatchObject({ ok: false, problem: 'unknownUnit' });
    expect(matchUnit('惠济区科学谷产业园', tree)).toMatchObject({ ok: false, problem: 'unknownUnit' });
  });

  it('takes ancestors above the caller’s scope as prefixes but never matches them', () => {
    const county = tree.filter((u) => u.id === 2 || u.id === 3 || u.id === 8);
    const above = tree.filter((u) => u.id === 1);
    expect(matchUnit('郑州市惠济区花园口新兴产业园', county, above)).toEqual({ ok: true, unitId: 3 });
    expect(matchUnit('郑州市', county, above)).toMatchObject({ ok: false });
    expect(matchUnit('郑州市金水区花园口新兴产业园', county, above)).toMatchObject({ ok: false, problem: 'unknownUnit' });
  });

  it('finds every unit of a generated tree by any chain of its ancestors’ names (property)', () => {
    // Generated trees of names distinct in their first two characters: a unit written after any of its ancestors' names
    // (the city's, its county's…, down to its own) is found, and is that unit.
    const syllable = fc.constantFrom('东', '西', '南', '北', '新', '安', '阳', '平', '兴', '华', '林', '川', '河', '山');
    const place = fc.array(syllable, { minLength: 2, maxLength: 3 }).map((s) => s.join(''));
    const suffix = fc.constantFrom('区', '县', '产业园', '街道', '镇');
    const treeArb = fc
      .uniqueArray(fc.tuple(place, suffix).map(([p, s]) => p + s), { minLength: 3, maxLength: 9, selector: (n) => n.slice(0, 2) })
      .chain((names) => fc.tuple(fc.constant(names), fc.array(fc.nat(), { minLength: names.length, maxLength: names.length })))
      .map(([names, picks]) => names.map((name, i) => ({ id: i + 1, name, parentId: i === 0 ? null : 1 + (picks[i]! % i) })));
    fc.assert(
      fc.property(treeArb, fc.nat(), fc.nat(), (units, pick, from) => {
        const byId = new Map(units.map((u) => [u.id, u]));
        const target = units[pick % units.length]!;
        const chain: string[] = [];
        for (let u: (typeof units)[number] | undefined = target; u; u = u.parentId ? byId.get(u.parentId) : undefined) chain.unshift(u.name);
        const written = chain.slice(from % chain.length).join('');
        const match = matchUnit(written, units);
        expect(match).toEqual({ ok: true, unitId: target.id });
      }),
      { numRuns: 300 },
    );
  });
});
