import { useEffect, useRef, type ReactNode } from 'react';
import { Button, Flex, Typography } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { useI18n } from '../i18n/i18n.tsx';

export type PageHeaderProps = {
  title: ReactNode;
  subTitle?: ReactNode;
  /** Buttons on the right; they wrap under the title on a phone. */
  extra?: ReactNode;
  onBack?: () => void;
};

export function PageHeader({ title, subTitle, extra, onBack }: PageHeaderProps) {
  const { t } = useI18n();
  const heading = useRef<HTMLHeadingElement>(null);
  useTabTitle(heading, t('app.name'));
  return (
    <Flex className="zs-page-header" justify="space-between" align="center" wrap gap="small">
      <Flex align="center" gap="small" wrap style={{ minWidth: 0 }}>
        {onBack ? <Button type="text" icon={<ArrowLeftOutlined />} aria-label={t('action.back')} onClick={onBack} /> : null}
        <Typography.Title ref={heading} level={4} style={{ margin: 0 }}>
          {title}
        </Typography.Title>
        {subTitle ? <Typography.Text type="secondary">{subTitle}</Typography.Text> : null}
      </Flex>
      {extra ? (
        <Flex gap="small" wrap>
          {extra}
        </Flex>
      ) : null}
    </Flex>
  );
}

/**
 * The browser tab names the page: its heading as shown (whatever it is made of), then the app's name; the app's name
 * alone once the page is gone.
 */
function useTabTitle(heading: React.RefObject<HTMLHeadingElement | null>, appName: string): void {
  useEffect(() => {
    const text = heading.current?.textContent?.trim();
    const next = text ? `${text} - ${appName}` : appName;
    if (document.title !== next) document.title = next;
  });
  useEffect(() => () => void (document.title = appName), [appName]);
}
