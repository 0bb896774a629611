import { DatePicker, Form, Input, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { LEAD_SOURCES } from '../../domain/leads.ts';
import type { TLead } from '../../shared/leads.ts';
import { IndustrySelect } from '../industries/IndustrySelect.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { WanAmountInput, wanAmountRule } from '../ui/AmountInput.tsx';

/** What a lead's intake and its edit both ask (the API's `intendedAmountYuan` is the form's `amountWan`). */
export type LeadFieldValues = {
  source: (typeof LEAD_SOURCES)[number];
  industryCode?: string | null;
  amountWan?: string | null;
  followUpOn?: Dayjs | null;
  note?: string | null;
};

export const LEAD_STATE_COLORS: Record<TLead['state'], string> = { new: 'blue', following: 'processing', converted: 'green', dropped: 'default' };

export const LEAD_FIELD_NAMES = ['source', 'industryCode', 'amountWan', 'followUpOn', 'note'] as const;

/** Source, industry (when asked), amount in 万元, next follow-up day and note. */
export function LeadFields({ withIndustry = false }: { withIndustry?: boolean }) {
  const { t } = useI18n();
  return (
    <>
      <Form.Item name="source" label={t('lead.source')} rules={[{ required: true, message: t('form.required') }]}>
        <Select options={LEAD_SOURCES.map((source) => ({ value: source, label: t(`lead.source.${source}`) }))} />
      </Form.Item>
      {withIndustry ? (
        <Form.Item name="industryCode" label={t('lead.industry')}>
          <IndustrySelect />
        </Form.Item>
      ) : null}
      <Form.Item name="amountWan" label={t('lead.amount')} rules={[wanAmountRule(t, false)]}>
        <WanAmountInput />
      </Form.Item>
      <Form.Item name="followUpOn" label={t('lead.followUpOn')}>
        <DatePicker style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item name="note" label={t('lead.note')}>
        <Input.TextArea rows={2} maxLength={1000} />
      </Form.Item>
    </>
  );
}
