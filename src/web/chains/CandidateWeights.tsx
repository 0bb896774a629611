import { useEffect, useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Col, Divider, Drawer, Flex, Form, InputNumber, Row, Select, Space, Spin, Typography } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { TIER_LIST_CODES, TIER_LISTS } from '../../domain/enterprise-tiers.ts';
import { SIZE_BANDS, type TCandidateWeights, type TCandidateWeightsSetting } from '../../shared/chain-candidates.ts';
import presetFile from '../../../data/region-presets.json';
import { api } from '../api/client.ts';
import { useCurrentUser } from '../auth/auth.queries.ts';
import { canAdminister } from '../../domain/roles.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { formatDateTime } from '../i18n/format.ts';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';

const KEY = ['chain-candidate-weights'];
const PRESETS = [...Object.keys(presetFile.china), ...Object.keys(presetFile.overseas)];

/**
 * 推荐权重 (issue 14): the bureau's weights for whom to attract, city-wide — each factor's points, the tiers, sizes and
 * priority regions; saved all at once (audited), or put back to the defaults. Opened from the chain page; the bureau's only (nothing for others).
 */
export function CandidateWeights() {
  const me = useCurrentUser();
  return canAdminister(me.role) ? <WeightsDrawer /> : null;
}

function WeightsDrawer() {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<TCandidateWeights>();
  const setting = useQuery({ queryKey: KEY, queryFn: ({ signal }) => api.get<TCandidateWeightsSetting>('/chain-candidate-weights', undefined, signal), enabled: open });
  const save = useMutation({
    mutationFn: (weights: TCandidateWeights) => api.put<TCandidateWeightsSetting>('/chain-candidate-weights', { weights }),
    onSuccess: async (data) => {
      queryClient.setQueryData(KEY, data);
      // Every list of candidates is scored anew.
      await queryClient.invalidateQueries({ queryKey: ['chains'] });
    },
  });
  useEffect(() => {
    if (setting.data) form.setFieldsValue(setting.data.weights);
  }, [setting.data, form]);
  const language = locale === 'en' ? 'en' : 'zh';
  const points = (name: (string | number)[], label: string) => (
    <Col xs={12} sm={8} key={name.join('.')}>
      <Form.Item name={name} label={label} rules={[{ required: true, message: t('form.required') }]}>
        <InputNumber min={0} max={100} precision={0} style={{ width: '100%' }} />
      </Form.Item>
    </Col>
  );

  return (
    <>
      <Button data-testid="open-candidate-weights" onClick={() => setOpen(true)}>
        {t('chainWeights.open')}
      </Button>
      <Drawer
        open={open}
        width="min(640px, 100vw)"
        title={t('chainWeights.title')}
        onClose={() => setOpen(false)}
        data-testid="candidate-weights"
        extra={
          <Space>
            <Button onClick={() => setting.data && form.setFieldsValue(setting.data.defaults)} disabled={!setting.data}>
              {t('chainWeights.defaults')}
            </Button>
            <Button type="primary" loading={save.isPending} onClick={() => form.submit()}>
              {t('action.save')}
            </Button>
          </Space>
        }
      >
        <ErrorAlert error={setting.error ?? save.error} />
        {setting.isPending ? <Spin /> : null}
        {setting.data ? (
          <Typography.Paragraph type="secondary">
            {setting.data.custom
              ? t('chainWeights.updated', { user: setting.data.updatedBy ?? '', at: formatDateTime(setting.data.updatedAt) })
              : t('chainWeights.usingDefaults')}
          </Typography.Paragraph>
        ) : null}
        <Form<TCandidateWeights>
          form={form}
          layout="vertical"
          size="small"
          onFinish={(values) =>
            void save
              .mutateAsync(values)
              .then(() => void message.success(t('chainWeights.saved')))
              .catch(() => undefined)
          }
        >
          <Divider titlePlacement="start" plain>{t('chainWeights.industry')}</Divider>
          <Row gutter={12}>
            {points(['industry', 'exact'], t('chainWeights.industry.exact'))}
            {points(['industry', 'parent'], t('chainWeights.industry.parent'))}
          </Row>
          <Divider titlePlacement="start" plain>{t('chainWeights.keywords')}</Divider>
          <Row gutter={12}>
            {points(['keywords', 'max'], t('chainWeights.keywords.max'))}
            {points(['keywords', 'perTerm'], t('chainWeights.keywords.perTerm'))}
            <Col xs={12} sm={8}>
              <Form.Item name={['keywords', 'saturation']} label={t('chainWeights.keywords.saturation')} rules={[{ required: true, message: t('form.required') }]}>
                <InputNumber min={0} max={10} step={0.1} precision={1} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
          </Row>
          <Divider titlePlacement="start" plain>{t('chainWeights.tiers')}</Divider>
          <Row gutter={12}>{TIER_LIST_CODES.map((list) => points(['tiers', list], TIER_LISTS[list][language]))}</Row>
          <Divider titlePlacement="start" plain>{t('chainWeights.size')}</Divider>
          <Row gutter={12}>{SIZE_BANDS.map((band) => points(['size', band], t(`chainWeights.size.${band}`)))}</Row>
          <Divider titlePlacement="start" plain>{t('chainWeights.regions')}</Divider>
          <Form.List name="regions">
            {(fields, { add, remove }) => (
              <>
                {fields.map((field) => (
                  <Flex key={field.key} gap={8} align="baseline" wrap>
                    <Form.Item name={[field.name, 'preset']} rules={[{ required: true, message: t('form.required') }]} style={{ flex: '1 1 160px' }}>
                      <Select options={PRESETS.map((p) => ({ value: p, label: p }))} aria-label={t('chainWeights.region')} />
                    </Form.Item>
                    <Form.Item name={[field.name, 'points']} rules={[{ required: true, message: t('form.required') }]}>
                      <InputNumber min={0} max={100} precision={0} suffix={t('chainWeights.points')} style={{ width: 130 }} />
                    </Form.Item>
                    <Button type="text" icon={<MinusCircleOutlined />} aria-label={t('chainWeights.removeRegion')} onClick={() => remove(field.name)} />
                  </Flex>
                ))}
                <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ points: 10 })}>
                  {t('chainWeights.addRegion')}
                </Button>
              </>
            )}
          </Form.List>
          <Divider titlePlacement="start" plain>{t('chainWeights.relationship')}</Divider>
          <Row gutter={12}>
            {points(['relationship', 'lead'], t('chainWeights.relationship.lead'))}
            {points(['relationship', 'visit'], t('chainWeights.relationship.visit'))}
            {points(['groupNearby'], t('chainWeights.groupNearby'))}
          </Row>
        </Form>
      </Drawer>
    </>
  );
}
