import { useState } from 'react';
import { Button, Flex, Select, Table, Tag, Typography, type TableColumnsType } from 'antd';
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
import { useUrlFilters } from '../ui/use-url-filters.ts';
import { useLeadList } from './funnel.queries.ts';
import { LeadActions } from './LeadActions.tsx';
import { LeadIntakeDrawer } from './LeadIntakeDrawer.tsx';

const STATE_COLORS: Record<TLead['state'], string> = { new: 'blue', following: 'processing', converted: 'green', dropped: 'default' };

/** 线索: the unit's leads by state and source, a quick intake, and follow-up, drop or conversion from each row. */
export function LeadsPage() {
  const me = useCurrentUser();
  const { t } = useI18n();
  const filters = useUrlFilters();
  const q = filters.text('q');
  const state = filters.text('state');
  const source = filters.text('source');
  const tripId = filters.number('tripId');
  const page = filters.number('page', 1)!;
  const pageSize = filters.number('pageSize', 20)!;
  const { data, isFetching, error } = useLeadList({ q, state, source, page, pageSize });
  const [intakeOpen, setIntakeOpen] = useState(tripId !== undefined);
  const writes = canWriteRecords(me.role);

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
    { title: t('lead.state'), dataIndex: 'state', key: 'state', render: (value: TLead['state']) => <Tag color={STATE_COLORS[value]}>{t(`lead.state.${value}`)}</Tag> },
    {
      title: t('lead.amount'),
      dataIndex: 'intendedAmountYuan',
      key: 'amount',
      align: 'right',
      responsive: ['md'],
      render: (yuan: number | null) => (yuan === null ? '—' : <WanAmount yuan={yuan} withUnit />),
    },
    { title: t('lead.followUpOn'), dataIndex: 'followUpOn', key: 'followUpOn', responsive: ['md'], render: (day: string | null) => formatDate(day) || '—' },
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
      </Flex>
      <ErrorAlert error={error} />
      <Table<TLead>
        rowKey="id"
        data-testid="leads-table"
        columns={columns}
        dataSource={data?.items ?? []}
        loading={isFetching}
        pagination={{
          current: page,
          pageSize,
          total: data?.total ?? 0,
          showTotal: (total) => t('lead.total', { total }),
          onChange: (nextPage, nextSize) => filters.update({ page: nextSize !== pageSize ? 1 : nextPage, pageSize: nextSize }),
        }}
      />
      <LeadIntakeDrawer
        open={intakeOpen}
        tripId={tripId}
        initialSource={tripId !== undefined ? 'squad' : 'other'}
        onClose={() => {
          setIntakeOpen(false);
          if (tripId !== undefined) filters.update({ tripId: undefined });
        }}
      />
    </>
  );
}
