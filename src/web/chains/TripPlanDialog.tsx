import { useEffect, useState } from 'react';
import { App, DatePicker, Form, Input, Modal, Radio, Select, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useI18n } from '../i18n/i18n.tsx';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';
import { useTripPlanActions, useUpcomingTripPlans } from './trip-plans.queries.ts';

type Props = { enterprise: { id: number; name: string } | null; linkId: number; onClose: () => void };
type Values = { mode: 'existing' | 'new'; planId?: number; title?: string; dates?: [Dayjs, Dayjs] };

/**
 * 加入出行计划 (issue 14): a candidate added as a stop of one of the caller's units' upcoming trip plans, or of a new plan
 * started with it. A plan counts in no figure; the trip itself is recorded as usual once made.
 */
export function TripPlanDialog({ enterprise, linkId, onClose }: Props) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const plans = useUpcomingTripPlans(enterprise !== null);
  const { create, addStop } = useTripPlanActions();
  const [form] = Form.useForm<Values>();
  const mode = Form.useWatch('mode', form);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    if (!enterprise || !plans.data) return;
    form.setFieldsValue({
      mode: plans.data.length ? 'existing' : 'new',
      planId: plans.data[0]?.id,
      title: t('tripPlan.titleDefault', { name: enterprise.name }),
    });
  }, [enterprise, plans.data, form, t]);

  const submit = async (values: Values) => {
    if (!enterprise) return;
    setError(null);
    try {
      const stop = { enterpriseId: enterprise.id, linkId };
      const plan =
        values.mode === 'existing'
          ? await addStop.mutateAsync({ planId: values.planId!, ...stop })
          : await create.mutateAsync({
              title: values.title!.trim(),
              fromOn: values.dates![0].format('YYYY-MM-DD'),
              toOn: values.dates![1].format('YYYY-MM-DD'),
              stops: [stop],
            });
      void message.success(t('tripPlan.added', { name: enterprise.name, plan: plan.title }));
      form.resetFields();
      onClose();
    } catch (e) {
      setError(e);
    }
  };

  return (
    <Modal
      open={enterprise !== null}
      title={t('tripPlan.addTitle', { name: enterprise?.name ?? '' })}
      okText={t('tripPlan.add')}
      okButtonProps={{ loading: create.isPending || addStop.isPending }}
      cancelText={t('action.cancel')}
      onOk={() => form.submit()}
      onCancel={() => {
        setError(null);
        form.resetFields();
        onClose();
      }}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
        {t('tripPlan.hint')}
      </Typography.Paragraph>
      <ErrorAlert error={error ?? plans.error} />
      <Form form={form} layout="vertical" onFinish={(values) => void submit(values)} data-testid="trip-plan-form">
        <Form.Item name="mode" initialValue="new">
          <Radio.Group>
            <Radio value="existing" disabled={!plans.data?.length} data-testid="trip-plan-existing">
              {t('tripPlan.existing')}
            </Radio>
            <Radio value="new" data-testid="trip-plan-new">
              {t('tripPlan.new')}
            </Radio>
          </Radio.Group>
        </Form.Item>
        {plans.data && plans.data.length === 0 ? <Typography.Paragraph type="secondary">{t('tripPlan.none')}</Typography.Paragraph> : null}
        {mode === 'existing' ? (
          <Form.Item name="planId" label={t('tripPlan.choose')} rules={[{ required: true, message: t('tripPlan.chooseRequired') }]}>
            <Select
              data-testid="trip-plan-select"
              options={(plans.data ?? []).map((p) => ({
                value: p.id,
                label: t('tripPlan.option', { title: p.title, from: p.fromOn, to: p.toOn, unit: p.unitName, stops: p.stops.length }),
              }))}
            />
          </Form.Item>
        ) : (
          <>
            <Form.Item name="title" label={t('tripPlan.titleLabel')} rules={[{ required: true, whitespace: true, message: t('tripPlan.titleRequired') }]}>
              <Input maxLength={100} data-testid="trip-plan-title" />
            </Form.Item>
            <Form.Item name="dates" label={t('tripPlan.dates')} rules={[{ required: true, message: t('tripPlan.datesRequired') }]}>
              <DatePicker.RangePicker
                style={{ width: '100%' }}
                format="YYYY-MM-DD"
                disabledDate={(day) => day.isBefore(dayjs(), 'day')}
                data-testid="trip-plan-dates"
              />
            </Form.Item>
          </>
        )}
      </Form>
    </Modal>
  );
}
