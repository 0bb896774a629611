import { Button, Result } from 'antd';
import { useRouteError } from 'react-router';
import { useI18n } from '../i18n/i18n.tsx';

/**
 * What a page that failed to render shows. The usual cause is a new release: the page's chunk the open tab
 * asks for is gone, and reloading fetches the new one.
 */
export function RouteError() {
  const error = useRouteError();
  const { t } = useI18n();
  console.error(error);
  return (
    <Result
      status="warning"
      title={t('error.pageFailed')}
      subTitle={t('error.pageFailedHint')}
      extra={
        <Button type="primary" onClick={() => window.location.reload()}>
          {t('action.reload')}
        </Button>
      }
    />
  );
}
