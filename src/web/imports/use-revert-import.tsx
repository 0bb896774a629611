import { App } from 'antd';
import type { TImportBatch } from '../../shared/imports.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { errorMessage } from '../ui/errors.ts';
import { useRevertImport } from './imports.queries.ts';

/**
 * 撤销本次导入: asks first, then reverts the whole batch. A refusal (a project changed since the import, named by
 * its rows) is shown long enough to read.
 */
export function useRevertImportConfirm() {
  const { t, locale } = useI18n();
  const { message, modal } = App.useApp();
  const revert = useRevertImport();

  return (batch: TImportBatch) => {
    modal.confirm({
      title: t('imports.revertConfirm', { file: batch.fileName }),
      content: t('imports.revertHint'),
      okText: t('imports.revert'),
      okButtonProps: { danger: true },
      cancelText: t('action.cancel'),
      onOk: async () => {
        try {
          await revert.mutateAsync(batch.id);
          void message.success(t('imports.reverted', { file: batch.fileName }));
        } catch (error) {
          void message.error({ content: errorMessage(error, locale), duration: 10 });
        }
      },
    });
  };
}
