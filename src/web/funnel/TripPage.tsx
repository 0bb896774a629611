import { Button, Card, Col, Descriptions, Empty, Flex, List, Row, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { Link, useNavigate, useParams } from 'react-router';
import { canWriteRecords } from '../../domain/roles.ts';
import type { TTrip } from '../../shared/activities.ts';
import { useCurrentUser } from '../auth/auth.queries.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { formatDate } from '../i18n/format.ts';
import { WanAmount } from '../ui/Amount.tsx';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';
import { FullPageSpin } from '../ui/FullPageSpin.tsx';
import { PageHeader } from '../ui/PageHeader.tsx';
import { useLeadList, useTeams, useTrip } from './funnel.queries.ts';
import { LEAD_STATE_COLORS } from './LeadFields.tsx';

/** The leads listed on the page; more are one link away, on the leads page filtered by the trip. */
const LEADS_SHOWN = 10;

/**
 * One trip (外出招商): who led it and at what level, the days and the cities in order, who went, what was found and
 * what comes next; the enterprises visited; and what it brought — its leads, the projects discussed, those signed on it.
 */
export function TripPage() {
  const me = useCurrentUser();
  const { t, locale } = useI18n();
  const navigate = useNavigate();
  const id = Number(useParams().id);
  const { data: trip, error } = useTrip(id);
  const teams = useTeams();

  if (error) return <ErrorAlert error={error} />;
  if (!trip) return <FullPageSpin />;
  const team = trip.teamId ? teams.data?.find((candidate) => candidate.id === trip.teamId) : undefined;

  return (
    <>
      <PageHeader
        title={trip.leaderName}
        subTitle={`${locale === 'en' ? trip.leaderLevelName.en : trip.leaderLevelName.zh} · ${t('trip.dayCount', { count: trip.days })}`}
        onBack={() => void navigate('/trips')}
        extra={
          canWriteRecords(me.role) ? (
            <Button icon={<PlusOutlined />} onClick={() => void navigate(`/leads?tripId=${trip.id}&intake=1`)}>
              {t('trip.logLead')}
            </Button>
          ) : undefined
        }
      />
      <Descriptions size="small" column={{ xs: 1, md: 3 }} style={{ marginBottom: 16 }} data-testid="trip-facts">
        <Descriptions.Item label={t('trip.dates')}>
          {formatDate(trip.fromOn)} – {formatDate(trip.toOn)}
        </Descriptions.Item>
        <Descriptions.Item label={t('trip.cities')} span={{ xs: 1, md: 2 }}>
          {trip.cities.map((city) => city.name).join(' → ') || '—'}
        </Descriptions.Item>
        <Descriptions.Item label={t('trip.participants')}>{trip.participants ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('lead.unit')}>{trip.unitName}</Descriptions.Item>
        {team ? (
          <Descriptions.Item label={t('trip.team')}>
            <Link to={`/leads?teamId=${team.id}`}>{team.name}</Link>
          </Descriptions.Item>
        ) : null}
        {trip.notes ? (
          <Descriptions.Item label={t('trip.notes')} span="filled">
            {trip.notes}
          </Descriptions.Item>
        ) : null}
        <Descriptions.Item label={t('trip.nextStep')} span="filled">
          {trip.nextStep ?? '—'}
          {trip.followUpOn ? ` (${t('trip.followUpOn')} ${formatDate(trip.followUpOn)})` : ''}
        </Descriptions.Item>
      </Descriptions>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={14}>
          <TripVisits trip={trip} />
        </Col>
        <Col xs={24} lg={10}>
          <TripOutcomes trip={trip} />
        </Col>
      </Row>
    </>
  );
}

/** The enterprises visited, by day; a visit about a project links to it when the project is the caller's to see. */
function TripVisits({ trip }: { trip: TTrip }) {
  const { t } = useI18n();
  const projectNames = new Map(trip.outcomes.projects.map((project) => [project.id, project.name]));
  return (
    <Card size="small" title={`${t('trip.visits')} (${trip.visits.length})`} data-testid="trip-visits">
      {trip.visits.length === 0 ? (
        <Empty description={t('trip.noVisits')} image={Empty.PRESENTED_IMAGE_SIMPLE} />
      ) : (
        <List
          dataSource={[...trip.visits].sort((a, b) => a.visitedOn.localeCompare(b.visitedOn) || a.id - b.id)}
          renderItem={(visit) => {
            const projectName = visit.projectId ? projectNames.get(visit.projectId) : undefined;
            return (
              <List.Item>
                <Flex vertical gap={2} style={{ minWidth: 0 }}>
                  <Flex gap={8} align="center" wrap>
                    <Tag style={{ marginInlineEnd: 0 }}>{t(`visit.kind.${visit.kind}`)}</Tag>
                    <Typography.Text strong>{visit.enterpriseName}</Typography.Text>
                    <Typography.Text type="secondary">{formatDate(visit.visitedOn)}</Typography.Text>
                  </Flex>
                  {visit.peopleMet ? <Typography.Text type="secondary">{`${t('visit.peopleMet')}:${visit.peopleMet}`}</Typography.Text> : null}
                  {visit.notes ? <span>{visit.notes}</span> : null}
                  {visit.nextStep ? <span>{`${t('visit.nextStep')}:${visit.nextStep}`}</span> : null}
                  {visit.projectId && projectName ? (
                    <span>
                      {t('trip.project')}:<Link to={`/projects/${visit.projectId}`}>{projectName}</Link>
                    </span>
                  ) : null}
                </Flex>
              </List.Item>
            );
          }}
        />
      )}
    </Card>
  );
}

/** What the trip brought: the leads recorded from it and the projects discussed on its visits, marked when signed on it. */
function TripOutcomes({ trip }: { trip: TTrip }) {
  const { t } = useI18n();
  const leads = useLeadList({ tripId: trip.id, page: 1, pageSize: LEADS_SHOWN });
  const leadsLink = `/leads?tripId=${trip.id}`;
  return (
    <Flex vertical gap={16}>
      <Card
        size="small"
        title={t('trip.outcomeLeads', { count: trip.outcomes.leads })}
        extra={<Link to={leadsLink}>{t('trip.openLeads')}</Link>}
        data-testid="trip-leads"
      >
        <ErrorAlert error={leads.error} />
        {trip.outcomes.leads === 0 ? (
          <Empty description={t('trip.noLeads')} image={Empty.PRESENTED_IMAGE_SIMPLE} />
        ) : (
          <List
            loading={leads.isPending}
            dataSource={leads.data?.items ?? []}
            renderItem={(lead) => (
              <List.Item>
                <Flex gap={8} align="center" justify="space-between" wrap style={{ width: '100%' }}>
                  <Flex gap={8} align="center" wrap>
                    <Tag color={LEAD_STATE_COLORS[lead.state]} style={{ marginInlineEnd: 0 }}>
                      {t(`lead.state.${lead.state}`)}
                    </Tag>
                    {lead.projectId ? <Link to={`/projects/${lead.projectId}`}>{lead.enterpriseName}</Link> : lead.enterpriseName}
                  </Flex>
                  {lead.intendedAmountYuan === null ? null : <WanAmount yuan={lead.intendedAmountYuan} withUnit />}
                </Flex>
              </List.Item>
            )}
          />
        )}
      </Card>
      <Card size="small" title={t('trip.projects')} data-testid="trip-projects">
        {trip.outcomes.projects.length === 0 ? (
          <Empty description={t('trip.noProjects')} image={Empty.PRESENTED_IMAGE_SIMPLE} />
        ) : (
          <List
            dataSource={trip.outcomes.projects}
            renderItem={(project) => (
              <List.Item extra={project.signedOnTrip ? <Tag color="green">{t('trip.signedOnTrip')}</Tag> : null}>
                <Link to={`/projects/${project.id}`}>{project.name}</Link>
              </List.Item>
            )}
          />
        )}
      </Card>
    </Flex>
  );
}
