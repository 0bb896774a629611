import { Button, Card, Flex, Grid, Pagination, Table, Typography, type PaginationProps, type TableColumnsType } from 'antd';
import dayjs from 'dayjs';
import { followUpStatus } from '../../domain/follow-up.ts';
import { DeadlineLight } from '../projects/DeadlineTag.tsx';
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
  const isPhone = !Grid.useBreakpoint().md;
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
      {isPhone ? (
        // On a phone the trips are cards, each with its follow-up light (issue 16).
        <Flex vertical gap={8} data-testid="trips-cards">
          {(data?.items ?? []).map((trip) => (
            <TripCard key={trip.id} trip={trip} writes={writes} />
          ))}
          {data && data.items.length === 0 ? <Typography.Text type="secondary">{t('common.noMatch')}</Typography.Text> : null}
          <Pagination
            align="end"
            simple
            {...(urlPagination(filters, { page, pageSize, total: data?.total, showTotal: (total) => t('trip.total', { total }) }) as PaginationProps)}
          />
        </Flex>
      ) : (
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
      )}
    </>
  );
}

/** One trip as a phone card: who led it and when, the cities, what it brought, and its follow-up light. */
function TripCard({ trip, writes }: { trip: TTrip; writes: boolean }) {
  const { t, locale } = useI18n();
  const status = followUpStatus(trip.followUpOn, dayjs().format('YYYY-MM-DD'));
  return (
    <Card size="small" data-testid={`trip-card-${trip.id}`}>
      <Flex vertical gap={6}>
        <Flex justify="space-between" align="flex-start" gap={8} wrap>
          <span>
            <Link to={`/trips/${trip.id}`} style={{ fontWeight: 600 }}>
              {trip.leaderName}
            </Link>{' '}
            <Typography.Text type="secondary">· {locale === 'en' ? trip.leaderLevelName.en : trip.leaderLevelName.zh}</Typography.Text>
          </span>
          {status && trip.followUpOn ? <DeadlineLight status={status}>{formatDate(trip.followUpOn)}</DeadlineLight> : null}
        </Flex>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {formatDate(trip.fromOn)} – {formatDate(trip.toOn)} · {t('trip.days')} {trip.days}
        </Typography.Text>
        <span style={{ overflowWrap: 'anywhere' }}>{trip.cities.map((city) => city.name).join(' → ') || '—'}</span>
        <Flex gap={8} wrap>
          <Link to={`/leads?tripId=${trip.id}`}>{t('trip.outcomeLeads', { count: trip.outcomes.leads })}</Link>
          {trip.outcomes.projects.map((p) => (
            <Link key={p.id} to={`/projects/${p.id}`}>
              {p.name}
              {p.signedOnTrip ? ` (${t('trip.signedOnTrip')})` : ''}
            </Link>
          ))}
        </Flex>
        {writes ? <Link to={`/leads?tripId=${trip.id}&intake=1`}>{t('trip.logLead')}</Link> : null}
      </Flex>
    </Card>
  );
}
