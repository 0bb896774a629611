import { Button, Flex, Segmented, Select, Table, Tag, Tooltip, Typography, theme, type TableColumnsType } from 'antd';
import { CheckCircleFilled, DownloadOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { Link } from 'react-router';
import { PROJECT_STAGES, type ProjectState } from '../../domain/stages.ts';
import type { TBoardItem, TSupervisionItem } from '../../shared/deadlines.ts';
import { apiUrl } from '../api/client.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { colourTag } from '../projects/DeadlineTag.tsx';
import { StageTag } from '../projects/StageTag.tsx';
import { WanAmount } from '../ui/Amount.tsx';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';
import { PageHeader } from '../ui/PageHeader.tsx';
import { useUrlFilters, urlPagination } from '../ui/use-url-filters.ts';
import { SearchAndUnitFilters } from '../ui/SearchAndUnitFilters.tsx';
import { useSupervisionBoard, useSupervisionList, type SupervisionStatus } from './supervision.queries.ts';
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

function SupervisionList({ q, unitId, status }: ListProps) {
  const { t } = useI18n();
  const filters = useUrlFilters();
  const page = filters.number('page', 1)!;
  const pageSize = filters.number('pageSize', 20)!;
  const { data, isFetching, error } = useSupervisionList({ q, unitId, status, page, pageSize });

  const columns: TableColumnsType<TSupervisionItem> = [
    {
      title: t('project.name'),
      dataIndex: 'projectName',
      key: 'projectName',
      render: (name: string, item) => <Link to={`/projects/${item.projectId}?tab=lifecycle`}>{name}</Link>,
    },
    { title: t('project.unit'), dataIndex: 'unitName', key: 'unitName', responsive: ['sm'] },
    { title: t('project.stage'), dataIndex: 'stage', key: 'stage', responsive: ['md'], render: (stage: ProjectState) => <StageTag stage={stage} /> },
    { title: t('supervision.rule'), dataIndex: 'ruleName', key: 'ruleName', responsive: ['lg'] },
    {
      title: t('supervision.dueDate'),
      dataIndex: 'dueDate',
      key: 'dueDate',
      render: (due: string, item) => (
        <Tag color={colourTag(item.colour, item.status)} className="zs-amount">
          {due}
        </Tag>
      ),
    },
    {
      title: t('supervision.status'),
      key: 'status',
      render: (_value, item) => <Tag color={colourTag(item.colour, item.status)}>{t(`deadline.status.${item.status}`)}</Tag>,
    },
    {
      title: t('supervision.daysOverdue'),
      dataIndex: 'daysOverdue',
      key: 'daysOverdue',
      align: 'right',
      render: (days: number, item) =>
        days > 0 ? (
          <Typography.Text type="danger" strong className="zs-amount">
            {t('supervision.days', { days })}
          </Typography.Text>
        ) : (
          <Typography.Text type="secondary">{t('deadline.daysLeft', { days: dayjs(item.dueDate).diff(dayjs().startOf('day'), 'day') })}</Typography.Text>
        ),
    },
    {
      title: t('project.totalInvestmentWan'),
      dataIndex: 'totalInvestmentYuan',
      key: 'totalInvestmentYuan',
      align: 'right',
      responsive: ['lg'],
      onHeaderCell: () => ({ style: { wordBreak: 'keep-all' } }),
      render: (yuan: number) => <WanAmount yuan={yuan} />,
    },
    { title: t('supervision.responsible'), dataIndex: 'responsible', key: 'responsible', responsive: ['xl'], render: (who: string | null) => who ?? '—' },
  ];

  return (
    <>
      <ErrorAlert error={error} />
      <Table<TSupervisionItem>
        rowKey={(item) => `${item.projectId}-${item.ruleKey}`}
        columns={columns}
        dataSource={data?.items ?? []}
        loading={isFetching}
        locale={{ emptyText: t('supervision.empty') }}
        scroll={{ x: 'max-content' }}
        pagination={urlPagination(filters, { page, pageSize, total: data?.total, showTotal: (total) => t('supervision.total', { total }) })}
      />
    </>
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
  const { t } = useI18n();
  const open = deadline.status === 'onTrack' || deadline.status === 'dueSoon' || deadline.status === 'overdue';
  const days = dayjs(deadline.dueDate).diff(dayjs().startOf('day'), 'day');
  const detail = open
    ? days >= 0
      ? t('deadline.daysLeft', { days })
      : t('deadline.daysOverdue', { days: -days })
    : t(`deadline.outcome.${deadline.status as 'metOnTime'}`);
  return (
    <Tooltip title={`${deadline.ruleName}:${detail}`}>
      <Tag
        color={open ? colourTag(deadline.colour, deadline.status as 'onTrack') : deadline.status === 'metLate' ? 'orange' : 'default'}
        className="zs-amount"
        data-status={deadline.status}
        style={{ marginInlineEnd: 0, textDecoration: deadline.status === 'superseded' || deadline.status === 'cancelled' ? 'line-through' : undefined }}
      >
        {t('supervision.due', { date: deadline.dueDate })}
        {open ? ` · ${detail}` : ''}
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
      render: (_value: unknown, item: TBoardItem) => <MilestoneCell item={item} stage={stage} />,
    })),
  ];

  return (
    <>
      <Typography.Paragraph type="secondary">{t('supervision.boardHint')}</Typography.Paragraph>
      <ErrorAlert error={error} />
      <Table<TBoardItem>
        rowKey="projectId"
        size="small"
        bordered
        columns={columns}
        dataSource={data?.items ?? []}
        loading={isFetching}
        scroll={{ x: 'max-content' }}
        pagination={urlPagination(filters, { page, pageSize, total: data?.total, showTotal: (total) => t('project.total', { total }) })}
      />
    </>
  );
}
