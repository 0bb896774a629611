import { useState } from 'react';
import { Alert, App, Button, Checkbox, Col, Divider, Form, InputNumber, Radio, Row, Select, Skeleton, Tag } from 'antd';
import { PERCENT_STYLES, type PercentStyle } from '../../domain/bulletin.ts';
import { yuanToWanText } from '../../domain/money.ts';
import { canAdminister } from '../../domain/roles.ts';
import { DEFAULT_COCKPIT_HEROES, MAX_HEROES, MIN_HEROES } from '../../domain/cockpit-heroes.ts';
import { isSummable, METRICS } from '../../domain/metrics.ts';
import { localName } from './metric-format.ts';
import type { TScopeRules, TScopeRulesState } from '../../shared/metrics.ts';
import { useCurrentUser } from '../auth/auth.queries.ts';
import { formatLongDateTime } from '../i18n/format.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { IndustryMultiSelect } from '../industries/IndustrySelect.tsx';
import { FUND_SOURCES } from '../projects/ProjectForm.tsx';
import { WanAmountInput, wanAmountRule } from '../ui/AmountInput.tsx';
import { ErrorAlert, MessageAlert } from '../ui/ErrorAlert.tsx';
import { showErrorInForm } from '../ui/errors.ts';
import { wanInputToYuan } from '../ui/money.ts';
import { PageHeader } from '../ui/PageHeader.tsx';
import { useSaveScopeRules, useScopeRules } from './metrics.queries.ts';

/** Thresholds are typed in 万元 (decimal text, as the targets grid takes them) and sent as exact whole 元. */
type RulesValues = {
  excludedFundSources: TScopeRules['excludedFundSources'];
  excludedIndustries: string[];
  largeProjectWan: string | null;
  majorProjectWan: string | null;
  thresholdByType: { industrial: string | null; other: string | null };
  excludeEstimated: boolean;
  holdOutUnderReview: boolean;
  reportingUnitSharePercent: number | null;
  percentStyle: PercentStyle;
  cockpitHeroes: string[];
};
const FIELDS = ['excludedFundSources', 'excludedIndustries', 'largeProjectWan', 'majorProjectWan', 'thresholdByType', 'excludeEstimated', 'holdOutUnderReview', 'reportingUnitSharePercent', 'percentStyle', 'cockpitHeroes'] as const;
const ALIASES = { largeProjectYuan: 'largeProjectWan', majorProjectYuan: 'majorProjectWan' };

function toValues(rules: TScopeRules): RulesValues {
  return {
    excludedFundSources: rules.excludedFundSources,
    excludedIndustries: rules.excludedIndustries,
    largeProjectWan: yuanToWanText(rules.largeProjectYuan),
    majorProjectWan: yuanToWanText(rules.majorProjectYuan),
    thresholdByType: { industrial: yuanToWanText(rules.thresholdByType.industrial), other: yuanToWanText(rules.thresholdByType.other) },
    excludeEstimated: rules.excludeEstimated ?? false,
    holdOutUnderReview: rules.holdOutUnderReview ?? false,
    reportingUnitSharePercent: rules.reportingUnitSharePercent ?? 0,
    percentStyle: rules.percentStyle ?? 'twoDecimals',
    cockpitHeroes: rules.cockpitHeroes ?? [...DEFAULT_COCKPIT_HEROES],
  };
}

/** 计入口径: what every figure counts. The bureau sets it; everyone else reads what the numbers they see mean. */
export function CountingRulesPage() {
  const { t, locale } = useI18n();
  const me = useCurrentUser();
  const { data, error, isPending } = useScopeRules();
  const canEdit = canAdminister(me.role);

  return (
    <>
      <PageHeader
        title={t('nav.countingRules')}
        subTitle={
          data ? (
            <>
              {data.isDefault ? <Tag color="blue">{t('rules.isDefault')}</Tag> : t('rules.updatedAt', { at: formatLongDateTime(data.updatedAt, locale) })}
              {canEdit ? null : <Tag style={{ marginInlineStart: 8 }}>{t('common.readOnly')}</Tag>}
            </>
          ) : undefined
        }
      />
      <Alert
        type="info"
        showIcon
        title={t('rules.hint')}
        description={canEdit ? t('rules.hintEdit') : t('rules.hintRead')}
        style={{ marginBottom: 16, maxWidth: 880 }}
      />
      <ErrorAlert error={error} />
      {isPending && !error ? <Skeleton active paragraph={{ rows: 8 }} /> : null}
      {data ? <RulesForm key={data.updatedAt ?? 'default'} state={data} canEdit={canEdit} /> : null}
    </>
  );
}

function RulesForm({ state, canEdit }: { state: TScopeRulesState; canEdit: boolean }) {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<RulesValues>();
  const save = useSaveScopeRules();
  const [formError, setFormError] = useState<string | null>(null);

  const handleSubmit = async (values: RulesValues) => {
    setFormError(null);
    const largeProjectYuan = wanInputToYuan(values.largeProjectWan);
    const majorProjectYuan = wanInputToYuan(values.majorProjectWan);
    const industrial = wanInputToYuan(values.thresholdByType.industrial);
    const other = wanInputToYuan(values.thresholdByType.other);
    if (largeProjectYuan === null || majorProjectYuan === null || industrial === null || other === null) return;
    try {
      await save.mutateAsync({
        excludedFundSources: values.excludedFundSources,
        excludedIndustries: values.excludedIndustries,
        largeProjectYuan,
        majorProjectYuan,
        thresholdByType: { industrial, other },
        excludeEstimated: values.excludeEstimated,
        holdOutUnderReview: values.holdOutUnderReview,
        reportingUnitSharePercent: values.reportingUnitSharePercent ?? 0,
        percentStyle: values.percentStyle,
        cockpitHeroes: values.cockpitHeroes,
      });
      void message.success(t('rules.saved'));
    } catch (error) {
      setFormError(showErrorInForm(form, error, locale, FIELDS, ALIASES));
    }
  };

  // A threshold is a positive amount in 万元, exact to the 元 (at most four decimals).
  const threshold = [
    wanAmountRule(t),
    {
      validator: async (_rule: unknown, value: string | null) => {
        if (value && wanInputToYuan(value) === 0) throw new Error(t('rules.thresholdPositive'));
      },
    },
  ];
  const half = { xs: 24, md: 12 };

  return (
    <>
      <MessageAlert message={formError} onClose={() => setFormError(null)} />
      <Form<RulesValues>
        form={form}
        layout="vertical"
        initialValues={toValues(state.rules)}
        disabled={!canEdit}
        requiredMark={canEdit}
        onFinish={(values) => void handleSubmit(values)}
        style={{ maxWidth: 880 }}
        data-testid="counting-rules"
      >
        <Divider titlePlacement="start" plain>
          {t('rules.section.excluded')}
        </Divider>
        <Form.Item name="excludedFundSources" label={t('rules.excludedFundSources')} extra={t('rules.excludedFundSourcesHint')}>
          <Checkbox.Group options={FUND_SOURCES.map((source) => ({ value: source, label: t(`rules.fundSource.${source}`) }))} />
        </Form.Item>
        <Form.Item name="excludedIndustries" label={t('rules.excludedIndustries')} extra={t('rules.excludedIndustriesHint')}>
          <IndustryMultiSelect disabled={!canEdit} />
        </Form.Item>
        <Form.Item name="excludeEstimated" valuePropName="checked" extra={t('rules.excludeEstimatedHint')}>
          <Checkbox>{t('rules.excludeEstimated')}</Checkbox>
        </Form.Item>
        <Form.Item name="holdOutUnderReview" valuePropName="checked" extra={t('duplicates.holdOutHint')}>
          <Checkbox data-testid="rules-hold-out">{t('duplicates.holdOut')}</Checkbox>
        </Form.Item>

        <Divider titlePlacement="start" plain>
          {t('rules.section.thresholds')}
        </Divider>
        <Row gutter={24}>
          <Col {...half}>
            <Form.Item name="largeProjectWan" label={t('rules.largeProject')} extra={t('rules.largeProjectHint')} rules={threshold}>
              <WanAmountInput />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item
              name="majorProjectWan"
              label={t('rules.majorProject')}
              extra={t('rules.majorProjectHint')}
              dependencies={['largeProjectWan']}
              rules={[
                ...threshold,
                ({ getFieldValue }) => ({
                  validator: async (_rule: unknown, value: string | null) => {
                    const major = wanInputToYuan(value);
                    const large = wanInputToYuan(getFieldValue('largeProjectWan') as string | null);
                    if (major !== null && large !== null && major < large) throw new Error(t('rules.majorBelowLarge'));
                  },
                }),
              ]}
            >
              <WanAmountInput />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item name={['thresholdByType', 'industrial']} label={t('rules.aboveLineIndustrial')} extra={t('rules.aboveLineHint')} rules={threshold}>
              <WanAmountInput />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item name={['thresholdByType', 'other']} label={t('rules.aboveLineOther')} rules={threshold}>
              <WanAmountInput />
            </Form.Item>
          </Col>
        </Row>

        <Divider titlePlacement="start" plain>
          {t('rules.section.credit')}
        </Divider>
        <Form.Item name="reportingUnitSharePercent" label={t('rules.reportingUnitShare')} extra={t('rules.reportingUnitShareHint')}>
          <InputNumber min={0} max={100} precision={0} suffix="%" style={{ width: 160 }} data-testid="reporting-unit-share" />
        </Form.Item>

        <Divider titlePlacement="start" plain>
          {t('rules.section.bulletin')}
        </Divider>
        <Form.Item name="percentStyle" label={t('rules.percentStyle')} extra={t('rules.percentStyleHint')}>
          <Radio.Group data-testid="percent-style" options={PERCENT_STYLES.map((style) => ({ value: style, label: t(`rules.percentStyle.${style}`) }))} />
        </Form.Item>
        <Divider titlePlacement="start" plain>
          {t('cockpitHome.heroesSetting')}
        </Divider>
        <Form.Item
          name="cockpitHeroes"
          label={t('cockpitHome.heroesSetting')}
          extra={t('cockpitHome.heroesSettingHint')}
          rules={[{ type: 'array', min: MIN_HEROES, max: MAX_HEROES, message: t('cockpitHome.heroesSettingHint') }]}
        >
          <Select
            mode="multiple"
            aria-label={t('cockpitHome.heroesSetting')}
            data-testid="cockpit-heroes-setting"
            options={METRICS.filter(isSummable).map((m) => ({ value: m.key, label: localName(m.name, locale) }))}
            maxCount={MAX_HEROES}
          />
        </Form.Item>
        {canEdit ? (
          <Button type="primary" htmlType="submit" loading={save.isPending}>
            {t('rules.save')}
          </Button>
        ) : null}
      </Form>
    </>
  );
}
