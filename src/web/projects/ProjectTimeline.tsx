import { useState, type ReactNode } from 'react';
import { App, Button, Empty, Flex, Form, Input, Segmented, Spin, Tag, Timeline, Typography, theme } from 'antd';
import { CommentOutlined, SendOutlined, StarOutlined } from '@ant-design/icons';
import type { ProjectState } from '../../domain/stages.ts';
import type { TProblem } from '../../shared/problems.ts';
import type { TStageEvent } from '../../shared/project-stages.ts';
import type { TTimelineItem } from '../../shared/timeline.ts';
import { formatDateTime } from '../i18n/format.ts';
import { useI18n, type MessageKey, type Translate } from '../i18n/i18n.tsx';
import { WanAmount, WanUsdAmount } from '../ui/Amount.tsx';
import { ErrorAlert, MessageAlert } from '../ui/ErrorAlert.tsx';
import { showErrorInForm } from '../ui/errors.ts';
import { evidenceText } from './evidence-text.ts';
import { systemSentenceIn } from '../../domain/system-sentences.ts';
import { useAddComment, useProjectTimeline, type FundSource } from './projects.queries.ts';
import { StageTag } from './StageTag.tsx';

type Kind = TTimelineItem['kind'];
type Filter = 'all' | 'comment' | 'stage' | 'funds' | 'problem' | 'edit';

const KIND_COLOURS: Record<Kind, string> = { stage: 'blue', funds: 'green', problem: 'red', problemNote: 'orange', comment: 'gray', edit: 'gray', visit: 'cyan', lead: 'purple' };

/** The project record's fields as the edit entries name them. */
const FIELD_LABELS: Record<string, MessageKey> = {
  name: 'project.name',
  investorEnterpriseId: 'project.investor',
  unitId: 'project.unit',
  reportedUnitId: 'project.reportedUnit',
  projectType: 'project.type',
  industryCode: 'project.industry',
  totalInvestmentYuan: 'project.totalInvestmentWan',
  contractInvestmentYuan: 'project.contractInvestmentWan',
  fundSource: 'project.fundSource',
  foreignInvestmentUsd: 'project.foreignInvestmentWanUsd',
  isMajor: 'project.isMajor',
  threeBatch: 'project.threeBatch',
  responsibleLeader: 'project.responsibleLeader',
  responsibleOfficerId: 'project.responsibleOfficer',
  codeName: 'project.codeName',
};

function fieldNames(fields: unknown, t: Translate): string {
  return (Array.isArray(fields) ? fields : [])
    .map((field) => (typeof field === 'string' && FIELD_LABELS[field] ? t(FIELD_LABELS[field]) : String(field)))
    .join('、');
}

function when(at: string): string {
  return at.length <= 10 ? at : formatDateTime(at);
}

function matches(item: TTimelineItem, filter: Filter): boolean {
  if (filter === 'all') return true;
  if (filter === 'problem') return item.kind === 'problem' || item.kind === 'problemNote';
  return item.kind === filter;
}

export type ProjectTimelineProps = { projectId: number; canComment: boolean };

/** 动态: everything that happened to the project, newest first, and comments (leaders comment too). */
export function ProjectTimeline({ projectId, canComment }: ProjectTimelineProps) {
  const { t } = useI18n();
  const { data: items, error, isPending } = useProjectTimeline(projectId);
  const [filter, setFilter] = useState<Filter>('all');
  const shown = (items ?? []).filter((item) => matches(item, filter));

  return (
    <Flex vertical gap="middle" style={{ maxWidth: 880 }}>
      {canComment ? <CommentForm projectId={projectId} /> : null}
      <Segmented<Filter>
        value={filter}
        onChange={setFilter}
        options={(['all', 'comment', 'stage', 'funds', 'problem', 'edit'] as const).map((value) => ({ value, label: t(`timeline.filter.${value}`) }))}
        style={{ alignSelf: 'flex-start' }}
      />
      <ErrorAlert error={error} />
      {isPending ? <Spin /> : null}
      {items && shown.length === 0 ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('timeline.empty')} /> : null}
      {shown.length > 0 ? (
        <Timeline
          items={shown.map((item, index) => ({
            key: `${item.kind}-${item.at}-${index}`,
            color: KIND_COLOURS[item.kind],
            icon: item.kind === 'comment' ? <CommentOutlined /> : undefined,
            content: <TimelineEntry item={item} />,
          }))}
        />
      ) : null}
    </Flex>
  );
}

function TimelineEntry({ item }: { item: TTimelineItem }) {
  const { t, locale } = useI18n();
  const { token } = theme.useToken();
  const head = (label: ReactNode) => (
    <Flex gap="small" align="center" wrap>
      <Typography.Text type="secondary" className="zs-amount">
        {when(item.at)}
      </Typography.Text>
      {label}
      {item.actor ? <Typography.Text type="secondary">· {item.actor}</Typography.Text> : null}
    </Flex>
  );
  const data = item.data;

  switch (item.kind) {
    case 'stage': {
      const kind = data.eventKind as TStageEvent['kind'];
      const evidence = evidenceText((data.evidence ?? {}) as TStageEvent['evidence'], t, locale);
      return (
        <Flex vertical gap={2}>
          {head(
            <span>
              {t(`lifecycle.kind.${kind}`)} <StageTag stage={data.state as ProjectState} />
            </span>,
          )}
          {evidence ? <Typography.Text type="secondary">{evidence}</Typography.Text> : null}
          {data.reason ? <Typography.Text type="secondary">{t('lifecycle.reason', { reason: systemSentenceIn(String(data.reason), locale) })}</Typography.Text> : null}
        </Flex>
      );
    }
    case 'visit':
      return (
        <Flex vertical gap={2}>
          {head(<Tag color="cyan">{t(`timeline.visit.${String(data.visitKind)}` as MessageKey)}</Tag>)}
          <Typography.Text>
            {String(data.enterpriseName ?? '')}
            {data.peopleMet ? ` · ${String(data.peopleMet)}` : ''}
          </Typography.Text>
          {data.notes ? <Typography.Text type="secondary">{String(data.notes)}</Typography.Text> : null}
          {data.nextStep ? <Typography.Text type="secondary">{t('timeline.nextStep', { step: String(data.nextStep) })}</Typography.Text> : null}
        </Flex>
      );
    case 'lead':
      return (
        <Flex vertical gap={2}>
          {head(<Tag color="purple">{t('timeline.lead')}</Tag>)}
          <Typography.Text>{String(data.enterpriseName ?? '')}</Typography.Text>
          {data.note ? <Typography.Text type="secondary">{String(data.note)}</Typography.Text> : null}
        </Flex>
      );
    case 'funds': {
      const usd = typeof data.amountUsd === 'number' ? data.amountUsd : null;
      const yuan = typeof data.amountYuan === 'number' ? data.amountYuan : 0;
      return (
        <Flex vertical gap={2}>
          {head(<Tag color="green">{t('timeline.funds')}</Tag>)}
          <Typography.Text delete={data.voided === true}>
            {usd !== null ? <WanUsdAmount usd={usd} withUnit /> : <WanAmount yuan={yuan} withUnit />} · {t(`fundSource.${data.source as FundSource}`)} ·{' '}
            {t('funds.evidenceRef')}: {String(data.evidenceRef ?? '')}
          </Typography.Text>
          {data.voided === true ? <Tag style={{ alignSelf: 'flex-start' }}>{t('funds.voided')}</Tag> : null}
        </Flex>
      );
    }
    case 'problem':
      return (
        <Flex vertical gap={2}>
          {head(
            <span>
              <Tag color="red">{t('timeline.problem')}</Tag>
              <Tag>{t(`problem.category.${data.category as TProblem['category']}`)}</Tag>
              {data.level === 'city' ? <Tag color="volcano">{t('problem.level.city')}</Tag> : null}
              {data.state === 'resolved' ? <Tag color="green">{t('problem.state.resolved')}</Tag> : null}
            </span>,
          )}
          <Typography.Text>{String(data.description ?? '')}</Typography.Text>
        </Flex>
      );
    case 'problemNote': {
      const noteKind = data.noteKind as TProblem['notes'][number]['kind'];
      return (
        <Flex vertical gap={2}>
          {head(
            <Tag color={noteKind === 'instruction' ? 'gold' : 'orange'} icon={noteKind === 'instruction' ? <StarOutlined /> : undefined}>
              {t(`problem.note.${noteKind}`)}
            </Tag>,
          )}
          <Typography.Text strong={noteKind === 'instruction'}>{String(data.text ?? '')}</Typography.Text>
        </Flex>
      );
    }
    case 'comment':
      return (
        <Flex vertical gap={4}>
          {head(<Typography.Text strong>{t('timeline.comment')}</Typography.Text>)}
          <div style={{ background: token.colorFillQuaternary, borderRadius: token.borderRadius, padding: `${token.paddingXS}px ${token.paddingSM}px`, whiteSpace: 'pre-wrap' }}>
            {String(data.text ?? '')}
          </div>
        </Flex>
      );
    case 'edit': {
      const action = String(data.action);
      const fields = fieldNames(data.fields, t);
      const label = action === 'create' ? t('timeline.created') : action === 'seed' ? t('timeline.seeded') : fields ? t('timeline.edited', { fields }) : t('timeline.editedHidden');
      return head(<Typography.Text>{label}</Typography.Text>);
    }
  }
}

type CommentValues = { text?: string };

function CommentForm({ projectId }: { projectId: number }) {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<CommentValues>();
  const addComment = useAddComment(projectId);
  const [formError, setFormError] = useState<string | null>(null);

  const handleSubmit = async (values: CommentValues) => {
    setFormError(null);
    try {
      await addComment.mutateAsync(values.text!.trim());
      form.resetFields();
      void message.success(t('timeline.commented'));
    } catch (error) {
      setFormError(showErrorInForm(form, error, locale, ['text']));
    }
  };

  return (
    <Form<CommentValues> form={form} layout="vertical" requiredMark={false} onFinish={(values) => void handleSubmit(values)}>
      <MessageAlert message={formError} onClose={() => setFormError(null)} />
      <Form.Item
        name="text"
        label={t('timeline.addComment')}
        rules={[
          { required: true, whitespace: true, message: t('form.required') },
          { max: 2000, message: t('form.maxLength', { max: 2000 }) },
        ]}
        style={{ marginBottom: 8 }}
      >
        <Input.TextArea rows={2} maxLength={2000} placeholder={t('timeline.commentHint')} />
      </Form.Item>
      <Button type="primary" htmlType="submit" icon={<SendOutlined />} loading={addComment.isPending}>
        {t('timeline.post')}
      </Button>
    </Form>
  );
}
