import { Alert } from 'antd';
import { useI18n } from '../i18n/i18n.tsx';
import { errorMessage } from './errors.ts';

export type ErrorAlertProps = {
  error: unknown;
  onClose?: () => void;
};

/** An API or network error, in the user's language. Renders nothing without an error. */
export function ErrorAlert({ error, onClose }: ErrorAlertProps) {
  const { locale } = useI18n();
  if (!error) return null;
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      title={errorMessage(error, locale)}
      closable={onClose ? { onClose } : false}
      style={{ marginBottom: 16 }}
    />
  );
}

export type MessageAlertProps = { message: string | null; onClose?: () => void };

/** A message already in the user's language (e.g. a form error that belongs to no field). */
export function MessageAlert({ message, onClose }: MessageAlertProps) {
  if (!message) return null;
  return <Alert type="error" showIcon role="alert" title={message} closable={onClose ? { onClose } : false} style={{ marginBottom: 16 }} />;
}
