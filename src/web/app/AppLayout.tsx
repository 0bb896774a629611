import { useEffect, useMemo, useState } from 'react';
import { Button, Drawer, Flex, Grid, Layout, Menu, Tag, Tooltip, Typography, theme, type MenuProps } from 'antd';
import {
  AlertOutlined,
  PartitionOutlined,
  ApartmentOutlined,
  AppstoreOutlined,
  AuditOutlined,
  SafetyCertificateOutlined,
  AimOutlined,
  BankOutlined,
  ClusterOutlined,
  DashboardOutlined,
  FileTextOutlined,
  FieldTimeOutlined,
  FilterOutlined,
  FlagOutlined,
  FundProjectionScreenOutlined,
  HeatMapOutlined,
  CarOutlined,
  ScheduleOutlined,
  BulbOutlined,
  EnvironmentOutlined,
  RocketOutlined,
  ImportOutlined,
  LockOutlined,
  LogoutOutlined,
  MenuOutlined,
  ProjectOutlined,
  SettingOutlined,
  TeamOutlined,
  TrophyOutlined,
  DiffOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { Link, Outlet, useLocation, useNavigate, useNavigationType } from 'react-router';
import { canAdminister, canWriteRecords, seesUnitRecords } from '../../domain/roles.ts';
import type { TMe } from '../../shared/auth.ts';
import { useCurrentUser } from '../auth/auth.queries.ts';
import { useLogOut } from '../auth/use-log-out.ts';
import { useI18n, type Translate } from '../i18n/i18n.tsx';
import { NotificationBell } from '../reminders/NotificationBell.tsx';
import { LanguageSwitch } from '../ui/LanguageSwitch.tsx';

const SIDER_WIDTH = 208;

function menuItems(me: TMe, t: Translate): MenuProps['items'] {
  const problems = { key: '/problems', icon: <AlertOutlined />, label: <Link to="/problems">{t('nav.problems')}</Link> };
  // 核实 (issue 17): every role sees the reported stage changes the API scopes to it.
  const verification = { key: '/verification', icon: <SafetyCertificateOutlined />, label: <Link to="/verification">{t('nav.verification')}</Link> };
  // A department sees only the problems and the stage changes routed to it.
  if (!seesUnitRecords(me.role)) return [problems, verification];
  const items: MenuProps['items'] = [
    { key: '/cockpit', icon: <DashboardOutlined />, label: <Link to="/cockpit">{t('nav.cockpit')}</Link> },
    { key: '/heatmap', icon: <HeatMapOutlined />, label: <Link to="/heatmap">{t('nav.heatmap')}</Link> },
    { key: '/projects', icon: <ProjectOutlined />, label: <Link to="/projects">{t('nav.projects')}</Link> },
    { key: '/projects/board', icon: <AppstoreOutlined />, label: <Link to="/projects/board">{t('nav.board')}</Link> },
    { key: '/supervision', icon: <FlagOutlined />, label: <Link to="/supervision">{t('nav.supervision')}</Link> },
    // 甄别 (issue 17): the bureau's queue of projects two units may have claimed.
    ...(me.role === 'bureau' ? [{ key: '/duplicates', icon: <DiffOutlined />, label: <Link to="/duplicates">{t('nav.duplicates')}</Link> }] : []),
    verification,
    problems,
    { key: '/enterprises', icon: <BankOutlined />, label: <Link to="/enterprises">{t('nav.enterprises')}</Link> },
    { key: '/chains', icon: <PartitionOutlined />, label: <Link to="/chains">{t('nav.chains')}</Link> },
    {
      key: 'outreach',
      icon: <RocketOutlined />,
      label: t('nav.outreach'),
      children: [
        { key: '/leads', icon: <BulbOutlined />, label: <Link to="/leads">{t('nav.leads')}</Link> },
        { key: '/trips', icon: <CarOutlined />, label: <Link to="/trips">{t('nav.trips')}</Link> },
        { key: '/trip-plans', icon: <ScheduleOutlined />, label: <Link to="/trip-plans">{t('nav.tripPlans')}</Link> },
        { key: '/events', icon: <FundProjectionScreenOutlined />, label: <Link to="/events">{t('nav.events')}</Link> },
        { key: '/teams', icon: <EnvironmentOutlined />, label: <Link to="/teams">{t('nav.teams')}</Link> },
      ],
    },
    { key: '/bulletin', icon: <FileTextOutlined />, label: <Link to="/bulletin">{t('nav.bulletin')}</Link> },
    { key: '/targets', icon: <AimOutlined />, label: <Link to="/targets">{t('nav.targets')}</Link> },
    { key: '/assessments', icon: <TrophyOutlined />, label: <Link to="/assessments">{t('nav.assessments')}</Link> },
  ];
  // Leaders read; importing a ledger writes records.
  if (canWriteRecords(me.role)) {
    items.push({ key: '/imports', icon: <ImportOutlined />, label: <Link to="/imports">{t('nav.imports')}</Link> });
  }
  if (canAdminister(me.role)) {
    items.push({
      key: 'admin',
      icon: <SettingOutlined />,
      label: t('nav.admin'),
      children: [
        { key: '/admin/units', icon: <ApartmentOutlined />, label: <Link to="/admin/units">{t('nav.units')}</Link> },
        { key: '/admin/users', icon: <TeamOutlined />, label: <Link to="/admin/users">{t('nav.users')}</Link> },
        { key: '/admin/departments', icon: <ClusterOutlined />, label: <Link to="/admin/departments">{t('nav.departments')}</Link> },
        { key: '/admin/local-industries', icon: <ClusterOutlined />, label: <Link to="/admin/local-industries">{t('nav.localIndustries')}</Link> },
        { key: '/admin/deadline-rules', icon: <FieldTimeOutlined />, label: <Link to="/admin/deadline-rules">{t('nav.deadlineRules')}</Link> },
        { key: '/admin/leader-levels', icon: <FieldTimeOutlined />, label: <Link to="/admin/leader-levels">{t('nav.leaderLevels')}</Link> },
        { key: '/counting-rules', icon: <FilterOutlined />, label: <Link to="/counting-rules">{t('nav.countingRules')}</Link> },
        { key: '/admin/audit', icon: <AuditOutlined />, label: <Link to="/admin/audit">{t('nav.audit')}</Link> },
      ],
    });
  }
  return items;
}

/** The menu entry a path belongs to: /projects/12 is under /projects. */
function selectedKey(pathname: string): string {
  const match = [
    '/cockpit',
    '/heatmap',
    '/bulletin',
    '/targets',
    '/assessments',
    '/projects/board',
    '/projects',
    '/supervision',
    '/duplicates',
    '/verification',
    '/problems',
    '/enterprises',
    '/chains',
    '/leads',
    '/trips',
    '/trip-plans',
    '/visits',
    '/events',
    '/teams',
    '/imports',
    '/admin/units',
    '/admin/users',
    '/admin/departments',
    '/admin/local-industries',
    '/admin/deadline-rules',
    '/admin/leader-levels',
    '/counting-rules',
    '/admin/audit',
  ].find(
    (key) => pathname === key || pathname.startsWith(key + '/'),
  );
  return match ?? pathname;
}

type UserBadgeProps = { me: TMe; vertical?: boolean };

function UserBadge({ me, vertical = false }: UserBadgeProps) {
  const { t } = useI18n();
  return (
    <Flex
      vertical={vertical}
      align={vertical ? 'flex-start' : 'center'}
      gap={vertical ? 4 : 8}
      style={{ minWidth: 0 }}
      data-testid="current-user"
    >
      <Typography.Text strong ellipsis style={{ maxWidth: 220 }}>
        <UserOutlined /> {me.displayName}
      </Typography.Text>
      <Typography.Text type="secondary" ellipsis style={{ maxWidth: 220 }}>
        {me.unitName}
      </Typography.Text>
      <Tag color="blue" style={{ marginInlineEnd: 0 }}>
        {t(`role.${me.role}`)}
      </Tag>
    </Flex>
  );
}

/**
 * A new page opens at its top, as a browser does for a new document; going back keeps the browser's own restored place,
 * and a change of the address's query (filters, paging) keeps the reader where they were.
 */
function useScrollToTopOnNewPage(pathname: string): void {
  const navigationType = useNavigationType();
  useEffect(() => {
    if (navigationType !== 'POP') window.scrollTo(0, 0);
  }, [pathname]);
}

/** The shell: side menu by area, header with who is logged in, language and logout; a drawer on phones. */
export function AppLayout() {
  const me = useCurrentUser();
  const { t } = useI18n();
  const { token } = theme.useToken();
  const screens = Grid.useBreakpoint();
  const isPhone = !screens.md;
  const location = useLocation();
  useScrollToTopOnNewPage(location.pathname);
  const navigate = useNavigate();
  const handleLogOut = useLogOut();
  const [drawerOpen, setDrawerOpen] = useState(false);
  const [collapsed, setCollapsed] = useState(false);

  const items = useMemo(() => menuItems(me, t), [me, t]);
  const selected = selectedKey(location.pathname);
  const menu = (
    <Menu
      mode="inline"
      items={items}
      selectedKeys={[selected]}
      defaultOpenKeys={['admin', 'outreach']}
      onClick={() => setDrawerOpen(false)}
      style={{ borderInlineEnd: 'none' }}
    />
  );
  const brand = (
    <Flex align="center" gap={8} style={{ minWidth: 0 }}>
      <Typography.Text strong style={{ fontSize: token.fontSizeLG, whiteSpace: 'nowrap' }}>
        {collapsed && !isPhone ? t('app.shortName') : t('app.name')}
      </Typography.Text>
    </Flex>
  );

  return (
    <Layout style={{ minHeight: '100vh' }}>
      {isPhone ? (
        <Drawer
          placement="left"
          open={drawerOpen}
          onClose={() => setDrawerOpen(false)}
          title={t('app.name')}
          size={280}
          styles={{ body: { padding: 0 } }}
        >
          <Flex vertical gap={12} style={{ padding: token.padding }}>
            <UserBadge me={me} vertical />
          </Flex>
          {menu}
          <Flex vertical gap={8} style={{ padding: token.padding }}>
            <Button icon={<LockOutlined />} onClick={() => { setDrawerOpen(false); void navigate('/change-password'); }}>
              {t('auth.changePassword')}
            </Button>
            <Button icon={<LogoutOutlined />} onClick={() => void handleLogOut()}>
              {t('auth.logOut')}
            </Button>
          </Flex>
        </Drawer>
      ) : (
        <Layout.Sider
          className="zs-no-print zs-sider"
          width={SIDER_WIDTH}
          theme="light"
          collapsible
          collapsed={collapsed}
          onCollapse={setCollapsed}
          breakpoint="lg"
          style={{ borderInlineEnd: `1px solid ${token.colorBorderSecondary}` }}
        >
          <Flex align="center" justify="center" style={{ height: 64, paddingInline: token.padding }}>
            {brand}
          </Flex>
          {menu}
        </Layout.Sider>
      )}
      <Layout>
        <Layout.Header
          className="zs-no-print"
          style={{
            background: token.colorBgContainer,
            borderBottom: `1px solid ${token.colorBorderSecondary}`,
            paddingInline: isPhone ? token.paddingSM : token.paddingLG,
            display: 'flex',
            alignItems: 'center',
            gap: token.marginSM,
          }}
        >
          {isPhone ? (
            <>
              <Button type="text" icon={<MenuOutlined />} aria-label={t('nav.menu')} onClick={() => setDrawerOpen(true)} />
              {brand}
              <Flex flex={1} />
              <NotificationBell />
              <LanguageSwitch size="small" />
            </>
          ) : (
            <>
              <Flex flex={1} />
              <NotificationBell />
              <UserBadge me={me} />
              <LanguageSwitch />
              <Tooltip title={t('auth.changePassword')}>
                <Button type="text" icon={<LockOutlined />} aria-label={t('auth.changePassword')} onClick={() => void navigate('/change-password')} />
              </Tooltip>
              <Button icon={<LogoutOutlined />} onClick={() => void handleLogOut()}>
                {t('auth.logOut')}
              </Button>
            </>
          )}
        </Layout.Header>
        <Layout.Content className="zs-content" style={{ padding: isPhone ? token.paddingSM : token.paddingLG }}>
          <div
            className="zs-page"
            style={{
              background: token.colorBgContainer,
              borderRadius: token.borderRadiusLG,
              padding: isPhone ? token.paddingSM : token.paddingLG,
              minHeight: '100%',
            }}
          >
            <Outlet />
          </div>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
