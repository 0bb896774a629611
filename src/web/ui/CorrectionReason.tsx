import { useState } from 'react';
import { Alert, Form, Input } from 'antd';
import type { TLocale } from '../../shared/common.ts';
import { ApiError } from '../api/client.ts';
import { useI18n } from '../i18n/i18n.tsx';

/**
 * Month close (docs/metrics.md): a change that moves figures of a closed month is refused with `month.closed`
 * until it carries a reason, and is then kept as a correction the next bulletin lists. A form asks for that
 * reason only once the server has said so: nobody types a reason for a change that touches no closed month.
 */
export type CorrectionPrompt = {
  /** The server's message ("2026年10月已关账:……"), or null while no reason is asked for. */
  message: string | null;
  /**
   * To call with any error of a save: true when it was `month.closed` — the reason field is then shown and the
   * caller stops there; false for every other error, for the caller to show as usual.
   */
  catches: (error: unknown) => boolean;
  /** The change no longer touches what was refused (e.g. another date was chosen): no reason is asked for. */
  reset: () => void;
};

export function useCorrectionPrompt(locale: TLocale): CorrectionPrompt {
  const [message, setMessage] = useState<string | null>(null);
  return {
    message,
    catches: (error) => {
      if (!(error instanceof ApiError) || error.code !== 'month.closed') return false;
      setMessage(error.messageIn(locale));
      return true;
    },
    reset: () => setMessage(null),
  };
}

export type CorrectionReasonFieldProps = { prompt: CorrectionPrompt; name: string };

/** The server's message and the 更正原因 it asks for, inside the form whose change it refused. */
export function CorrectionReasonField({ prompt, name }: CorrectionReasonFieldProps) {
  const { t } = useI18n();
  if (!prompt.message) return null;
  return (
    <>
      <Alert type="warning" showIcon title={prompt.message} description={t('correction.closedHint')} style={{ marginBottom: 16 }} data-testid="month-closed" />
      <Form.Item
        name={name}
        label={t('correction.closedReason')}
        rules={[
          { required: true, whitespace: true, message: t('form.required') },
          { max: 500, message: t('form.maxLength', { max: 500 }) },
        ]}
      >
        <Input.TextArea rows={2} maxLength={500} autoFocus placeholder={t('correction.closedReasonHint')} />
      </Form.Item>
    </>
  );
}
