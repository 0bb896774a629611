import type { zhCNChains } from './zh-CN.chains.ts';

/** English words of the industrial chains screens: exactly the keys of zh-CN.chains.ts. */
export const enChains: Record<keyof typeof zhCNChains, string> = {
  'nav.chains': 'Chains',
  'chain.title': 'Industrial chain map',
  'chain.none': 'No chains yet. The bureau can copy one from a template.',
  'chain.links': '{count} link{s:count}',
  'chain.leader': 'Chain leader: {name}',
  'chain.segment.upstream': 'Upstream',
  'chain.segment.midstream': 'Midstream',
  'chain.segment.downstream': 'Downstream',
  'chain.status.strong': 'Strong',
  'chain.status.weak': 'Weak',
  'chain.status.gap': 'Gap',
  'chain.figures': 'Local {local} · targets {target} · leads {leads} · signed {signed} · started {started}',
  'chain.legend': 'Strong: many local enterprises, or a leading one with started projects; weak: some; gap: no local enterprise and no started project',
  'chain.enterprises': 'Enterprises',
  'chain.leads': 'Leads',
  'chain.projects': 'Projects',
  'chain.local': 'Local',
  'chain.target': 'Target',
  'chain.leading': 'Leading',
  'chain.signed': 'Signed',
  'chain.started': 'Started',
  'chain.empty': 'None',
};
