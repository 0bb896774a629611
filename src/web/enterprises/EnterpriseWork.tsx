import { useQuery } from '@tanstack/react-query';
import { Empty, List, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import type { TProject } from '../../shared/projects.ts';
import { api } from '../api/client.ts';
import { LEAD_STATE_COLORS } from '../funnel/LeadFields.tsx';
import type { TLeadPage } from '../funnel/funnel.queries.ts';
import { formatDate } from '../i18n/format.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { StageTag } from '../projects/StageTag.tsx';
import { WanAmount } from '../ui/Amount.tsx';

/**
 * The caller's own work with an enterprise (issue 13): the leads and the projects of the caller's units naming it,
 * read through the lists' own scope (another unit's are only named by the page's interest panel).
 */
export function EnterpriseWork({ enterpriseId }: { enterpriseId: number }) {
  const { t } = useI18n();
  const leads = useQuery({
    queryKey: ['leads', 'enterprise', enterpriseId],
    queryFn: ({ signal }) => api.get<TLeadPage>('/leads', { enterpriseId, pageSize: 50 }, signal),
  });
  const projects = useQuery({
    queryKey: ['projects', 'enterprise', enterpriseId],
    queryFn: ({ signal }) => api.get<{ items: TProject[]; total: number }>('/projects', { investorEnterpriseId: enterpriseId, pageSize: 50 }, signal),
  });
  return (
    <>
      <section data-testid="enterprise-leads" style={{ maxWidth: 640, marginTop: 24 }}>
        <Typography.Title level={5}>{t('libraryScreen.leads')}</Typography.Title>
        <List
          size="small"
          loading={leads.isPending}
          dataSource={leads.data?.items ?? []}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('libraryScreen.noLeads')} /> }}
          renderItem={(lead) => (
            <List.Item key={lead.id} extra={lead.intendedAmountYuan === null ? null : <WanAmount yuan={lead.intendedAmountYuan} withUnit />}>
              <span>
                <Tag color={LEAD_STATE_COLORS[lead.state]}>{t(`lead.state.${lead.state}`)}</Tag>
                {formatDate(lead.collectedOn)} · {t(`lead.source.${lead.source}`)} · {lead.unitName}
                {lead.note ? <Typography.Text type="secondary"> · {lead.note}</Typography.Text> : null}
              </span>
            </List.Item>
          )}
        />
      </section>
      <section data-testid="enterprise-projects" style={{ maxWidth: 640, marginTop: 24 }}>
        <Typography.Title level={5}>{t('libraryScreen.projects')}</Typography.Title>
        <List
          size="small"
          loading={projects.isPending}
          dataSource={projects.data?.items ?? []}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('libraryScreen.noProjects')} /> }}
          renderItem={(project) => (
            <List.Item key={project.id} extra={<WanAmount yuan={project.totalInvestmentYuan} withUnit />}>
              <span>
                <StageTag stage={project.stage} />
                <Link to={`/projects/${project.id}`}>{project.name}</Link>
                <Typography.Text type="secondary"> · {project.unitName}</Typography.Text>
              </span>
            </List.Item>
          )}
        />
      </section>
    </>
  );
}
