import { useState } from 'react';
import { Button, Card, Descriptions, Empty, Flex, Tag, Timeline, Typography } from 'antd';
import { NodeIndexOutlined } from '@ant-design/icons';
import { PROJECT_STAGES } from '../../domain/stages.ts';
import type { StageDates } from '../../domain/deadlines.ts';
import type { TDeadlineView, TStageEvent } from '../../shared/project-stages.ts';
import { formatLongDateTime } from '../i18n/format.ts';
import { useI18n, type Translate } from '../i18n/i18n.tsx';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';
import { colourTag } from './DeadlineTag.tsx';
import { useProjectLifecycle } from './projects.queries.ts';
import { StageMoveDialog, moveTargets } from './StageMoveDialog.tsx';
import { StageTag } from './StageTag.tsx';

const EVIDENCE_KEYS = ['contractNo', 'registeredCreditCode', 'permitNo', 'statsCode', 'note'] as const;

function evidenceText(event: TStageEvent, t: Translate): string {
  return EVIDENCE_KEYS.filter((key) => event.evidence[key])
    .map((key) => `${t(`evidence.${key}`)}: ${event.evidence[key]}`)
    .join(';');
}

function DeadlineLine({ deadline }: { deadline: TDeadlineView }) {
  const { t } = useI18n();
  const rule = t('deadline.rule', { from: t(`stage.${deadline.fromStage as 'signed'}`), to: t(`stage.${deadline.toStage as 'signed'}`) });
  let state: string;
  if (deadline.open) {
    state =
      deadline.daysLeft === null
        ? ''
        : deadline.daysLeft >= 0
          ? t('deadline.daysLeft', { days: deadline.daysLeft })
          : t('deadline.daysOverdue', { days: -deadline.daysLeft });
  } else {
    state = deadline.outcome ? t(`deadline.outcome.${deadline.outcome}`) : '';
  }
  return (
    <Flex gap="small" wrap align="center">
      <Tag color={deadline.open ? colourTag(deadline.colour, deadline.status) : 'default'} className="zs-amount">
        {deadline.dueDate}
      </Tag>
      <span>{rule}</span>
      <Typography.Text type="secondary">{state}</Typography.Text>
    </Flex>
  );
}

export type ProjectLifecycleCardProps = { projectId: number; canMove: boolean };

/** 阶段与期限: where the project stands, its dated stage history and the deadlines running from it. */
export function ProjectLifecycleCard({ projectId, canMove }: ProjectLifecycleCardProps) {
  const { t, locale } = useI18n();
  const { data: lifecycle, error, isPending } = useProjectLifecycle(projectId);
  const [moving, setMoving] = useState(false);
  const stageDates = (lifecycle?.stageDates ?? {}) as StageDates;
  const dated = PROJECT_STAGES.filter((stage) => stageDates[stage]);
  const canMoveNow = canMove && !!lifecycle && moveTargets(lifecycle.state, stageDates).length > 0;

  return (
    <Card
      title={t('lifecycle.title')}
      loading={isPending}
      style={{ maxWidth: 640, marginTop: 24 }}
      extra={
        canMoveNow ? (
          <Button type="primary" ghost icon={<NodeIndexOutlined />} onClick={() => setMoving(true)}>
            {t('stageMove.title')}
          </Button>
        ) : undefined
      }
    >
      <ErrorAlert error={error} />
      {lifecycle ? (
        <Flex vertical gap="middle">
          <Descriptions
            size="small"
            column={1}
            items={[
              { key: 'stage', label: t('lifecycle.current'), children: <StageTag stage={lifecycle.state} /> },
              ...dated.map((stage) => ({ key: stage, label: t(`stage.${stage}`), children: stageDates[stage] })),
            ]}
          />
          <div>
            <Typography.Title level={5}>{t('lifecycle.deadlines')}</Typography.Title>
            {lifecycle.deadlines.length > 0 ? (
              <Flex vertical gap={6}>
                {lifecycle.deadlines.map((deadline) => (
                  <DeadlineLine key={deadline.ruleKey} deadline={deadline} />
                ))}
              </Flex>
            ) : (
              <Typography.Text type="secondary">{t('lifecycle.noDeadlines')}</Typography.Text>
            )}
          </div>
          <div>
            <Typography.Title level={5}>{t('lifecycle.history')}</Typography.Title>
            {lifecycle.events.length > 0 ? (
              <Timeline
                items={lifecycle.events.map((event) => ({
                  key: event.id,
                  color: event.effective ? 'blue' : 'gray',
                  content: (
                    <Flex vertical gap={2}>
                      <Typography.Text delete={!event.effective}>
                        <span className="zs-amount">{event.happenedOn}</span> {t(`lifecycle.kind.${event.kind}`)}{' '}
                        <StageTag stage={event.state} />
                      </Typography.Text>
                      {evidenceText(event, t) ? <Typography.Text type="secondary">{evidenceText(event, t)}</Typography.Text> : null}
                      {event.reason ? <Typography.Text type="secondary">{t('lifecycle.reason', { reason: event.reason })}</Typography.Text> : null}
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {t('lifecycle.recorded', { by: event.recordedBy ?? t('audit.system'), at: formatLongDateTime(event.recordedAt, locale) })}
                      </Typography.Text>
                    </Flex>
                  ),
                }))}
              />
            ) : (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('lifecycle.noHistory')} />
            )}
          </div>
        </Flex>
      ) : null}
      {moving && lifecycle ? <StageMoveDialog projectId={projectId} lifecycle={lifecycle} onClose={() => setMoving(false)} /> : null}
    </Card>
  );
}
