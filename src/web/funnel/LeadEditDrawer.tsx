import { useState } from 'react';
import { App, Form } from 'antd';
import dayjs from 'dayjs';
import type { TLead } from '../../shared/leads.ts';
import { yuanToWanText } from '../../domain/money.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { MessageAlert } from '../ui/ErrorAlert.tsx';
import { showErrorInForm } from '../ui/errors.ts';
import { wanInputToYuan } from '../ui/money.ts';
import { FormDrawer } from './FormDrawer.tsx';
import { LEAD_FIELD_NAMES, LeadFields, type LeadFieldValues } from './LeadFields.tsx';
import { useLeadActions } from './funnel.queries.ts';

/**
 * 修改线索: what was learnt since intake — source, industry, amount, next follow-up, note. The enterprise and the day it
 * was collected stay as recorded; a converted lead is the project's now and is not offered here.
 */
export function LeadEditDrawer({ lead, open, onClose }: { lead: TLead; open: boolean; onClose: () => void }) {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<LeadFieldValues>();
  const { update } = useLeadActions();
  const [formError, setFormError] = useState<string | null>(null);

  const save = async (values: LeadFieldValues) => {
    setFormError(null);
    try {
      await update.mutateAsync({
        id: lead.id,
        source: values.source,
        industryCode: values.industryCode ?? null,
        intendedAmountYuan: wanInputToYuan(values.amountWan),
        followUpOn: values.followUpOn ? values.followUpOn.format('YYYY-MM-DD') : null,
        note: values.note ?? null,
      });
      void message.success(t('lead.updated'));
      onClose();
    } catch (error) {
      setFormError(showErrorInForm(form, error, locale, LEAD_FIELD_NAMES, { intendedAmountYuan: 'amountWan' }));
    }
  };

  const close = () => {
    setFormError(null);
    onClose();
  };

  return (
    <FormDrawer open={open} onClose={close} title={`${t('lead.editTitle')} · ${lead.enterpriseName}`} onSave={() => form.submit()} saving={update.isPending} error={null}>
      <MessageAlert message={formError} onClose={() => setFormError(null)} />
      <Form<LeadFieldValues>
        form={form}
        layout="vertical"
        onFinish={(values) => void save(values)}
        initialValues={{
          source: lead.source,
          industryCode: lead.industryCode,
          amountWan: lead.intendedAmountYuan === null ? null : yuanToWanText(lead.intendedAmountYuan),
          followUpOn: lead.followUpOn ? dayjs(lead.followUpOn) : null,
          note: lead.note,
        }}
      >
        <LeadFields withIndustry />
      </Form>
    </FormDrawer>
  );
}
