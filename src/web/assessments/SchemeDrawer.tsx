import { useMemo, useState } from 'react';
import { App, Button, Drawer, Flex, Form, Input, InputNumber, Select, Typography, type FormInstance } from 'antd';
import type { NamePath } from 'antd/es/form/interface';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import type { TScheme, TSchemeInput } from '../../shared/assessments.ts';
import { ApiError } from '../api/client.ts';
import { useCurrentUser } from '../auth/auth.queries.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { localName } from '../metrics/metric-format.ts';
import { targetable, useMetricCatalogue, type MetricInfo } from '../metrics/metrics.queries.ts';
import { UnitTreeSelect } from '../units/UnitTreeSelect.tsx';
import { MessageAlert } from '../ui/ErrorAlert.tsx';
import { errorMessage } from '../ui/errors.ts';
import { useSaveScheme } from './assessments.queries.ts';
import { hasTwoDecimals, pointsAsSet, positivePointsRule, toHundredths } from './points.ts';

type Method = TScheme['indicators'][number]['method'];
const METHODS: readonly Method[] = ['ratioCapped', 'ratio', 'efficacy'];

type IndicatorRow = { metricKey?: string; weight?: number | null; method?: Method };
/** The two rules as the form asks for them: points per project, deducted for lateStart and added for fortune500. */
type SchemeFormValues = { name: string; unitId?: number; indicators: IndicatorRow[]; lateStart?: number | null; fortune500?: number | null; bottomCount: number };

function initialValues(scheme: TScheme | null, unitId: number): SchemeFormValues {
  if (!scheme) return { name: '', unitId, indicators: [{ method: 'ratioCapped' }], lateStart: null, fortune500: null, bottomCount: 3 };
  const points = (kind: TScheme['rules'][number]['kind']) => {
    const rule = scheme.rules.find((r) => r.kind === kind);
    return rule ? Math.abs(rule.pointsEach) : null;
  };
  return {
    name: scheme.name,
    unitId: scheme.unitId,
    indicators: scheme.indicators.map((i) => ({ ...i })),
    lateStart: points('lateStart'),
    fortune500: points('fortune500'),
    bottomCount: scheme.bottomCount,
  };
}

function toInput(values: SchemeFormValues): TSchemeInput & { rules: TScheme['rules'] } {
  const rules: TScheme['rules'] = [];
  if (values.lateStart) rules.push({ kind: 'lateStart', pointsEach: -values.lateStart });
  if (values.fortune500) rules.push({ kind: 'fortune500', pointsEach: values.fortune500 });
  return {
    name: values.name.trim(),
    unitId: values.unitId,
    indicators: values.indicators.map((row) => ({ metricKey: row.metricKey!, weight: row.weight!, method: row.method! })),
    rules,
    bottomCount: values.bottomCount,
  };
}

/** The form field an API error names: indicators.1.weight is row 1's weight, rules.0 the rule sent first. */
type FieldName = NamePath<SchemeFormValues>;

function formFieldOf(field: string, rules: TScheme['rules']): FieldName | null {
  const [head, index, rest] = field.split('.');
  if (head === 'indicators' && index !== undefined && (rest === 'metricKey' || rest === 'weight' || rest === 'method')) return ['indicators', Number(index), rest];
  if (head === 'rules' && index !== undefined) return rules[Number(index)]?.kind ?? null;
  return head === 'name' || head === 'unitId' || head === 'bottomCount' ? head : null;
}

function WeightTotal({ form }: { form: FormInstance<SchemeFormValues> }) {
  const { t } = useI18n();
  const rows = Form.useWatch('indicators', form) ?? [];
  const hundredths = rows.reduce((sum, row) => sum + (typeof row?.weight === 'number' && hasTwoDecimals(row.weight) ? toHundredths(row.weight) : 0), 0);
  return (
    <Typography.Text data-testid="weight-total" type={hundredths === 10_000 ? undefined : 'warning'}>
      {t('assessment.weightTotal', { total: pointsAsSet(hundredths / 100) })}
      {hundredths === 10_000 ? null : t('assessment.weightTotalNot100')}
    </Typography.Text>
  );
}

function MetricDefinition({ form, name, metrics }: { form: FormInstance<SchemeFormValues>; name: number; metrics: readonly MetricInfo[] }) {
  const { locale } = useI18n();
  const key = Form.useWatch(['indicators', name, 'metricKey'], form);
  const metric = metrics.find((m) => m.key === key);
  return metric ? <Typography.Text type="secondary">{localName(metric.definition, locale)}</Typography.Text> : null;
}

export type SchemeDrawerProps = { open: boolean; scheme: TScheme | null; onClose: () => void; onSaved: (scheme: TScheme) => void };

const FORM_ID = 'assessment-scheme-form';

/** The drawer around the form; the form is made afresh at each opening (destroyOnHidden), from the scheme edited. */
export function SchemeDrawer({ open, scheme, onClose, onSaved }: SchemeDrawerProps) {
  const { t } = useI18n();
  const save = useSaveScheme();
  return (
    <Drawer
      open={open}
      onClose={onClose}
      size="large"
      destroyOnHidden
      title={scheme ? t('assessment.editTitle', { name: scheme.name }) : t('assessment.createTitle')}
      data-testid="scheme-drawer"
      footer={
        <Flex justify="flex-end" gap="small">
          <Button onClick={onClose}>{t('action.cancel')}</Button>
          <Button type="primary" htmlType="submit" form={FORM_ID} loading={save.isPending}>
            {t('action.save')}
          </Button>
        </Flex>
      }
    >
      <SchemeForm scheme={scheme} save={save} onSaved={onSaved} />
    </Drawer>
  );
}

type SchemeFormProps = { scheme: TScheme | null; save: ReturnType<typeof useSaveScheme>; onSaved: (scheme: TScheme) => void };

/** The bureau's scheme form: indicators (metric, weight, method), the two counted rules, how many are named at the bottom. */
function SchemeForm({ scheme, save, onSaved }: SchemeFormProps) {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const me = useCurrentUser();
  const [form] = Form.useForm<SchemeFormValues>();
  const catalogue = useMetricCatalogue();
  const metrics = useMemo(() => targetable(catalogue.data ?? []), [catalogue.data]);
  const [formError, setFormError] = useState<string | null>(null);

  const submit = async (values: SchemeFormValues) => {
    setFormError(null);
    const body = toInput(values);
    try {
      const saved = await save.mutateAsync({ id: scheme?.id, body });
      void message.success(t('assessment.saved'));
      onSaved(saved);
    } catch (error) {
      const name = error instanceof ApiError && error.field ? formFieldOf(error.field, body.rules) : null;
      if (name) form.setFields([{ name, errors: [errorMessage(error, locale)] }]);
      else setFormError(errorMessage(error, locale));
    }
  };

  const weightRules = [{ required: true, message: t('form.required') }, positivePointsRule(t)];
  return (
    <>
      <MessageAlert message={formError} onClose={() => setFormError(null)} />
      <Form<SchemeFormValues> id={FORM_ID} form={form} layout="vertical" initialValues={initialValues(scheme, me.unitId)} onFinish={(values) => void submit(values)}>
        <Form.Item name="name" label={t('assessment.name')} rules={[{ required: true, whitespace: true, message: t('form.required') }, { min: 2, message: t('form.minLength', { min: 2 }) }, { max: 100, message: t('form.maxLength', { max: 100 }) }]}>
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item name="unitId" label={t('assessment.unitField')} extra={t('assessment.unitHint')} rules={[{ required: true, message: t('form.required') }]}>
          <UnitTreeSelect initialLabel={scheme?.unitName} />
        </Form.Item>
        <Typography.Title level={5}>{t('assessment.indicators')}</Typography.Title>
        <Form.List name="indicators">
          {(fields, { add, remove }) => (
            <>
              {fields.map(({ key, name }) => (
                <div key={key} style={{ marginBottom: 8 }}>
                  <Flex gap="small" wrap align="flex-start">
                    <Form.Item
                      name={[name, 'metricKey']}
                      style={{ flex: '1 1 220px', marginBottom: 4 }}
                      rules={[
                        { required: true, message: t('form.required') },
                        {
                          validator: async (_rule, value: string | undefined) => {
                            const all = (form.getFieldValue('indicators') as IndicatorRow[]).map((row) => row?.metricKey);
                            if (value && all.filter((k) => k === value).length > 1) throw new Error(t('assessment.duplicateMetric'));
                          },
                        },
                      ]}
                    >
                      <Select
                        aria-label={`${t('assessment.metric')} ${name + 1}`}
                        placeholder={t('assessment.metric')}
                        showSearch={{ optionFilterProp: 'label' }}
                        loading={catalogue.isPending}
                        options={metrics.map((m) => ({ value: m.key, label: localName(m.name, locale) }))}
                      />
                    </Form.Item>
                    <Form.Item name={[name, 'weight']} style={{ width: 130, marginBottom: 4 }} rules={[...weightRules, { type: 'number', max: 1000, message: '≤ 1000' }]}>
                      <InputNumber<number> aria-label={`${t('assessment.weight')} ${name + 1}`} placeholder={t('assessment.weight')} min={0} suffix={t('assessment.points')} style={{ width: '100%' }} />
                    </Form.Item>
                    <Form.Item name={[name, 'method']} style={{ width: 200, marginBottom: 4 }} rules={[{ required: true, message: t('form.required') }]}>
                      <Select aria-label={`${t('assessment.methodField')} ${name + 1}`} options={METHODS.map((m) => ({ value: m, label: t(`assessment.method.${m}`) }))} />
                    </Form.Item>
                    <Button type="text" danger icon={<DeleteOutlined />} aria-label={`${t('assessment.removeIndicator')} ${name + 1}`} disabled={fields.length === 1} onClick={() => remove(name)} />
                  </Flex>
                  <MetricDefinition form={form} name={name} metrics={metrics} />
                </div>
              ))}
              <Flex justify="space-between" align="center" wrap gap="small" style={{ marginBottom: 24 }}>
                <Button icon={<PlusOutlined />} disabled={fields.length >= 30} onClick={() => add({ method: 'ratioCapped' })}>
                  {t('assessment.addIndicator')}
                </Button>
                <WeightTotal form={form} />
              </Flex>
            </>
          )}
        </Form.List>
        <Typography.Title level={5}>{t('assessment.rules')}</Typography.Title>
        <Flex gap="large" wrap>
          <Form.Item name="lateStart" label={t('assessment.lateStartPoints')} extra={t('assessment.rulePointsHint')} rules={[positivePointsRule(t), { type: 'number', max: 100, message: '≤ 100' }]}>
            <InputNumber<number> min={0} suffix={t('assessment.points')} style={{ width: 160 }} />
          </Form.Item>
          <Form.Item name="fortune500" label={t('assessment.fortune500Points')} extra={t('assessment.rulePointsHint')} rules={[positivePointsRule(t), { type: 'number', max: 100, message: '≤ 100' }]}>
            <InputNumber<number> min={0} suffix={t('assessment.points')} style={{ width: 160 }} />
          </Form.Item>
        </Flex>
        <Form.Item name="bottomCount" label={t('assessment.bottomCount')} rules={[{ required: true, message: t('form.required') }]}>
          <InputNumber<number> min={0} max={10} precision={0} style={{ width: 120 }} />
        </Form.Item>
      </Form>
    </>
  );
}
