import { useState } from 'react';
import { Button, Card, Col, Descriptions, Empty, Flex, Row, Tag, Timeline, Typography } from 'antd';
import { EditOutlined, RollbackOutlined } from '@ant-design/icons';
import { PROJECT_STAGES } from '../../domain/stages.ts';
import type { StageDates } from '../../domain/deadlines.ts';
import type { TDeadlineView, TProjectLifecycle, TStageEvent } from '../../shared/project-stages.ts';
import { formatLongDateTime } from '../i18n/format.ts';
import { useI18n, type Translate } from '../i18n/i18n.tsx';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';
import { colourTag } from './DeadlineTag.tsx';
import { EvidenceFileList, FileLinks } from './EvidenceFiles.tsx';
import { useProjectFiles, useProjectLifecycle } from './projects.queries.ts';
import { StageCorrectionDialog } from './StageCorrectionDialog.tsx';
import { StageTag } from './StageTag.tsx';
import { VerificationTag } from '../verification/VerificationTag.tsx';
import { CountOnceRecords } from './CountOnceRecords.tsx';
import { evidenceText } from './evidence-text.ts';
import { systemSentenceIn } from '../../domain/system-sentences.ts';

const BASE_KINDS: ReadonlySet<TStageEvent['kind']> = new Set(['advance', 'resume', 'stall', 'terminate']);

export { evidenceText } from './evidence-text.ts';

export function deadlineState(deadline: TDeadlineView, t: Translate): string {
  if (deadline.open) {
    if (deadline.daysLeft === null) return '';
    return deadline.daysLeft >= 0 ? t('deadline.daysLeft', { days: deadline.daysLeft }) : t('deadline.daysOverdue', { days: -deadline.daysLeft });
  }
  return deadline.outcome ? t(`deadline.outcome.${deadline.outcome}`) : '';
}

function DeadlineLine({ deadline }: { deadline: TDeadlineView }) {
  const { t } = useI18n();
  const rule = t('deadline.rule', { from: t(`stage.${deadline.fromStage as 'signed'}`), to: t(`stage.${deadline.toStage as 'signed'}`) });
  return (
    <Flex gap="small" wrap align="center" data-testid={`deadline-${deadline.ruleKey}`}>
      <Tag color={deadline.open ? colourTag(deadline.colour, deadline.status) : 'default'} className="zs-amount">
        {deadline.dueDate}
      </Tag>
      <span>{rule}</span>
      <Typography.Text type="secondary">{deadlineState(deadline, t)}</Typography.Text>
    </Flex>
  );
}

type Correcting = { event: TStageEvent; kind: 'correct' | 'revoke' };

export type ProjectLifecycleProps = { projectId: number; canCorrect: boolean };

/**
 * 阶段与期限: where the project stands and the deadlines running from its stage dates; the dated history of its
 * stage changes, each correctable (and the latest revocable) with a reason; the evidence files.
 */
export function ProjectLifecycle({ projectId, canCorrect }: ProjectLifecycleProps) {
  const { t } = useI18n();
  const { data: lifecycle, error, isPending } = useProjectLifecycle(projectId);
  const [correcting, setCorrecting] = useState<Correcting | null>(null);

  return (
    <>
      <ErrorAlert error={error} />
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={10}>
          <Card title={t('lifecycle.summary')} loading={isPending} size="small" style={{ height: '100%' }}>
            {lifecycle ? <StageSummary lifecycle={lifecycle} /> : null}
          </Card>
        </Col>
        <Col xs={24} lg={14}>
          <Card title={t('lifecycle.history')} loading={isPending} size="small" style={{ height: '100%' }}>
            {lifecycle ? <StageHistory lifecycle={lifecycle} canCorrect={canCorrect} onCorrect={setCorrecting} /> : null}
          </Card>
        </Col>
        <Col xs={24}>
          <Card title={t('countOnce.title')} size="small">
            <CountOnceRecords projectId={projectId} canWrite={canCorrect} />
          </Card>
        </Col>
        <Col xs={24}>
          <Card title={t('evidence.title')} size="small">
            <EvidenceFileList projectId={projectId} />
          </Card>
        </Col>
      </Row>
      {correcting && lifecycle ? (
        <StageCorrectionDialog
          projectId={projectId}
          event={correcting.event}
          events={lifecycle.events}
          kind={correcting.kind}
          onClose={() => setCorrecting(null)}
        />
      ) : null}
    </>
  );
}

function StageSummary({ lifecycle }: { lifecycle: TProjectLifecycle }) {
  const { t } = useI18n();
  const stageDates = lifecycle.stageDates as StageDates;
  const dated = PROJECT_STAGES.filter((stage) => stageDates[stage]);
  return (
    <Flex vertical gap="middle">
      <Descriptions
        size="small"
        column={1}
        items={[
          { key: 'stage', label: t('lifecycle.current'), children: <StageTag stage={lifecycle.state} /> },
          ...dated.map((stage) => ({ key: stage, label: t(`stage.${stage}`), children: <span className="zs-amount">{stageDates[stage]}</span> })),
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
    </Flex>
  );
}

type StageHistoryProps = { lifecycle: TProjectLifecycle; canCorrect: boolean; onCorrect: (correcting: Correcting) => void };

function StageHistory({ lifecycle, canCorrect, onCorrect }: StageHistoryProps) {
  const { t, locale } = useI18n();
  const { data: files = [] } = useProjectFiles(lifecycle.projectId);
  const base = lifecycle.events.filter((event) => BASE_KINDS.has(event.kind) && event.effective);
  const latest = base.at(-1);
  if (lifecycle.events.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('lifecycle.noHistory')} />;
  // Newest first, as a history is read.
  const events = [...lifecycle.events].reverse();
  return (
    <Timeline
      items={events.map((event) => {
        const isBase = BASE_KINDS.has(event.kind);
        const corrects = event.correctsEventId ? lifecycle.events.find((other) => other.id === event.correctsEventId) : undefined;
        return {
          key: event.id,
          color: !event.effective ? 'gray' : event.kind === 'revoke' ? 'red' : event.kind === 'correct' ? 'orange' : 'blue',
          content: (
            <Flex vertical gap={2} data-testid={`stage-event-${event.id}`}>
              <Flex gap="small" wrap align="center">
                <Typography.Text delete={!event.effective}>
                  <span className="zs-amount">{event.happenedOn}</span> {t(`lifecycle.kind.${event.kind}`)} <StageTag stage={event.state} />
                </Typography.Text>
                {!event.effective ? <Tag>{t('lifecycle.revoked')}</Tag> : null}
                {event.effective ? <VerificationTag verification={event.verification} /> : null}
                {corrects ? (
                  <Typography.Text type="secondary">{t('lifecycle.correctsRecord', { date: corrects.happenedOn })}</Typography.Text>
                ) : null}
                {canCorrect && isBase && event.effective ? (
                  <Flex gap={0}>
                    <Button type="link" size="small" icon={<EditOutlined />} onClick={() => onCorrect({ event, kind: 'correct' })}>
                      {t('correction.correct')}
                    </Button>
                    {event.id === latest?.id ? (
                      <Button type="link" size="small" danger icon={<RollbackOutlined />} onClick={() => onCorrect({ event, kind: 'revoke' })}>
                        {t('correction.revoke')}
                      </Button>
                    ) : null}
                  </Flex>
                ) : null}
              </Flex>
              {evidenceText(event.evidence, t, locale) ? <Typography.Text type="secondary">{evidenceText(event.evidence, t, locale)}</Typography.Text> : null}
              {event.reason ? <Typography.Text type="secondary">{t('lifecycle.reason', { reason: systemSentenceIn(event.reason, locale) })}</Typography.Text> : null}
              <FileLinks fileIds={event.fileIds} files={files} />
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('lifecycle.recorded', { by: event.recordedBy ?? t('audit.system'), at: formatLongDateTime(event.recordedAt, locale) })}
              </Typography.Text>
            </Flex>
          ),
        };
      })}
    />
  );
}
