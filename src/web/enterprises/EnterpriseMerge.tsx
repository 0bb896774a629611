import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Flex, Input, List, Popconfirm, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { MERGE_KINDS, type TEnterpriseMerge, type TEnterpriseMergePreview } from '../../shared/enterprise-merges.ts';
import { api } from '../api/client.ts';
import { formatLongDateTime } from '../i18n/format.ts';
import { useI18n } from '../i18n/i18n.tsx';
import type { MessageKey } from '../i18n/zh-CN.ts';
import { errorMessage } from '../ui/errors.ts';
import { ENTERPRISES_QUERY_KEY } from './enterprises.queries.ts';
import { EnterpriseSelect } from './EnterpriseSelect.tsx';

const MERGES_KEY = ['enterprise-merges'] as const;

/** `merged`: this record was itself merged into another — only its merge history (to undo it) is shown. */
export type EnterpriseMergeProps = { enterpriseId: number; merged?: boolean };

/**
 * 合并重复企业 (issue 13, the bureau's): choose the duplicate with the search picker, see what would move, confirm;
 * the merges this enterprise took part in, each with 撤销合并 until undone.
 */
export function EnterpriseMerge({ enterpriseId, merged = false }: EnterpriseMergeProps) {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [mergedId, setMergedId] = useState<number | undefined>();
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);

  const preview = useQuery({
    queryKey: [...MERGES_KEY, 'preview', enterpriseId, mergedId],
    queryFn: ({ signal }) => api.get<TEnterpriseMergePreview>(`/enterprises/${enterpriseId}/merge-preview`, { mergedId }, signal),
    enabled: mergedId !== undefined,
    retry: false,
  });
  const history = useQuery({
    queryKey: [...MERGES_KEY, 'list', enterpriseId],
    queryFn: async ({ signal }) => (await api.get<{ items: TEnterpriseMerge[] }>(`/enterprises/${enterpriseId}/merges`, undefined, signal)).items,
  });
  const refresh = async () => {
    await queryClient.invalidateQueries({ queryKey: MERGES_KEY });
    await queryClient.invalidateQueries({ queryKey: ENTERPRISES_QUERY_KEY });
  };
  const merge = useMutation({
    mutationFn: () => api.post<TEnterpriseMerge>(`/enterprises/${enterpriseId}/merges`, { mergedId, reason: reason.trim() || undefined }),
    onSuccess: async () => {
      setMergedId(undefined);
      setReason('');
      setError(null);
      void message.success(t('enterpriseMerge.done'));
      await refresh();
    },
    onError: (e) => setError(errorMessage(e, locale)),
  });
  const undo = useMutation({
    mutationFn: (id: number) => api.post<TEnterpriseMerge>(`/enterprise-merges/${id}/undo`, { reason: reason.trim() || undefined }),
    onSuccess: async () => {
      setError(null);
      void message.success(t('enterpriseMerge.undoDone'));
      await refresh();
    },
    onError: (e) => setError(errorMessage(e, locale)),
  });

  const counts = preview.data?.counts;
  return (
    <section data-testid="enterprise-merge" style={{ maxWidth: 640, marginTop: 24 }}>
      <Typography.Title level={5}>{t('enterpriseMerge.title')}</Typography.Title>
      {merged ? null : <Typography.Paragraph type="secondary">{t('enterpriseMerge.hint')}</Typography.Paragraph>}
      {error && merged ? <Alert type="error" showIcon message={error} closable onClose={() => setError(null)} /> : null}
      {merged ? null : (
      <Flex vertical gap="small">
        <EnterpriseSelect id="enterprise-merge-other" value={mergedId ?? null} onChange={setMergedId} placeholder={t('enterpriseMerge.choose')} aria-label={t('enterpriseMerge.choose')} />
        {preview.error ? <Alert type="error" showIcon message={errorMessage(preview.error, locale)} /> : null}
        {counts ? (
          <Typography.Text data-testid="enterprise-merge-counts">
            {t('enterpriseMerge.willMove')}{' '}
            {MERGE_KINDS.map((kind) => (
              <Tag key={kind}>
                {t(`enterpriseMerge.kind.${kind}` as MessageKey)} {counts[kind]}
              </Tag>
            ))}
          </Typography.Text>
        ) : null}
        {preview.data && preview.data.tiersKept > 0 ? <Typography.Text type="secondary">{t('enterpriseMerge.tiersKept', { count: preview.data.tiersKept })}</Typography.Text> : null}
        {preview.data && preview.data.closedMonths.length > 0 ? (
          <Alert type="warning" showIcon message={t('enterpriseMerge.closedMonths', { months: preview.data.closedMonths.join('、') })} />
        ) : null}
        <Input placeholder={t('enterpriseMerge.reason')} value={reason} maxLength={500} onChange={(e) => setReason(e.target.value)} />
        {error ? <Alert type="error" showIcon message={error} closable onClose={() => setError(null)} /> : null}
        <Popconfirm
          title={t('enterpriseMerge.confirmTitle', { name: preview.data?.mergedName ?? '' })}
          onConfirm={() => merge.mutate()}
          disabled={!preview.data}
        >
          <Button danger disabled={!preview.data} loading={merge.isPending}>
            {t('enterpriseMerge.confirm')}
          </Button>
        </Popconfirm>
      </Flex>
      )}
      {history.data && history.data.length > 0 ? (
        <List
          header={<Typography.Text strong>{t('enterpriseMerge.history')}</Typography.Text>}
          dataSource={history.data}
          renderItem={(m) => (
            <List.Item
              actions={
                m.undoneAt
                  ? [<Tag key="undone">{t('enterpriseMerge.undone')}</Tag>]
                  : [
                      <Popconfirm key="undo" title={t('enterpriseMerge.undoTitle', { name: m.mergedName })} onConfirm={() => undo.mutate(m.id)}>
                        <Button size="small" loading={undo.isPending}>
                          {t('enterpriseMerge.undo')}
                        </Button>
                      </Popconfirm>,
                    ]
              }
            >
              <Typography.Text>
                {t('enterpriseMerge.entry', { merged: m.mergedName, survivor: m.survivorName })} · {formatLongDateTime(m.mergedAt, locale)}
              </Typography.Text>
              {/* The other record of the pair, to read what it was (a merged record stays, read-only). */}
              <Link to={`/enterprises/${m.mergedId === enterpriseId ? m.survivorId : m.mergedId}`} style={{ marginLeft: 8 }}>
                {t(m.mergedId === enterpriseId ? 'enterpriseMerge.openSurvivor' : 'enterpriseMerge.openMerged')}
              </Link>
            </List.Item>
          )}
        />
      ) : null}
    </section>
  );
}
