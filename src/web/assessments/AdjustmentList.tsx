import { useState } from 'react';
import { App, Button, Input, Modal, Table, Tag, Typography, type TableColumnsType } from 'antd';
import type { TAdjustment, TScheme } from '../../shared/assessments.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { errorMessage } from '../ui/errors.ts';
import { useAdjustments, useWithdrawAdjustment } from './assessments.queries.ts';

/**
 * The year's hand adjustments under the ranking: who recorded each and why; the bureau withdraws a mistaken one
 * with a reason — it stops counting and stays listed, struck through.
 */
export function AdjustmentList({ scheme, year, canWithdraw }: { scheme: TScheme; year: number; canWithdraw: boolean }) {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const adjustments = useAdjustments(scheme.id, year);
  const withdraw = useWithdrawAdjustment();
  const [target, setTarget] = useState<TAdjustment | null>(null);
  const [reason, setReason] = useState('');

  const columns: TableColumnsType<TAdjustment> = [
    { title: t('assessment.adjustment.month'), dataIndex: 'month', key: 'month', width: 70, render: (month: number) => `${month}${t('assessment.adjustment.monthSuffix')}` },
    { title: t('assessment.adjustment.unit'), dataIndex: 'unitName', key: 'unitName' },
    {
      title: t('assessment.adjustment.item'),
      key: 'item',
      render: (_, a) => (
        <Typography.Text delete={a.withdrawnAt !== null}>
          {a.label} · {a.count} × {a.pointsEach > 0 ? '+' : ''}
          {a.pointsEach.toFixed(2)}
        </Typography.Text>
      ),
    },
    { title: t('assessment.adjustment.reason'), dataIndex: 'reason', key: 'reason', responsive: ['md'] },
    { title: t('assessment.adjustment.recordedBy'), dataIndex: 'recordedBy', key: 'recordedBy', responsive: ['md'], render: (v: string | null) => v ?? '—' },
    {
      title: '',
      key: 'actions',
      render: (_, a) =>
        a.withdrawnAt !== null ? (
          <Tag title={a.withdrawnReason ?? ''}>{t('assessment.adjustment.withdrawn')}</Tag>
        ) : canWithdraw ? (
          <Button size="small" onClick={() => (setTarget(a), setReason(''))}>
            {t('assessment.adjustment.withdraw')}
          </Button>
        ) : null,
    },
  ];

  if (!adjustments.data || adjustments.data.length === 0) return null;
  return (
    <section data-testid="assessment-adjustments" style={{ marginTop: 24 }}>
      <Typography.Title level={5}>{t('assessment.adjustment.listTitle')}</Typography.Title>
      <Table rowKey="id" size="small" columns={columns} dataSource={adjustments.data} pagination={false} scroll={{ x: 'max-content' }} />
      <Modal
        open={target !== null}
        title={t('assessment.adjustment.withdrawTitle')}
        okText={t('assessment.adjustment.withdraw')}
        okButtonProps={{ disabled: !reason.trim(), loading: withdraw.isPending }}
        onCancel={() => setTarget(null)}
        onOk={async () => {
          try {
            await withdraw.mutateAsync({ schemeId: scheme.id, id: target!.id, reason: reason.trim() });
            setTarget(null);
            void message.success(t('assessment.adjustment.withdrawnDone'));
          } catch (error) {
            void message.error(errorMessage(error, locale));
          }
        }}
      >
        <Input.TextArea aria-label={t('assessment.adjustment.withdrawReason')} placeholder={t('assessment.adjustment.withdrawReason')} value={reason} onChange={(e) => setReason(e.target.value)} rows={3} />
      </Modal>
    </section>
  );
}
