import { useState } from 'react';
import { App, Button, Empty, Flex, Table, Typography, Upload, type TableColumnsType, type UploadFile } from 'antd';
import { FileImageOutlined, FilePdfOutlined, PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { EVIDENCE_MAX_BYTES } from '../../domain/evidence-files.ts';
import type { TEvidenceFile } from '../../shared/files.ts';
import { apiUrl } from '../api/client.ts';
import { formatDateTime } from '../i18n/format.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';
import { errorMessage } from '../ui/errors.ts';
import { useProjectFiles, useUploadProjectFile } from './projects.queries.ts';

const ACCEPT = 'image/jpeg,image/png,image/webp,application/pdf,.jpg,.jpeg,.png,.webp,.pdf';
const ACCEPTED_TYPES = new Set(['image/jpeg', 'image/png', 'image/webp', 'application/pdf']);

/** 1.2 MB, 340 KB: file sizes as people read them. */
export function formatFileSize(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${bytes} B`;
}

export function fileDownloadUrl(id: number): string {
  return apiUrl(`/files/${id}`);
}

function FileIcon({ contentType }: { contentType: string }) {
  return contentType === 'application/pdf' ? <FilePdfOutlined /> : <FileImageOutlined />;
}

export type EvidenceUploadProps = {
  projectId: number;
  id?: string;
  value?: TEvidenceFile[];
  onChange?: (files: TEvidenceFile[]) => void;
};

/**
 * Photos and scans for a stage change (a site photo for 开工, say): each is uploaded as it is chosen, and the
 * change then names them by id. JPEG, PNG, WebP or PDF up to 10 MB; the server checks the bytes again.
 */
export function EvidenceUpload({ projectId, id, value = [], onChange }: EvidenceUploadProps) {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const upload = useUploadProjectFile(projectId);
  const [pending, setPending] = useState<UploadFile[]>([]);

  const fileList: UploadFile[] = [
    ...value.map((file) => ({ uid: String(file.id), name: file.fileName, status: 'done' as const, url: fileDownloadUrl(file.id) })),
    ...pending,
  ];

  return (
    <Upload
      id={id}
      accept={ACCEPT}
      multiple
      fileList={fileList}
      beforeUpload={(file) => {
        if (file.size > EVIDENCE_MAX_BYTES) {
          void message.error(t('evidence.fileTooLarge', { name: file.name }));
          return Upload.LIST_IGNORE;
        }
        if (file.type && !ACCEPTED_TYPES.has(file.type)) {
          void message.error(t('evidence.fileType', { name: file.name }));
          return Upload.LIST_IGNORE;
        }
        return true;
      }}
      customRequest={({ file }) => {
        const raw = file as File & { uid: string };
        setPending((current) => [...current, { uid: raw.uid, name: raw.name, status: 'uploading' }]);
        upload.mutate(raw, {
          onSuccess: (saved) => {
            setPending((current) => current.filter((item) => item.uid !== raw.uid));
            onChange?.([...value, saved]);
          },
          onError: (error) => {
            setPending((current) => current.filter((item) => item.uid !== raw.uid));
            void message.error({ content: `${raw.name}: ${errorMessage(error, locale)}`, duration: 6 });
          },
        });
      }}
      onRemove={(file) => {
        onChange?.(value.filter((saved) => String(saved.id) !== file.uid));
        return true;
      }}
    >
      <Button icon={<UploadOutlined />}>{t('evidence.upload')}</Button>
    </Upload>
  );
}

export type FileLinksProps = { fileIds: number[]; files: TEvidenceFile[] };

/** The files attached to one stage change, as download links. */
export function FileLinks({ fileIds, files }: FileLinksProps) {
  if (fileIds.length === 0) return null;
  const byId = new Map(files.map((file) => [file.id, file]));
  return (
    <Flex gap="small" wrap>
      {fileIds.map((fileId) => {
        const file = byId.get(fileId);
        return (
          <Typography.Link key={fileId} href={fileDownloadUrl(fileId)} download={file?.fileName}>
            <PaperClipOutlined /> {file?.fileName ?? `#${fileId}`}
          </Typography.Link>
        );
      })}
    </Flex>
  );
}

/** 佐证材料: every file uploaded for the project, newest first, each a download link. */
export function EvidenceFileList({ projectId }: { projectId: number }) {
  const { t } = useI18n();
  const { data: files, error, isPending } = useProjectFiles(projectId);
  const columns: TableColumnsType<TEvidenceFile> = [
    {
      title: t('evidence.fileName'),
      dataIndex: 'fileName',
      key: 'fileName',
      render: (name: string, file) => (
        <Typography.Link href={fileDownloadUrl(file.id)} download={name}>
          <FileIcon contentType={file.contentType} /> {name}
        </Typography.Link>
      ),
    },
    { title: t('evidence.size'), dataIndex: 'size', key: 'size', align: 'right', render: (size: number) => <span className="zs-amount">{formatFileSize(size)}</span> },
    {
      title: t('evidence.uploadedAt'),
      dataIndex: 'uploadedAt',
      key: 'uploadedAt',
      responsive: ['sm'],
      render: (at: string, file) => (
        <span className="zs-amount">
          {formatDateTime(at)}
          {file.stageEventId === null ? <Typography.Text type="secondary"> · {t('evidence.unattached')}</Typography.Text> : null}
        </span>
      ),
    },
  ];
  return (
    <>
      <ErrorAlert error={error} />
      <Table<TEvidenceFile>
        rowKey="id"
        size="small"
        columns={columns}
        loading={isPending}
        dataSource={[...(files ?? [])].sort((a, b) => (a.uploadedAt < b.uploadedAt ? 1 : -1))}
        pagination={false}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('evidence.noFiles')} /> }}
      />
    </>
  );
}
