import { useEffect, useRef, type ReactNode } from 'react';
import { Breadcrumb, Button, Flex, Typography } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { Link } from 'react-router';
import { useI18n } from '../i18n/i18n.tsx';

export type PageHeaderProps = {
  title: ReactNode;
  subTitle?: ReactNode;
  /** Buttons on the right; they wrap under the title on a phone. */
  extra?: ReactNode;
  onBack?: () => void;
  /** Where a nested page sits (项目 / its name): the pages above it as links, the page itself last, not a link. */
  breadcrumb?: BreadcrumbStep[];
};

export type BreadcrumbStep = { title: ReactNode; to?: string };

export function PageHeader({ title, subTitle, extra, onBack, breadcrumb }: PageHeaderProps) {
  const { t } = useI18n();
  const heading = useRef<HTMLHeadingElement>(null);
  useTabTitle(heading, t('app.name'));
  const header = (
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
  if (!breadcrumb || breadcrumb.length === 0) return header;
  return (
    <>
      <Breadcrumb
        aria-label={t('breadcrumb.label')}
        className="zs-breadcrumb"
        data-testid="breadcrumb"
        style={{ marginBottom: 4 }}
        items={breadcrumb.map((step, index) => ({
          key: index,
          title: step.to ? <Link to={step.to}>{step.title}</Link> : <span aria-current={index === breadcrumb.length - 1 ? 'page' : undefined}>{step.title}</span>,
        }))}
      />
      {header}
    </>
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
