import { App, AutoComplete, DatePicker, Form, Input, InputNumber, Modal, Select, Typography, type FormInstance } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import type { TScheme } from '../../shared/assessments.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { errorMessage } from '../ui/errors.ts';
import { useAddAdjustment } from './assessments.queries.ts';
import { hasTwoDecimals, hundredthsText, toHundredths } from './points.ts';

type AdjustmentFormValues = { unitId?: number; month: Dayjs; label: string; pointsEach?: number | null; count?: number | null; reason: string };

export type AdjustmentTarget = {
  /** The units the scheme scores, as the ranking lists them. */
  units: readonly { unitId: number; unitName: string }[];
  unitId?: number;
  year: number;
  month: number;
};

export type AdjustmentDialogProps = { scheme: TScheme; target: AdjustmentTarget | null; today: string; onClose: () => void };

function totalOf(values: Partial<AdjustmentFormValues> | undefined): string | null {
  const { pointsEach, count } = values ?? {};
  if (typeof pointsEach !== 'number' || !hasTwoDecimals(pointsEach) || pointsEach === 0 || typeof count !== 'number' || count < 1) return null;
  return hundredthsText(toHundredths(pointsEach) * Math.trunc(count));
}

function AdjustmentTotal({ form }: { form: FormInstance<AdjustmentFormValues> }) {
  const { t } = useI18n();
  const total = totalOf(Form.useWatch([], form));
  if (total === null) return null;
  return (
    <Typography.Text strong type={total.startsWith('-') ? 'danger' : 'success'} data-testid="adjustment-total">
      {t('assessment.adjustTotal', { points: total })}
    </Typography.Text>
  );
}

/**
 * 记录加减分: a deduction or bonus the records cannot count (e.g. −0.2 per falsified project), for one scored unit from
 * a month on, with its reason. Asked twice: it cannot be changed once recorded, and it goes to the audit trail.
 */
export function AdjustmentDialog({ scheme, target, today, onClose }: AdjustmentDialogProps) {
  const { t } = useI18n();
  const add = useAddAdjustment();
  return (
    <Modal
      open={!!target}
      title={t('assessment.adjustTitle')}
      okText={t('assessment.adjust')}
      okButtonProps={{ htmlType: 'submit', form: FORM_ID, loading: add.isPending }}
      cancelText={t('action.cancel')}
      onCancel={onClose}
      destroyOnHidden
      data-testid="adjustment-dialog"
    >
      <Typography.Paragraph type="secondary">{t('assessment.adjustHint')}</Typography.Paragraph>
      {/* Made afresh at each opening, from the unit and month it was opened for. */}
      {target ? <AdjustmentForm scheme={scheme} target={target} today={today} add={add} onClose={onClose} /> : null}
    </Modal>
  );
}

const FORM_ID = 'assessment-adjustment-form';

type AdjustmentFormProps = { scheme: TScheme; target: AdjustmentTarget; today: string; add: ReturnType<typeof useAddAdjustment>; onClose: () => void };

function AdjustmentForm({ scheme, target, today, add, onClose }: AdjustmentFormProps) {
  const { t, locale } = useI18n();
  const { message, modal } = App.useApp();
  const [form] = Form.useForm<AdjustmentFormValues>();

  const confirm = (values: AdjustmentFormValues) => {
    const unit = target.units.find((u) => u.unitId === values.unitId);
    if (!unit) return;
    const points = totalOf(values)!;
    const year = values.month.year();
    const month = values.month.month() + 1;
    modal.confirm({
      title: t('assessment.adjustConfirm', { unit: unit.unitName, label: values.label.trim(), count: values.count!, each: hundredthsText(toHundredths(values.pointsEach!)), points }),
      content: t('assessment.adjustConfirmHint', { year, month }),
      okText: t('assessment.adjustOk'),
      okButtonProps: { danger: points.startsWith('-') },
      cancelText: t('action.cancel'),
      onOk: async () => {
        try {
          await add.mutateAsync({
            schemeId: scheme.id,
            body: { unitId: unit.unitId, year, month, label: values.label.trim(), pointsEach: values.pointsEach!, count: values.count!, reason: values.reason.trim() },
          });
          void message.success(t('assessment.adjusted', { unit: unit.unitName, points }));
          onClose();
        } catch (error) {
          void message.error({ content: errorMessage(error, locale), duration: 8 });
        }
      },
    });
  };

  return (
    <Form<AdjustmentFormValues>
      id={FORM_ID}
      form={form}
      layout="vertical"
      initialValues={{ unitId: target.unitId, month: dayjs(`${target.year}-${String(target.month).padStart(2, '0')}-01`), label: '', count: 1, reason: '' }}
      onFinish={confirm}
    >
      <Form.Item name="unitId" label={t('assessment.unit')} rules={[{ required: true, message: t('form.required') }]}>
        <Select showSearch={{ optionFilterProp: 'label' }} options={target.units.map((u) => ({ value: u.unitId, label: u.unitName }))} />
      </Form.Item>
      <Form.Item name="month" label={t('assessment.adjustMonth')} rules={[{ required: true, message: t('form.required') }]}>
        <DatePicker picker="month" allowClear={false} disabledDate={(day) => day.isAfter(dayjs(today), 'month')} style={{ width: 160 }} />
      </Form.Item>
      <Form.Item name="label" label={t('assessment.adjustLabel')} rules={[{ required: true, whitespace: true, message: t('form.required') }, { max: 100, message: t('form.maxLength', { max: 100 }) }]}>
        {/* The label is data: it is written into every computation line as it is typed. */}
        <AutoComplete options={[{ value: t('assessment.adjustLabelFalsified') }]} />
      </Form.Item>
      <Form.Item
        name="pointsEach"
        label={t('assessment.adjustPointsEach')}
        extra={t('assessment.adjustPointsHint')}
        rules={[
          { required: true, message: t('form.required') },
          {
            validator: async (_rule, value: number | null | undefined) => {
              if (value === null || value === undefined) return;
              if (value === 0) throw new Error(t('assessment.adjustNonZero'));
              if (!hasTwoDecimals(value)) throw new Error(t('assessment.twoDecimals'));
            },
          },
          { type: 'number', min: -100, max: 100, message: '−100 … 100' },
        ]}
      >
        <InputNumber<number> placeholder="-0.2" suffix={t('assessment.points')} style={{ width: 160 }} />
      </Form.Item>
      <Form.Item name="count" label={t('assessment.adjustCount')} rules={[{ required: true, message: t('form.required') }]}>
        <InputNumber<number> min={1} max={10_000} precision={0} style={{ width: 160 }} />
      </Form.Item>
      <Form.Item name="reason" label={t('assessment.adjustReason')} rules={[{ required: true, whitespace: true, message: t('form.required') }, { max: 500, message: t('form.maxLength', { max: 500 }) }]}>
        <Input.TextArea rows={2} maxLength={500} />
      </Form.Item>
      <AdjustmentTotal form={form} />
    </Form>
  );
}
