import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DEFAULT_CHAIN_THRESHOLDS, gapRank, isLeadingEnterprise, linkStatus, type ChainThresholds, type LinkFigures } from './link-status.ts';

const figures = (f: Partial<LinkFigures>): LinkFigures => ({ localEnterprises: 0, leadingEnterprises: 0, signedProjects: 0, startedProjects: 0, ...f });
const t: ChainThresholds = { strongMinLocalEnterprises: 3, strongMinLeadingEnterprises: 2, strongMinStartedProjects: 1 };

describe('link status 强/弱/缺', () => {
  it('is 缺 with no local enterprise and no started project, signed projects named but not closing the gap', () => {
    expect(linkStatus(figures({}), t)).toEqual({ status: 'gap', reason: { zh: '无本地企业，无已开工项目', en: 'No local enterprise and no started project' } });
    const signed = linkStatus(figures({ signedProjects: 2 }), t);
    expect(signed.status).toBe('gap');
    expect(signed.reason.zh).toBe('无本地企业，无已开工项目；已签约未开工项目2个');
  });

  it('leaves 缺 with one local enterprise, or one started project', () => {
    expect(linkStatus(figures({ localEnterprises: 1 }), t).status).toBe('weak');
    expect(linkStatus(figures({ startedProjects: 1, signedProjects: 1 }), t).status).toBe('weak');
  });

  it('is 强 at exactly N local enterprises and 弱 at N − 1', () => {
    expect(linkStatus(figures({ localEnterprises: 2 }), t).status).toBe('weak');
    const strong = linkStatus(figures({ localEnterprises: 3 }), t);
    expect(strong).toEqual({ status: 'strong', reason: { zh: '本地企业3家，达到强链标准（≥3家）', en: '3 local enterprise(s), at least the 3 that make a link strong' } });
  });

  it('is 强 at exactly K leading enterprises with M started projects, 弱 one short of either', () => {
    expect(linkStatus(figures({ localEnterprises: 2, leadingEnterprises: 2, startedProjects: 1 }), t).status).toBe('strong');
    expect(linkStatus(figures({ localEnterprises: 2, leadingEnterprises: 1, startedProjects: 1 }), t).status).toBe('weak');
    expect(linkStatus(figures({ localEnterprises: 2, leadingEnterprises: 2, startedProjects: 0 }), t).status).toBe('weak');
    const weak = linkStatus(figures({ localEnterprises: 2, leadingEnterprises: 1, startedProjects: 1 }), t);
    expect(weak.reason.zh).toBe('本地企业2家（龙头1家）、已开工项目1个；强链需本地企业≥3家，或龙头≥2家且开工≥1个');
  });

  it('makes a leading enterprise alone strong when the bureau sets no started project', () => {
    const alone = { ...t, strongMinLeadingEnterprises: 1, strongMinStartedProjects: 0 };
    expect(linkStatus(figures({ localEnterprises: 1, leadingEnterprises: 1 }), alone).status).toBe('strong');
    expect(linkStatus(figures({ localEnterprises: 1 }), alone).status).toBe('weak');
  });

  it('uses the documented defaults: 5 local, or 1 leading with 1 started', () => {
    expect(DEFAULT_CHAIN_THRESHOLDS).toEqual({ strongMinLocalEnterprises: 5, strongMinLeadingEnterprises: 1, strongMinStartedProjects: 1 });
    expect(linkStatus(figures({ localEnterprises: 4 })).status).toBe('weak');
    expect(linkStatus(figures({ localEnterprises: 5 })).status).toBe('strong');
    expect(linkStatus(figures({ localEnterprises: 1, leadingEnterprises: 1, startedProjects: 1 })).status).toBe('strong');
  });

  it('never gets weaker when a link gains an enterprise or a started project (property)', () => {
    const count = fc.integer({ min: 0, max: 12 });
    const thresholds = fc.record({ strongMinLocalEnterprises: fc.integer({ min: 1, max: 10 }), strongMinLeadingEnterprises: fc.integer({ min: 1, max: 5 }), strongMinStartedProjects: fc.integer({ min: 0, max: 5 }) });
    fc.assert(
      fc.property(count, count, count, count, thresholds, fc.constantFrom('local', 'leading', 'started'), (local, leadingRaw, signed, started, th, gain) => {
        const leading = Math.min(leadingRaw, local);
        const before = figures({ localEnterprises: local, leadingEnterprises: leading, signedProjects: signed, startedProjects: started });
        const after = { ...before };
        if (gain === 'local') after.localEnterprises++;
        if (gain === 'leading') (after.localEnterprises++, after.leadingEnterprises++);
        if (gain === 'started') after.startedProjects++;
        expect(gapRank(linkStatus(after, th).status)).toBeGreaterThanOrEqual(gapRank(linkStatus(before, th).status));
        // 缺 exactly when nothing local and nothing started.
        expect(linkStatus(before, th).status === 'gap').toBe(local === 0 && started === 0);
      }),
    );
  });

  it('counts an enterprise as leading when large or on a leading list', () => {
    expect(isLeadingEnterprise('large', [])).toBe(true);
    expect(isLeadingEnterprise('medium', ['little_giant'])).toBe(true);
    expect(isLeadingEnterprise('medium', ['high_tech', 'srdi', 'soe'])).toBe(false);
    expect(isLeadingEnterprise(null, [])).toBe(false);
  });
});
