import { useNavigate } from 'react-router';
import { useI18n } from '../i18n/i18n.tsx';
import { PageHeader } from '../ui/PageHeader.tsx';
import { ProjectForm } from './ProjectForm.tsx';

/** /projects/new: a new project starts as 在谈; its page (/projects/:id) then records its stages. */
export function ProjectFormPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  return (
    <>
      <PageHeader title={t('project.create')} onBack={() => void navigate('/projects')} />
      <ProjectForm readOnly={false} onCreated={() => void navigate('/projects')} />
    </>
  );
}
