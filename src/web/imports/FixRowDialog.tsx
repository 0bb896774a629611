import { useState } from 'react';
import { App, Button, Form, Input, Modal, Typography } from 'antd';
import { EditOutlined } from '@ant-design/icons';
import type { TImportBatch, TImportRow } from '../../shared/imports.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';
import { useRereadImport } from './imports.queries.ts';

/**
 * Fixing a refused row in the preview (issue 16): its refused cells, each with the text the file holds, typed again
 * and checked again by a re-read — no new upload. The batch keeps the fixes for its commit; the file is unchanged.
 */
export function FixRowButton({ batch, row }: { batch: TImportBatch; row: TImportRow }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  if (batch.status !== 'previewed' || row.action !== 'refused' || !row.refusedCells?.length) return null;
  return (
    <>
      <Button size="small" icon={<EditOutlined />} onClick={() => setOpen(true)} aria-label={t('importFix.openFor', { row: row.rowNumber })} style={{ alignSelf: 'flex-start' }}>
        {t('importFix.open')}
      </Button>
      {open ? <FixRowDialog batch={batch} row={row} onClose={() => setOpen(false)} /> : null}
    </>
  );
}

function FixRowDialog({ batch, row, onClose }: { batch: TImportBatch; row: TImportRow; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const reread = useRereadImport(batch.id);
  const cells = row.refusedCells ?? [];
  const [form] = Form.useForm<Record<string, string>>();

  const handleOk = async () => {
    const values = await form.validateFields();
    const corrections = cells.map(({ field }) => ({ sheet: row.sheet, rowNumber: row.rowNumber, field, value: (values[field] ?? '').trim() }));
    const checked = await reread.mutateAsync({ corrections });
    void message.success(t('importFix.done', { refused: checked.counts.refused }));
    onClose();
  };

  return (
    <Modal
      open
      title={t('importFix.title', { row: row.rowNumber })}
      okText={t('importFix.recheck')}
      onOk={() => void handleOk().catch(() => undefined)}
      confirmLoading={reread.isPending}
      onCancel={onClose}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t('importFix.hint')}</Typography.Paragraph>
      <ErrorAlert error={reread.error} />
      <Form form={form} layout="vertical" initialValues={Object.fromEntries(cells.map((c) => [c.field, c.raw]))}>
        {cells.map(({ field }) => (
          <Form.Item key={field} name={field} label={t(`imports.field.${field}`)}>
            <Input autoComplete="off" />
          </Form.Item>
        ))}
      </Form>
    </Modal>
  );
}

/** The fixes the batch holds, with a way back to the file as uploaded. */
export function CorrectionsNote({ batch }: { batch: TImportBatch }) {
  const { t } = useI18n();
  const reread = useRereadImport(batch.id);
  const count = batch.corrections?.length ?? 0;
  if (count === 0 || batch.status !== 'previewed') return null;
  return (
    <Typography.Text type="secondary" data-testid="import-corrections">
      {t('importFix.corrections', { count })}{' '}
      <Button type="link" size="small" loading={reread.isPending} onClick={() => reread.mutate({ corrections: [] })}>
        {t('importFix.clear')}
      </Button>
    </Typography.Text>
  );
}
