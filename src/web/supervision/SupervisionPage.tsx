import { Alert, App, Button, Card, Checkbox, Flex, Grid, Pagination, Segmented, Select, Table, Tag, Tooltip, Typography, theme, type PaginationProps, type TableColumnsType } from 'antd';
import { BellOutlined, CheckCircleFilled, DownloadOutlined, WarningOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { Link } from 'react-router';
import { PROJECT_STAGES, type ProjectState } from '../../domain/stages.ts';
import type { TBoardItem, TSupervisionItem } from '../../shared/deadlines.ts';
import { apiUrl } from '../api/client.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { deadlineRuleName } from '../../domain/deadline-rule-names.ts';
import { colourTag, DeadlineLight } from '../projects/DeadlineTag.tsx';
import { canWriteRecords } from '../../domain/roles.ts';
import { useCurrentUser } from '../auth/auth.queries.ts';
import { PageSum, useColumnSettings } from '../ui/ColumnSettings.tsx';
import { StageTag } from '../projects/StageTag.tsx';
import { WanAmount } from '../ui/Amount.tsx';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';
import { PageHeader } from '../ui/PageHeader.tsx';
import { useUrlFilters, urlPagination } from '../ui/use-url-filters.ts';
import { SearchAndUnitFilters } from '../ui/SearchAndUnitFilters.tsx';
import { useRemindDeadline, useSupervisionBoard, useSupervisionList, type SupervisionStatus } from './supervision.queries.ts';
import { VerificationWaiting } from '../verification/VerificationWaiting.tsx';
import { VerificationPage } from '../verification/VerificationPage.tsx';

type View = 'list' | 'board' | 'verification';
const STATUSES: readonly SupervisionStatus[] = ['overdue', 'dueSoon'];
/** The milestones a deadline can point at, in order (在谈 starts nothing). */
const MILESTONES = PROJECT_STAGES.filter((stage) => stage !== 'lead');

/** 督办: the projects on the clock (a list, exported as a spreadsheet) and the 挂图作战 board of milestones. */
export function SupervisionPage() {
  const { t } = useI18n();
  const filters = useUrlFilters();
  const view: View = filters.text('view') === 'board' ? 'board' : filters.text('view') === 'verification' ? 'verification' : 'list';
  const q = filters.text('q');
  const unitId = filters.number('unitId');
  const status = (STATUSES as readonly string[]).includes(filters.text('status') ?? '') ? (filters.text('status') as SupervisionStatus) : undefined;

  return (
    <>
      <PageHeader
        title={t('nav.supervision')}
        extra={
          view === 'list' ? (
            <Button icon={<DownloadOutlined />} href={apiUrl('/supervision/export', { q, unitId, status })} download>
              {t('supervision.export')}
            </Button>
          ) : undefined
        }
      />
      <Flex className="zs-filters" gap="small" wrap align="center">
        <Segmented<View>
          value={view}
          onChange={(next) => filters.update({ view: next === 'list' ? null : next, status: null, page: null })}
          options={[
            { value: 'list', label: t('supervision.list') },
            { value: 'board', label: t('supervision.board') },
            // 核实 (issue 17): the stage changes waiting for confirmation, and how long each has waited.
            { value: 'verification', label: t('verification.status.reported') },
          ]}
        />
        {view === 'verification' ? null : <SearchAndUnitFilters q={q} unitId={unitId} update={filters.update} searchPlaceholder={t('project.searchPlaceholder')} />}
        {view === 'list' ? (
          <Select<SupervisionStatus>
            aria-label={t('supervision.filterStatus')}
            value={status}
            onChange={(value) => filters.update({ status: value })}
            allowClear
            placeholder={t('supervision.allStatuses')}
            options={STATUSES.map((value) => ({ value, label: t(`deadline.status.${value}`) }))}
            style={{ flex: '1 1 120px', maxWidth: 160 }}
          />
        ) : null}
      </Flex>
      {view === 'list' ? <VerificationWaiting /> : null}
      {view === 'list' ? <SupervisionList q={q} unitId={unitId} status={status} /> : null}
      {view === 'board' ? <SupervisionBoard q={q} unitId={unitId} /> : null}
      {view === 'verification' ? <VerificationPage embedded /> : null}
    </>
  );
}

type ListProps = { q?: string; unitId?: number; status?: SupervisionStatus };

/** The 督办 list: by unit with each unit's counts (default), 催办 per row, a warning where no 责任人 is named; cards on a phone. */
function SupervisionList({ q, unitId, status }: ListProps) {
  const { t, locale } = useI18n();
  const me = useCurrentUser();
  const isPhone = !Grid.useBreakpoint().md;
  const filters = useUrlFilters();
  const page = filters.number('page', 1)!;
  const pageSize = filters.number('pageSize', 20)!;
  const grouped = filters.text('group') !== 'none';
  const { data, isFetching, error } = useSupervisionList({ q, unitId, status, groupBy: grouped ? 'unit' : undefined, page, pageSize });
  const remind = useRemindDeadline();
  const { message } = App.useApp();
  const canRemind = canWriteRecords(me.role);
  const items = data?.items ?? [];
  const unitCounts = data?.units ?? [];
  const missing = items.filter((item) => item.officerMissing).length;

  const handleRemind = (item: TSupervisionItem) =>
    remind.mutate(
      { projectId: item.projectId, ruleKey: item.ruleKey },
      {
        onSuccess: (sent) =>
          void message.success(
            t('supervision.reminded', { project: item.projectName, recipients: t(sent.officerMissing ? 'supervision.recipientsUnitOnly' : 'supervision.recipientsBoth') }),
          ),
      },
    );

  const remindButton = (item: TSupervisionItem) =>
    canRemind ? (
      <Button
        size="small"
        icon={<BellOutlined />}
        disabled={item.remindedToday}
        loading={remind.isPending && remind.variables?.projectId === item.projectId && remind.variables.ruleKey === item.ruleKey}
        onClick={() => handleRemind(item)}
        data-testid={`remind-${item.projectId}`}
      >
        {item.remindedToday ? t('supervision.remindedToday') : t('supervision.remind')}
      </Button>
    ) : null;

  const allColumns: TableColumnsType<TSupervisionItem> = [
    {
      title: t('project.name'),
      dataIndex: 'projectName',
      key: 'projectName',
      fixed: 'left',
      width: 200,
      render: (name: string, item) => <Link to={`/projects/${item.projectId}?tab=lifecycle`}>{name}</Link>,
    },
    ...(grouped ? [] : [{ title: t('project.unit'), dataIndex: 'unitName', key: 'unitName' }]),
    { title: t('project.stage'), dataIndex: 'stage', key: 'stage', render: (stage: ProjectState) => <StageTag stage={stage} /> },
    { title: t('supervision.rule'), dataIndex: 'ruleName', key: 'ruleName', render: (name: string, item) => deadlineRuleName(item.ruleKey, name, locale) },
    { title: t('supervision.dueDate'), dataIndex: 'dueDate', key: 'dueDate', render: (due: string) => <span className="zs-amount">{due}</span> },
    {
      title: t('supervision.status'),
      key: 'status',
      render: (_value, item) => <DeadlineLight status={item.status} colour={item.colour} />,
    },
    {
      title: t('supervision.daysOverdue'),
      dataIndex: 'daysOverdue',
      key: 'daysOverdue',
      align: 'right',
      render: (days: number, item) => <DaysText days={days} dueDate={item.dueDate} />,
    },
    {
      title: t('project.totalInvestmentWan'),
      dataIndex: 'totalInvestmentYuan',
      key: 'totalInvestmentYuan',
      align: 'right',
      onHeaderCell: () => ({ style: { wordBreak: 'keep-all' } }),
      render: (yuan: number) => <WanAmount yuan={yuan} />,
    },
    { title: t('supervision.responsible'), key: 'responsible', render: (_value, item) => <Responsible item={item} /> },
    ...(canRemind ? [{ title: t('supervision.remind'), key: 'remind', fixed: 'right' as const, render: (_value: unknown, item: TSupervisionItem) => remindButton(item) }] : []),
  ];
  const settings = useColumnSettings(allColumns, { table: 'supervision', userId: me.id, always: ['projectName', 'status', 'remind'] });
  const groups = grouped ? groupByUnit(items) : [{ unitId: 0, rows: items }];
  const countOf = new Map(unitCounts.map((u) => [u.unitId, u]));

  const table = (rows: TSupervisionItem[], title?: () => React.ReactNode) => (
    <Table<TSupervisionItem>
      key={title ? rows[0]?.unitId : 'all'}
      rowKey={(item) => `${item.projectId}-${item.ruleKey}`}
      columns={settings.columns}
      dataSource={rows}
      loading={isFetching}
      title={title}
      size={grouped ? 'small' : undefined}
      locale={{ emptyText: t('supervision.empty') }}
      scroll={{ x: 'max-content' }}
      pagination={false}
      summary={(shown) => <PageSum rows={shown} columns={settings.columns} amounts={{ totalInvestmentYuan: (item) => item.totalInvestmentYuan }} />}
    />
  );

  return (
    <>
      <ErrorAlert error={error ?? remind.error} />
      {unitCounts.length > 0 ? (
        <Flex gap={6} wrap align="center" style={{ marginBottom: 12 }} data-testid="supervision-unit-counts">
          <Typography.Text type="secondary">{t('supervision.unitCounts')}</Typography.Text>
          {unitCounts.map((u) => (
            <Tag.CheckableTag key={u.unitId} checked={unitId === u.unitId} onChange={(on) => filters.update({ unitId: on ? u.unitId : null, page: null })}>
              {t('supervision.unitCount', { unit: u.unitName, total: u.total, overdue: u.overdue })}
            </Tag.CheckableTag>
          ))}
        </Flex>
      ) : null}
      <Flex gap="small" wrap align="center" justify="space-between" style={{ marginBottom: 12 }}>
        <Checkbox checked={grouped} onChange={(event) => filters.update({ group: event.target.checked ? null : 'none', page: null })}>
          {t('supervision.groupByUnit')}
        </Checkbox>
        {isPhone ? null : settings.button}
      </Flex>
      {missing > 0 ? (
        <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={t('supervision.officerMissingCount', { count: missing })} description={t('supervision.officerMissingHint')} />
      ) : null}
      {groups.map((group) => {
        const counts = countOf.get(group.unitId);
        const heading =
          grouped && group.rows[0] ? (
            <Typography.Text strong data-testid={`supervision-group-${group.unitId}`}>
              {t('supervision.unitGroup', { unit: group.rows[0].unitName, total: counts?.total ?? group.rows.length, overdue: counts?.overdue ?? 0 })}
              {counts && counts.total > group.rows.length ? t('supervision.unitGroupContinued', { shown: group.rows.length }) : ''}
            </Typography.Text>
          ) : null;
        if (isPhone)
          return (
            <div key={group.unitId} style={{ marginBottom: 12 }}>
              {heading ? <div style={{ margin: '8px 0' }}>{heading}</div> : null}
              <Flex vertical gap={8}>
                {group.rows.map((item) => (
                  <SupervisionCard key={`${item.projectId}-${item.ruleKey}`} item={item} action={remindButton(item)} />
                ))}
              </Flex>
            </div>
          );
        return <div key={group.unitId} style={{ marginBottom: grouped ? 16 : 0 }}>{table(group.rows, heading ? () => heading : undefined)}</div>;
      })}
      {isPhone && items.length === 0 && !isFetching ? <Typography.Paragraph type="secondary">{t('supervision.empty')}</Typography.Paragraph> : null}
      <Flex justify="flex-end" style={{ marginTop: 12 }}>
        <Pagination {...(urlPagination(filters, { page, pageSize, total: data?.total, showTotal: (total) => t('supervision.total', { total }) }) as PaginationProps)} />
      </Flex>
    </>
  );
}

/** The page's rows, each unit's together (the server sends them by unit when grouping). */
function groupByUnit(items: TSupervisionItem[]): { unitId: number; rows: TSupervisionItem[] }[] {
  const groups: { unitId: number; rows: TSupervisionItem[] }[] = [];
  for (const item of items) {
    const last = groups.at(-1);
    if (last && last.unitId === item.unitId) last.rows.push(item);
    else groups.push({ unitId: item.unitId, rows: [item] });
  }
  return groups;
}

function DaysText({ days, dueDate }: { days: number; dueDate: string }) {
  const { t } = useI18n();
  return days > 0 ? (
    <Typography.Text type="danger" strong className="zs-amount">
      {t('supervision.days', { days })}
    </Typography.Text>
  ) : (
    <Typography.Text type="secondary">{t('deadline.daysLeft', { days: dayjs(dueDate).diff(dayjs().startOf('day'), 'day') })}</Typography.Text>
  );
}

function Responsible({ item }: { item: TSupervisionItem }) {
  const { t } = useI18n();
  return (
    <Flex gap={4} wrap align="center">
      {item.responsible ? <span>{item.responsible}</span> : null}
      {item.officerMissing ? (
        <Tooltip title={t('supervision.officerMissingHint')}>
          <Tag color="warning" icon={<WarningOutlined />} data-testid={`officer-missing-${item.projectId}`}>
            {t('supervision.officerMissing')}
          </Tag>
        </Tooltip>
      ) : null}
    </Flex>
  );
}

/** One 督办 item as a phone card: the project, its deadline light (word and colour), who answers for it, 催办. */
function SupervisionCard({ item, action }: { item: TSupervisionItem; action: React.ReactNode }) {
  const { t, locale } = useI18n();
  return (
    <Card size="small" data-testid={`supervision-card-${item.projectId}`}>
      <Flex vertical gap={6}>
        <Flex justify="space-between" align="flex-start" gap={8}>
          <Link to={`/projects/${item.projectId}?tab=lifecycle`} style={{ fontWeight: 600 }}>
            {item.projectName}
          </Link>
          <DeadlineLight status={item.status} colour={item.colour} />
        </Flex>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {item.unitName} · {deadlineRuleName(item.ruleKey, item.ruleName, locale)}
        </Typography.Text>
        <Flex gap={8} wrap align="center">
          <span>
            {t('card.dueDate')} <span className="zs-amount">{item.dueDate}</span>
          </span>
          <DaysText days={item.daysOverdue} dueDate={item.dueDate} />
          <StageTag stage={item.stage} />
        </Flex>
        <Flex justify="space-between" align="center" gap={8} wrap>
          <Responsible item={item} />
          {action}
        </Flex>
      </Flex>
    </Card>
  );
}

type Deadline = TBoardItem['deadlines'][number];

/** One milestone of a project on the board: when it happened, and the deadline that pointed at it. */
function MilestoneCell({ item, stage }: { item: TBoardItem; stage: ProjectState }) {
  const { token } = theme.useToken();
  const done = item.stageDates[stage];
  const deadlines = item.deadlines.filter((deadline) => deadline.toStage === stage);
  if (!done && deadlines.length === 0) return <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <Flex vertical gap={2} align="flex-start">
      {done ? (
        <Typography.Text className="zs-amount">
          <CheckCircleFilled style={{ color: token.colorSuccess }} /> {done}
        </Typography.Text>
      ) : null}
      {deadlines.map((deadline) => (
        <DeadlineChip key={deadline.ruleKey} deadline={deadline} />
      ))}
    </Flex>
  );
}

function DeadlineChip({ deadline }: { deadline: Deadline }) {
  const { t, locale } = useI18n();
  const open = deadline.status === 'onTrack' || deadline.status === 'dueSoon' || deadline.status === 'overdue';
  const days = dayjs(deadline.dueDate).diff(dayjs().startOf('day'), 'day');
  const detail = open
    ? days >= 0
      ? t('deadline.daysLeft', { days })
      : t('deadline.daysOverdue', { days: -days })
    : t(`deadline.outcome.${deadline.status as 'metOnTime'}`);
  return (
    <Tooltip title={t('supervision.ruleDetail', { rule: deadlineRuleName(deadline.ruleKey, deadline.ruleName, locale), detail })}>
      <Tag
        color={open ? colourTag(deadline.colour, deadline.status as 'onTrack') : deadline.status === 'metLate' ? 'orange' : 'default'}
        className="zs-amount"
        data-status={deadline.status}
        style={{ marginInlineEnd: 0, textDecoration: deadline.status === 'superseded' || deadline.status === 'cancelled' ? 'line-through' : undefined }}
      >
        {t('supervision.due', { date: deadline.dueDate })}
        {open ? ` · ${t(`deadline.status.${deadline.status as 'overdue'}`)} · ${days >= 0 ? t('deadline.daysLeft', { days }) : t('supervision.days', { days: -days })}` : ''}
      </Tag>
    </Tooltip>
  );
}

function SupervisionBoard({ q, unitId }: { q?: string; unitId?: number }) {
  const { t } = useI18n();
  const filters = useUrlFilters();
  const page = filters.number('page', 1)!;
  const pageSize = filters.number('pageSize', 20)!;
  const { data, isFetching, error } = useSupervisionBoard({ q, unitId, page, pageSize });
  const me = useCurrentUser();

  const columns: TableColumnsType<TBoardItem> = [
    {
      title: t('project.name'),
      key: 'project',
      fixed: 'left',
      width: 220,
      render: (_value, item) => (
        <Flex vertical gap={2}>
          <Link to={`/projects/${item.projectId}?tab=lifecycle`}>{item.projectName}</Link>
          <Flex gap={4} align="center" wrap>
            <StageTag stage={item.stage} />
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {item.unitName}
            </Typography.Text>
          </Flex>
        </Flex>
      ),
    },
    ...MILESTONES.map((stage) => ({
      title: t(`stage.${stage}`),
      key: stage,
      // 入库 is what the board is for: it stays in view while the milestones between scroll (issue 16).
      ...(stage === 'inStats' ? { fixed: 'right' as const, width: 170 } : {}),
      render: (_value: unknown, item: TBoardItem) => <MilestoneCell item={item} stage={stage} />,
    })),
  ];
  const settings = useColumnSettings(columns, { table: 'supervisionBoard', userId: me.id, always: ['project', 'inStats'] });

  return (
    <>
      <Flex justify="space-between" align="flex-start" gap="small" wrap>
        <Typography.Paragraph type="secondary" style={{ flex: '1 1 300px' }}>
          {t('supervision.boardHint')}
        </Typography.Paragraph>
        {settings.button}
      </Flex>
      <ErrorAlert error={error} />
      <Table<TBoardItem>
        rowKey="projectId"
        size="small"
        bordered
        columns={settings.columns}
        dataSource={data?.items ?? []}
        loading={isFetching}
        scroll={{ x: 'max-content' }}
        pagination={urlPagination(filters, { page, pageSize, total: data?.total, showTotal: (total) => t('project.total', { total }) })}
      />
    </>
  );
}
