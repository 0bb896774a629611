import type { ReactNode } from 'react';
import { Card, Flex, Typography, theme } from 'antd';
import { useI18n } from '../i18n/i18n.tsx';
import { LanguageSwitch } from '../ui/LanguageSwitch.tsx';

export type AuthCardProps = { title: ReactNode; children: ReactNode };

/** The frame of the pages shown outside the app shell: product name, language switch, one card. */
export function AuthCard({ title, children }: AuthCardProps) {
  const { t } = useI18n();
  const { token } = theme.useToken();
  return (
    <Flex vertical align="center" style={{ minHeight: '100vh', boxSizing: 'border-box', background: token.colorBgLayout, padding: token.padding }}>
      <Flex justify="flex-end" style={{ width: '100%' }}>
        <LanguageSwitch />
      </Flex>
      <Flex vertical align="center" style={{ width: '100%', maxWidth: 400, marginTop: '8vh' }} gap={token.marginLG}>
        <Flex vertical align="center" gap={4}>
          <Typography.Title level={2} style={{ margin: 0 }}>
            {t('app.name')}
          </Typography.Title>
          <Typography.Text type="secondary">{t('app.tagline')}</Typography.Text>
        </Flex>
        <Card title={title} style={{ width: '100%' }}>
          {children}
        </Card>
      </Flex>
    </Flex>
  );
}
