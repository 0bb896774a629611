import { Card, Col, Empty, Flex, Progress, Table, Tag, Tooltip, Typography, theme } from 'antd';
import { AlertOutlined, ClockCircleOutlined, QuestionCircleOutlined, WarningOutlined } from '@ant-design/icons';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import type { TCockpitKpi, TCockpitOverview } from '../../shared/cockpit.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { formatMetric, localName, metricText, targetText } from '../metrics/metric-format.ts';
import { groupByFamily } from './cockpit-layout.ts';
import { comparison } from './KpiCard.tsx';

type RankedUnit = TCockpitOverview['ranking'][number];

/** A completion bar's colour: behind (under 60%) red, on the way amber, done green — with the number always written. */
function completionColour(percent: number, token: ReturnType<typeof theme.useToken>['token']): string {
  if (percent >= 100) return token.colorSuccess;
  if (percent >= 60) return token.colorPrimary;
  return token.colorError;
}

/** The child units ranked by the mean completion of their hero targets; a unit's name narrows the cockpit to it. */
export function RankingPanel({ overview, kpis, onUnit }: { overview: TCockpitOverview | undefined; kpis: TCockpitKpi[]; onUnit: (unitId: number) => void }) {
  const { t, locale } = useI18n();
  const { token } = theme.useToken();
  const nameOf = (key: string) => {
    const kpi = kpis.find((k) => k.key === key);
    return kpi ? localName(kpi.name, locale) : key;
  };
  const unitOf = (key: string) => kpis.find((k) => k.key === key)?.unit ?? 'count';
  const breakdown = (unit: RankedUnit) => (
    <div>
      {unit.heroes.map((hero) => (
        <div key={hero.key}>
          {nameOf(hero.key)}：{metricText(hero.value, unitOf(hero.key), t)}
          {hero.target !== null ? ` / ${targetText(hero.target, unitOf(hero.key), t)}（${hero.completion}%）` : `（${t('cockpitHome.unranked')}）`}
        </div>
      ))}
    </div>
  );
  return (
    <Card
      size="small"
      data-testid="cockpit-ranking"
      title={
        <Flex align="center" gap={6}>
          {t('cockpitHome.ranking')}
          <Tooltip title={t('cockpitHome.rankingHint')}>
            <QuestionCircleOutlined aria-label={t('cockpitHome.rankingHint')} style={{ color: token.colorTextTertiary }} />
          </Tooltip>
        </Flex>
      }
      styles={{ body: { padding: 0 } }}
    >
      {overview && overview.ranking.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('cockpitHome.noUnits')} />
      ) : (
        <Table<RankedUnit>
          rowKey="unitId"
          size="small"
          loading={!overview}
          dataSource={overview?.ranking ?? []}
          pagination={false}
          scroll={{ y: 236 }}
          columns={[
            {
              title: t('cockpitHome.rank'),
              key: 'rank',
              width: 56,
              align: 'center',
              render: (_v, unit) => (unit.rank === null ? '—' : <Tag color={unit.rank <= 3 ? 'blue' : undefined} style={{ marginInlineEnd: 0 }}>{unit.rank}</Tag>),
            },
            {
              title: t('cockpitHome.unit'),
              key: 'unit',
              ellipsis: { showTitle: false },
              render: (_v, unit) => (
                <Tooltip title={breakdown(unit)}>
                  <button type="button" className="zs-link-number" onClick={() => onUnit(unit.unitId)} data-testid={`ranking-unit-${unit.unitId}`}>
                    {unit.unitName}
                  </button>
                </Tooltip>
              ),
            },
            {
              title: t('cockpitHome.meanCompletion'),
              key: 'completion',
              width: '48%',
              render: (_v, unit) =>
                unit.completion === null ? (
                  <Typography.Text type="secondary">{t('cockpitHome.unranked')}</Typography.Text>
                ) : (
                  <Flex align="center" gap={8}>
                    <Progress
                      percent={Math.min(100, Number(unit.completion))}
                      showInfo={false}
                      size="small"
                      strokeColor={completionColour(Number(unit.completion), token)}
                      aria-label={`${unit.unitName} ${t('cockpitHome.meanCompletion')}`}
                      style={{ flex: 1, margin: 0, minWidth: 40 }}
                    />
                    <span className="zs-amount" style={{ minWidth: 58, textAlign: 'right' }}>
                      {unit.completion}%
                    </span>
                  </Flex>
                ),
            },
          ]}
        />
      )}
    </Card>
  );
}

/** What is overdue: each a number that opens its list with the same filter (and the cockpit's unit, when chosen). */
export function AlertsPanel({ overview, unitId }: { overview: TCockpitOverview | undefined; unitId: number | undefined }) {
  const { t } = useI18n();
  const { token } = theme.useToken();
  const unit = unitId ? `&unitId=${unitId}` : '';
  const items: { key: keyof TCockpitOverview['alerts']; to: string; icon: ReactNode; urgent: boolean }[] = [
    { key: 'overdueDeadlines', to: `/supervision?status=overdue${unit}`, icon: <WarningOutlined />, urgent: true },
    { key: 'dueSoonDeadlines', to: `/supervision?status=dueSoon${unit}`, icon: <ClockCircleOutlined />, urgent: false },
    { key: 'overdueProblems', to: `/problems?state=open&overdue=true${unit}`, icon: <AlertOutlined />, urgent: true },
  ];
  return (
    <Card size="small" title={t('cockpitHome.alerts')} data-testid="cockpit-alerts" style={{ height: '100%' }}>
      <Flex vertical gap={4}>
        {items.map((item) => {
          const count = overview?.alerts[item.key];
          const name = t(`cockpitHome.${item.key}`);
          const colour = count ? (item.urgent ? token.colorErrorText : token.colorWarningText) : token.colorTextSecondary;
          return (
            <Link
              key={item.key}
              to={item.to}
              className="zs-alert-item"
              data-testid={`alert-${item.key}`}
              aria-label={`${name} ${count ?? ''} ${t('cockpitHome.openList', { name })}`}
            >
              <span style={{ color: colour }}>{item.icon}</span>
              <span className="zs-alert-name">{name}</span>
              <span className="zs-alert-count zs-amount" data-testid={`alert-count-${item.key}`} style={{ color: colour }}>
                {count ?? '—'}
              </span>
            </Link>
          );
        })}
      </Flex>
    </Card>
  );
}

/** The indicators that are not heroes, compact: one row each, grouped by family, every figure opening its records. */
export function OtherKpisTable({
  kpis,
  onOpen,
  confirmedOf,
}: {
  kpis: TCockpitKpi[];
  onOpen: (kpi: TCockpitKpi, which: 'value' | 'lastYear') => void;
  /** 对照 (issue 17): the same indicator counting confirmed stage changes only, written under the reported value. */
  confirmedOf?: (key: string) => TCockpitKpi | undefined;
}) {
  const { t, locale } = useI18n();
  const { token } = theme.useToken();
  type Row = { key: string; family?: string; kpi?: TCockpitKpi };
  const rows: Row[] = groupByFamily(kpis).flatMap((group) => [
    { key: `family-${group.family}`, family: t(`cockpitHome.family.${group.family}`) },
    ...group.items.map((kpi) => ({ key: kpi.key, kpi })),
  ]);
  const valueText = (kpi: TCockpitKpi, which: 'value' | 'lastYear') => {
    if (which === 'value' ? kpi.empty : kpi.lastYearEmpty) return '—';
    const { number, suffix } = formatMetric(which === 'value' ? kpi.value : kpi.lastYear, kpi.unit, t);
    return kpi.unit === 'percent' ? number + suffix : `${number} ${suffix}`;
  };
  const span = (row: Row) => (row.family ? { colSpan: 0 } : {});
  return (
    <Card size="small" title={t('cockpitHome.others')} data-testid="cockpit-other-kpis" styles={{ body: { padding: 0 } }}>
      <Table<Row>
        rowKey="key"
        size="small"
        dataSource={rows}
        pagination={false}
        scroll={{ x: 640 }}
        columns={[
          {
            title: t('cockpitHome.metric'),
            key: 'name',
            fixed: 'left',
            width: 220,
            onCell: (row) => (row.family ? { colSpan: 6, style: { background: token.colorFillAlter, fontWeight: 600 } } : {}),
            render: (_v, row) =>
              row.family ?? (
                <Tooltip title={localName(row.kpi!.definition, locale)}>
                  <span>{localName(row.kpi!.name, locale)}</span>
                </Tooltip>
              ),
          },
          {
            title: t('cockpitHome.value'),
            key: 'value',
            align: 'right',
            onCell: span,
            render: (_v, row) =>
              row.kpi ? (
                <>
                  <button type="button" className="zs-link-number zs-amount" data-testid={`kpi-value-${row.kpi.key}`} onClick={() => onOpen(row.kpi!, 'value')}>
                    {valueText(row.kpi, 'value')}
                  </button>
                  {confirmedOf?.(row.kpi.key) ? (
                    <div className="zs-amount" data-testid={`kpi-confirmed-${row.kpi.key}`} style={{ fontSize: token.fontSizeSM, color: token.colorTextSecondary }}>
                      {t('counting.confirmedShort')} {valueText(confirmedOf(row.kpi.key)!, 'value')}
                    </div>
                  ) : null}
                </>
              ) : null,
          },
          {
            title: t('cockpitHome.lastYear'),
            key: 'lastYear',
            align: 'right',
            onCell: span,
            render: (_v, row) =>
              row.kpi ? (
                <button type="button" className="zs-link-number zs-amount" onClick={() => onOpen(row.kpi!, 'lastYear')}>
                  {valueText(row.kpi, 'lastYear')}
                </button>
              ) : null,
          },
          {
            title: t('cockpitHome.change'),
            key: 'change',
            align: 'right',
            onCell: span,
            render: (_v, row) => {
              if (!row.kpi) return null;
              const { direction, text } = comparison(row.kpi, t);
              return (
                <span className="zs-amount" data-testid={`kpi-growth-${row.kpi.key}`} style={{ color: direction > 0 ? token.colorErrorText : direction < 0 ? token.green8 : undefined }}>
                  {text || '—'}
                </span>
              );
            },
          },
          {
            title: t('cockpitHome.target'),
            key: 'target',
            align: 'right',
            onCell: span,
            render: (_v, row) => (row.kpi?.target != null ? <span className="zs-amount">{targetText(row.kpi.target, row.kpi.unit, t)}</span> : row.kpi ? '—' : null),
          },
          {
            title: t('cockpitHome.completion'),
            key: 'completion',
            align: 'right',
            onCell: span,
            render: (_v, row) => (row.kpi?.completion != null ? <span className="zs-amount">{row.kpi.completion}%</span> : row.kpi ? '—' : null),
          },
        ]}
      />
    </Card>
  );
}

/** The hero row's columns: all in one row on a wide screen (4–6), two per row on a phone. */
export function HeroCol({ count, children }: { count: number; children: ReactNode }) {
  return (
    <Col xs={12} md={8} xl={{ flex: `${100 / Math.max(count, 1)}%` }} style={{ minWidth: 0 }}>
      {children}
    </Col>
  );
}
