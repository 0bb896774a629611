import { useState } from 'react';
import { Alert, App, Button, Card, Col, DatePicker, Form, Input, Modal, Progress, Row, Select, Space, Statistic, Table, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import { PlusOutlined, StopOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { closedMonthOf } from '../../domain/month-close.ts';
import type { TFundEntry } from '../../shared/funds.ts';
import { useCloses } from '../closes/closes.queries.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { WanAmount, WanUsdAmount } from '../ui/Amount.tsx';
import { WanAmountInput, wanAmountRule } from '../ui/AmountInput.tsx';
import { CorrectionReasonField, useCorrectionPrompt } from '../ui/CorrectionReason.tsx';
import { ErrorAlert, MessageAlert } from '../ui/ErrorAlert.tsx';
import { showErrorInForm } from '../ui/errors.ts';
import { formatWan, wanInputToYuan } from '../ui/money.ts';
import { fundSourceOptions } from './ProjectForm.tsx';
import { useProjectFunds, useRecordFunds, useVoidFunds, type FundSource } from './projects.queries.ts';

export type ProjectFundsProps = { projectId: number; canWrite: boolean };

/** 到位资金: dated entries by source with their evidence, voided with a reason, and 资金到位率 against the contract. */
export function ProjectFunds({ projectId, canWrite }: ProjectFundsProps) {
  const { t } = useI18n();
  const { data: funds, error, isPending } = useProjectFunds(projectId);
  const [adding, setAdding] = useState(false);
  const [voiding, setVoiding] = useState<TFundEntry | null>(null);
  const rate = funds?.arrivalRate === null || funds?.arrivalRate === undefined ? null : Number(funds.arrivalRate);

  const columns: TableColumnsType<TFundEntry> = [
    { title: t('funds.arrivedOn'), dataIndex: 'arrivedOn', key: 'arrivedOn', render: (date: string) => <span className="zs-amount">{date}</span> },
    { title: t('funds.source'), dataIndex: 'source', key: 'source', render: (source: FundSource) => t(`fundSource.${source}`) },
    {
      title: t('funds.amount'),
      key: 'amount',
      align: 'right',
      render: (_value, entry) => (
        <Typography.Text delete={entry.voided}>
          {entry.amountUsd !== null ? <WanUsdAmount usd={entry.amountUsd} withUnit /> : <WanAmount yuan={entry.amountYuan ?? 0} withUnit />}
        </Typography.Text>
      ),
    },
    { title: t('funds.evidenceRef'), dataIndex: 'evidenceRef', key: 'evidenceRef', responsive: ['md'] },
    { title: t('funds.note'), dataIndex: 'note', key: 'note', responsive: ['lg'], render: (note: string | null) => note ?? '' },
    { title: t('funds.recordedBy'), dataIndex: 'recordedBy', key: 'recordedBy', responsive: ['lg'], render: (by: string | null) => by ?? t('audit.system') },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_value, entry) =>
        entry.voided ? (
          <Tooltip title={entry.voidReason ? t('funds.voidReasonShown', { reason: entry.voidReason }) : undefined}>
            <Tag>{t('funds.voided')}</Tag>
          </Tooltip>
        ) : canWrite ? (
          <Button type="link" size="small" danger icon={<StopOutlined />} onClick={() => setVoiding(entry)}>
            {t('funds.void')}
          </Button>
        ) : null,
    },
  ];

  return (
    <>
      <ErrorAlert error={error} />
      <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
        <Col xs={12} md={6}>
          <Card size="small" style={{ height: '100%' }} loading={isPending}>
            <Statistic
              title={t('funds.contracted')}
              value={funds?.contractInvestmentYuan === null || !funds ? '—' : formatWan(funds.contractInvestmentYuan)}
              suffix={funds?.contractInvestmentYuan === null ? undefined : t('money.wan')}
            />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small" style={{ height: '100%' }} loading={isPending}>
            <Statistic title={t('funds.arrived')} value={funds ? formatWan(funds.arrivedYuan) : '—'} suffix={t('money.wan')} />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small" style={{ height: '100%' }} loading={isPending}>
            <Statistic title={t('funds.arrivedForeign')} value={funds ? formatWan(funds.arrivedUsd) : '—'} suffix={t('money.wanUsd')} />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small" style={{ height: '100%' }} loading={isPending} data-testid="arrival-rate">
            <Statistic title={t('funds.arrivalRate')} value={funds?.arrivalRate ?? '—'} suffix={rate === null ? undefined : '%'} />
            {rate === null ? (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('funds.noContract')}
              </Typography.Text>
            ) : (
              <Progress percent={Math.min(100, rate)} showInfo={false} size="small" status={rate >= 100 ? 'success' : 'normal'} />
            )}
          </Card>
        </Col>
      </Row>
      <Space style={{ marginBottom: 12 }}>
        {canWrite ? (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)}>
            {t('funds.add')}
          </Button>
        ) : null}
        <Typography.Text type="secondary">{t('funds.rateHint')}</Typography.Text>
      </Space>
      <Table<TFundEntry>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={funds ? [...funds.entries].sort((a, b) => (a.arrivedOn < b.arrivedOn ? 1 : a.arrivedOn > b.arrivedOn ? -1 : b.id - a.id)) : []}
        loading={isPending}
        pagination={false}
        scroll={{ x: 'max-content' }}
      />
      {adding ? <FundsEntryDialog projectId={projectId} onClose={() => setAdding(false)} /> : null}
      {voiding ? <VoidFundsDialog projectId={projectId} entry={voiding} onClose={() => setVoiding(null)} /> : null}
    </>
  );
}

type FundsValues = { arrivedOn?: Dayjs; source?: FundSource; amountWan?: string | null; evidenceRef?: string; note?: string; correctionReason?: string };
const FUNDS_FIELDS = ['arrivedOn', 'source', 'amountWan', 'evidenceRef', 'note', 'correctionReason'] as const;

function FundsEntryDialog({ projectId, onClose }: { projectId: number; onClose: () => void }) {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<FundsValues>();
  const record = useRecordFunds(projectId);
  const [formError, setFormError] = useState<string | null>(null);
  // Funds dated in a closed month are a correction: asked for once the server refuses them without a reason.
  const correction = useCorrectionPrompt(locale);
  const source = Form.useWatch('source', form);

  const handleSubmit = async () => {
    let values: FundsValues;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    setFormError(null);
    const amount = wanInputToYuan(values.amountWan);
    if (amount === null) return;
    const foreign = values.source === 'foreign';
    try {
      await record.mutateAsync({
        arrivedOn: values.arrivedOn!.format('YYYY-MM-DD'),
        source: values.source!,
        ...(foreign ? { amountUsd: amount } : { amountYuan: amount }),
        evidenceRef: values.evidenceRef!.trim(),
        ...(values.note?.trim() ? { note: values.note.trim() } : {}),
        ...(values.correctionReason?.trim() ? { correctionReason: values.correctionReason.trim() } : {}),
      });
      void message.success(t('funds.added'));
      onClose();
    } catch (error) {
      if (correction.catches(error)) return;
      setFormError(showErrorInForm(form, error, locale, FUNDS_FIELDS, { amountYuan: 'amountWan', amountUsd: 'amountWan' }));
    }
  };

  const required = { required: true, whitespace: true, message: t('form.required') };

  return (
    <Modal
      open
      title={t('funds.add')}
      okText={t('action.save')}
      cancelText={t('action.cancel')}
      onOk={() => void handleSubmit()}
      onCancel={onClose}
      confirmLoading={record.isPending}
      destroyOnHidden
    >
      <MessageAlert message={formError} onClose={() => setFormError(null)} />
      <Form<FundsValues>
        form={form}
        layout="vertical"
        initialValues={{ arrivedOn: dayjs(), source: 'outOfProvince' }}
        onValuesChange={(changed: FundsValues) => {
          if ('arrivedOn' in changed) correction.reset();
        }}
      >
        <Form.Item name="arrivedOn" label={t('funds.arrivedOn')} rules={[{ required: true, message: t('form.required') }]}>
          <DatePicker style={{ width: '100%' }} format="YYYY-MM-DD" disabledDate={(day) => day.isAfter(dayjs(), 'day')} />
        </Form.Item>
        <CorrectionReasonField prompt={correction} name="correctionReason" />
        <Form.Item name="source" label={t('funds.source')} rules={[{ required: true, message: t('form.required') }]}>
          <Select options={fundSourceOptions(t)} />
        </Form.Item>
        <Form.Item
          name="amountWan"
          label={source === 'foreign' ? t('funds.amountWanUsd') : t('funds.amountWan')}
          rules={[
            wanAmountRule(t),
            { validator: async (_rule, value: string | null) => { if (value && wanInputToYuan(value) === 0) throw new Error(t('funds.amountPositive')); } },
          ]}
        >
          <WanAmountInput currency={source === 'foreign' ? 'usd' : 'cny'} />
        </Form.Item>
        <Form.Item name="evidenceRef" label={t('funds.evidenceRef')} extra={t('funds.evidenceRefHint')} rules={[required, { max: 200, message: t('form.maxLength', { max: 200 }) }]}>
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item name="note" label={t('funds.note')} rules={[{ max: 500, message: t('form.maxLength', { max: 500 }) }]}>
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

type VoidValues = { reason?: string };

function VoidFundsDialog({ projectId, entry, onClose }: { projectId: number; entry: TFundEntry; onClose: () => void }) {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<VoidValues>();
  const voidEntry = useVoidFunds(projectId);
  const [formError, setFormError] = useState<string | null>(null);
  // Voiding funds of a closed month is a correction too: its reason is the correction's.
  const closes = useCloses();
  const closedMonth = closedMonthOf(entry.arrivedOn, closes.data?.through ?? new Map());
  const amount = entry.amountUsd !== null ? t('money.wanUsdValue', { value: formatWan(entry.amountUsd) }) : t('money.wanValue', { value: formatWan(entry.amountYuan ?? 0) });

  const handleSubmit = async () => {
    let values: VoidValues;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    setFormError(null);
    try {
      await voidEntry.mutateAsync({ entryId: entry.id, reason: values.reason!.trim() });
      void message.success(t('funds.voidedDone'));
      onClose();
    } catch (error) {
      setFormError(showErrorInForm(form, error, locale, ['reason']));
    }
  };

  return (
    <Modal
      open
      title={t('funds.voidTitle', { date: entry.arrivedOn, amount })}
      okText={t('funds.void')}
      okButtonProps={{ danger: true }}
      cancelText={t('action.cancel')}
      onOk={() => void handleSubmit()}
      onCancel={onClose}
      confirmLoading={voidEntry.isPending}
      destroyOnHidden
    >
      <MessageAlert message={formError} onClose={() => setFormError(null)} />
      <Typography.Paragraph type="secondary">{t('funds.voidHint')}</Typography.Paragraph>
      {closedMonth ? (
        <Alert type="warning" showIcon title={t('correction.voidClosed', { year: Number(closedMonth.slice(0, 4)), month: Number(closedMonth.slice(5, 7)) })} style={{ marginBottom: 16 }} />
      ) : null}
      <Form<VoidValues> form={form} layout="vertical">
        <Form.Item name="reason" label={t('funds.voidReason')} rules={[{ required: true, whitespace: true, message: t('form.required') }]}>
          <Input.TextArea rows={3} maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
