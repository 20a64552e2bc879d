import { MenuItem, Select } from '@mui/material';
import { usePermissions, useTranslate } from 'react-admin';
import type { Permissions } from '../auth/authProvider';
import { cachedMe, chooseTenant } from '../data/session';

/**
 * Switches the tenant the console acts for, among the caller's memberships; an operator may also act
 * for none (the platform's own pages).
 */
export function TenantSwitcher() {
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
      displayEmpty
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
      {permissions?.platformOperator ? <MenuItem value="">{translate('dj.app.platform')}</MenuItem> : null}
      {tenants.map((t) => (
        <MenuItem key={t.slug} value={t.slug}>
          {t.name}
        </MenuItem>
      ))}
    </Select>
  );
}
