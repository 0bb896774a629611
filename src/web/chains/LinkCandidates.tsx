import { useState } from 'react';
import { Link } from 'react-router';
import { App, Button, Flex, Form, Input, List, Modal, Popconfirm, Space, Spin, Tag, Typography } from 'antd';
import { canWriteRecords } from '../../domain/roles.ts';
import { reasonLine } from '../../domain/chains/candidates.ts';
import type { TCandidateItem } from '../../shared/chain-candidates.ts';
import { useCurrentUser } from '../auth/auth.queries.ts';
import { LeadIntakeDrawer } from '../funnel/LeadIntakeDrawer.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { formatDate, formatDateTime } from '../i18n/format.ts';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';
import { useLinkCandidates, useLinkRejections, useRejectionActions } from './chain-candidates.queries.ts';
import { TripPlanDialog } from './TripPlanDialog.tsx';

type Props = { chainId: number; linkId: number; linkName: string };

/**
 * 候选企业 (issue 14) in a link's drawer: the enterprises to attract, best first, each with its score, its tiers and its
 * reasons as the engine writes them ("行业代码 3841 完全匹配 +40"); 发起线索 on one, 加入出行计划, or 不适合 with a reason — it then
 * leaves the list for 已标记不适合, with who said so and why, and can be taken back. Read-only users see no buttons.
 */
export function LinkCandidates({ chainId, linkId, linkName }: Props) {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const me = useCurrentUser();
  const canWrite = canWriteRecords(me.role);
  const candidates = useLinkCandidates(chainId, linkId);
  const rejections = useLinkRejections(chainId, linkId);
  const { reject, withdraw, refresh, placeLead } = useRejectionActions(chainId, linkId);
  const [rejecting, setRejecting] = useState<TCandidateItem | null>(null);
  const [leadFor, setLeadFor] = useState<TCandidateItem | null>(null);
  const [planFor, setPlanFor] = useState<TCandidateItem | null>(null);
  const [form] = Form.useForm<{ reason: string }>();
  const language = locale === 'en' ? 'en' : 'zh';

  const submitReject = async ({ reason }: { reason: string }) => {
    if (!rejecting) return;
    await reject.mutateAsync({ enterpriseId: rejecting.enterpriseId, reason: reason.trim() });
    void message.success(t('chainCandidates.rejected', { name: rejecting.name }));
    setRejecting(null);
    form.resetFields();
  };

  return (
    <section data-testid="link-candidates">
      <Typography.Title level={5} style={{ marginTop: 8 }}>
        {t('chainCandidates.title')}
        {candidates.data ? ` (${candidates.data.items.length})` : ''}
      </Typography.Title>
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
        {t('chainCandidates.explain')}
        {candidates.data ? (
          <span data-testid="candidates-computed">
            {' '}
            {candidates.data.computedAt ? t('chainCandidates.computedAt', { time: formatDateTime(candidates.data.computedAt) }) : t('chainCandidates.computedLive')}
          </span>
        ) : null}
      </Typography.Paragraph>
      <ErrorAlert error={candidates.error ?? rejections.error ?? withdraw.error} />
      {candidates.isPending ? <Spin /> : null}
      {candidates.data ? (
        <List
          size="small"
          locale={{ emptyText: t('chainCandidates.none') }}
          dataSource={candidates.data.items}
          renderItem={(c, index) => (
            <List.Item data-testid={`candidate-${c.enterpriseId}`} style={{ display: 'block' }}>
              <Flex justify="space-between" align="flex-start" gap={8} wrap>
                <Space wrap size={4} style={{ minWidth: 0 }}>
                  <Typography.Text type="secondary">{index + 1}.</Typography.Text>
                  <Link to={`/enterprises/${c.enterpriseId}`} style={{ wordBreak: 'break-all' }}>
                    {c.name}
                  </Link>
                  {c.tiers.map((tier) => (
                    <Tag key={tier.list} color="geekblue" style={{ marginInlineEnd: 0 }}>
                      {tier[language]}
                    </Tag>
                  ))}
                </Space>
                <Tag color="volcano" data-testid="candidate-score" style={{ marginInlineEnd: 0 }}>
                  {t('chainCandidates.score', { score: c.score })}
                </Tag>
              </Flex>
              <ul style={{ margin: '4px 0', paddingInlineStart: 20 }} data-testid="candidate-reasons">
                {c.reasons.map((r) => (
                  <li key={r.factor} style={{ overflowWrap: 'anywhere' }}>
                    <Typography.Text style={{ fontSize: 13 }}>{reasonLine(r, language)}</Typography.Text>
                  </li>
                ))}
              </ul>
              {canWrite ? (
                <Space wrap>
                  <Button size="small" type="primary" onClick={() => setLeadFor(c)}>
                    {t('chainCandidates.startLead')}
                  </Button>
                  <Button size="small" onClick={() => setPlanFor(c)} data-testid="candidate-trip-plan">
                    {t('tripPlan.add')}
                  </Button>
                  <Button size="small" danger onClick={() => setRejecting(c)}>
                    {t('chainCandidates.notAFit')}
                  </Button>
                </Space>
              ) : null}
            </List.Item>
          )}
        />
      ) : null}
      {rejections.data && rejections.data.length > 0 ? (
        <List
          size="small"
          data-testid="link-rejections"
          header={
            <Typography.Text strong>
              {t('chainCandidates.rejectedTitle')} ({rejections.data.length})
            </Typography.Text>
          }
          dataSource={rejections.data}
          renderItem={(r) => (
            <List.Item
              data-testid={`rejection-${r.enterpriseId}`}
              actions={
                canWrite
                  ? [
                      <Popconfirm
                        key="undo"
                        title={t('chainCandidates.undoConfirm', { name: r.enterpriseName })}
                        okText={t('chainCandidates.undo')}
                        cancelText={t('action.cancel')}
                        onConfirm={() => withdraw.mutateAsync(r.enterpriseId).then(() => void message.success(t('chainCandidates.undone', { name: r.enterpriseName })))}
                      >
                        <Button size="small" type="link" loading={withdraw.isPending && withdraw.variables === r.enterpriseId}>
                          {t('chainCandidates.undo')}
                        </Button>
                      </Popconfirm>,
                    ]
                  : []
              }
            >
              <Space direction="vertical" size={0} style={{ minWidth: 0 }}>
                <Typography.Text delete style={{ wordBreak: 'break-all' }}>
                  {r.enterpriseName}
                </Typography.Text>
                <Typography.Text style={{ overflowWrap: 'anywhere' }}>{t('chainCandidates.because', { reason: r.reason })}</Typography.Text>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('chainCandidates.markedBy', { user: r.userName, unit: r.unitName, date: formatDate(r.createdAt) })}
                </Typography.Text>
              </Space>
            </List.Item>
          )}
        />
      ) : null}
      <Modal
        open={rejecting !== null}
        title={t('chainCandidates.rejectTitle', { name: rejecting?.name ?? '' })}
        okText={t('chainCandidates.notAFit')}
        okButtonProps={{ danger: true, loading: reject.isPending }}
        cancelText={t('action.cancel')}
        onOk={() => form.submit()}
        onCancel={() => {
          setRejecting(null);
          reject.reset();
          form.resetFields();
        }}
        destroyOnHidden
      >
        <Typography.Paragraph type="secondary">{t('chainCandidates.rejectHint', { link: linkName })}</Typography.Paragraph>
        <ErrorAlert error={reject.error} />
        <Form form={form} layout="vertical" onFinish={(values) => void submitReject(values).catch(() => undefined)}>
          <Form.Item
            name="reason"
            label={t('chainCandidates.reason')}
            rules={[{ required: true, whitespace: true, message: t('chainCandidates.reasonRequired') }]}
          >
            <Input.TextArea maxLength={200} showCount autoSize={{ minRows: 2, maxRows: 4 }} data-testid="reject-reason" />
          </Form.Item>
        </Form>
      </Modal>
      <TripPlanDialog enterprise={planFor ? { id: planFor.enterpriseId, name: planFor.name } : null} linkId={linkId} onClose={() => setPlanFor(null)} />
      {leadFor ? (
        <LeadIntakeDrawer
          open
          onClose={() => {
            setLeadFor(null);
            void refresh();
          }}
          enterprise={{ id: leadFor.enterpriseId, name: leadFor.name }}
          onCreated={(lead) => placeLead(lead.id).catch(() => void message.warning(t('chainCandidates.notPlaced', { link: linkName })))}
          origin={t('chainCandidates.leadOrigin', { name: leadFor.name, link: linkName })}
        />
      ) : null}
    </section>
  );
}
