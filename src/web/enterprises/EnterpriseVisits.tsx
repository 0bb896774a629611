import { useQuery } from '@tanstack/react-query';
import { Empty, Timeline, Typography } from 'antd';
import type { TVisit } from '../../shared/activities.ts';
import { api } from '../api/client.ts';
import { useI18n } from '../i18n/i18n.tsx';
import type { MessageKey } from '../i18n/zh-CN.ts';

/** 拜访记录: the visits, talks and receptions of an enterprise, newest first (issue 6). */
export function EnterpriseVisits({ enterpriseId }: { enterpriseId: number }) {
  const { t } = useI18n();
  const { data } = useQuery({
    queryKey: ['visits', 'enterprise', enterpriseId],
    queryFn: async ({ signal }) => (await api.get<{ items: TVisit[] }>('/visits', { enterpriseId, pageSize: 50 }, signal)).items,
  });
  return (
    <section data-testid="enterprise-visits" style={{ maxWidth: 640, marginTop: 24 }}>
      <Typography.Title level={5}>{t('enterprise.visits')}</Typography.Title>
      {data && data.length === 0 ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('enterprise.noVisits')} /> : null}
      <Timeline
        items={(data ?? []).map((visit) => ({
          key: visit.id,
          children: (
            <>
              <Typography.Text strong>
                {visit.visitedOn} · {t(`timeline.visit.${visit.kind}` as MessageKey)}
              </Typography.Text>
              {visit.peopleMet ? <Typography.Text type="secondary"> · {visit.peopleMet}</Typography.Text> : null}
              {visit.notes ? <Typography.Paragraph style={{ marginBottom: 0 }}>{visit.notes}</Typography.Paragraph> : null}
              {visit.nextStep ? <Typography.Text type="secondary">{t('timeline.nextStep', { step: visit.nextStep })}</Typography.Text> : null}
            </>
          ),
        }))}
      />
    </section>
  );
}
