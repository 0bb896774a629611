import { useState } from 'react';
import { App, Button, Flex, Form, Input, Typography } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { Navigate, useNavigate } from 'react-router';
import { useI18n } from '../i18n/i18n.tsx';
import { MessageAlert } from '../ui/ErrorAlert.tsx';
import { showErrorInForm } from '../ui/errors.ts';
import { FullPageSpin } from '../ui/FullPageSpin.tsx';
import { AuthCard } from './AuthCard.tsx';
import { changePassword, setMe, useMe } from './auth.queries.ts';
import { passwordPolicyRule } from './password-rules.ts';
import { useLogOut } from './use-log-out.ts';

type ChangePasswordValues = { currentPassword: string; newPassword: string; confirmPassword: string };

const FIELDS = ['currentPassword', 'newPassword'] as const;

/** Forced after the first login with an initial password; also reachable from the header. */
export function ChangePasswordPage() {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<ChangePasswordValues>();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const handleLogOut = useLogOut();
  const { data: me, isPending } = useMe();
  const [formError, setFormError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);

  if (isPending) return <FullPageSpin />;
  if (!me) return <Navigate to="/login" replace />;

  const handleSubmit = async (values: ChangePasswordValues) => {
    setSubmitting(true);
    setFormError(null);
    try {
      await changePassword({ currentPassword: values.currentPassword, newPassword: values.newPassword });
      setMe(queryClient, { ...me, mustChangePassword: false });
      void message.success(t('auth.passwordChanged'));
      void navigate('/', { replace: true });
    } catch (error) {
      setFormError(showErrorInForm(form, error, locale, FIELDS));
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <AuthCard title={t('auth.changePassword')}>
      {me.mustChangePassword ? (
        <Typography.Paragraph type="warning">{t('auth.mustChangePasswordNotice')}</Typography.Paragraph>
      ) : null}
      <MessageAlert message={formError} onClose={() => setFormError(null)} />
      <Form<ChangePasswordValues> form={form} layout="vertical" requiredMark={false} onFinish={(values) => void handleSubmit(values)}>
        <Form.Item name="currentPassword" label={t('auth.currentPassword')} rules={[{ required: true, message: t('form.required') }]}>
          <Input.Password autoComplete="current-password" autoFocus />
        </Form.Item>
        <Form.Item
          name="newPassword"
          label={t('auth.newPassword')}
          extra={t('auth.passwordPolicy')}
          rules={[{ required: true, message: t('form.required') }, passwordPolicyRule(locale, 'newPassword', () => me.username)]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          name="confirmPassword"
          label={t('auth.confirmPassword')}
          dependencies={['newPassword']}
          rules={[
            { required: true, message: t('form.required') },
            ({ getFieldValue }) => ({
              validator: async (_rule, value: string | undefined) => {
                if (value && value !== getFieldValue('newPassword')) throw new Error(t('auth.passwordsDiffer'));
              },
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Flex gap="small" justify="space-between" wrap>
          <Button type="primary" htmlType="submit" loading={submitting}>
            {t('auth.changePassword')}
          </Button>
          {me.mustChangePassword ? (
            <Button type="link" onClick={() => void handleLogOut()}>
              {t('auth.logOut')}
            </Button>
          ) : (
            <Button onClick={() => void navigate(-1)}>{t('action.cancel')}</Button>
          )}
        </Flex>
      </Form>
    </AuthCard>
  );
}
