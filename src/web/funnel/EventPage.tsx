import { useState } from 'react';
import { Button, Card, Col, DatePicker, Descriptions, Empty, Flex, List, Popconfirm, Row, Statistic } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { Link, useNavigate, useParams } from 'react-router';
import { canWriteRecords } from '../../domain/roles.ts';
import { useCurrentUser } from '../auth/auth.queries.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { formatDate } from '../i18n/format.ts';
import { WanAmount } from '../ui/Amount.tsx';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';
import { FullPageSpin } from '../ui/FullPageSpin.tsx';
import { PageHeader } from '../ui/PageHeader.tsx';
import { useUrlFilters } from '../ui/use-url-filters.ts';
import { useEvent, useEventActions } from './funnel.queries.ts';
import { ProjectPicker } from './ProjectPicker.tsx';

/** An event and its cohort as of a chosen day: signed, registered, started, producing, 开工率 and 到位率; its projects. */
export function EventPage() {
  const me = useCurrentUser();
  const { t } = useI18n();
  const navigate = useNavigate();
  const id = Number(useParams().id);
  const filters = useUrlFilters();
  const asOf = filters.text('asOf');
  const { data: event, error } = useEvent(id, asOf);
  const { link, unlink } = useEventActions();
  const [picked, setPicked] = useState<number | undefined>();
  const writes = canWriteRecords(me.role);

  if (error) return <ErrorAlert error={error} />;
  if (!event) return <FullPageSpin />;
  const cohort = event.cohort;
  const figures = [
    { key: 'signed', title: t('event.signed'), value: cohort.signed },
    { key: 'registered', title: t('event.registered'), value: cohort.registered },
    { key: 'started', title: t('event.started'), value: cohort.started },
    { key: 'producing', title: t('event.producing'), value: cohort.producing },
    { key: 'startRate', title: t('event.startRate'), value: cohort.startRate ?? '—' },
    { key: 'arrivalRate', title: t('event.arrivalRate'), value: cohort.arrivalRate ?? '—' },
  ];

  return (
    <>
      <PageHeader title={event.name} subTitle={t(`event.kind.${event.kind}`)} onBack={() => void navigate('/events')} />
      <Descriptions size="small" column={{ xs: 1, md: 3 }} style={{ marginBottom: 16 }}>
        <Descriptions.Item label={t('event.heldOn')}>{formatDate(event.heldOn)}</Descriptions.Item>
        <Descriptions.Item label={t('event.place')}>{event.place ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('lead.unit')}>{event.unitName}</Descriptions.Item>
        {event.note ? <Descriptions.Item label={t('event.note')}>{event.note}</Descriptions.Item> : null}
      </Descriptions>
      <Flex gap="small" align="center" wrap style={{ marginBottom: 12 }}>
        <span>{t('event.asOf')}</span>
        <DatePicker
          aria-label={t('event.asOf')}
          value={dayjs(cohort.asOf)}
          allowClear={false}
          onChange={(day) => filters.update({ asOf: day ? day.format('YYYY-MM-DD') : undefined })}
        />
      </Flex>
      <Row gutter={[12, 12]} data-testid="event-cohort" style={{ marginBottom: 16 }}>
        {figures.map((figure) => (
          <Col key={figure.key} xs={12} md={4}>
            <Card size="small">
              <Statistic title={figure.title} value={figure.value} />
            </Card>
          </Col>
        ))}
        <Col xs={12} md={4}>
          <Card size="small">
            <Statistic title={t('event.signedAmount')} valueRender={() => <WanAmount yuan={cohort.signedYuan} withUnit />} />
          </Card>
        </Col>
        <Col xs={12} md={4}>
          <Card size="small">
            <Statistic title={t('event.fundsArrived')} valueRender={() => <WanAmount yuan={cohort.fundsArrivedYuan} withUnit />} />
          </Card>
        </Col>
      </Row>
      <Card size="small" title={t('event.projects')}>
        {writes ? (
          <Flex gap="small" style={{ marginBottom: 12 }}>
            <ProjectPicker value={picked} onChange={setPicked} />
            <Button
              icon={<PlusOutlined />}
              disabled={!picked}
              loading={link.isPending}
              onClick={() => picked && void link.mutateAsync({ id, projectId: picked }).then(() => setPicked(undefined)).catch(() => undefined)}
            >
              {t('event.addProject')}
            </Button>
          </Flex>
        ) : null}
        <ErrorAlert error={link.error ?? unlink.error} />
        {event.projects.length === 0 ? (
          <Empty description={t('event.noProjects')} image={Empty.PRESENTED_IMAGE_SIMPLE} />
        ) : (
          <List
            dataSource={event.projects}
            renderItem={(project) => (
              <List.Item
                actions={
                  writes
                    ? [
                        <Popconfirm key="remove" title={t('event.removeProject')} onConfirm={() => unlink.mutateAsync({ id, projectId: project.id })}>
                          <Button type="text" size="small" icon={<DeleteOutlined />}>
                            {t('event.removeProject')}
                          </Button>
                        </Popconfirm>,
                      ]
                    : []
                }
              >
                <Link to={`/projects/${project.id}`}>{project.name}</Link>
              </List.Item>
            )}
          />
        )}
      </Card>
    </>
  );
}
