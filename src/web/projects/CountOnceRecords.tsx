import { useState } from 'react';
import { App, Button, DatePicker, Empty, Flex, Form, Input, List, Modal, Select, Tag, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Dayjs } from 'dayjs';
import type { TCountOnceAction, TCountOnceList, TCountOnceRecord, TCountOnceRequest } from '../../shared/count-once.ts';
import { api } from '../api/client.ts';
import { EnterpriseSelect } from '../enterprises/EnterpriseSelect.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { WanAmount } from '../ui/Amount.tsx';
import { WanAmountInput } from '../ui/AmountInput.tsx';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';
import { wanInputToYuan } from '../ui/money.ts';

const ACTIONS: TCountOnceAction[] = ['resign', 'supplement', 'phase', 'expansion', 'investorChange'];
const key = (projectId: number) => ['projects', 'count-once', projectId] as const;

export type CountOnceRecordsProps = { projectId: number; canWrite: boolean };

/**
 * 不重复统计 (三明, issue 17): a re-signing, supplementary agreement, counted phase, expansion or change of investor is
 * recorded here, on the project — never as a new project; an expansion adds only its increment.
 */
export function CountOnceRecords({ projectId, canWrite }: CountOnceRecordsProps) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const { data, error } = useQuery({ queryKey: key(projectId), queryFn: ({ signal }) => api.get<TCountOnceList>(`/projects/${projectId}/count-once`, undefined, signal) });
  return (
    <Flex vertical gap="small" data-testid="count-once">
      <ErrorAlert error={error} />
      <Typography.Text type="secondary">{t('countOnce.hint')}</Typography.Text>
      {data && data.items.length > 0 ? (
        <List size="small" dataSource={data.items} renderItem={(record) => <CountOnceLine record={record} />} />
      ) : (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('countOnce.none')} />
      )}
      {canWrite ? (
        <Flex justify="flex-end">
          <Button data-testid="count-once-add" onClick={() => setOpen(true)}>
            {t('countOnce.add')}
          </Button>
        </Flex>
      ) : null}
      {open ? <CountOnceDialog projectId={projectId} onClose={() => setOpen(false)} /> : null}
    </Flex>
  );
}

function CountOnceLine({ record }: { record: TCountOnceRecord }) {
  const { t } = useI18n();
  return (
    <List.Item>
      <Flex vertical gap={2}>
        <Flex gap="small" wrap align="center">
          <span className="zs-amount">{record.happenedOn}</span>
          <Tag color="purple">{t(`countOnce.action.${record.action}`)}</Tag>
          {record.incrementYuan !== null ? (
            <span>
              {t('countOnce.increment')} <WanAmount yuan={record.incrementYuan} withUnit />
            </span>
          ) : null}
          {record.toInvestorName ? <span>{t('countOnce.investorChanged', { from: record.fromInvestorName ?? '', to: record.toInvestorName })}</span> : null}
        </Flex>
        <Typography.Text type="secondary">{t('lifecycle.reason', { reason: record.reason })}</Typography.Text>
      </Flex>
    </List.Item>
  );
}

type FormValues = { action: TCountOnceAction; date?: Dayjs; reason?: string; increment?: string | null; investorEnterpriseId?: number };

function CountOnceDialog({ projectId, onClose }: { projectId: number; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<FormValues>();
  const action = Form.useWatch('action', form) ?? 'resign';
  const save = useMutation({
    mutationFn: (body: TCountOnceRequest) => api.post<TCountOnceRecord>(`/projects/${projectId}/count-once`, body),
    onSuccess: async () => {
      // An expansion or a change of investor changes the project, and with it figures.
      await queryClient.invalidateQueries({ queryKey: ['projects'] });
      void message.success(t('countOnce.done'));
      onClose();
    },
  });

  const handleOk = async () => {
    const values = await form.validateFields();
    save.mutate({
      action: values.action,
      date: values.date!.format('YYYY-MM-DD'),
      reason: values.reason ?? '',
      incrementYuan: values.action === 'expansion' && values.increment ? wanInputToYuan(values.increment) : null,
      investorEnterpriseId: values.action === 'investorChange' ? (values.investorEnterpriseId ?? null) : null,
    });
  };

  return (
    <Modal
      open
      title={t('countOnce.title')}
      okText={t('countOnce.ok')}
      cancelText={t('countOnce.cancel')}
      confirmLoading={save.isPending}
      onOk={() => void handleOk()}
      onCancel={onClose}
      destroyOnHidden
    >
      <ErrorAlert error={save.error} />
      <Form form={form} layout="vertical" initialValues={{ action: 'resign' }}>
        <Form.Item name="action" label={t('countOnce.actionLabel')} extra={t(`countOnce.explain.${action}`)}>
          <Select options={ACTIONS.map((value) => ({ value, label: t(`countOnce.action.${value}`) }))} />
        </Form.Item>
        <Form.Item name="date" label={t('countOnce.date')} rules={[{ required: true }]}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
        {action === 'expansion' ? (
          <Form.Item name="increment" label={t('countOnce.incrementLabel')} rules={[{ required: true }]}>
            <WanAmountInput />
          </Form.Item>
        ) : null}
        {action === 'investorChange' ? (
          <Form.Item name="investorEnterpriseId" label={t('countOnce.newInvestor')} rules={[{ required: true }]}>
            <EnterpriseSelect />
          </Form.Item>
        ) : null}
        <Form.Item name="reason" label={t('countOnce.reason')} rules={[{ required: true, min: 2, max: 500, whitespace: true }]}>
          <Input.TextArea rows={3} maxLength={500} data-testid="count-once-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
