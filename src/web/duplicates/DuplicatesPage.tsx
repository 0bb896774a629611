import { useState } from 'react';
import { App, Button, Card, Col, Descriptions, Empty, Flex, Form, Input, Modal, Pagination, Radio, Row, Segmented, Spin, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { describeReasons, formatScore } from '../../domain/duplicate-claims.ts';
import type { TClaimedProject, TDuplicateClaim } from '../../shared/duplicate-claims.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { formatDate, formatDateTime } from '../i18n/format.ts';
import { StageTag } from '../projects/StageTag.tsx';
import { industryLabel } from '../industries/IndustrySelect.tsx';
import { WanAmount } from '../ui/Amount.tsx';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';
import { PageHeader } from '../ui/PageHeader.tsx';
import { useUrlFilters } from '../ui/use-url-filters.ts';
import { useDecideDuplicate, useDuplicateClaims, type DuplicateQueueStatus } from './duplicates.queries.ts';

/** 甄别 (issue 17): the bureau's queue of pairs of projects that may be one investment claimed by two units. */
export function DuplicatesPage() {
  const { t } = useI18n();
  const filters = useUrlFilters();
  const status: DuplicateQueueStatus = filters.text('status') === 'resolved' ? 'resolved' : 'open';
  const page = filters.number('page', 1)!;
  const pageSize = 10;
  const { data, isFetching, error } = useDuplicateClaims(status, page, pageSize);

  return (
    <>
      <PageHeader title={t('duplicates.title')} />
      <Typography.Paragraph type="secondary">{t('duplicates.hint')}</Typography.Paragraph>
      <Flex className="zs-filters" gap="small" wrap align="center">
        <Segmented<DuplicateQueueStatus>
          value={status}
          onChange={(next) => filters.update({ status: next === 'open' ? null : next, page: null })}
          options={[
            { value: 'open', label: t('duplicates.open') },
            { value: 'resolved', label: t('duplicates.resolved') },
          ]}
        />
      </Flex>
      <ErrorAlert error={error} />
      <Spin spinning={isFetching && !data}>
        {data && data.items.length === 0 ? <Empty description={t(status === 'open' ? 'duplicates.empty' : 'duplicates.emptyResolved')} /> : null}
        <Flex vertical gap="middle">
          {data?.items.map((claim) => <ClaimCard key={claim.id} claim={claim} />)}
        </Flex>
        {data && data.total > pageSize ? (
          <Pagination
            style={{ marginTop: 16 }}
            current={page}
            pageSize={pageSize}
            total={data.total}
            showSizeChanger={false}
            onChange={(next) => filters.update({ page: next === 1 ? null : String(next) })}
          />
        ) : null}
      </Spin>
    </>
  );
}

type ClaimCardProps = { claim: TDuplicateClaim };

function ClaimCard({ claim }: ClaimCardProps) {
  const { t, locale } = useI18n();
  const [dialog, setDialog] = useState<DecisionKind | null>(null);
  const decided = claim.status !== 'open';
  const kept = claim.resolution ? [claim.projectA, claim.projectB].find((p) => p.id === claim.resolution!.keptProjectId) : undefined;
  const survivor = claim.merge ? [claim.projectA, claim.projectB].find((p) => p.id === claim.merge!.survivorProjectId) : undefined;
  return (
    <Card
      data-testid="duplicate-claim"
      size="small"
      title={
        <Flex gap="small" wrap align="center">
          <Tag color={claim.scorePermille >= 800 ? 'red' : 'orange'} className="zs-amount">
            {t('duplicates.score', { score: formatScore(claim.scorePermille) })}
          </Tag>
          <Typography.Text style={{ whiteSpace: 'normal' }}>{describeReasons(claim.reasons, locale)}</Typography.Text>
        </Flex>
      }
      extra={
        decided ? (
          <Tag color="green">{t(`duplicates.status.${claim.status as 'notDuplicate' | 'creditSplit' | 'merged'}`)}</Tag>
        ) : null
      }
    >
      <Row gutter={[16, 16]}>
        <Col xs={24} md={12}>
          <ProjectFacts project={claim.projectA} />
        </Col>
        <Col xs={24} md={12}>
          <ProjectFacts project={claim.projectB} />
        </Col>
      </Row>
      {decided ? (
        <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
          {t('duplicates.resolvedBy', { at: formatDateTime(claim.resolvedAt), by: claim.resolvedByName ?? '' })}
          {kept && claim.resolution ? `;${t('duplicates.splitDetail', { name: kept.name, share: claim.resolution.sharePercent })}` : ''}
          {survivor ? `;${t('duplicates.mergeDetail', { name: survivor.name })}` : ''}
          {claim.reason ? `;${claim.reason}` : ''}
          {claim.merge ? (
            <Button size="small" style={{ marginInlineStart: 8 }} onClick={() => setDialog('undoMerge')}>
              {t('duplicates.undoMerge')}
            </Button>
          ) : null}
        </Typography.Paragraph>
      ) : (
        <Flex gap="small" wrap justify="flex-end" style={{ marginTop: 12 }}>
          <Button onClick={() => setDialog('notDuplicate')}>{t('duplicates.notDuplicate')}</Button>
          <Button onClick={() => setDialog('merge')}>{t('duplicates.merge')}</Button>
          <Button type="primary" onClick={() => setDialog('splitCredit')}>
            {t('duplicates.splitCredit')}
          </Button>
        </Flex>
      )}
      {dialog ? <DecisionDialog claim={claim} kind={dialog} onClose={() => setDialog(null)} /> : null}
    </Card>
  );
}

type ProjectFactsProps = { project: TClaimedProject };

function ProjectFacts({ project }: ProjectFactsProps) {
  const { t, locale } = useI18n();
  return (
    <Descriptions
      size="small"
      column={1}
      bordered
      title={
        <Flex gap="small" wrap align="center">
          <Link to={`/projects/${project.id}`}>{project.name}</Link>
          {project.confidential ? <Tag>{t('duplicates.confidential')}</Tag> : null}
        </Flex>
      }
      items={[
        { key: 'unit', label: t('project.unit'), children: project.unitName },
        ...(project.reportedUnitName ? [{ key: 'reported', label: t('duplicates.reportedUnit'), children: project.reportedUnitName }] : []),
        {
          key: 'investor',
          label: t('duplicates.investor'),
          children: (
            <span style={{ overflowWrap: 'anywhere' }}>
              {project.investorName}
              {project.investorCreditCode ? <Typography.Text type="secondary"> {project.investorCreditCode}</Typography.Text> : null}
            </span>
          ),
        },
        {
          key: 'amount',
          label: t('duplicates.amount'),
          children: (
            <>
              <WanAmount yuan={project.totalInvestmentYuan} withUnit />
              {project.contractInvestmentYuan !== null ? (
                <>
                  {' ('}
                  <WanAmount yuan={project.contractInvestmentYuan} withUnit />
                  {')'}
                </>
              ) : null}
            </>
          ),
        },
        { key: 'industry', label: t('duplicates.industry'), children: project.industryCode ? industryLabel(project.industryCode, project.industryName, locale) : '—' },
        { key: 'stage', label: t('duplicates.stage'), children: <StageTag stage={project.stage} /> },
        { key: 'signedOn', label: t('duplicates.signedOn'), children: project.signedOn ?? '—' },
        { key: 'recordedOn', label: t('duplicates.recordedOn'), children: formatDate(project.createdAt) },
      ]}
    />
  );
}

type DecisionKind = 'notDuplicate' | 'splitCredit' | 'merge' | 'undoMerge';
type DecisionDialogProps = { claim: TDuplicateClaim; kind: DecisionKind; onClose: () => void };
type DecisionForm = { reason?: string; keptProjectId?: number };

const DIALOG_WORDS = {
  notDuplicate: { title: 'duplicates.notDuplicateTitle', hint: null },
  splitCredit: { title: 'duplicates.splitTitle', hint: 'duplicates.splitHint' },
  merge: { title: 'duplicates.mergeTitle', hint: 'duplicates.mergeHint' },
  undoMerge: { title: 'duplicates.undoMergeTitle', hint: 'duplicates.undoMergeHint' },
} as const;

function DecisionDialog({ claim, kind, onClose }: DecisionDialogProps) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<DecisionForm>();
  const decide = useDecideDuplicate();
  // Every decision but "not a duplicate" needs a reason; a split and a merge choose the project kept.
  const choosesKept = kind === 'splitCredit' || kind === 'merge';
  const reasonRequired = kind !== 'notDuplicate';
  const words = DIALOG_WORDS[kind];

  const handleOk = async () => {
    const values = await form.validateFields();
    const reason = values.reason ?? '';
    decide.mutate(
      kind === 'splitCredit'
        ? { kind, id: claim.id, body: { keptProjectId: values.keptProjectId!, reason } }
        : kind === 'merge'
          ? { kind, id: claim.id, body: { survivorProjectId: values.keptProjectId!, reason } }
          : kind === 'undoMerge'
            ? { kind, id: claim.merge!.id, body: { reason } }
            : { kind, id: claim.id, body: values.reason ? { reason: values.reason } : {} },
      {
        onSuccess: () => {
          void message.success(t('duplicates.done'));
          onClose();
        },
      },
    );
  };

  return (
    <Modal
      open
      title={t(words.title)}
      okText={t('duplicates.confirm')}
      cancelText={t('duplicates.cancel')}
      confirmLoading={decide.isPending}
      onOk={() => void handleOk()}
      onCancel={onClose}
      destroyOnHidden
    >
      <ErrorAlert error={decide.error} />
      {words.hint ? <Typography.Paragraph type="secondary">{t(words.hint)}</Typography.Paragraph> : null}
      <Form form={form} layout="vertical" initialValues={{ keptProjectId: choosesKept ? claim.projectA.id : undefined }}>
        {choosesKept ? (
          <Form.Item name="keptProjectId" label={t('duplicates.kept')} rules={[{ required: true }]}>
            <Radio.Group>
              <Flex vertical gap={4}>
                {[claim.projectA, claim.projectB].map((p) => (
                  <Radio key={p.id} value={p.id}>
                    {p.name}({p.unitName})
                  </Radio>
                ))}
              </Flex>
            </Radio.Group>
          </Form.Item>
        ) : null}
        <Form.Item
          name="reason"
          label={reasonRequired ? t('duplicates.reason') : t('duplicates.reasonOptional')}
          rules={reasonRequired ? [{ required: true, min: 2, max: 500, whitespace: true }] : [{ max: 500 }]}
        >
          <Input.TextArea rows={3} maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
