import { useState, type ReactNode } from 'react';
import { Alert, App, DatePicker, Form, Input } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { EnterpriseSelect } from '../enterprises/EnterpriseSelect.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { wanInputToYuan } from '../ui/money.ts';
import { DuplicateHint } from './DuplicateHint.tsx';
import { FormDrawer } from './FormDrawer.tsx';
import { LeadFields, type LeadFieldValues } from './LeadFields.tsx';
import { useLeadActions } from './funnel.queries.ts';
import type { TLead } from '../../shared/leads.ts';

type Values = LeadFieldValues & { enterpriseId?: number; enterpriseName?: string; collectedOn: Dayjs };

export type LeadIntakeDrawerProps = {
  open: boolean;
  onClose: () => void;
  /** The trip or the team the lead comes from, and what to call it at the top of the form. */
  tripId?: number;
  teamId?: number;
  origin?: ReactNode;
  initialSource?: Values['source'];
  /** The enterprise the lead is on, chosen already (发起线索 on its page). */
  enterprise?: { id: number; name: string };
  /** What follows once the lead is saved, before the form closes (a chain candidate's lead is placed on its link). */
  onCreated?: (lead: TLead) => Promise<unknown>;
};

/** Quick intake: an enterprise on record or a name as heard, with the city's likely duplicates shown as it is typed. */
export function LeadIntakeDrawer({ open, onClose, tripId, teamId, origin, initialSource = 'other', enterprise, onCreated }: LeadIntakeDrawerProps) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const typedName = Form.useWatch('enterpriseName', form);
  const { create } = useLeadActions();
  const [picked, setPicked] = useState<string | undefined>(enterprise?.name);

  const save = async (values: Values) => {
    const lead = await create.mutateAsync({
      enterpriseId: values.enterpriseId ?? null,
      enterpriseName: values.enterpriseId ? null : values.enterpriseName?.trim() || null,
      source: values.source,
      intendedAmountYuan: wanInputToYuan(values.amountWan),
      collectedOn: values.collectedOn.format('YYYY-MM-DD'),
      followUpOn: values.followUpOn ? values.followUpOn.format('YYYY-MM-DD') : null,
      note: values.note ?? null,
      tripId: tripId ?? null,
      teamId: teamId ?? null,
    });
    await onCreated?.(lead);
    void message.success(t('lead.saved'));
    form.resetFields();
    onClose();
  };

  return (
    <FormDrawer open={open} onClose={onClose} title={t('lead.create')} onSave={() => form.submit()} saving={create.isPending} error={create.error}>
      {origin ? <Alert type="info" showIcon title={origin} style={{ marginBottom: 16 }} /> : null}
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={(values) => void save(values).catch(() => undefined)}
        initialValues={{ source: initialSource, collectedOn: dayjs(), enterpriseId: enterprise?.id }}
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
        <Form.Item name="collectedOn" label={t('lead.collectedOn')} rules={[{ required: true, message: t('form.required') }]}>
          <DatePicker style={{ width: '100%' }} inputReadOnly={false} />
        </Form.Item>
        <LeadFields />
      </Form>
    </FormDrawer>
  );
}
