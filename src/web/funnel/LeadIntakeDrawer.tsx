import { useState } from 'react';
import { App, DatePicker, Form, Input, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { LEAD_SOURCES } from '../../domain/leads.ts';
import { EnterpriseSelect } from '../enterprises/EnterpriseSelect.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { WanAmountInput, wanAmountRule } from '../ui/AmountInput.tsx';
import { wanInputToYuan } from '../ui/money.ts';
import { DuplicateHint } from './DuplicateHint.tsx';
import { FormDrawer } from './FormDrawer.tsx';
import { useLeadActions } from './funnel.queries.ts';

type Values = {
  enterpriseId?: number;
  enterpriseName?: string;
  source: (typeof LEAD_SOURCES)[number];
  amountWan?: string | null;
  collectedOn: Dayjs;
  followUpOn?: Dayjs | null;
  note?: string;
};

export type LeadIntakeDrawerProps = { open: boolean; onClose: () => void; tripId?: number; initialSource?: Values['source'] };

/** Quick intake: an enterprise on record or a name as heard, with the city's likely duplicates shown as it is typed. */
export function LeadIntakeDrawer({ open, onClose, tripId, initialSource = 'other' }: LeadIntakeDrawerProps) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const typedName = Form.useWatch('enterpriseName', form);
  const { create } = useLeadActions();
  const [picked, setPicked] = useState<string | undefined>();

  const save = async (values: Values) => {
    await create.mutateAsync({
      enterpriseId: values.enterpriseId ?? null,
      enterpriseName: values.enterpriseId ? null : values.enterpriseName?.trim() || null,
      source: values.source,
      intendedAmountYuan: wanInputToYuan(values.amountWan),
      collectedOn: values.collectedOn.format('YYYY-MM-DD'),
      followUpOn: values.followUpOn ? values.followUpOn.format('YYYY-MM-DD') : null,
      note: values.note,
      tripId: tripId ?? null,
    });
    void message.success(t('lead.saved'));
    form.resetFields();
    onClose();
  };

  return (
    <FormDrawer open={open} onClose={onClose} title={t('lead.create')} onSave={() => form.submit()} saving={create.isPending} error={create.error}>
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={(values) => void save(values).catch(() => undefined)}
        initialValues={{ source: initialSource, collectedOn: dayjs() }}
      >
        <Form.Item name="enterpriseId" label={t('lead.pickEnterprise')}>
          <EnterpriseSelect initialLabel={picked} />
        </Form.Item>
        <Form.Item
          name="enterpriseName"
          label={t('lead.nameAsHeard')}
          dependencies={['enterpriseId']}
          rules={[({ getFieldValue }) => ({ required: !getFieldValue('enterpriseId'), min: 2, message: t('form.required') })]}
        >
          <Input maxLength={200} autoComplete="off" />
        </Form.Item>
        <DuplicateHint
          name={typedName}
          onUseEnterprise={(id, name) => {
            setPicked(name);
            form.setFieldsValue({ enterpriseId: id, enterpriseName: undefined });
            void form.validateFields(['enterpriseName']).catch(() => undefined);
          }}
        />
        <Form.Item name="source" label={t('lead.source')} rules={[{ required: true, message: t('form.required') }]}>
          <Select options={LEAD_SOURCES.map((source) => ({ value: source, label: t(`lead.source.${source}`) }))} />
        </Form.Item>
        <Form.Item name="amountWan" label={t('lead.amount')} rules={[wanAmountRule(t, false)]}>
          <WanAmountInput />
        </Form.Item>
        <Form.Item name="collectedOn" label={t('lead.collectedOn')} rules={[{ required: true, message: t('form.required') }]}>
          <DatePicker style={{ width: '100%' }} inputReadOnly={false} />
        </Form.Item>
        <Form.Item name="followUpOn" label={t('lead.followUpOn')}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="note" label={t('lead.note')}>
          <Input.TextArea rows={2} maxLength={1000} />
        </Form.Item>
      </Form>
    </FormDrawer>
  );
}
