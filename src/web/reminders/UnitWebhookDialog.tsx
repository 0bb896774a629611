import { useState } from 'react';
import { App, Button, Flex, Form, Input, Modal, Radio, Skeleton, Switch, Typography } from 'antd';
import type { TUnitWebhook } from '../../shared/notifications.ts';
import type { TUnit } from '../../shared/units.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { ErrorAlert, MessageAlert } from '../ui/ErrorAlert.tsx';
import { showErrorInForm } from '../ui/errors.ts';
import { useSetUnitWebhook, useUnitWebhook } from './notifications.queries.ts';

type WebhookValues = { kind: 'wecom' | 'dingtalk'; url?: string; enabled: boolean };
const FIELDS = ['kind', 'url', 'enabled'] as const;

export type UnitWebhookDialogProps = { unit: TUnit; onClose: () => void };

/** 群机器人: the unit's 企业微信 or 钉钉 group robot, which gets each day's digest of its deadlines. */
export function UnitWebhookDialog({ unit, onClose }: UnitWebhookDialogProps) {
  const { t } = useI18n();
  const { data: webhook, error, isPending } = useUnitWebhook(unit.id);
  return (
    <Modal open title={t('webhook.title', { unit: unit.name })} footer={null} onCancel={onClose} destroyOnHidden>
      <ErrorAlert error={error} />
      {isPending ? <Skeleton active /> : null}
      {webhook ? <WebhookForm unit={unit} webhook={webhook} onClose={onClose} /> : null}
    </Modal>
  );
}

function WebhookForm({ unit, webhook, onClose }: { unit: TUnit; webhook: TUnitWebhook; onClose: () => void }) {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<WebhookValues>();
  const save = useSetUnitWebhook(unit.id);
  const [formError, setFormError] = useState<string | null>(null);

  const handleSubmit = async (values: WebhookValues) => {
    setFormError(null);
    try {
      await save.mutateAsync({ kind: values.kind, url: values.url!.trim(), enabled: values.enabled });
      void message.success(t('common.saved'));
      onClose();
    } catch (error) {
      setFormError(showErrorInForm(form, error, locale, FIELDS));
    }
  };

  return (
    <Form<WebhookValues>
      form={form}
      layout="vertical"
      initialValues={{ kind: webhook.kind ?? 'wecom', url: webhook.url ?? '', enabled: webhook.kind ? webhook.enabled : true }}
      onFinish={(values) => void handleSubmit(values)}
      id="unit-webhook-form"
    >
      <MessageAlert message={formError} onClose={() => setFormError(null)} />
      <Typography.Paragraph type="secondary">{t('webhook.hint')}</Typography.Paragraph>
      <Form.Item name="kind" label={t('webhook.kind')}>
        <Radio.Group
          optionType="button"
          options={[
            { value: 'wecom', label: t('webhook.kind.wecom') },
            { value: 'dingtalk', label: t('webhook.kind.dingtalk') },
          ]}
        />
      </Form.Item>
      <Form.Item
        name="url"
        label={t('webhook.url')}
        extra={t('webhook.urlHint')}
        rules={[
          { required: true, whitespace: true, message: t('form.required') },
          { pattern: /^https?:\/\/\S+$/, message: t('webhook.urlPattern') },
          { max: 500, message: t('form.maxLength', { max: 500 }) },
        ]}
      >
        <Input autoComplete="off" placeholder="https://…/webhook/send?key=…" />
      </Form.Item>
      <Form.Item name="enabled" label={t('webhook.enabled')} valuePropName="checked">
        <Switch />
      </Form.Item>
      <Form.Item style={{ marginBottom: 0, textAlign: 'end' }}>
        <Flex justify="flex-end" gap="small">
          <Button onClick={onClose}>{t('action.cancel')}</Button>
          <Button type="primary" htmlType="submit" loading={save.isPending}>
            {t('action.save')}
          </Button>
        </Flex>
      </Form.Item>
    </Form>
  );
}
