import type { ReactNode } from 'react';
import BarChartIcon from '@mui/icons-material/BarChart';
import TuneIcon from '@mui/icons-material/Tune';
import SettingsIcon from '@mui/icons-material/Settings';
import UploadFileIcon from '@mui/icons-material/UploadFile';
import AlarmIcon from '@mui/icons-material/Alarm';
import PaymentsIcon from '@mui/icons-material/Payments';
import SchoolIcon from '@mui/icons-material/School';
import CalendarMonthIcon from '@mui/icons-material/CalendarMonth';
import FactCheckIcon from '@mui/icons-material/FactCheck';
import EmojiEventsIcon from '@mui/icons-material/EmojiEvents';
import ForumIcon from '@mui/icons-material/Forum';
import { AppBar, Menu, Layout as RaLayout, TitlePortal, usePermissions, useTranslate } from 'react-admin';
import { LanguageMenu } from './LanguageMenu';
import { hasModule, type Permissions } from '../auth/authProvider';
import { TenantSwitcher } from './TenantSwitcher';
import { MemberLayout, STAFF_ROLES } from '../member-space/MemberLayout';
import { Navigate, useLocation } from 'react-router-dom';
import HomeWorkIcon from '@mui/icons-material/HomeWork';
import CampaignIcon from '@mui/icons-material/Campaign';

function DjAppBar() {
  return (
    <AppBar
      color="primary"
      toolbar={
        <>
          <TenantSwitcher />
          <LanguageMenu />
        </>
      }
    >
      <TitlePortal sx={{ minWidth: 0 }} />
    </AppBar>
  );
}

type Role = 'tenant-admin' | 'secretary' | 'inspector';
/** The organisation pages that are not resources, and who may use each (the API refuses the others). */
const PAGES: { to: string; label: string; icon: ReactNode; roles: Role[]; module?: string }[] = [
  {
    to: '/dues',
    label: 'dj.dues.title',
    icon: <PaymentsIcon />,
    roles: ['tenant-admin', 'secretary'],
    module: 'organisation',
  },
  {
    to: '/transfer-chase',
    label: 'dj.transfers.overdue',
    icon: <AlarmIcon />,
    roles: ['tenant-admin', 'secretary'],
    module: 'organisation',
  },
  {
    to: '/graduate-chase',
    label: 'dj.graduates.overdue',
    icon: <SchoolIcon />,
    roles: ['tenant-admin', 'secretary'],
    module: 'organisation',
  },
  {
    to: '/meeting-calendar',
    label: 'dj.meetings.calendar',
    icon: <CalendarMonthIcon />,
    roles: ['tenant-admin', 'secretary'],
    module: 'organisation',
  },
  {
    to: '/meeting-compliance-report',
    label: 'dj.meetings.compliance',
    icon: <FactCheckIcon />,
    roles: ['tenant-admin', 'secretary'],
    module: 'organisation',
  },
  {
    to: '/statistics-dashboard',
    label: 'dj.statistics.title',
    icon: <BarChartIcon />,
    roles: ['tenant-admin', 'secretary'],
    module: 'organisation',
  },
  {
    to: '/import',
    label: 'dj.import.title',
    icon: <UploadFileIcon />,
    roles: ['tenant-admin', 'secretary'],
    module: 'organisation',
  },
  {
    to: '/discussion-moderation',
    label: 'dj.talk.moderation',
    icon: <ForumIcon />,
    roles: ['tenant-admin', 'secretary'],
    module: 'learning',
  },
  // The tenant's settings and its message channels are the tenant admin's alone.
  {
    to: '/message-channels',
    label: 'dj.notifications.settings_title',
    icon: <CampaignIcon />,
    roles: ['tenant-admin'],
  },
  {
    to: '/settings',
    label: 'dj.settings.title',
    icon: <SettingsIcon />,
    roles: ['tenant-admin'],
    module: 'organisation',
  },
  {
    to: '/disclosure-settings',
    label: 'dj.disclosure.settings_title',
    icon: <TuneIcon />,
    roles: ['tenant-admin'],
    module: 'disclosure',
  },
  {
    to: '/appeal-settings',
    label: 'dj.appeal_settings.title',
    icon: <TuneIcon />,
    roles: ['tenant-admin'],
    module: 'supervision',
  },
  {
    to: '/report-settings',
    label: 'dj.report_settings.title',
    icon: <TuneIcon />,
    roles: ['inspector'],
    module: 'supervision',
  },
  {
    to: '/points-settings',
    label: 'dj.points.title',
    icon: <EmojiEventsIcon />,
    roles: ['tenant-admin'],
    module: 'learning',
  },
];

/** The resources' entries, then the organisation pages the person may use: a page appears only for them. */
function DjMenu() {
  const { permissions } = usePermissions<Permissions>();
  const translate = useTranslate();
  const may = (roles: Role[]) =>
    permissions?.roles.some((role) => (roles as string[]).includes(role)) ?? false;
  return (
    <Menu>
      {permissions?.tenant ? (
        <Menu.Item to="/me" primaryText={translate('dj.my.title')} leftIcon={<HomeWorkIcon />} />
      ) : null}
      <Menu.ResourceItems />
      {PAGES.filter((page) => may(page.roles) && hasModule(permissions, page.module)).map((page) => (
        <Menu.Item key={page.to} to={page.to} primaryText={translate(page.label)} leftIcon={page.icon} />
      ))}
    </Menu>
  );
}

/**
 * The console, or the member's own space (党员e家) under /me with its phone-first layout. A person
 * whose only role is member has nothing else: they land in their space.
 */
export function Layout({ children }: { children: ReactNode }) {
  const { pathname } = useLocation();
  const { permissions } = usePermissions<Permissions>();
  if (pathname === '/me' || pathname.startsWith('/me/')) return <MemberLayout>{children}</MemberLayout>;
  const memberOnly =
    permissions?.tenant &&
    !permissions.platformOperator &&
    !permissions.roles.some((role) => STAFF_ROLES.includes(role));
  // The QR code's sign-in page is the member's too.
  if (memberOnly && pathname === '/sign-in') return <MemberLayout>{children}</MemberLayout>;
  if (memberOnly) return <Navigate to="/me" replace />;
  return (
    // The content may not grow wider than the screen (react-admin's layout is `min-width: fit-content`):
    // a wide table scrolls inside its own box on a phone.
    <RaLayout
      appBar={DjAppBar}
      menu={DjMenu}
      sx={{
        minWidth: 0,
        '& .RaLayout-content': { minWidth: 0 },
        '& .RaLayout-contentWithSidebar': { minWidth: 0 },
        // Lists, shows and forms likewise: a list's table scrolls inside its card.
        '& .RaList-main, & .RaShow-main, & .RaEdit-main, & .RaCreate-main': { minWidth: 0 },
        '& .RaList-content': { minWidth: 0, overflowX: 'auto' },
        '& .RaDatagrid-root': { maxWidth: '100%', overflowX: 'auto' },
        // On a phone a cell keeps its words on one line (not one character a line): the table scrolls.
        '& .MuiTableCell-root': { whiteSpace: { xs: 'nowrap', sm: 'normal' } },
      }}
    >
      {children}
    </RaLayout>
  );
}
