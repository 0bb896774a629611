import { useEffect, useMemo, useState } from 'react';
import { ConfigProvider, Progress, theme } from 'antd';
import { useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { chinaToday } from '../../domain/calendar.ts';
import type { TChainGaps, TChainSummary } from '../../shared/chains.ts';
import { api } from '../api/client.ts';
import { useMe } from '../auth/auth.queries.ts';
import { NoAccess } from '../app/guards.tsx';
import { useCockpit, useCockpitOverview, useTrend } from '../cockpit/cockpit.queries.ts';
import { axisName } from '../cockpit/TrendChart.tsx';
import { chartScale, scaled } from '../cockpit/cockpit-layout.ts';
import { ytdPeriod } from '../cockpit/period.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { formatMetric, localName, metricText } from '../metrics/metric-format.ts';
import { EChart, type EChartOption } from '../ui/EChart.tsx';
import { useHeatmap } from './heatmap.queries.ts';
import { RegionMap, type MapCell } from './RegionMap.tsx';

/** The screen is laid out at 1920×1080 and scaled to the display, so nothing scrolls whatever its size. */
const WIDTH = 1920;
const HEIGHT = 1080;
/** Every figure is asked for again this often (a meeting-room display is left open all day). */
export const REFRESH_MS = 5 * 60_000;
const BG = '#0b1426';
const PANEL = '#111f3a';
const TEXT = '#e6f0ff';
const MUTED = '#8aa0c8';
const ACCENT = '#40a9ff';

function useScale() {
  const [scale, setScale] = useState(() => Math.min(window.innerWidth / WIDTH, window.innerHeight / HEIGHT));
  useEffect(() => {
    const resize = () => setScale(Math.min(window.innerWidth / WIDTH, window.innerHeight / HEIGHT));
    window.addEventListener('resize', resize);
    return () => window.removeEventListener('resize', resize);
  }, []);
  return scale;
}

function Panel({ title, children, style, testId }: { title: string; children: React.ReactNode; style?: React.CSSProperties; testId?: string }) {
  return (
    <section data-testid={testId} style={{ background: PANEL, border: '1px solid #1d3461', borderRadius: 6, padding: '12px 16px', overflow: 'hidden', display: 'flex', flexDirection: 'column', ...style }}>
      <h2 style={{ color: TEXT, fontSize: 20, margin: '0 0 8px', fontWeight: 600, borderInlineStart: `4px solid ${ACCENT}`, paddingInlineStart: 8 }}>{title}</h2>
      <div style={{ flex: 1, minHeight: 0 }}>{children}</div>
    </section>
  );
}

/** 数据大屏 for the leader and bureau roles (issue 15); everyone else gets the no-access page. */
export function BigScreenPage() {
  const { data: me } = useMe();
  if (me && me.role !== 'leader' && me.role !== 'bureau') return <NoAccess reason="error.forbiddenPage" />;
  return (
    <ConfigProvider theme={{ algorithm: theme.darkAlgorithm }}>
      <BigScreen />
    </ConfigProvider>
  );
}

/**
 * The leaders' big screen (数据大屏, issue 15): this year to date for the caller's whole scope — the hero targets and
 * their completion, the heat map of signed amounts, the monthly trend, the units ranked, the chains' gaps and the 督办
 * counts — read only, every figure from the cockpit's own endpoints for the same period (so equal to the cockpit's),
 * all asked for again every five minutes.
 */
function BigScreen() {
  const { t, locale } = useI18n();
  const scale = useScale();
  const queryClient = useQueryClient();
  const [now, setNow] = useState(() => new Date());
  const today = chinaToday(now);
  const period = ytdPeriod(Number(today.slice(0, 4)), today);
  const scope = useMemo(() => ({ from: period.from, to: period.to }), [period.from, period.to]);
  const cockpit = useCockpit(scope);
  const overview = useCockpitOverview(scope);
  const heroes = overview.data?.heroes ?? [];
  const trend = useTrend({ key: heroes[0], year: period.year });
  const heat = useHeatmap({ measure: 'signedContractYuan', year: period.year, level: 'province' });
  const chains = useQuery({ queryKey: ['chains', 'list'], queryFn: ({ signal }) => api.get<{ items: TChainSummary[] }>('/chains', undefined, signal) });
  const active = (chains.data?.items ?? []).filter((c) => c.active).slice(0, 8);
  const gaps = useQueries({
    queries: active.map((chain) => ({ queryKey: ['chains', chain.id, 'gaps'], queryFn: ({ signal }: { signal: AbortSignal }) => api.get<TChainGaps>(`/chains/${chain.id}/gaps`, undefined, signal) })),
  });

  useEffect(() => {
    const timer = window.setInterval(() => {
      setNow(new Date());
      void queryClient.invalidateQueries();
    }, REFRESH_MS);
    return () => window.clearInterval(timer);
  }, [queryClient]);
  // No page scroll behind the screen, whatever the layout around it.
  useEffect(() => {
    const previous = document.body.style.overflow;
    document.body.style.overflow = 'hidden';
    return () => void (document.body.style.overflow = previous);
  }, []);

  const kpis = heroes.map((key) => cockpit.data?.kpis.find((k) => k.key === key)).filter((k) => !!k);
  const mapCells: MapCell[] = (heat.data?.cells ?? []).map((cell) => ({
    cell: cell.cell,
    label: localName(cell.label, locale),
    value: cell.value,
    valueText: metricText(cell.value, 'yuan', t),
    share: cell.share,
    change: null,
    lastYearText: metricText(cell.lastYear, 'yuan', t),
  }));
  const topRegions = (heat.data?.cells ?? []).filter((c) => /^\d{6}$/.test(c.cell)).slice(0, 5);

  const trendOption = useMemo<EChartOption | null>(() => {
    const data = trend.data;
    if (!data) return null;
    const values = [data.months.map((m) => m.value), data.months.map((m) => m.lastYear)];
    const chart = chartScale(values.flat(), data.unit);
    const thisYear = t('cockpit.thisYear', { year: data.year });
    const lastYear = t('cockpit.thisYear', { year: data.year - 1 });
    return {
      textStyle: { color: TEXT, fontSize: 14 },
      grid: { left: 8, right: 16, top: 44, bottom: 8, containLabel: true },
      legend: { top: 0, data: [thisYear, lastYear], textStyle: { color: TEXT, fontSize: 14 } },
      xAxis: { type: 'category', data: data.months.map((m) => t('cockpit.monthLabel', { month: m.month })), axisLabel: { color: MUTED, fontSize: 13 } },
      yAxis: { type: 'value', name: axisName(chart, t), nameTextStyle: { color: MUTED, align: 'left' }, axisLabel: { color: MUTED }, splitLine: { lineStyle: { color: '#1d3461' } } },
      series: [
        { name: thisYear, type: 'bar', data: values[0]!.map((v) => scaled(v, chart)), itemStyle: { color: ACCENT } },
        { name: lastYear, type: 'bar', data: values[1]!.map((v) => scaled(v, chart)), itemStyle: { color: '#5b6b8c' } },
      ],
    } as EChartOption;
  }, [trend.data, t]);

  const ranking = [...(overview.data?.ranking ?? [])].sort((a, b) => (a.rank ?? 999) - (b.rank ?? 999)).slice(0, 8);
  const alerts = overview.data?.alerts;
  const trendName = trend.data ? localName(trend.data.name, locale) : '';

  return (
    <div style={{ position: 'fixed', inset: 0, background: BG, overflow: 'hidden' }} data-testid="big-screen">
      <div style={{ width: WIDTH, height: HEIGHT, transform: `scale(${scale})`, transformOrigin: '0 0', color: TEXT, padding: 20, boxSizing: 'border-box', display: 'grid', gridTemplateRows: '64px 170px 1fr 300px', gap: 16 }}>
        <header style={{ display: 'flex', alignItems: 'baseline', justifyContent: 'space-between' }}>
          <h1 style={{ color: TEXT, fontSize: 36, margin: 0, letterSpacing: 2 }}>{t('bigScreen.title', { unit: cockpit.data?.unitName ?? '' })}</h1>
          <span style={{ color: MUTED, fontSize: 18 }} data-testid="big-screen-period">
            {t('bigScreen.period', { from: period.from, to: period.to })} · {t('bigScreen.updated', { at: now.toLocaleTimeString(locale === 'en' ? 'en-GB' : 'zh-CN', { hour12: false }) })}
          </span>
        </header>

        <div style={{ display: 'grid', gridTemplateColumns: `repeat(${Math.max(kpis.length, 1)}, 1fr)`, gap: 16 }} data-testid="big-screen-heroes">
          {kpis.map((kpi) => {
            const shown = formatMetric(kpi.value, kpi.unit, t);
            const completion = kpi.completion === null ? null : Number(kpi.completion);
            return (
              <div key={kpi.key} data-testid={`big-screen-hero-${kpi.key}`} data-value={kpi.value} style={{ background: PANEL, border: '1px solid #1d3461', borderRadius: 6, padding: '12px 16px' }}>
                <div style={{ color: MUTED, fontSize: 18 }}>{localName(kpi.name, locale)}</div>
                <div style={{ fontSize: 44, fontWeight: 700, color: TEXT, lineHeight: 1.2 }}>
                  {shown.number}
                  <span style={{ fontSize: 20, marginInlineStart: 6, color: MUTED }}>{shown.suffix}</span>
                </div>
                {kpi.target !== null ? (
                  <>
                    <div style={{ color: MUTED, fontSize: 15 }}>{t('bigScreen.target', { target: metricText(kpi.target, kpi.unit, t), completion: kpi.completion ?? '—' })}</div>
                    <Progress percent={Math.min(100, completion ?? 0)} showInfo={false} strokeColor={completion !== null && completion >= 100 ? '#52c41a' : ACCENT} railColor="#1d3461" size="small" aria-label={t('bigScreen.completionOf', { name: localName(kpi.name, locale) })} />
                  </>
                ) : (
                  <div style={{ color: MUTED, fontSize: 15 }}>{t('bigScreen.noTarget')}</div>
                )}
              </div>
            );
          })}
        </div>

        <div style={{ display: 'grid', gridTemplateColumns: '1fr 1fr', gap: 16, minHeight: 0 }}>
          <Panel title={t('bigScreen.heatmap')} testId="big-screen-map">
            <div style={{ display: 'flex', height: '100%' }}>
              <div style={{ flex: 1, minWidth: 0 }}>
                <RegionMap
                  mapKey={{ kind: 'china' }}
                  cells={mapCells}
                  measureName={t('heatmap.measure.signedContractYuan')}
                  regionName={t('heatmap.china')}
                  height={380}
                  showLabels
                  dark
                  regionNames={heat.data?.regionNames}
                  outlineCodes={(heat.data?.priorityRegions ?? []).flatMap((r) => r.codes)}
                  testId="big-screen-heatmap"
                  onPick={() => undefined}
                />
              </div>
              <ol style={{ width: 220, margin: 0, paddingInlineStart: 24, fontSize: 16, color: TEXT }}>
                {topRegions.map((cell) => (
                  <li key={cell.cell} style={{ marginBottom: 10 }}>
                    <div>{localName(cell.label, locale)}</div>
                    <div style={{ color: ACCENT, fontWeight: 600 }}>{metricText(cell.value, 'yuan', t)}</div>
                  </li>
                ))}
              </ol>
            </div>
          </Panel>
          <Panel title={t('bigScreen.trend', { metric: trendName })} testId="big-screen-trend">
            {trendOption ? <EChart option={trendOption} height={380} aria-label={t('bigScreen.trend', { metric: trendName })} /> : null}
          </Panel>
        </div>

        <div style={{ display: 'grid', gridTemplateColumns: '1.3fr 1fr 0.8fr', gap: 16, minHeight: 0 }}>
          <Panel title={t('bigScreen.ranking')} testId="big-screen-ranking">
            <table style={{ width: '100%', fontSize: 17, borderCollapse: 'collapse', color: TEXT }}>
              <tbody>
                {ranking.map((row) => (
                  <tr key={row.unitId} style={{ borderBottom: '1px solid #1d3461', height: 26 }}>
                    <td style={{ width: 48, color: ACCENT, fontWeight: 700 }}>{row.rank ?? '—'}</td>
                    <td>{row.unitName}</td>
                    <td style={{ textAlign: 'end' }} data-completion={row.completion ?? ''}>{row.completion === null ? t('bigScreen.noTarget') : `${row.completion}%`}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </Panel>
          <Panel title={t('bigScreen.chainGaps')} testId="big-screen-chains">
            <table style={{ width: '100%', fontSize: 17, borderCollapse: 'collapse', color: TEXT }}>
              <tbody>
                {active.map((chain, i) => (
                  <tr key={chain.id} style={{ borderBottom: '1px solid #1d3461', height: 26 }}>
                    <td>{locale === 'en' ? chain.nameEn : chain.name}</td>
                    <td style={{ textAlign: 'end' }}>{gaps[i]?.data ? t('bigScreen.gaps', { count: gaps[i].data.items.length, links: chain.links }) : '…'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </Panel>
          <Panel title={t('bigScreen.supervision')} testId="big-screen-alerts">
            {alerts ? (
              <div style={{ display: 'grid', gap: 12, fontSize: 18 }}>
                {([
                  ['overdueDeadlines', '#ff4d4f'],
                  ['dueSoonDeadlines', '#faad14'],
                  ['overdueProblems', '#ff7a45'],
                ] as const).map(([key, color]) => (
                  <div key={key} style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'baseline' }} data-testid={`big-screen-alert-${key}`} data-value={alerts[key]}>
                    <span style={{ color: MUTED }}>{t(`bigScreen.${key}`)}</span>
                    <span style={{ color, fontSize: 40, fontWeight: 700 }}>{alerts[key]}</span>
                  </div>
                ))}
              </div>
            ) : null}
          </Panel>
        </div>
      </div>
    </div>
  );
}
