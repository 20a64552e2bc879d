import { MenuItem, Select } from '@mui/material';
import type { ReactNode } from 'react';
import { AppBar, Layout as RaLayout, LocalesMenuButton, TitlePortal, usePermissions, useTranslate } from 'react-admin';
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

export function Layout({ children }: { children: ReactNode }) {
  return <RaLayout appBar={DjAppBar}>{children}</RaLayout>;
}
