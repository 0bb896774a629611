import { useState } from 'react';
import { App, Button, Flex, Form, InputNumber, Spin, Typography, Upload } from 'antd';
import { DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import type { TImportBatch } from '../../shared/imports.ts';
import { useCurrentUser } from '../auth/auth.queries.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { UnitTreeSelect } from '../units/UnitTreeSelect.tsx';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';
import { blankLedgerUrl, useUploadLedger } from './imports.queries.ts';

/** What the picker offers; .xls is let through only to be told to save it as .xlsx (a dropped file is not ignored). */
const ACCEPT = '.xlsx,.csv,.xls';

export type LedgerUploadProps = { onUploaded: (batch: TImportBatch) => void };

/** Step one: the default unit, the year for dates written without one, and the file — read into a preview at once. */
export function LedgerUpload({ onUploaded }: LedgerUploadProps) {
  const me = useCurrentUser();
  const { t } = useI18n();
  const { message } = App.useApp();
  const upload = useUploadLedger();
  const [unitId, setUnitId] = useState<number | undefined>(me.unitId);
  const [year, setYear] = useState<number | null>(null);
  const [reading, setReading] = useState('');

  const send = (file: File) => {
    const name = file.name.toLowerCase();
    if (name.endsWith('.xls')) {
      void message.error({ content: t('imports.xls', { name: file.name }), duration: 8 });
      return;
    }
    if (!name.endsWith('.xlsx') && !name.endsWith('.csv')) {
      void message.error(t('imports.fileType', { name: file.name }));
      return;
    }
    setReading(file.name);
    upload.mutate({ file, options: { unitId, year: year ?? undefined } }, { onSuccess: onUploaded });
  };

  return (
    <>
      <Typography.Paragraph type="secondary">{t('imports.hint')}</Typography.Paragraph>
      <Button icon={<DownloadOutlined />} href={blankLedgerUrl()} download style={{ marginBottom: 16 }}>
        {t('imports.template')}
      </Button>
      <Form layout="vertical" component="div">
        <Flex gap="middle" wrap>
          <Form.Item label={t('imports.unit')} tooltip={t('imports.unitHint')} htmlFor="import-unit" style={{ flex: '1 1 220px', maxWidth: 320 }}>
            <UnitTreeSelect id="import-unit" value={unitId} onChange={setUnitId} />
          </Form.Item>
          <Form.Item label={t('imports.year')} tooltip={t('imports.yearHint')} htmlFor="import-year" style={{ flex: '0 1 160px' }}>
            <InputNumber<number>
              id="import-year"
              min={1990}
              max={2100}
              precision={0}
              value={year}
              onChange={setYear}
              placeholder={t('imports.yearPlaceholder')}
              style={{ width: '100%' }}
            />
          </Form.Item>
        </Flex>
      </Form>
      <ErrorAlert error={upload.error} onClose={upload.reset} />
      <Spin spinning={upload.isPending} description={t('imports.reading', { name: reading })}>
        <Upload.Dragger
          accept={ACCEPT}
          multiple={false}
          showUploadList={false}
          disabled={upload.isPending}
          beforeUpload={(file) => {
            send(file);
            return Upload.LIST_IGNORE;
          }}
        >
          <p className="ant-upload-drag-icon">
            <InboxOutlined />
          </p>
          <p className="ant-upload-text">{t('imports.drop')}</p>
          <p className="ant-upload-hint" style={{ paddingInline: 16 }}>
            {t('imports.dropHint')}
          </p>
        </Upload.Dragger>
      </Spin>
    </>
  );
}
