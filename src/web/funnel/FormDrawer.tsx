import type { ReactNode } from 'react';
import { Button, Drawer, Grid } from 'antd';
import { useI18n } from '../i18n/i18n.tsx';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';

export type FormDrawerProps = {
  open: boolean;
  title: ReactNode;
  onClose: () => void;
  /** Submits the form inside (form.submit()). */
  onSave: () => void;
  saving: boolean;
  error: unknown;
  children: ReactNode;
};

/** A short form in a drawer with 保存 at the top: the whole screen on a phone. */
export function FormDrawer({ open, title, onClose, onSave, saving, error, children }: FormDrawerProps) {
  const { t } = useI18n();
  const isPhone = !Grid.useBreakpoint().md;
  return (
    <Drawer
      open={open}
      onClose={onClose}
      title={title}
      size={isPhone ? '100%' : 480}
      destroyOnHidden
      extra={
        <Button type="primary" loading={saving} onClick={onSave}>
          {t('action.save')}
        </Button>
      }
    >
      <ErrorAlert error={error} />
      {children}
    </Drawer>
  );
}
