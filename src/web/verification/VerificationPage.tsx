import { useState } from 'react';
import { App, Button, Descriptions, Drawer, Empty, Flex, Form, Input, List, Modal, Segmented, Space, Spin, Table, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { canWriteRecords } from '../../domain/roles.ts';
import type { TEvidenceChecks, TStageVerification, TVerificationStatus } from '../../shared/stage-verifications.ts';
import { useCurrentUser } from '../auth/auth.queries.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { formatDateTime } from '../i18n/format.ts';
import { evidenceText } from '../projects/ProjectLifecycle.tsx';
import { StageTag } from '../projects/StageTag.tsx';
import { WanAmount } from '../ui/Amount.tsx';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';
import { PageHeader } from '../ui/PageHeader.tsx';
import { useUrlFilters } from '../ui/use-url-filters.ts';
import { useActOnVerification, useStageVerification, useStageVerifications } from './verification.queries.ts';
import { VERIFICATION_COLOURS } from './VerificationTag.tsx';
import { VerificationSettingsDrawer } from './VerificationSettingsDrawer.tsx';
import { SettingOutlined } from '@ant-design/icons';

const STATUSES: TVerificationStatus[] = ['reported', 'rejected', 'confirmed', 'withdrawn'];

/**
 * 核实 (issue 17): the reviewer's queue of reported stage changes, longest waiting first, each opening onto its
 * evidence and the checks on it; a unit sees its own changes here too, and resubmits those sent back.
 */
export type VerificationPageProps = {
  /** Shown inside the 督办 page (its 待核实 view) rather than as a page of its own: no page title. */
  embedded?: boolean;
};

export function VerificationPage({ embedded = false }: VerificationPageProps) {
  const { t } = useI18n();
  const filters = useUrlFilters();
  const status = (STATUSES.find((s) => s === filters.text('status')) ?? 'reported') as TVerificationStatus;
  const page = filters.number('page', 1)!;
  const pageSize = 20;
  const { data, isFetching, error } = useStageVerifications(status, page, pageSize);
  const [openId, setOpenId] = useState<number | null>(null);
  const [settingsOpen, setSettingsOpen] = useState(false);
  const me = useCurrentUser();
  const settingsButton =
    me.role === 'bureau' ? (
      <Button icon={<SettingOutlined />} onClick={() => setSettingsOpen(true)} data-testid="verification-settings">
        {t('verification.settings.open')}
      </Button>
    ) : undefined;

  return (
    <>
      {embedded ? null : <PageHeader title={t('verification.title')} extra={settingsButton} />}
      <Typography.Paragraph type="secondary">{t('verification.hint')}</Typography.Paragraph>
      <Flex className="zs-filters" gap="small" wrap align="center">
        <Segmented<TVerificationStatus>
          value={status}
          onChange={(next) => filters.update({ status: next === 'reported' ? null : next, page: null })}
          options={STATUSES.map((s) => ({ value: s, label: t(`verification.status.${s}`) }))}
        />
        {embedded ? settingsButton : null}
      </Flex>
      <ErrorAlert error={error} />
      <Spin spinning={isFetching && !data}>
        <Table<TStageVerification>
          data-testid="verification-queue"
          rowKey="id"
          size="small"
          dataSource={data?.items ?? []}
          locale={{ emptyText: <Empty description={t('verification.empty')} /> }}
          scroll={{ x: 900 }}
          pagination={{
            current: page,
            pageSize,
            total: data?.total ?? 0,
            showSizeChanger: false,
            hideOnSinglePage: true,
            onChange: (next) => filters.update({ page: next === 1 ? null : String(next) }),
          }}
          columns={[
            { key: 'project', title: t('verification.project'), render: (_, v) => <Link to={`/projects/${v.projectId}`}>{v.projectName}</Link> },
            { key: 'unit', title: t('verification.unit'), dataIndex: 'unitName' },
            { key: 'stage', title: t('verification.stage'), render: (_, v) => <StageTag stage={v.stage} /> },
            { key: 'happenedOn', title: t('verification.happenedOn'), render: (_, v) => <span className="zs-amount">{v.happenedOn}</span> },
            { key: 'amount', title: t('verification.amount'), align: 'right', render: (_, v) => <WanAmount yuan={v.totalInvestmentYuan} withUnit /> },
            {
              key: 'waiting',
              title: t('verification.waiting'),
              align: 'right',
              render: (_, v) =>
                v.status === 'reported' || v.status === 'rejected' ? (
                  <Tag color={v.daysWaiting > 14 ? 'red' : v.daysWaiting > 7 ? 'orange' : 'default'} className="zs-amount">
                    {t('verification.days', { days: v.daysWaiting })}
                  </Tag>
                ) : (
                  <Tag color={VERIFICATION_COLOURS[v.status]}>{t(`verification.status.${v.status}`)}</Tag>
                ),
            },
            { key: 'reviewer', title: t('verification.reviewer'), render: (_, v) => v.reviewerDepartmentName ?? t('verification.bureau') },
            {
              key: 'open',
              title: '',
              render: (_, v) => (
                <Button size="small" data-testid={`verification-open-${v.id}`} onClick={() => setOpenId(v.id)}>
                  {t('verification.open')}
                </Button>
              ),
            },
          ]}
        />
      </Spin>
      {openId !== null ? <VerificationDrawer id={openId} onClose={() => setOpenId(null)} /> : null}
      {settingsOpen ? <VerificationSettingsDrawer onClose={() => setSettingsOpen(false)} /> : null}
    </>
  );
}

type VerificationDrawerProps = { id: number; onClose: () => void };

function VerificationDrawer({ id, onClose }: VerificationDrawerProps) {
  const { t, locale } = useI18n();
  const me = useCurrentUser();
  const { data, error } = useStageVerification(id);
  const [dialog, setDialog] = useState<'reject' | 'resubmit' | null>(null);
  const act = useActOnVerification();
  const { message } = App.useApp();
  const reviewer = me.role === 'bureau' || me.role === 'department';
  const ownUnit = data?.unitId === me.unitId;

  const handleConfirm = () =>
    act.mutate(
      { kind: 'decide', id, body: { action: 'confirm' } },
      {
        onSuccess: () => {
          void message.success(t('verification.done'));
          onClose();
        },
      },
    );

  return (
    <Drawer open width={640} title={data ? `${data.projectName} · ${t(`stage.${data.stage}`)}` : ''} onClose={onClose} destroyOnHidden>
      <ErrorAlert error={error ?? act.error} />
      {data ? (
        <Flex vertical gap="middle" data-testid="verification-detail">
          <Descriptions
            size="small"
            column={1}
            bordered
            items={[
              { key: 'unit', label: t('verification.unit'), children: data.unitName },
              { key: 'status', label: t('verification.statusLabel'), children: <Tag color={VERIFICATION_COLOURS[data.status]}>{t(`verification.status.${data.status}`)}</Tag> },
              { key: 'happenedOn', label: t('verification.happenedOn'), children: data.happenedOn },
              { key: 'amount', label: t('verification.amount'), children: <WanAmount yuan={data.totalInvestmentYuan} withUnit /> },
              {
                key: 'evidence',
                label: t('verification.evidence'),
                children: <span style={{ overflowWrap: 'anywhere' }}>{evidenceText(data.evidence, t, locale) || '—'}</span>,
              },
            ]}
          />
          <EvidenceChecks checks={data.checks} />
          <div>
            <Typography.Title level={5}>{t('verification.steps')}</Typography.Title>
            <List
              size="small"
              dataSource={data.steps}
              renderItem={(step) => (
                <List.Item>
                  {t('verification.step', { at: formatDateTime(step.at), by: step.byName ?? '', status: t(`verification.status.${step.status}`) })}
                  {step.reason ? `：${step.reason}` : ''}
                </List.Item>
              )}
            />
          </div>
          <Space wrap style={{ justifyContent: 'flex-end' }}>
            {reviewer && !ownUnit && data.status === 'reported' ? (
              <>
                <Button danger data-testid="verification-reject" onClick={() => setDialog('reject')}>
                  {t('verification.reject')}
                </Button>
                <Button type="primary" data-testid="verification-confirm" loading={act.isPending} onClick={handleConfirm}>
                  {t('verification.confirm')}
                </Button>
              </>
            ) : null}
            {canWriteRecords(me.role) && data.status === 'rejected' ? (
              <Button type="primary" data-testid="verification-resubmit" onClick={() => setDialog('resubmit')}>
                {t('verification.resubmit')}
              </Button>
            ) : null}
          </Space>
        </Flex>
      ) : (
        <Spin />
      )}
      {dialog ? <ReasonDialog id={id} kind={dialog} onClose={() => setDialog(null)} onDone={onClose} /> : null}
    </Drawer>
  );
}

type EvidenceChecksProps = { checks: TEvidenceChecks };

const LEVEL_COLOURS = { ok: 'green', warn: 'red', missing: 'default' } as const;

/** The checks beside the evidence: they help the reviewer look, they decide nothing. */
function EvidenceChecks({ checks }: EvidenceChecksProps) {
  const { t } = useI18n();
  const { photos, contract, creditCode, limits } = checks;
  const creditText =
    creditCode.level === 'missing'
      ? t('verification.creditCode.missing')
      : [creditCode.invalid ? t('verification.creditCode.invalid', { problem: creditCode.invalid }) : t('verification.creditCode.ok'), t(`verification.creditCode.${creditCode.investorMatch}`)].join('；');
  return (
    <div data-testid="verification-checks">
      <Typography.Title level={5}>{t('verification.checks')}</Typography.Title>
      <Descriptions
        size="small"
        column={1}
        bordered
        items={[
          {
            key: 'photos',
            label: t('verification.photos'),
            children:
              photos.length === 0 ? (
                t('verification.noPhotos')
              ) : (
                <Flex vertical gap={4}>
                  {photos.map((photo) => (
                    <Flex key={photo.fileId} gap={6} wrap align="center" data-testid="verification-photo">
                      <Tag color={LEVEL_COLOURS[photo.level]}>{photo.fileName}</Tag>
                      <span>
                        {[
                          photo.takenOn ? t('verification.photo.takenOn', { date: photo.takenOn }) : t('verification.photo.noDate'),
                          photo.flags.includes('longBefore') ? t('verification.photo.daysBefore', { days: photo.daysBeforeClaim ?? 0, limit: limits.maxPhotoDaysBefore }) : null,
                          photo.km !== null ? t('verification.photo.km', { km: photo.km, limit: limits.maxPhotoKm }) : null,
                          photo.flags.includes('noPlace') ? t('verification.photo.noPlace') : null,
                          !limits.cityCentreSet && !photo.flags.includes('noPlace') ? t('verification.photo.noCentre') : null,
                        ]
                          .filter(Boolean)
                          .join('；')}
                      </span>
                    </Flex>
                  ))}
                </Flex>
              ),
          },
          {
            key: 'contract',
            label: t('verification.contract'),
            children: (
              <Flex gap={6} wrap align="center">
                <Tag color={LEVEL_COLOURS[contract.level]}>{contract.contractNo ?? '—'}</Tag>
                {contract.level === 'warn'
                  ? t('verification.contract.warn', { count: contract.otherProjects })
                  : t(contract.level === 'ok' ? 'verification.contract.ok' : 'verification.contract.missing')}
              </Flex>
            ),
          },
          {
            key: 'creditCode',
            label: t('verification.creditCode'),
            children: (
              <Flex gap={6} wrap align="center">
                <Tag color={LEVEL_COLOURS[creditCode.level]}>{creditCode.code ?? '—'}</Tag>
                {creditText}
              </Flex>
            ),
          },
        ]}
      />
    </div>
  );
}

type ReasonDialogProps = { id: number; kind: 'reject' | 'resubmit'; onClose: () => void; onDone: () => void };

function ReasonDialog({ id, kind, onClose, onDone }: ReasonDialogProps) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ text?: string }>();
  const act = useActOnVerification();
  const reject = kind === 'reject';

  const handleOk = async () => {
    const { text } = await form.validateFields();
    act.mutate(reject ? { kind: 'decide', id, body: { action: 'reject', reason: text ?? '' } } : { kind: 'resubmit', id, body: text ? { note: text } : {} }, {
      onSuccess: () => {
        void message.success(t('verification.done'));
        onClose();
        onDone();
      },
    });
  };

  return (
    <Modal
      open
      title={t(reject ? 'verification.rejectTitle' : 'verification.resubmitTitle')}
      okText={t('verification.ok')}
      cancelText={t('verification.cancel')}
      confirmLoading={act.isPending}
      onOk={() => void handleOk()}
      onCancel={onClose}
      destroyOnHidden
    >
      <ErrorAlert error={act.error} />
      <Form form={form} layout="vertical">
        <Form.Item
          name="text"
          label={t(reject ? 'verification.rejectReason' : 'verification.resubmitNote')}
          rules={reject ? [{ required: true, min: 2, max: 500, whitespace: true }] : [{ max: 500 }]}
        >
          <Input.TextArea rows={3} maxLength={500} data-testid="verification-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
