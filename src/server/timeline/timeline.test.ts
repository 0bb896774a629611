import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createTestApp, expectApiError, logIn, type Given, type Session, type TestApp } from '../../../test/support/test-app.ts';
import type { TTimelineItem } from '../../shared/timeline.ts';

describe('a project’s timeline, comments and saved filters', () => {
  let t: TestApp;
  let w: Awaited<ReturnType<Given['twoCounties']>>;
  let staffA: Session;
  let staffB: Session;
  let leaderA: Session;

  beforeAll(async () => {
    t = await createTestApp();
    w = await t.given.twoCounties();
    staffA = await logIn(t.app, 'staff_a');
    staffB = await logIn(t.app, 'staff_b');
    leaderA = await logIn(t.app, 'leader_a');
  });
  afterAll(() => t.close());

  it('gathers stages, funds, problems, comments and edits, newest first', async () => {
    const id = w.projectA.id;
    await call(t.app, staffA, 'PATCH', `/api/projects/${id}`, { totalInvestmentYuan: 123_000_000, isMajor: true });
    await call(t.app, staffA, 'POST', `/api/projects/${id}/funds`, { arrivedOn: '2026-02-15', source: 'outOfProvince', amountYuan: 10_000_000, evidenceRef: 'HD-1' });
    await call(t.app, staffA, 'POST', `/api/projects/${id}/problems`, { category: 'land', description: '用地未落实' });
    expect((await call(t.app, leaderA, 'POST', `/api/projects/${id}/comments`, { text: '请抓紧推进注册' })).statusCode).toBe(200);
    const items = ((await call(t.app, staffA, 'GET', `/api/projects/${id}/timeline`)).json() as { items: TTimelineItem[] }).items;
    const kinds = items.map((i) => i.kind);
    expect(new Set(kinds)).toEqual(new Set(['stage', 'funds', 'problem', 'comment', 'edit']));
    const edit = items.find((i) => i.kind === 'edit')!;
    expect(new Set(edit.data.fields as string[])).toEqual(new Set(['totalInvestmentYuan', 'isMajor']));
    expect(items.find((i) => i.kind === 'comment')).toMatchObject({ actor: w.leaderA.displayName, data: { text: '请抓紧推进注册' } });
    expect(items.map((i) => i.at)).toEqual([...items.map((i) => i.at)].sort().reverse());
  });

  it('is the project’s own: another county neither reads the timeline nor comments', async () => {
    expectApiError(await call(t.app, staffB, 'GET', `/api/projects/${w.projectA.id}/timeline`), 404, 'notFound');
    expectApiError(await call(t.app, staffB, 'POST', `/api/projects/${w.projectA.id}/comments`, { text: '越权' }), 404, 'notFound');
  });

  it('keeps each user’s saved filters to themselves', async () => {
    const saved = await call(t.app, staffA, 'POST', '/api/saved-filters', { name: '逾期重大项目', query: { deadlineStatus: 'overdue', isMajor: 'true' } });
    expect(saved.statusCode, saved.body).toBe(200);
    expectApiError(await call(t.app, staffA, 'POST', '/api/saved-filters', { name: '逾期重大项目', query: {} }), 409, 'savedFilter.nameTaken', 'name');
    expect((await call(t.app, staffA, 'GET', '/api/saved-filters')).json()).toMatchObject({ items: [{ name: '逾期重大项目', query: { deadlineStatus: 'overdue', isMajor: 'true' } }] });
    expect((await call(t.app, staffB, 'GET', '/api/saved-filters')).json()).toEqual({ items: [] });
    expectApiError(await call(t.app, staffB, 'DELETE', `/api/saved-filters/${saved.json().id}`), 404, 'notFound');
    expect((await call(t.app, staffA, 'DELETE', `/api/saved-filters/${saved.json().id}`)).statusCode).toBe(200);
  });
});
