import { useState } from 'react';
import { Alert, Button, Form, Input } from 'antd';
import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import type { TLoginRequest } from '../../shared/auth.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';
import { FullPageSpin } from '../ui/FullPageSpin.tsx';
import { AuthCard } from './AuthCard.tsx';
import { logIn, ME_QUERY_KEY, setMe, takeSessionEnd, useMe } from './auth.queries.ts';

/** Only paths inside the app, so a crafted link cannot send a user elsewhere after login. */
function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/login') ? next : '/';
}

export function LoginPage() {
  const { t, locale } = useI18n();
  const [form] = Form.useForm<TLoginRequest>();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [searchParams] = useSearchParams();
  const { data: me, isPending } = useMe();
  const [error, setError] = useState<unknown>(null);
  // A session that ended by itself (idle timeout, account disabled) is explained, not silently dropped.
  const [sessionEnd] = useState(takeSessionEnd);
  const [submitting, setSubmitting] = useState(false);
  const next = safeNext(searchParams.get('next'));

  if (isPending) return <FullPageSpin />;
  if (me && !submitting) return <Navigate to={me.mustChangePassword ? '/change-password' : next} replace />;

  const handleSubmit = async (values: TLoginRequest) => {
    setSubmitting(true);
    setError(null);
    try {
      const user = await logIn({ username: values.username.trim(), password: values.password });
      // Nothing cached under an earlier session survives; "who am I" is replaced, not removed, so every
      // component watching it (the language, the guards) sees the new user.
      queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== ME_QUERY_KEY[0] });
      setMe(queryClient, user);
      void navigate(user.mustChangePassword ? '/change-password' : next, { replace: true });
    } catch (caught) {
      setError(caught);
      form.setFieldValue('password', '');
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <AuthCard title={t('auth.logIn')}>
      {sessionEnd && !error ? <Alert type="warning" showIcon title={sessionEnd.messageIn(locale)} style={{ marginBottom: 16 }} /> : null}
      <ErrorAlert error={error} onClose={() => setError(null)} />
      <Form<TLoginRequest> form={form} layout="vertical" requiredMark={false} onFinish={(values) => void handleSubmit(values)} size="large">
        <Form.Item name="username" label={t('auth.username')} rules={[{ required: true, whitespace: true, message: t('form.required') }]}>
          <Input prefix={<UserOutlined />} autoComplete="username" autoFocus autoCapitalize="none" />
        </Form.Item>
        <Form.Item name="password" label={t('auth.password')} rules={[{ required: true, message: t('form.required') }]}>
          <Input.Password prefix={<LockOutlined />} autoComplete="current-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" block loading={submitting}>
          {t('auth.logIn')}
        </Button>
      </Form>
    </AuthCard>
  );
}
