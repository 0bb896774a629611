import { useState } from 'react';
import { Button, Card, Flex, Grid, Pagination, Select, Table, Tag, Typography, type PaginationProps, type TableColumnsType } from 'antd';
import dayjs from 'dayjs';
import { followUpStatus } from '../../domain/follow-up.ts';
import { DeadlineLight } from '../projects/DeadlineTag.tsx';
import { PlusOutlined } from '@ant-design/icons';
import { LEAD_SOURCES, LEAD_STATES } from '../../domain/leads.ts';
import { canWriteRecords } from '../../domain/roles.ts';
import type { TLead } from '../../shared/leads.ts';
import { useCurrentUser } from '../auth/auth.queries.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { formatDate } from '../i18n/format.ts';
import { WanAmount } from '../ui/Amount.tsx';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';
import { PageHeader } from '../ui/PageHeader.tsx';
import { SearchBox } from '../ui/SearchBox.tsx';
import { useUrlFilters, urlPagination } from '../ui/use-url-filters.ts';
import { tripLabel, useLeadList, useTeams, useTrip, useTripList } from './funnel.queries.ts';
import { LeadActions } from './LeadActions.tsx';
import { LeadIntakeDrawer } from './LeadIntakeDrawer.tsx';
import { LEAD_STATE_COLORS } from './LeadFields.tsx';

/**
 * 线索: the unit's leads by state, source, trip or resident team, a quick intake (from the trip or team the list shows,
 * when it shows one), and edit, follow-up, drop or conversion from each row.
 */
export function LeadsPage() {
  const me = useCurrentUser();
  const { t } = useI18n();
  const isPhone = !Grid.useBreakpoint().md;
  const filters = useUrlFilters();
  const q = filters.text('q');
  const state = filters.text('state');
  const source = filters.text('source');
  const tripId = filters.number('tripId');
  const teamId = filters.number('teamId');
  const page = filters.number('page', 1)!;
  const pageSize = filters.number('pageSize', 20)!;
  const { data, isFetching, error } = useLeadList({ q, state, source, tripId, teamId, page, pageSize });
  // A trip's "log a lead from it" link opens the intake at once (?intake=1).
  const [intakeOpen, setIntakeOpen] = useState(filters.text('intake') === '1');
  const writes = canWriteRecords(me.role);
  const recentTrips = useTripList({ page: 1, pageSize: 50 });
  // The trip filtered on may be older than the recent ones offered: it is named all the same.
  const filteredTrip = useTrip(tripId);
  const teams = useTeams();
  const tripOptions = [...(recentTrips.data?.items ?? []), ...(filteredTrip.data ? [filteredTrip.data] : [])]
    .filter((trip, i, all) => all.findIndex((other) => other.id === trip.id) === i)
    .map((trip) => ({ value: trip.id, label: tripLabel(trip) }));
  const teamName = teams.data?.find((team) => team.id === teamId)?.name;
  const origin = filteredTrip.data
    ? `${t('lead.fromTrip')}:${tripLabel(filteredTrip.data)}`
    : teamName
      ? `${t('lead.fromTeam')}:${teamName}`
      : undefined;

  const columns: TableColumnsType<TLead> = [
    {
      title: t('lead.enterprise'),
      key: 'enterprise',
      render: (_, lead) => (
        <Flex vertical>
          <span>{lead.enterpriseName}</span>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t(`lead.source.${lead.source}`)} · {formatDate(lead.collectedOn)}
          </Typography.Text>
        </Flex>
      ),
    },
    { title: t('lead.state'), dataIndex: 'state', key: 'state', render: (value: TLead['state']) => <Tag color={LEAD_STATE_COLORS[value]}>{t(`lead.state.${value}`)}</Tag> },
    {
      title: t('lead.amount'),
      dataIndex: 'intendedAmountYuan',
      key: 'amount',
      align: 'right',
      responsive: ['md'],
      render: (yuan: number | null) => (yuan === null ? '—' : <WanAmount yuan={yuan} withUnit />),
    },
    { title: t('lead.followUpOn'), dataIndex: 'followUpOn', key: 'followUpOn', responsive: ['md'], render: (_day: string | null, lead) => <FollowUpLight lead={lead} /> },
    { title: t('lead.unit'), dataIndex: 'unitName', key: 'unitName', responsive: ['lg'] },
    {
      title: t('lead.note'),
      key: 'note',
      responsive: ['lg'],
      render: (_, lead) => lead.droppedReason ?? lead.note ?? '',
    },
    ...(writes ? [{ title: t('common.actions'), key: 'actions', render: (_: unknown, lead: TLead) => <LeadActions lead={lead} /> }] : []),
  ];

  return (
    <>
      <PageHeader
        title={t('nav.leads')}
        extra={
          writes ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setIntakeOpen(true)}>
              {t('lead.create')}
            </Button>
          ) : undefined
        }
      />
      <Flex className="zs-filters" gap="small" wrap>
        <SearchBox value={q} placeholder={t('lead.search')} onSearch={(value) => filters.update({ q: value })} style={{ maxWidth: 320 }} />
        <Select
          allowClear
          aria-label={t('lead.state')}
          placeholder={t('lead.allStates')}
          value={state}
          onChange={(value) => filters.update({ state: value })}
          options={LEAD_STATES.map((value) => ({ value, label: t(`lead.state.${value}`) }))}
          style={{ width: 140 }}
        />
        <Select
          allowClear
          aria-label={t('lead.source')}
          placeholder={t('lead.allSources')}
          value={source}
          onChange={(value) => filters.update({ source: value })}
          options={LEAD_SOURCES.map((value) => ({ value, label: t(`lead.source.${value}`) }))}
          style={{ width: 140 }}
        />
        <Select
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          aria-label={t('lead.trip')}
          placeholder={t('lead.allTrips')}
          value={tripId}
          onChange={(value?: number) => filters.update({ tripId: value })}
          options={tripOptions}
          loading={recentTrips.isPending}
          popupMatchSelectWidth={false}
          style={{ width: 220 }}
        />
        <Select
          allowClear
          aria-label={t('lead.team')}
          placeholder={t('lead.allTeams')}
          value={teamId}
          onChange={(value?: number) => filters.update({ teamId: value })}
          options={(teams.data ?? []).map((team) => ({ value: team.id, label: team.name }))}
          popupMatchSelectWidth={false}
          style={{ width: 180 }}
        />
      </Flex>
      <ErrorAlert error={error} />
      {isPhone ? (
        // On a phone the leads are cards, each with its follow-up light (issue 16).
        <Flex vertical gap={8} data-testid="leads-cards">
          {(data?.items ?? []).map((lead) => (
            <LeadCard key={lead.id} lead={lead} writes={writes} />
          ))}
          {data && data.items.length === 0 ? <Typography.Text type="secondary">{t('common.noMatch')}</Typography.Text> : null}
          <Pagination
            align="end"
            simple
            {...(urlPagination(filters, { page, pageSize, total: data?.total, showTotal: (total) => t('lead.total', { total }) }) as PaginationProps)}
          />
        </Flex>
      ) : (
        <Table<TLead>
          rowKey="id"
          data-testid="leads-table"
          columns={columns}
          dataSource={data?.items ?? []}
          loading={isFetching}
          scroll={{ x: 'max-content' }}
          pagination={urlPagination(filters, { page, pageSize, total: data?.total, showTotal: (total) => t('lead.total', { total }) })}
        />
      )}
      <LeadIntakeDrawer
        open={intakeOpen}
        tripId={tripId}
        teamId={teamId}
        origin={origin}
        initialSource={tripId !== undefined ? 'squad' : teamId !== undefined ? 'resident' : 'other'}
        onClose={() => {
          setIntakeOpen(false);
          if (filters.text('intake')) filters.update({ intake: undefined, page: filters.number('page') });
        }}
      />
    </>
  );
}

/** A lead's follow-up day with its light (word and colour) while it is still being followed. */
function FollowUpLight({ lead }: { lead: TLead }) {
  const status = lead.state === 'new' || lead.state === 'following' ? followUpStatus(lead.followUpOn, dayjs().format('YYYY-MM-DD')) : null;
  if (!lead.followUpOn) return <span>—</span>;
  if (!status) return <span className="zs-amount">{formatDate(lead.followUpOn)}</span>;
  return <DeadlineLight status={status}>{formatDate(lead.followUpOn)}</DeadlineLight>;
}

/** One lead as a phone card: the enterprise, its state, the follow-up light, the amount, and what can be done. */
function LeadCard({ lead, writes }: { lead: TLead; writes: boolean }) {
  const { t } = useI18n();
  return (
    <Card size="small" data-testid={`lead-card-${lead.id}`}>
      <Flex vertical gap={6}>
        <Flex justify="space-between" align="flex-start" gap={8}>
          <Typography.Text strong style={{ overflowWrap: 'anywhere' }}>
            {lead.enterpriseName}
          </Typography.Text>
          <Tag color={LEAD_STATE_COLORS[lead.state]} style={{ marginInlineEnd: 0 }}>
            {t(`lead.state.${lead.state}`)}
          </Tag>
        </Flex>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t(`lead.source.${lead.source}`)} · {formatDate(lead.collectedOn)} · {lead.unitName}
        </Typography.Text>
        <Flex gap={8} wrap align="center">
          <span>{t('lead.followUpOn')}</span>
          <FollowUpLight lead={lead} />
          {lead.intendedAmountYuan === null ? null : <WanAmount yuan={lead.intendedAmountYuan} withUnit />}
        </Flex>
        {lead.droppedReason ?? lead.note ? (
          <Typography.Paragraph type="secondary" ellipsis={{ rows: 2 }} style={{ margin: 0 }}>
            {lead.droppedReason ?? lead.note}
          </Typography.Paragraph>
        ) : null}
        {writes ? <LeadActions lead={lead} /> : null}
      </Flex>
    </Card>
  );
}
