import { lazy, Suspense, type ComponentType, type ReactNode } from 'react';
import { createBrowserRouter, Navigate } from 'react-router';
import { FullPageSpin } from '../ui/FullPageSpin.tsx';
import { AppLayout } from './AppLayout.tsx';
import { HomeRedirect, RequireRole, RequireSession, RequireUnitRecords, RequireWriter } from './guards.tsx';
import { NotFoundPage } from './NotFoundPage.tsx';
import { RouteError } from './RouteError.tsx';

/** Each page is its own chunk, loaded when first visited. */
function page<K extends string>(load: () => Promise<Record<K, ComponentType>>, name: K) {
  const Page = lazy<ComponentType>(async () => ({ default: (await load())[name] }));
  return (
    <Suspense fallback={<FullPageSpin />}>
      <Page />
    </Suspense>
  );
}

const LoginPage = page(() => import('../auth/LoginPage.tsx'), 'LoginPage');
const ChangePasswordPage = page(() => import('../auth/ChangePasswordPage.tsx'), 'ChangePasswordPage');
const ProjectListPage = page(() => import('../projects/ProjectListPage.tsx'), 'ProjectListPage');
const ProjectFormPage = page(() => import('../projects/ProjectFormPage.tsx'), 'ProjectFormPage');
const ProjectPage = page(() => import('../projects/ProjectPage.tsx'), 'ProjectPage');
const ProjectBoardPage = page(() => import('../projects/ProjectBoardPage.tsx'), 'ProjectBoardPage');
const SupervisionPage = page(() => import('../supervision/SupervisionPage.tsx'), 'SupervisionPage');
const ProblemsPage = page(() => import('../problems/ProblemsPage.tsx'), 'ProblemsPage');
const DeadlineRulesPage = page(() => import('../deadlines/DeadlineRulesPage.tsx'), 'DeadlineRulesPage');
const LeaderLevelsPage = page(() => import('../funnel/LeaderLevelsPage.tsx'), 'LeaderLevelsPage');
const DepartmentsAdminPage = page(() => import('../departments/DepartmentsAdminPage.tsx'), 'DepartmentsAdminPage');
const LocalIndustriesAdminPage = page(() => import('../local-industries/LocalIndustriesAdminPage.tsx'), 'LocalIndustriesAdminPage');
const EnterpriseListPage = page(() => import('../enterprises/EnterpriseListPage.tsx'), 'EnterpriseListPage');
const EnterpriseFormPage = page(() => import('../enterprises/EnterpriseFormPage.tsx'), 'EnterpriseFormPage');
const UnitsAdminPage = page(() => import('../units/UnitsAdminPage.tsx'), 'UnitsAdminPage');
const UsersAdminPage = page(() => import('../users/UsersAdminPage.tsx'), 'UsersAdminPage');
const AuditPage = page(() => import('../audit/AuditPage.tsx'), 'AuditPage');
const ImportsPage = page(() => import('../imports/ImportsPage.tsx'), 'ImportsPage');
const CockpitPage = page(() => import('../cockpit/CockpitPage.tsx'), 'CockpitPage');
const HeatmapPage = page(() => import('../heatmap/HeatmapPage.tsx'), 'HeatmapPage');
const BulletinPage = page(() => import('../bulletin/BulletinPage.tsx'), 'BulletinPage');
const TargetsPage = page(() => import('../targets/TargetsPage.tsx'), 'TargetsPage');
const AssessmentsPage = page(() => import('../assessments/AssessmentsPage.tsx'), 'AssessmentsPage');
const LeadsPage = page(() => import('../funnel/LeadsPage.tsx'), 'LeadsPage');
const ChainsPage = page(() => import('../chains/ChainsPage.tsx'), 'ChainsPage');
const TripPlansPage = page(() => import('../chains/TripPlansPage.tsx'), 'TripPlansPage');
const TripsPage = page(() => import('../funnel/TripsPage.tsx'), 'TripsPage');
const TripPage = page(() => import('../funnel/TripPage.tsx'), 'TripPage');
const TripFormPage = page(() => import('../funnel/TripFormPage.tsx'), 'TripFormPage');
const VisitFormPage = page(() => import('../funnel/VisitFormPage.tsx'), 'VisitFormPage');
const EventsPage = page(() => import('../funnel/EventsPage.tsx'), 'EventsPage');
const EventPage = page(() => import('../funnel/EventPage.tsx'), 'EventPage');
const TeamsPage = page(() => import('../funnel/TeamsPage.tsx'), 'TeamsPage');
const CountingRulesPage = page(() => import('../metrics/CountingRulesPage.tsx'), 'CountingRulesPage');
const DuplicatesPage = page(() => import('../duplicates/DuplicatesPage.tsx'), 'DuplicatesPage');
const BigScreenPage = page(() => import('../heatmap/BigScreenPage.tsx'), 'BigScreenPage');
const VerificationPage = page(() => import('../verification/VerificationPage.tsx'), 'VerificationPage');

function bureauOnly(element: ReactNode) {
  return <RequireRole role="bureau">{element}</RequireRole>;
}

/** Pages of a unit's records and figures: a department, which sees only the problems routed to it, gets a 403 page instead. */
function unitRecords(element: ReactNode) {
  return <RequireUnitRecords>{element}</RequireUnitRecords>;
}

export const router = createBrowserRouter([
  { path: '/login', element: LoginPage, errorElement: <RouteError /> },
  { path: '/change-password', element: ChangePasswordPage, errorElement: <RouteError /> },
  // 数据大屏 (issue 15): full screen, outside the menu and header; the page itself admits the leader and bureau roles.
  { path: '/big-screen', element: <RequireSession>{BigScreenPage}</RequireSession>, errorElement: <RouteError /> },
  {
    path: '/',
    errorElement: <RouteError />,
    element: (
      <RequireSession>
        <AppLayout />
      </RequireSession>
    ),
    children: [
      {
        // Errors inside a page keep the menu and header around them.
        errorElement: <RouteError />,
        children: [
          { index: true, element: <HomeRedirect /> },
          { path: 'cockpit', element: unitRecords(CockpitPage) },
          { path: 'heatmap', element: unitRecords(HeatmapPage) },
          { path: 'bulletin', element: unitRecords(BulletinPage) },
          { path: 'targets', element: unitRecords(TargetsPage) },
          { path: 'assessments', element: unitRecords(AssessmentsPage) },
          // Read by everyone who reads figures; the bureau edits it (its admin menu links here too).
          { path: 'counting-rules', element: unitRecords(CountingRulesPage) },
          { path: 'projects', element: unitRecords(ProjectListPage) },
          { path: 'projects/new', element: unitRecords(ProjectFormPage) },
          { path: 'projects/board', element: unitRecords(ProjectBoardPage) },
          { path: 'projects/:id', element: unitRecords(ProjectPage) },
          { path: 'supervision', element: unitRecords(SupervisionPage) },
          { path: 'duplicates', element: bureauOnly(DuplicatesPage) },
          // 核实 (issue 17): reviewers (the bureau, a department it names) and units, each seeing what the API scopes to them.
          { path: 'verification', element: VerificationPage },
          { path: 'problems', element: ProblemsPage },
          { path: 'leads', element: unitRecords(LeadsPage) },
          { path: 'chains', element: ChainsPage },
          { path: 'trips', element: unitRecords(TripsPage) },
          { path: 'trip-plans', element: unitRecords(TripPlansPage) },
          { path: 'trips/new', element: <RequireWriter>{TripFormPage}</RequireWriter> },
          { path: 'trips/:id', element: unitRecords(TripPage) },
          { path: 'visits/new', element: <RequireWriter>{VisitFormPage}</RequireWriter> },
          { path: 'events', element: unitRecords(EventsPage) },
          { path: 'events/:id', element: unitRecords(EventPage) },
          { path: 'teams', element: unitRecords(TeamsPage) },
          { path: 'enterprises', element: unitRecords(EnterpriseListPage) },
          { path: 'enterprises/new', element: unitRecords(EnterpriseFormPage) },
          { path: 'enterprises/:id', element: unitRecords(EnterpriseFormPage) },
          { path: 'imports', element: <RequireWriter>{ImportsPage}</RequireWriter> },
          { path: 'admin', element: <Navigate to="/admin/units" replace /> },
          { path: 'admin/units', element: bureauOnly(UnitsAdminPage) },
          { path: 'admin/users', element: bureauOnly(UsersAdminPage) },
          { path: 'admin/departments', element: bureauOnly(DepartmentsAdminPage) },
          { path: 'admin/local-industries', element: bureauOnly(LocalIndustriesAdminPage) },
          { path: 'admin/deadline-rules', element: bureauOnly(DeadlineRulesPage) },
          { path: 'admin/leader-levels', element: bureauOnly(LeaderLevelsPage) },
          { path: 'admin/audit', element: bureauOnly(AuditPage) },
          { path: '*', element: <NotFoundPage /> },
        ],
      },
    ],
  },
]);

