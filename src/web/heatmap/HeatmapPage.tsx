import { useState } from 'react';
import { Breadcrumb, Button, Card, Col, Drawer, Flex, Grid, InputNumber, Row, Segmented, Select, Space, Table, Typography, type TableColumnsType } from 'antd';
import { Link } from 'react-router';
import { chinaToday } from '../../domain/calendar.ts';
import { growthPercent } from '../../domain/bulletin.ts';
import { CITY_MAPS, mapOfView } from '../../domain/heatmap/map-features.ts';
import { HEATMAP_MEASURES, type THeatmap, type THeatmapLevel, type THeatmapMeasure, type THeatmapRecord } from '../../shared/heatmap.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { ScopeUnitSelect } from '../metrics/ScopeUnitSelect.tsx';
import { localName } from '../metrics/metric-format.ts';
import { WanAmount, WanUsdAmount } from '../ui/Amount.tsx';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';
import { formatWan } from '../ui/money.ts';
import { PageHeader } from '../ui/PageHeader.tsx';
import { useUrlFilters } from '../ui/use-url-filters.ts';
import { useHeatmap, useHeatmapRecords, type HeatmapView } from './heatmap.queries.ts';
import { useUnits } from '../units/units.queries.ts';
import { CityMap } from './CityMap.tsx';
import { PriorityRegionsCard } from './PriorityRegions.tsx';
import { canAdminister } from '../../domain/roles.ts';
import { useCurrentUser } from '../auth/auth.queries.ts';
import { RegionMap, type MapCell } from './RegionMap.tsx';
import { HeatmapFilterControls, heatmapFiltersFromUrl } from './HeatmapFilters.tsx';

type Cell = THeatmap['cells'][number];
type Unit = THeatmap['unit'];
const LEVELS: readonly THeatmapLevel[] = ['country', 'province', 'city', 'county'];

function Value({ value, unit }: { value: number; unit: Unit }) {
  if (unit === 'yuan') return <WanAmount yuan={value} withUnit />;
  if (unit === 'usd') return <WanUsdAmount usd={value} withUnit />;
  return <span className="zs-amount">{value}</span>;
}

/** A value as text, in the measure's unit (万元, 万美元 or a count). */
function valueText(value: number, unit: Unit, t: ReturnType<typeof useI18n>['t']) {
  if (unit === 'yuan') return t('money.wanValue', { value: formatWan(value) });
  if (unit === 'usd') return t('money.wanUsdValue', { value: formatWan(value) });
  return String(value);
}

const change = (value: number, lastYear: number) => growthPercent({ kind: 'count', count: value, measure: '' }, { kind: 'count', count: lastYear, measure: '' });

/** The view a cell drills into: CN → China's provinces, a province → its cities, a city → its counties. */
function drillOf(view: HeatmapView, cell: string): Pick<HeatmapView, 'level' | 'parent'> | null {
  if (view.level === 'country') return cell === 'CN' ? { level: 'province' } : null;
  if (!/^\d{6}$/.test(cell)) return null;
  if (view.level === 'province') return { level: 'city', parent: cell };
  if (view.level === 'city') return { level: 'county', parent: cell };
  return null;
}

/**
 * 热力图 (issue 15), first increment: a measure of the unit's subtree by source region — the investor's ultimate
 * parent's HQ — from the world to China's provinces, a province's cities and a city's counties, with the priority
 * regions beside; every number opens the records that make it. Above the table, the view on a map (China with the
 * 南海诸岛 inset, a province's cities, the world): click a province to see its cities, a city or a country to see
 * its records.
 */
export function HeatmapPage() {
  const { t, locale } = useI18n();
  const filters = useUrlFilters();
  const measureParam = filters.text('measure');
  const measure: THeatmapMeasure = (HEATMAP_MEASURES as readonly string[]).includes(measureParam ?? '') ? (measureParam as THeatmapMeasure) : 'signedContractYuan';
  const levelParam = filters.text('level');
  const parent = filters.text('parent');
  const level: THeatmapLevel = LEVELS.includes(levelParam as THeatmapLevel) && ((levelParam !== 'city' && levelParam !== 'county') || parent) ? (levelParam as THeatmapLevel) : 'province';
  const year = filters.number('year') ?? Number(chinaToday(new Date()).slice(0, 4));
  const unitId = filters.number('unitId');
  const filterValues = heatmapFiltersFromUrl(filters, measure);
  const view: HeatmapView = { measure, year, level, parent: level === 'city' || level === 'county' ? parent : undefined, unitId, ...filterValues };
  const { data, error, isFetching } = useHeatmap(view);
  const [opened, setOpened] = useState<{ cell: string; label: string; value: number } | null>(null);
  const [outlinedKey, setOutlinedKey] = useState<string | null>(null);
  const me = useCurrentUser();
  const priorityRegions = data?.priorityRegions ?? [];
  const outlineCodes = priorityRegions.filter((r) => outlinedKey === null || r.key === outlinedKey).flatMap((r) => r.codes);
  const unit: Unit = data?.unit ?? 'count';
  const screens = Grid.useBreakpoint();
  const { data: units } = useUnits();
  const scopeUnit = data ? units?.find((u) => u.id === data.unitId) : undefined;
  const mapKey = mapOfView({ level, parent: view.parent });
  const measureName = t(`heatmap.measure.${measure}`);
  const mapCells: MapCell[] = (data?.cells ?? []).map((cell) => ({
    cell: cell.cell,
    label: localName(cell.label, locale),
    value: cell.value,
    valueText: valueText(cell.value, unit, t),
    share: cell.share,
    change: change(cell.value, cell.lastYear),
    lastYearText: valueText(cell.lastYear, unit, t),
  }));
  const open = (cell: string, label: string, value: number) => setOpened({ cell, label, value });
  /** China's province → its cities; a city or a country → its records; China on the world map → China's provinces. */
  const handlePick = (feature: string, name: string, cell: MapCell | null) => {
    const drill = drillOf(view, cell?.cell ?? feature);
    if (drill && level !== 'city') return go(drill);
    open(cell?.cell ?? feature, name, cell?.value ?? 0);
  };
  const mapHint = level === 'country' ? t('heatmapMap.hintWorld') : level === 'province' ? t('heatmapMap.hintChina') : t('heatmapMap.hintProvince');

  const go = (next: Pick<HeatmapView, 'level' | 'parent'>) => filters.update({ level: next.level, parent: next.parent });
  const crumbs = [
    { title: <a onClick={() => go({ level: 'country' })}>{t('heatmap.world')}</a> },
    ...(level !== 'country' ? [{ title: <a onClick={() => go({ level: 'province' })}>{t('heatmap.china')}</a> }] : []),
    ...(data?.parent ? [{ title: data.parent.name }] : []),
  ];

  const columns: TableColumnsType<Cell> = [
    { title: t('heatmap.region'), dataIndex: 'label', key: 'label', render: (label: Cell['label']) => localName(label, locale) },
    { title: t('heatmap.value'), dataIndex: 'value', key: 'value', align: 'right', render: (value: number) => <Value value={value} unit={unit} /> },
    { title: t('heatmap.share'), dataIndex: 'share', key: 'share', align: 'right', responsive: ['sm'], render: (share: string | null) => (share === null ? '—' : `${share}%`) },
    { title: t('heatmap.lastYear'), dataIndex: 'lastYear', key: 'lastYear', align: 'right', responsive: ['md'], render: (value: number) => <Value value={value} unit={unit} /> },
    { title: t('heatmap.change'), key: 'change', align: 'right', responsive: ['md'], render: (_: unknown, cell) => { const c = change(cell.value, cell.lastYear); return c === null ? '—' : `${c}%`; } },
    {
      title: '',
      key: 'actions',
      render: (_: unknown, cell) => {
        const drill = drillOf(view, cell.cell);
        return (
          <Space size="small">
            {drill ? <Button size="small" type="link" onClick={() => go(drill)}>{t('heatmap.drill')}</Button> : null}
            <Button size="small" type="link" onClick={() => setOpened({ cell: cell.cell, label: localName(cell.label, locale), value: cell.value })}>{t('heatmap.records')}</Button>
          </Space>
        );
      },
    },
  ];

  return (
    <>
      <PageHeader
        title={t('nav.heatmap')}
        subTitle={data ? t(data.measure === 'tripCities' ? 'heatmap.subtitleTrips' : 'heatmap.subtitle', { unit: data.unitName, year: data.year }) : undefined}
        extra={me.role === 'leader' || me.role === 'bureau' ? <Link to="/big-screen" target="_blank" rel="noopener">{t('bigScreen.open')}</Link> : undefined}
      />
      <Flex className="zs-filters" gap="small" wrap align="center">
        <Select
          aria-label={t('heatmap.measure')}
          style={{ minWidth: 200 }}
          value={measure}
          onChange={(value) => filters.update({ measure: value })}
          options={HEATMAP_MEASURES.map((m) => ({ value: m, label: t(`heatmap.measure.${m}`) }))}
        />
        <InputNumber aria-label={t('heatmap.year')} min={2000} max={2100} value={year} onChange={(value) => value && filters.update({ year: value })} />
        <ScopeUnitSelect aria-label={t('metric.unitScope')} value={unitId} onChange={(value) => filters.update({ unitId: value })} />
        <HeatmapFilterControls measure={measure} values={filterValues} onChange={filters.update} />
      </Flex>
      <ErrorAlert error={error} />
      <Breadcrumb items={crumbs} style={{ marginBottom: 12 }} />
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={16}>
          <Card
            size="small"
            title={
              <Segmented
                size="small"
                value={level === 'country' ? 'world' : 'china'}
                onChange={(value) => go(value === 'world' ? { level: 'country' } : { level: 'province' })}
                options={[
                  { value: 'china', label: t('heatmapMap.china') },
                  { value: 'world', label: t('heatmapMap.world') },
                ]}
              />
            }
            extra={mapKey ? <Typography.Text type="secondary" style={{ fontSize: 12, whiteSpace: 'normal' }}>{mapHint}</Typography.Text> : null}
          >
            {mapKey ? (
              <RegionMap
                mapKey={mapKey}
                cells={mapCells}
                measureName={measureName}
                regionName={data?.parent?.name ?? (level === 'country' ? t('heatmap.world') : t('heatmap.china'))}
                height={screens.md ? 460 : 300}
                showLabels={!!screens.md}
                outlineCodes={outlineCodes}
                regionNames={data?.regionNames}
                onPick={handlePick}
              />
            ) : (
              <Typography.Text type="secondary">{t('heatmapMap.noMap')}</Typography.Text>
            )}
          </Card>
        </Col>
        <Col xs={24} lg={8}>
          <PriorityRegionsCard
            regions={priorityRegions}
            renderValue={(value) => <Value value={value} unit={unit} />}
            outlined={outlinedKey}
            onOutline={setOutlinedKey}
            onOpen={(cell, label, value) => setOpened({ cell, label, value })}
            canEdit={canAdminister(me.role)}
          />
          <Card size="small" title={t('heatmap.presets')} style={{ marginTop: 16 }}>
            <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>{t('heatmap.presetsHint')}</Typography.Paragraph>
            <Table
              size="small"
              rowKey="key"
              pagination={false}
              scroll={{ x: 'max-content' }}
              dataSource={data?.presets ?? []}
              data-testid="heatmap-presets"
              columns={[
                { title: t('heatmap.region'), dataIndex: 'label', key: 'label', render: (label: Cell['label']) => localName(label, locale) },
                {
                  title: t('heatmap.value'),
                  dataIndex: 'value',
                  key: 'value',
                  align: 'right',
                  render: (value: number, preset: THeatmap['presets'][number]) => (
                    <a onClick={() => setOpened({ cell: `preset:${preset.key}`, label: localName(preset.label, locale), value })}>
                      <Value value={value} unit={unit} />
                    </a>
                  ),
                },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24}>
          <Card size="small" title={data ? t('heatmap.total', { value: '' }) : undefined} extra={data ? <Value value={data.value} unit={unit} /> : null}>
            <Table<Cell> size="small" rowKey="cell" loading={isFetching} columns={columns} dataSource={data?.cells ?? []} pagination={false} scroll={{ x: 'max-content' }} locale={{ emptyText: t('heatmap.empty') }} data-testid="heatmap-cells" />
          </Card>
        </Col>
      </Row>
      {scopeUnit && units && CITY_MAPS.includes(scopeUnit.code) ? (
        <div style={{ marginTop: 16 }}>
          <CityMap city={scopeUnit} units={units} year={year} height={screens.md ? 420 : 300} showLabels={!!screens.md} />
        </div>
      ) : null}
      <HeatmapRecordsDrawer view={view} opened={opened} unit={unit} measureName={measureName} onClose={() => setOpened(null)} />
    </>
  );
}

function HeatmapRecordsDrawer({ view, opened, unit, measureName, onClose }: { view: HeatmapView; opened: { cell: string; label: string; value: number } | null; unit: Unit; measureName: string; onClose: () => void }) {
  const { t } = useI18n();
  const { data, error, isFetching } = useHeatmapRecords(opened ? { ...view, cell: opened.cell } : null);
  const items = data && opened && data.cell === opened.cell ? data.items : [];
  const columns: TableColumnsType<THeatmapRecord> = [
    {
      title: t('heatmap.recordName'),
      dataIndex: 'projectName',
      key: 'projectName',
      render: (name: string, item) =>
        item.recordKind === 'enterprise' ? (
          <Link to={`/enterprises/${item.recordId}`} onClick={onClose}>{name}</Link>
        ) : item.projectId !== null && item.openable ? (
          <Link to={`/projects/${item.projectId}`} onClick={onClose}>{name}</Link>
        ) : (
          name
        ),
    },
    { title: t('project.unit'), dataIndex: 'unitName', key: 'unitName', responsive: ['sm'] },
    { title: t('records.date'), dataIndex: 'date', key: 'date', responsive: ['md'], render: (date: string | null) => date ?? '—' },
    { title: t('heatmap.sourceRegion'), dataIndex: 'sourceRegionName', key: 'sourceRegionName', responsive: ['md'], render: (name: string | null) => name ?? '—' },
    { title: t('records.contribution'), dataIndex: 'contribution', key: 'contribution', align: 'right', render: (value: number) => <Value value={value} unit={unit} /> },
  ];
  return (
    <Drawer open={!!opened} onClose={onClose} size="large" destroyOnHidden title={opened ? t('heatmap.recordsTitle', { region: opened.label, measure: measureName }) : ''} data-testid="heatmap-records">
      <ErrorAlert error={error} />
      <Table<THeatmapRecord> size="small" rowKey={(r) => `${r.recordKind}:${r.recordId}:${r.sourceRegion ?? ''}`} loading={isFetching} columns={columns} dataSource={items} pagination={{ pageSize: 50, hideOnSinglePage: true }} scroll={{ x: 'max-content' }} />
      {data && !isFetching ? (
        <Typography.Text strong>
          {t('records.total')} <Value value={data.value} unit={unit} />
        </Typography.Text>
      ) : null}
    </Drawer>
  );
}
