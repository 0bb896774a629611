import { App, Button, Drawer, Flex, Form, InputNumber, Select, Space, Switch, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { TVerificationSettings, TVerificationSettingsState } from '../../shared/stage-verifications.ts';
import { api } from '../api/client.ts';
import { DepartmentSelect } from '../departments/DepartmentSelect.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { WanAmountInput } from '../ui/AmountInput.tsx';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';
import { wanInputToYuan } from '../ui/money.ts';

const STAGES = ['signed', 'registered', 'started', 'producing', 'inStats'] as const;
const KEY = ['verification-settings'] as const;

type RuleValues = { stage: (typeof STAGES)[number]; minWan?: string | null; reviewerDepartmentId?: number | null };
type FormValues = { rules: RuleValues[]; confirmedOnly: boolean; lat?: number | null; lon?: number | null; maxPhotoKm: number; maxPhotoDaysBefore: number };

export type VerificationSettingsDrawerProps = { onClose: () => void };

/** The bureau's 核实 settings (issue 17): which stages wait for confirmation from which amount, by whom; what figures count. */
export function VerificationSettingsDrawer({ onClose }: VerificationSettingsDrawerProps) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const { data, error } = useQuery({ queryKey: KEY, queryFn: ({ signal }) => api.get<TVerificationSettingsState>('/verification-settings', undefined, signal) });
  const [form] = Form.useForm<FormValues>();
  const save = useMutation({
    mutationFn: (body: TVerificationSettings) => api.put<TVerificationSettingsState>('/verification-settings', body),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: KEY });
      // Confirmed-only changes every figure.
      await queryClient.invalidateQueries();
      void message.success(t('verification.done'));
      onClose();
    },
  });

  const handleSave = async () => {
    const values = await form.validateFields();
    save.mutate({
      rules: values.rules.map((rule) => ({ stage: rule.stage, minYuan: wanInputToYuan(rule.minWan) ?? 0, reviewerDepartmentId: rule.reviewerDepartmentId ?? null })),
      confirmedOnly: values.confirmedOnly,
      cityCentre: values.lat !== null && values.lat !== undefined && values.lon !== null && values.lon !== undefined ? { lat: values.lat, lon: values.lon } : null,
      maxPhotoKm: values.maxPhotoKm,
      maxPhotoDaysBefore: values.maxPhotoDaysBefore,
    });
  };

  const settings = data?.settings;
  return (
    <Drawer
      open
      width={640}
      title={t('verification.settings.title')}
      onClose={onClose}
      destroyOnHidden
      extra={
        <Button type="primary" loading={save.isPending} onClick={() => void handleSave()} disabled={!settings} data-testid="verification-settings-save">
          {t('verification.settings.save')}
        </Button>
      }
    >
      <ErrorAlert error={error ?? save.error} />
      {settings ? (
        <Form<FormValues>
          form={form}
          layout="vertical"
          initialValues={{
            rules: settings.rules.map((rule) => ({ stage: rule.stage, minWan: String(rule.minYuan / 10_000), reviewerDepartmentId: rule.reviewerDepartmentId ?? null })),
            confirmedOnly: settings.confirmedOnly,
            lat: settings.cityCentre?.lat ?? null,
            lon: settings.cityCentre?.lon ?? null,
            maxPhotoKm: settings.maxPhotoKm,
            maxPhotoDaysBefore: settings.maxPhotoDaysBefore,
          }}
        >
          <Typography.Paragraph type="secondary">{t('verification.settings.hint')}</Typography.Paragraph>
          <Form.List name="rules">
            {(fields, { add, remove }) => (
              <Flex vertical gap="small" style={{ marginBottom: 16 }}>
                {fields.map((field) => (
                  <Space key={field.key} wrap align="start">
                    <Form.Item name={[field.name, 'stage']} label={t('verification.stage')} rules={[{ required: true }]}>
                      <Select style={{ width: 110 }} options={STAGES.map((stage) => ({ value: stage, label: t(`stage.${stage}`) }))} />
                    </Form.Item>
                    <Form.Item name={[field.name, 'minWan']} label={t('verification.settings.minWan')}>
                      <WanAmountInput />
                    </Form.Item>
                    <Form.Item name={[field.name, 'reviewerDepartmentId']} label={t('verification.reviewer')}>
                      <DepartmentSelect placeholder={t('verification.bureau')} style={{ width: 180 }} />
                    </Form.Item>
                    <Form.Item label=" ">
                      <Button icon={<DeleteOutlined />} aria-label={t('verification.settings.remove')} onClick={() => remove(field.name)} />
                    </Form.Item>
                  </Space>
                ))}
                <Button icon={<PlusOutlined />} onClick={() => add({ stage: 'signed', minWan: '10000', reviewerDepartmentId: null })} style={{ alignSelf: 'flex-start' }}>
                  {t('verification.settings.addRule')}
                </Button>
              </Flex>
            )}
          </Form.List>
          <Form.Item name="confirmedOnly" label={t('verification.settings.confirmedOnly')} valuePropName="checked" extra={t('verification.settings.confirmedOnlyHint')}>
            <Switch />
          </Form.Item>
          <Space wrap>
            <Form.Item name="lat" label={t('verification.settings.lat')}>
              <InputNumber min={-90} max={90} step={0.001} />
            </Form.Item>
            <Form.Item name="lon" label={t('verification.settings.lon')}>
              <InputNumber min={-180} max={180} step={0.001} />
            </Form.Item>
            <Form.Item name="maxPhotoKm" label={t('verification.settings.maxPhotoKm')} rules={[{ required: true }]}>
              <InputNumber min={1} max={5000} precision={0} />
            </Form.Item>
            <Form.Item name="maxPhotoDaysBefore" label={t('verification.settings.maxPhotoDaysBefore')} rules={[{ required: true }]}>
              <InputNumber min={0} max={3650} precision={0} />
            </Form.Item>
          </Space>
        </Form>
      ) : null}
    </Drawer>
  );
}
