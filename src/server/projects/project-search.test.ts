import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { sql } from 'drizzle-orm';
import { queryRows } from '../db/client.ts';
import { containsPattern } from '../db/search.ts';
import { call, createTestApp, logIn, type Session, type TestApp } from '../../../test/support/test-app.ts';

/**
 * Issue 19: the project name search served by the bigram index (migration 0049, project-search.ts) answers exactly
 * what the plain ILIKE substring match answered before, on every engine.
 */

// Han characters, Latin letters of both cases (and letters whose lower case is not ASCII), spaces, LIKE's own % _ \,
// and the characters a tsquery gives a meaning to (quotes, & | ! : * ( )).
const ALPHABET = ['隔', '膜', '储', '能', '项', '目', 'A', 'a', 'B', 'b', 'Ä', 'ä', 'Σ', 'σ', 'İ', 'ß', ' ', '%', '_', '\\', "'", '"', '&', '|', '!', ':', '*', '(', ')', '1', '-', 'Ａ'];
const char = fc.constantFrom(...ALPHABET);
const text = (maxLength: number) => fc.array(char, { minLength: 0, maxLength }).map((cs) => cs.join(''));

/** A term: a piece of the given name (so that it matches) or any text (so that it mostly does not). */
function termOf(name: string) {
  const chars = [...name];
  return fc.oneof(
    fc.tuple(fc.nat(chars.length), fc.integer({ min: 1, max: 6 })).map(([start, length]) => chars.slice(start, start + length).join('')),
    text(5),
  );
}

describe('project name search by the bigram index (issue 19)', () => {
  let t: TestApp;
  let w: Awaited<ReturnType<TestApp['given']['twoCounties']>>;
  let bureau: Session;
  let staffA: Session;

  beforeAll(async () => {
    t = await createTestApp();
    w = await t.given.twoCounties();
    bureau = await logIn(t.app, 'bureau');
    staffA = await logIn(t.app, 'staff_a');
  });
  afterAll(() => t.close());

  it('never leaves out a name the ILIKE finds: every term of two or more characters finds its names among the candidates', async () => {
    await fc.assert(
      fc.asyncProperty(
        text(12).chain((name) => fc.tuple(fc.constant(name), fc.option(text(8), { nil: null }), termOf(name))),
        async ([name, codeName, term]) => {
          fc.pre([...term].length >= 2);
          const [row] = await queryRows<{ plain: boolean; candidate: boolean }>(
            t.db,
            sql`select coalesce(${name} ilike ${containsPattern(term)} or ${codeName}::text ilike ${containsPattern(term)}, false) as plain,
                       coalesce(zs_bigrams(${name}) || zs_bigrams(${codeName}::text) @@ zs_project_name_query(${term}), false) as candidate`,
          );
          if (row!.plain) expect(row!.candidate, `${JSON.stringify(name)} / ${JSON.stringify(codeName)} ∌ ${JSON.stringify(term)}`).toBe(true);
        },
      ),
      { numRuns: 400 },
    );
  });

  it('the list answers exactly the rows of the plain substring match, for the bureau and for a county, over names and code names', async () => {
    // Names that share pieces, so that the index's candidates include names the ILIKE then drops (隔膜 vs 膜隔…).
    const names = fc.sample(text(10), { numRuns: 80, seed: 19 });
    const units = [w.countyA, w.countyB, w.parkA];
    for (const [i, name] of names.entries()) {
      const project = await t.given.project({ unit: units[i % 3]!, investor: i % 2 ? w.enterpriseA : w.enterpriseB, name: name.trim().length >= 2 ? name : `隔膜${name}${i}` });
      // Every third project gets a code name, written after the insert: the generated document follows an update too.
      if (i % 3 === 1) await t.db.execute(sql`update projects set code_name = ${names[(i * 7) % names.length]!.trim() || 'A项目'} where id = ${project.id}`);
    }
    const allNames = (await queryRows<{ name: string }>(t.db, sql`select name from projects`)).map((r) => r.name).join('');
    const scopeOf = { bureau: [w.city.id, w.countyA.id, w.countyB.id, w.parkA.id], staffA: [w.countyA.id, w.parkA.id] };
    const callerUnitOf = { bureau: w.city.id, staffA: w.countyA.id };

    await fc.assert(
      fc.asyncProperty(termOf(allNames), fc.constantFrom<'bureau' | 'staffA'>('bureau', 'staffA'), async (raw, who) => {
        const term = raw.trim();
        fc.pre(term.length > 0);
        const response = await call(t.app, who === 'bureau' ? bureau : staffA, 'GET', `/api/projects?pageSize=200&q=${encodeURIComponent(term)}`);
        expect(response.statusCode, response.body).toBe(200);
        const page = response.json() as { items: { id: number }[]; total: number };
        // Today's semantics, written out as the list wrote it before the index: a confidential project's real name
        // is matched only in its own unit, its code name everywhere in scope.
        const pattern = containsPattern(term);
        const expected = await queryRows<{ id: number }>(
          t.db,
          sql`select id from projects
              where unit_id in (select value::int from jsonb_array_elements_text(${JSON.stringify(scopeOf[who])}::jsonb))
                and ((name ilike ${pattern} and (code_name is null or unit_id = ${callerUnitOf[who]})) or code_name ilike ${pattern})
              order by id`,
        );
        expect(page.items.map((p) => p.id).sort((a, b) => a - b), `${who}: ${JSON.stringify(term)}`).toEqual(expected.map((r) => r.id));
        expect(page.total).toBe(expected.length);
      }),
      { numRuns: 150 },
    );
  });

  it('finds a Latin name whatever the case typed, and a renamed project by its new name only', async () => {
    const project = await t.given.project({ unit: w.countyA, investor: w.enterpriseA, name: 'CATL锂电池隔膜项目' });
    const ids = async (q: string) =>
      ((await call(t.app, bureau, 'GET', `/api/projects?pageSize=200&q=${encodeURIComponent(q)}`)).json() as { items: { id: number }[] }).items.map((p) => p.id);
    expect(await ids('catl锂电')).toContain(project.id);
    expect(await ids('Catl')).toContain(project.id);
    expect(await ids('池隔膜')).toContain(project.id);
    expect(await ids('隔池')).not.toContain(project.id);

    const renamed = await call(t.app, bureau, 'PATCH', `/api/projects/${project.id}`, { name: '储能电站项目' });
    expect(renamed.statusCode, renamed.body).toBe(200);
    expect(await ids('储能')).toContain(project.id);
    expect(await ids('隔膜')).not.toContain(project.id);
  });

  it('leaves a piece that most names hold out of the index query once the table is analysed, with the same answers', async () => {
    for (let i = 0; i < 40; i++) await t.given.project({ unit: w.countyB, investor: w.enterpriseB, name: `项目${i}号${i % 2 ? '冷链' : '整车'}项目` });
    await t.db.execute(sql`analyze projects`);
    const [query] = await queryRows<{ q: string }>(t.db, sql`select zs_project_name_query('项目12号')::text as q`);
    expect(query!.q).not.toContain('项目');
    expect(query!.q).toContain('12');
    for (const term of ['项目12号', '项目1', '目3号', '冷链项目', '项目', '号整']) {
      const page = (await call(t.app, bureau, 'GET', `/api/projects?pageSize=200&q=${encodeURIComponent(term)}`)).json() as { items: { id: number }[]; total: number };
      const expected = await queryRows<{ id: number }>(t.db, sql`select id from projects where name ilike ${containsPattern(term)} and code_name is null or code_name ilike ${containsPattern(term)} order by id`);
      expect(page.items.map((p) => p.id).sort((a, b) => a - b), term).toEqual(expected.map((r) => r.id));
    }
  });

  it('a term many names hold pages by walking the list, with the same rows, order and total', async () => {
    await t.db.execute(sql`insert into projects (unit_id, name, investor_enterprise_id, total_investment_yuan)
      select ${w.countyA.id}, '批量' || g || (case when g % 3 = 0 then '储能电站' else '数据中心' end), ${w.enterpriseA.id}, 100000000
      from generate_series(1, 1500) g`);
    for (const [term, pageNo] of [['储能电', 1], ['储能电', 7], ['数据中心', 40], ['量12', 1]] as const) {
      const page = (await call(t.app, bureau, 'GET', `/api/projects?pageSize=20&page=${pageNo}&q=${encodeURIComponent(term)}`)).json() as { items: { id: number }[]; total: number };
      const matching = await queryRows<{ id: number }>(t.db, sql`select id from projects where name ilike ${containsPattern(term)} and code_name is null or code_name ilike ${containsPattern(term)} order by id desc`);
      expect(page.total, term).toBe(matching.length);
      expect(page.items.map((p) => p.id), `${term} page ${pageNo}`).toEqual(matching.slice((pageNo - 1) * 20, pageNo * 20).map((r) => r.id));
    }
  });
});
