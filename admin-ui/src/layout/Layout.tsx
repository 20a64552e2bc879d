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
import { AppBar, Menu, Layout as RaLayout, LocalesMenuButton, TitlePortal, usePermissions, useTranslate } from 'react-admin';
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
      sx={{ color: 'inherit', mx: 1, '& .MuiSvgIcon-root': { color: 'inherit' } }}
    >
      {tenants.map((t) => (
        <MenuItem key={t.slug} value={t.slug}>{t.name}</MenuItem>
      ))}
    </Select>
  );
}

function DjAppBar() {
  return (
    <AppBar color="primary" toolbar={<><TenantSwitcher /><LocalesMenuButton /></>}>
      <TitlePortal />
    </AppBar>
  );
}

/** The resources' entries, then the organisation pages that are not resources. */
function DjMenu() {
  const { permissions } = usePermissions<Permissions>();
  const translate = useTranslate();
  const organisationWork = permissions?.roles.some((role) => role === 'tenant-admin' || role === 'secretary');
  return (
    <Menu>
      <Menu.ResourceItems />
      {organisationWork ? (
        <>
          <Menu.Item to="/dues" primaryText={translate('dj.dues.title')} leftIcon={<PaymentsIcon />} />
          <Menu.Item to="/transfer-chase" primaryText={translate('dj.transfers.overdue')} leftIcon={<AlarmIcon />} />
          <Menu.Item to="/graduate-chase" primaryText={translate('dj.graduates.overdue')} leftIcon={<SchoolIcon />} />
          <Menu.Item to="/meeting-calendar" primaryText={translate('dj.meetings.calendar')} leftIcon={<CalendarMonthIcon />} />
          <Menu.Item to="/meeting-compliance-report" primaryText={translate('dj.meetings.compliance')} leftIcon={<FactCheckIcon />} />
          <Menu.Item to="/statistics-dashboard" primaryText={translate('dj.statistics.title')} leftIcon={<BarChartIcon />} />
          <Menu.Item to="/import" primaryText={translate('dj.import.title')} leftIcon={<UploadFileIcon />} />
          <Menu.Item to="/settings" primaryText={translate('dj.settings.title')} leftIcon={<SettingsIcon />} />
        </>
      ) : null}
    </Menu>
  );
}

export function Layout({ children }: { children: ReactNode }) {
  return <RaLayout appBar={DjAppBar} menu={DjMenu}>{children}</RaLayout>;
}
