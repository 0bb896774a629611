import { Button, Flex, Table, Typography, type TableColumnsType } from 'antd';
import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { Link, useNavigate } from 'react-router';
import { canWriteRecords } from '../../domain/roles.ts';
import type { TTrip } from '../../shared/activities.ts';
import { useCurrentUser } from '../auth/auth.queries.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { formatDate } from '../i18n/format.ts';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';
import { PageHeader } from '../ui/PageHeader.tsx';
import { SearchBox } from '../ui/SearchBox.tsx';
import { useUrlFilters, urlPagination } from '../ui/use-url-filters.ts';
import { useTripList } from './funnel.queries.ts';

/** 外出招商: who led (opening the trip's page), at what level, when and for how many days, the cities in order, the enterprises visited and the leads. */
export function TripsPage() {
  const me = useCurrentUser();
  const { t, locale } = useI18n();
  const navigate = useNavigate();
  const filters = useUrlFilters();
  const q = filters.text('q');
  const page = filters.number('page', 1)!;
  const pageSize = filters.number('pageSize', 20)!;
  const { data, isFetching, error } = useTripList({ q, page, pageSize });
  const writes = canWriteRecords(me.role);

  const columns: TableColumnsType<TTrip> = [
    {
      title: t('trip.leader'),
      key: 'leader',
      render: (_, trip) => (
        <Flex vertical>
          <span>
            <Link to={`/trips/${trip.id}`} className="zs-inline-link">{trip.leaderName}</Link> <Typography.Text type="secondary">· {locale === 'en' ? trip.leaderLevelName.en : trip.leaderLevelName.zh}</Typography.Text>
          </span>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {formatDate(trip.fromOn)} – {formatDate(trip.toOn)}
          </Typography.Text>
          {writes ? <Link to={`/leads?tripId=${trip.id}&intake=1`}>{t('trip.logLead')}</Link> : null}
        </Flex>
      ),
    },
    { title: t('trip.days'), dataIndex: 'days', key: 'days', align: 'right', width: 64 },
    {
      title: t('trip.cities'),
      key: 'cities',
      render: (_, trip) => trip.cities.map((city) => city.name).join(' → ') || '—',
    },
    {
      title: t('trip.visits'),
      key: 'visits',
      responsive: ['md'],
      render: (_, trip) => trip.visits.map((visit) => visit.enterpriseName).join('、') || '—',
    },
    {
      title: t('trip.outcomes'),
      key: 'outcomes',
      responsive: ['md'],
      render: (_, trip) => (
        <span>
          <Link to={`/leads?tripId=${trip.id}`}>{t('trip.outcomeLeads', { count: trip.outcomes.leads })}</Link>
          {trip.outcomes.projects.map((p) => (
            <span key={p.id}>
              {' · '}
              <Link to={`/projects/${p.id}`}>{p.name}</Link>
              {p.signedOnTrip ? ` (${t('trip.signedOnTrip')})` : ''}
            </span>
          ))}
        </span>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('nav.trips')}
        extra={
          writes ? (
            <>
              <Button icon={<EditOutlined />} onClick={() => void navigate('/visits/new')}>
                {t('visit.log')}
              </Button>
              <Button type="primary" icon={<PlusOutlined />} onClick={() => void navigate('/trips/new')}>
                {t('trip.create')}
              </Button>
            </>
          ) : undefined
        }
      />
      <Flex className="zs-filters" gap="small" wrap>
        <SearchBox value={q} placeholder={t('trip.leader')} onSearch={(value) => filters.update({ q: value })} style={{ maxWidth: 320 }} />
      </Flex>
      <ErrorAlert error={error} />
      <Table<TTrip>
        rowKey="id"
        data-testid="trips-table"
        columns={columns}
        dataSource={data?.items ?? []}
        loading={isFetching}
        expandable={{
          rowExpandable: (trip) => trip.visits.length > 0,
          expandedRowRender: (trip) => (
            <Flex vertical gap={4}>
              {trip.visits.map((visit) => (
                <span key={visit.id}>
                  {formatDate(visit.visitedOn)} {t(`visit.kind.${visit.kind}`)} {visit.enterpriseName}
                  {visit.peopleMet ? ` · ${visit.peopleMet}` : ''}
                  {visit.nextStep ? ` · ${t('visit.nextStep')}:${visit.nextStep}` : ''}
                </span>
              ))}
            </Flex>
          ),
        }}
        pagination={urlPagination(filters, { page, pageSize, total: data?.total, showTotal: (total) => t('trip.total', { total }) })}
      />
    </>
  );
}
