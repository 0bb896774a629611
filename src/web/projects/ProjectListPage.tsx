import { useEffect, useState } from 'react';
import { Alert, Badge, Button, Card, Dropdown, Flex, Grid, Pagination, Select, Table, Typography, type PaginationProps, type TableColumnsType } from 'antd';
import { AppstoreOutlined, DownOutlined, DownloadOutlined, FilterOutlined, PlusOutlined } from '@ant-design/icons';
import { Link, useNavigate } from 'react-router';
import { yuanToWanText } from '../../domain/money.ts';
import { canWriteRecords, seesUnitRecords } from '../../domain/roles.ts';
import { PROJECT_STATES, type ProjectState } from '../../domain/stages.ts';
import type { TProject } from '../../shared/projects.ts';
import { apiUrl } from '../api/client.ts';
import { useCurrentUser } from '../auth/auth.queries.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { IndustrySelect, industryLabel, industryNameIn } from '../industries/IndustrySelect.tsx';
import { RegionSelect } from '../regions/RegionSelect.tsx';
import { WanAmount } from '../ui/Amount.tsx';
import { WanAmountInput } from '../ui/AmountInput.tsx';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';
import { wanInputToYuan } from '../ui/money.ts';
import { PageHeader } from '../ui/PageHeader.tsx';
import { useDebouncedValue } from '../ui/use-debounced-value.ts';
import { useUrlFilters, urlPagination } from '../ui/use-url-filters.ts';
import { PageSum, useColumnSettings } from '../ui/ColumnSettings.tsx';
import { SearchAndUnitFilters } from '../ui/SearchAndUnitFilters.tsx';
import { NextDeadline } from './DeadlineTag.tsx';
import { FUND_SOURCES, PROJECT_TYPES } from './ProjectForm.tsx';
import { ConfidentialTag, MajorTag } from './ProjectTags.tsx';
import { useProjectList, type DeadlineStatus, type Flag, type FundSource, type ProjectSort, type ProjectType } from './projects.queries.ts';
import { SavedFilters } from './SavedFilters.tsx';
import { StageTag, stageOptions } from './StageTag.tsx';

const DEADLINE_STATUSES: readonly DeadlineStatus[] = ['overdue', 'dueSoon', 'onTrack'];
const SORTS: readonly ProjectSort[] = ['newest', 'nextDue', 'totalDesc', 'name'];
const FLAGS: readonly Flag[] = ['true', 'false'];

/** The list's filters, named as the API names them, so a saved filter is the API's own query. */
const FILTER_NAMES = [
  'q',
  'unitId',
  'stage',
  'deadlineStatus',
  'industry',
  'minTotalYuan',
  'maxTotalYuan',
  'sourceRegion',
  'projectType',
  'fundSource',
  'isMajor',
  'inThreeBatch',
  'sort',
] as const;
const MORE_FILTERS = ['industry', 'minTotalYuan', 'maxTotalYuan', 'sourceRegion', 'projectType', 'fundSource', 'isMajor', 'inThreeBatch'] as const;

function oneOf<T extends string>(values: readonly T[], value: string | undefined): T | undefined {
  return (values as readonly string[]).includes(value ?? '') ? (value as T) : undefined;
}

/** A region code as a prefix of the investor's HQ code: 440000 → 44, 440300 → 4403, 440305 as it is. */
function regionPrefix(code: string | null): string | undefined {
  if (!code) return undefined;
  return code.replace(/(00)+$/, '') || undefined;
}

function regionCode(prefix: string | undefined): string | null {
  return prefix ? prefix.padEnd(6, '0') : null;
}

export function ProjectListPage() {
  const me = useCurrentUser();
  const { t, locale } = useI18n();
  const isPhone = !Grid.useBreakpoint().md;
  const navigate = useNavigate();
  const filters = useUrlFilters();
  const q = filters.text('q');
  const unitId = filters.number('unitId');
  const stage = oneOf(PROJECT_STATES, filters.text('stage')) as ProjectState | undefined;
  const deadlineStatus = oneOf(DEADLINE_STATUSES, filters.text('deadlineStatus'));
  const industry = filters.text('industry');
  const minTotalYuan = filters.number('minTotalYuan');
  const maxTotalYuan = filters.number('maxTotalYuan');
  const sourceRegion = filters.text('sourceRegion');
  const projectType = oneOf<ProjectType>(PROJECT_TYPES, filters.text('projectType'));
  const fundSource = oneOf<FundSource>(FUND_SOURCES, filters.text('fundSource'));
  const isMajor = oneOf(FLAGS, filters.text('isMajor'));
  const inThreeBatch = oneOf(FLAGS, filters.text('inThreeBatch'));
  const sort = oneOf(SORTS, filters.text('sort'));
  const page = filters.number('page', 1)!;
  const pageSize = filters.number('pageSize', 20)!;
  const { data, isFetching, error } = useProjectList({
    q,
    unitId,
    stage,
    deadlineStatus,
    industry,
    minTotalYuan,
    maxTotalYuan,
    sourceRegion,
    projectType,
    fundSource,
    isMajor,
    inThreeBatch,
    sort,
    page,
    pageSize,
  });
  const moreSet = MORE_FILTERS.filter((name) => filters.text(name)).length;
  const [moreOpen, setMoreOpen] = useState(moreSet > 0);

  const columns: TableColumnsType<TProject> = [
    {
      title: t('project.name'),
      dataIndex: 'name',
      key: 'name',
      fixed: 'left',
      width: 220,
      render: (name: string, project) => (
        <Flex gap={4} wrap align="center">
          <Link to={`/projects/${project.id}`}>{name}</Link>
          <ConfidentialTag project={project} />
          <MajorTag project={project} />
        </Flex>
      ),
    },
    { title: t('project.investor'), dataIndex: 'investorName', key: 'investorName', responsive: ['md'] },
    { title: t('project.unit'), dataIndex: 'unitName', key: 'unitName', responsive: ['sm'], onHeaderCell: () => ({ style: { whiteSpace: 'nowrap' } }) },
    {
      title: t('project.industry'),
      key: 'industry',
      responsive: ['xl'],
      // A short cell (names run long: 电子专用材料制造), the full code and name on hover.
      render: (_value, project) =>
        project.industryCode ? (
          <Typography.Text ellipsis={{ tooltip: industryLabel(project.industryCode, project.industryName, locale) }} style={{ maxWidth: 112 }}>
            {project.industryName ? industryNameIn(project.industryCode, project.industryName, locale) : project.industryCode}
          </Typography.Text>
        ) : null,
    },
    {
      title: t('project.totalInvestmentWan'),
      dataIndex: 'totalInvestmentYuan',
      key: 'totalInvestmentYuan',
      align: 'right',
      // "总投资(万元)" stays on one line on a phone instead of breaking inside the unit.
      onHeaderCell: () => ({ style: { wordBreak: 'keep-all' } }),
      render: (yuan: number) => <WanAmount yuan={yuan} />,
    },
    { title: t('project.stage'), dataIndex: 'stage', key: 'stage', render: (value: ProjectState) => <StageTag stage={value} /> },
    {
      title: t('project.nextDeadline'),
      key: 'nextDueOn',
      // The deadline light is what the list is read for: it stays at the right edge while the table scrolls (issue 16).
      fixed: 'right',
      render: (_value, project) => <NextDeadline project={project} />,
    },
  ];

  const settings = useColumnSettings(columns, { table: 'projects', userId: me.id, always: ['name', 'stage', 'nextDueOn'] });
  const pagination = urlPagination(filters, { page, pageSize, total: data?.total, showTotal: (total) => t('project.total', { total }) });

  return (
    <>
      <PageHeader
        title={t('nav.projects')}
        extra={
          <>
            <SavedFilters current={filters.current(FILTER_NAMES)} onApply={filters.replace} />
            {seesUnitRecords(me.role) ? <ExportLedger query={filters.current(FILTER_NAMES)} /> : null}
            {seesUnitRecords(me.role) ? (
              <Button icon={<AppstoreOutlined />} onClick={() => void navigate('/projects/board')}>
                {t('nav.board')}
              </Button>
            ) : null}
            {canWriteRecords(me.role) ? (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => void navigate('/projects/new')}>
                {t('project.create')}
              </Button>
            ) : null}
          </>
        }
      />
      {!seesUnitRecords(me.role) ? <Alert type="info" showIcon title={t('common.departmentNotice')} style={{ marginBottom: 16 }} /> : null}
      <Flex className="zs-filters" gap="small" wrap>
        <SearchAndUnitFilters q={q} unitId={unitId} update={filters.update} searchPlaceholder={t('project.searchPlaceholder')} />
        <Select<ProjectState>
          aria-label={t('project.filterStage')}
          value={stage}
          onChange={(value) => filters.update({ stage: value })}
          allowClear
          placeholder={t('project.allStages')}
          options={stageOptions(t)}
          style={{ flex: '1 1 110px', maxWidth: 150 }}
        />
        <Select<DeadlineStatus>
          aria-label={t('project.filterDeadline')}
          value={deadlineStatus}
          onChange={(value) => filters.update({ deadlineStatus: value })}
          allowClear
          placeholder={t('project.allDeadlines')}
          options={DEADLINE_STATUSES.map((status) => ({ value: status, label: t(`deadline.status.${status}`) }))}
          style={{ flex: '1 1 110px', maxWidth: 150 }}
        />
        <Select<ProjectSort>
          aria-label={t('project.sort')}
          value={sort ?? 'newest'}
          onChange={(value) => filters.update({ sort: value === 'newest' ? null : value })}
          options={SORTS.map((value) => ({ value, label: t(`project.sort.${value}`) }))}
          style={{ flex: '1 1 130px', maxWidth: 170 }}
        />
        <Badge count={moreSet} size="small">
          <Button icon={<FilterOutlined />} onClick={() => setMoreOpen((open) => !open)} aria-expanded={moreOpen}>
            {t('project.moreFilters')}
          </Button>
        </Badge>
      </Flex>
      {moreOpen ? (
        <Flex className="zs-filters" gap="small" wrap data-testid="more-filters">
          <IndustrySelect
            aria-label={t('project.filterIndustry')}
            value={industry}
            onChange={(value) => filters.update({ industry: value })}
            placeholder={t('project.allIndustries')}
            style={{ flex: '1 1 200px', maxWidth: 280 }}
          />
          <AmountBand min={minTotalYuan} max={maxTotalYuan} onChange={(band) => filters.update(band)} />
          <RegionSelect
            aria-label={t('project.filterSourceRegion')}
            value={regionCode(sourceRegion)}
            onChange={(code) => filters.update({ sourceRegion: regionPrefix(code) })}
            placeholder={t('project.allSourceRegions')}
            style={{ flex: '1 1 180px', maxWidth: 240 }}
          />
          <Select<ProjectType>
            aria-label={t('project.filterType')}
            value={projectType}
            onChange={(value) => filters.update({ projectType: value })}
            allowClear
            placeholder={t('project.allTypes')}
            options={PROJECT_TYPES.map((value) => ({ value, label: t(`projectType.${value}`) }))}
            style={{ flex: '1 1 120px', maxWidth: 150 }}
          />
          <Select<FundSource>
            aria-label={t('project.filterFundSource')}
            value={fundSource}
            onChange={(value) => filters.update({ fundSource: value })}
            allowClear
            placeholder={t('project.allFundSources')}
            options={FUND_SOURCES.map((value) => ({ value, label: t(`fundSource.${value}`) }))}
            style={{ flex: '1 1 120px', maxWidth: 150 }}
          />
          <Select<Flag>
            aria-label={t('project.isMajor')}
            value={isMajor}
            onChange={(value) => filters.update({ isMajor: value })}
            allowClear
            placeholder={t('project.isMajor')}
            options={[
              { value: 'true', label: t('project.majorOnly') },
              { value: 'false', label: t('project.notMajor') },
            ]}
            style={{ flex: '1 1 120px', maxWidth: 150 }}
          />
          <Select<Flag>
            aria-label={t('project.threeBatch')}
            value={inThreeBatch}
            onChange={(value) => filters.update({ inThreeBatch: value })}
            allowClear
            placeholder={t('project.threeBatch')}
            options={[
              { value: 'true', label: t('project.inThreeBatch') },
              { value: 'false', label: t('project.notInThreeBatch') },
            ]}
            style={{ flex: '1 1 140px', maxWidth: 170 }}
          />
        </Flex>
      ) : null}
      <ErrorAlert error={error} />
      {isPhone ? (
        // On a phone the projects are cards, each with its deadline light (issue 16).
        <Flex vertical gap={8} data-testid="projects-cards">
          {(data?.items ?? []).map((project) => (
            <ProjectCard key={project.id} project={project} />
          ))}
          {data && data.items.length === 0 ? <Typography.Text type="secondary">{t('common.noMatch')}</Typography.Text> : null}
          <Pagination align="end" simple {...(pagination as PaginationProps)} />
        </Flex>
      ) : (
        <>
          <Flex justify="flex-end" style={{ marginBottom: 8 }}>
            {settings.button}
          </Flex>
          <Table<TProject>
            rowKey="id"
            columns={settings.columns}
            dataSource={data?.items ?? []}
            loading={isFetching}
            scroll={{ x: 'max-content' }}
            pagination={pagination}
            summary={(rows) => <PageSum rows={rows} columns={settings.columns} amounts={{ totalInvestmentYuan: (project) => project.totalInvestmentYuan }} />}
          />
        </>
      )}
    </>
  );
}

/** One project as a phone card: name, unit and investor, stage, total investment and the deadline light. */
function ProjectCard({ project }: { project: TProject }) {
  const { t } = useI18n();
  return (
    <Card size="small" data-testid={`project-card-${project.id}`}>
      <Flex vertical gap={6}>
        <Flex gap={4} wrap align="center">
          <Link to={`/projects/${project.id}`} style={{ fontWeight: 600 }}>
            {project.name}
          </Link>
          <ConfidentialTag project={project} />
          <MajorTag project={project} />
        </Flex>
        <Typography.Text type="secondary" style={{ fontSize: 12, overflowWrap: 'anywhere' }}>
          {project.unitName} · {project.investorName}
        </Typography.Text>
        <Flex gap={8} wrap align="center">
          <StageTag stage={project.stage} />
          <span>
            {t('card.investment')} <WanAmount yuan={project.totalInvestmentYuan} withUnit />
          </span>
        </Flex>
        <Flex gap={8} wrap align="center">
          <span>{t('project.nextDeadline')}</span>
          <NextDeadline project={project} />
        </Flex>
      </Flex>
    </Card>
  );
}

const EXPORT_UNITS = ['万元', '亿元'] as const;

/** 导出台账: every project the filters select (not only this page), amounts in 万元 or 亿元. */
function ExportLedger({ query }: { query: Record<string, string> }) {
  const { t } = useI18n();
  return (
    <Dropdown
      trigger={['click']}
      menu={{
        items: EXPORT_UNITS.map((unit) => ({
          key: unit,
          label: (
            <a href={apiUrl('/projects/export', { ...query, moneyUnit: unit })} download>
              {t('project.exportIn', { unit })}
            </a>
          ),
        })),
      }}
    >
      <Button icon={<DownloadOutlined />} title={t('project.exportHint')}>
        {t('project.exportLedger')} <DownOutlined />
      </Button>
    </Dropdown>
  );
}

type AmountBandProps = {
  min: number | undefined;
  max: number | undefined;
  onChange: (band: { minTotalYuan: number | null; maxTotalYuan: number | null }) => void;
};

/** 总投资 from … to … 万元; the list follows once typing stops. */
function AmountBand({ min, max, onChange }: AmountBandProps) {
  const { t } = useI18n();
  const [minWan, setMinWan] = useState<string | null>(min === undefined ? null : yuanToWanText(min));
  const [maxWan, setMaxWan] = useState<string | null>(max === undefined ? null : yuanToWanText(max));
  const typed = useDebouncedValue(`${minWan ?? ''}|${maxWan ?? ''}`, 600);

  // A filter applied from elsewhere (a saved filter, the back button) shows in the inputs.
  useEffect(() => {
    if ((wanInputToYuan(minWan) ?? undefined) !== min) setMinWan(min === undefined ? null : yuanToWanText(min));
    if ((wanInputToYuan(maxWan) ?? undefined) !== max) setMaxWan(max === undefined ? null : yuanToWanText(max));
    // Only a change of the address resets what is typed.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [min, max]);

  useEffect(() => {
    const [typedMin = '', typedMax = ''] = typed.split('|');
    const nextMin = wanInputToYuan(typedMin) || undefined;
    const nextMax = wanInputToYuan(typedMax) || undefined;
    if (nextMin !== min || nextMax !== max) onChange({ minTotalYuan: nextMin ?? null, maxTotalYuan: nextMax ?? null });
    // Only a change of what was typed updates the address.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [typed]);

  return (
    <Flex gap={4} align="center" style={{ flex: '1 1 260px', maxWidth: 320 }} role="group" aria-label={t('project.filterAmount')}>
      <WanAmountInput value={minWan} onChange={setMinWan} placeholder={t('project.amountFrom')} />
      <span>–</span>
      <WanAmountInput value={maxWan} onChange={setMaxWan} placeholder={t('project.amountTo')} />
    </Flex>
  );
}
