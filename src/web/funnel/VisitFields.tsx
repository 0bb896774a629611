import { DatePicker, Form, Input, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { useI18n } from '../i18n/i18n.tsx';

/** One visit as a form holds it; visitToInput makes it what the API reads. */
export type VisitValues = {
  kind: 'visit' | 'talks' | 'reception';
  enterpriseName: string;
  visitedOn: Dayjs;
  peopleMet?: string;
  notes?: string;
  nextStep?: string;
  followUpOn?: Dayjs | null;
};

export function visitToInput(values: VisitValues) {
  return {
    kind: values.kind,
    enterpriseName: values.enterpriseName.trim(),
    visitedOn: values.visitedOn.format('YYYY-MM-DD'),
    peopleMet: values.peopleMet,
    notes: values.notes,
    nextStep: values.nextStep,
    followUpOn: values.followUpOn ? values.followUpOn.format('YYYY-MM-DD') : null,
  };
}

/** The fields of a visit, under `prefix` in a Form.List or at the top of a form: short, for a phone. */
export function VisitFields({ prefix = [] }: { prefix?: (string | number)[] }) {
  const { t } = useI18n();
  const name = (field: string) => [...prefix, field];
  return (
    <>
      <Form.Item name={name('enterpriseName')} label={t('visit.enterpriseName')} rules={[{ required: true, min: 2, whitespace: true, message: t('form.required') }]}>
        <Input maxLength={200} autoComplete="off" />
      </Form.Item>
      <Form.Item name={name('kind')} label={t('visit.kind')} style={{ display: 'inline-block', width: 'calc(50% - 4px)', marginInlineEnd: 8 }}>
        <Select options={(['visit', 'talks', 'reception'] as const).map((kind) => ({ value: kind, label: t(`visit.kind.${kind}`) }))} />
      </Form.Item>
      <Form.Item name={name('visitedOn')} label={t('visit.visitedOn')} rules={[{ required: true, message: t('form.required') }]} style={{ display: 'inline-block', width: 'calc(50% - 4px)' }}>
        <DatePicker style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item name={name('peopleMet')} label={t('visit.peopleMet')}>
        <Input maxLength={200} />
      </Form.Item>
      <Form.Item name={name('notes')} label={t('visit.notes')}>
        <Input.TextArea rows={2} maxLength={2000} />
      </Form.Item>
      <Form.Item name={name('nextStep')} label={t('visit.nextStep')}>
        <Input maxLength={500} />
      </Form.Item>
    </>
  );
}
