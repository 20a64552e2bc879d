import { MenuItem, Select } from '@mui/material';
import type { ReactNode } from 'react';
import BarChartIcon from '@mui/icons-material/BarChart';
import SettingsIcon from '@mui/icons-material/Settings';
import UploadFileIcon from '@mui/icons-material/UploadFile';
import AlarmIcon from '@mui/icons-material/Alarm';
import PaymentsIcon from '@mui/icons-material/Payments';
import SchoolIcon from '@mui/icons-material/School';
import CalendarMonthIcon from '@mui/icons-material/CalendarMonth';
import FactCheckIcon from '@mui/icons-material/FactCheck';
import { AppBar, Menu, Layout as RaLayout, TitlePortal, usePermissions, useTranslate } from 'react-admin';
import { LanguageMenu } from './LanguageMenu';
import type { Permissions } from '../auth/authProvider';
import { cachedMe, chooseTenant } from '../data/session';

/** Switches the tenant the console acts for, among the caller's memberships. */
function TenantSwitcher() {
  const { permissions } = usePermissions<Permissions>();
  const translate = useTranslate();
  const tenants = cachedMe()?.tenants ?? [];
  if (tenants.length === 0) return null;
  return (
    <Select
      size="small"
      variant="standard"
      aria-label={translate('dj.app.tenant')}
      value={permissions?.tenant ?? ''}
      onChange={(event) => {
        chooseTenant(String(event.target.value));
        window.location.reload();
      }}
      // On a phone the switcher takes at most a quarter of the bar, so the page's title stays readable.
      sx={{
        color: 'inherit',
        mx: 1,
        maxWidth: { xs: '26vw', sm: 320 },
        '& .MuiSelect-select': { overflow: 'hidden', textOverflow: 'ellipsis' },
        '& .MuiSvgIcon-root': { color: 'inherit' },
      }}
    >
      {tenants.map((t) => (
        <MenuItem key={t.slug} value={t.slug}>
          {t.name}
        </MenuItem>
      ))}
    </Select>
  );
}

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

type Role = 'tenant-admin' | 'secretary';
/** The organisation pages that are not resources, and who may use each (the API refuses the others). */
const PAGES: { to: string; label: string; icon: ReactNode; roles: Role[] }[] = [
  { to: '/dues', label: 'dj.dues.title', icon: <PaymentsIcon />, roles: ['tenant-admin', 'secretary'] },
  {
    to: '/transfer-chase',
    label: 'dj.transfers.overdue',
    icon: <AlarmIcon />,
    roles: ['tenant-admin', 'secretary'],
  },
  {
    to: '/graduate-chase',
    label: 'dj.graduates.overdue',
    icon: <SchoolIcon />,
    roles: ['tenant-admin', 'secretary'],
  },
  {
    to: '/meeting-calendar',
    label: 'dj.meetings.calendar',
    icon: <CalendarMonthIcon />,
    roles: ['tenant-admin', 'secretary'],
  },
  {
    to: '/meeting-compliance-report',
    label: 'dj.meetings.compliance',
    icon: <FactCheckIcon />,
    roles: ['tenant-admin', 'secretary'],
  },
  {
    to: '/statistics-dashboard',
    label: 'dj.statistics.title',
    icon: <BarChartIcon />,
    roles: ['tenant-admin', 'secretary'],
  },
  { to: '/import', label: 'dj.import.title', icon: <UploadFileIcon />, roles: ['tenant-admin', 'secretary'] },
  // The tenant's settings are the tenant admin's alone.
  { to: '/settings', label: 'dj.settings.title', icon: <SettingsIcon />, roles: ['tenant-admin'] },
];

/** The resources' entries, then the organisation pages the person may use: a page appears only for them. */
function DjMenu() {
  const { permissions } = usePermissions<Permissions>();
  const translate = useTranslate();
  const may = (roles: Role[]) =>
    permissions?.roles.some((role) => (roles as string[]).includes(role)) ?? false;
  return (
    <Menu>
      <Menu.ResourceItems />
      {PAGES.filter((page) => may(page.roles)).map((page) => (
        <Menu.Item key={page.to} to={page.to} primaryText={translate(page.label)} leftIcon={page.icon} />
      ))}
    </Menu>
  );
}

export function Layout({ children }: { children: ReactNode }) {
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
