import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { call, createTestApp, logIn, type TestApp } from '../../test/support/test-app.ts';
import { loadDemo } from '../server/demo/demo.service.ts';
import { DEMO_PASSWORD } from '../server/demo/demo-data.ts';
import { monthCloses, projects } from '../server/db/schema.ts';
import { queryRows } from '../server/db/client.ts';
import { verifyFromCli } from './verify.ts';

/** `zhaoshang verify` (issue 17): every figure of the demo city proves itself; a tampered snapshot or record is named. */
describe('zhaoshang verify', () => {
  let t: TestApp;

  const run = async (options: { as?: string } = {}) => {
    const lines: string[] = [];
    const code = await verifyFromCli(t.db, { from: '2026-01-01', to: '2026-03-02', ...options }, { line: (text) => lines.push(text), progress: () => {} }, () => t.clock.now());
    return { code, output: lines.join('\n') };
  };

  beforeAll(async () => {
    t = await createTestApp();
    await loadDemo(t.db, t.clock.now());
    // February closed: its snapshot is checked against the records too.
    const bureau = await logIn(t.app, 'bureau', DEMO_PASSWORD);
    const closed = await call(t.app, bureau, 'POST', '/api/closes', { year: 2026, month: 2 });
    expect(closed.statusCode, closed.body).toBe(200);
  }, 240_000);
  afterAll(() => t.close());

  it('passes on the demo city', async () => {
    const { code, output } = await run();
    expect(output).toMatch(/核对 \d+ 项，全部相符/);
    expect(code, output).toBe(0);
  }, 240_000);

  it('fails, naming the figure, when a closed month’s snapshot is changed behind the app’s back', async () => {
    const [close] = await t.db.select().from(monthCloses).where(eq(monthCloses.month, 2));
    const figures = close!.figures as { units: Record<string, { name: string; now: Record<string, number> }> };
    const city = Object.values(figures.units).find((u) => u.name === '襄阳市')!;
    const tampered = structuredClone(figures);
    Object.values(tampered.units).find((u) => u.name === '襄阳市')!.now.signedCount = city.now.signedCount! + 5;
    await t.db.update(monthCloses).set({ figures: tampered }).where(eq(monthCloses.id, close!.id));
    try {
      const { code, output } = await run();
      expect(code).toBe(1);
      expect(output).toContain(`差异  关账 2026年2月 新签约项目（襄阳市）：应为 ${city.now.signedCount! + 5}，实为 ${city.now.signedCount}（快照与记录不符且无更正）`);
    } finally {
      await t.db.update(monthCloses).set({ figures }).where(eq(monthCloses.id, close!.id));
    }
  }, 240_000);

  it('fails, naming the project, when a record is changed by direct SQL; a unit’s run names nothing of other units', async () => {
    const [project] = await queryRows<{ id: number; name: string; unitName: string }>(
      t.db,
      sql`select p.id, p.name, u.name as "unitName" from projects p join units u on u.id = p.unit_id where u.name = '谷城县' and p.signed_on is not null order by p.id limit 1`,
    );
    const [before] = await t.db.select().from(projects).where(eq(projects.id, project!.id));
    // A day earlier than its history says: stage dates stay in order, so only the fold check can see it.
    await queryRows(t.db, sql`update projects set signed_on = signed_on - 1 where id = ${project!.id}`);
    const [changed] = await t.db.select().from(projects).where(eq(projects.id, project!.id));
    try {
      const { code, output } = await run();
      expect(code).toBe(1);
      expect(output).toContain(`差异  项目 #${project!.id} ${project!.name} signedOn：应为 ${before!.signedOn}，实为 ${changed!.signedOn}（与阶段记录不符）`);
      // 襄城区's own run: its figures still prove themselves, and no line names 谷城县 or its project.
      const own = await run({ as: 'xiangcheng' });
      expect(own.output).not.toContain('谷城县');
      expect(own.output).not.toContain(project!.name);
      expect(own.output).not.toContain('襄阳市');
      const county = await run({ as: 'gucheng' });
      expect(county.code).toBe(1);
      expect(county.output).toContain(project!.name);
    } finally {
      await queryRows(t.db, sql`update projects set signed_on = ${before!.signedOn} where id = ${project!.id}`);
    }
  }, 240_000);
});
