import {
  AppBar as MuiAppBar,
  BottomNavigation,
  BottomNavigationAction,
  Box,
  Button,
  Paper,
  Toolbar,
  Typography,
} from '@mui/material';
import HomeIcon from '@mui/icons-material/Home';
import BadgeIcon from '@mui/icons-material/Badge';
import EventIcon from '@mui/icons-material/Event';
import SchoolIcon from '@mui/icons-material/School';
import EditNoteIcon from '@mui/icons-material/EditNote';
import PaymentsIcon from '@mui/icons-material/Payments';
import NotificationsIcon from '@mui/icons-material/Notifications';
import AdminPanelSettingsIcon from '@mui/icons-material/AdminPanelSettings';
import { Badge, IconButton } from '@mui/material';
import { useEffect, useState, type ReactNode } from 'react';
import { useDataProvider, usePermissions, useTranslate } from 'react-admin';
import type { DjDataProvider } from '../data/extendedDataProvider';
import { inboxQuery } from './NotificationsPage';
import { Link, useLocation } from 'react-router-dom';
import { hasModule, type Permissions } from '../auth/authProvider';
import { LanguageMenu } from '../layout/LanguageMenu';
import { TenantSwitcher } from '../layout/TenantSwitcher';

/** The member space's sections, in the order of the bottom bar (thumb reach on a phone). */
export const MEMBER_SECTIONS = [
  { to: '/me', label: 'dj.my.nav.home', icon: <HomeIcon />, module: undefined },
  { to: '/me/meetings', label: 'dj.my.nav.meetings', icon: <EventIcon />, module: 'organisation' },
  { to: '/me/learning', label: 'dj.my.nav.learning', icon: <SchoolIcon />, module: 'learning' },
  {
    to: '/me/thought-reports',
    label: 'dj.my.nav.thought_reports',
    icon: <EditNoteIcon />,
    module: 'organisation',
  },
  { to: '/me/dues', label: 'dj.my.nav.dues', icon: <PaymentsIcon />, module: 'organisation' },
  { to: '/me/record', label: 'dj.my.nav.record', icon: <BadgeIcon />, module: 'organisation' },
] as const;

/**
 * Roles that also work in the console: they switch between it and their own space. An inspector's
 * console holds the reports only they read.
 */
export const STAFF_ROLES = ['tenant-admin', 'secretary', 'inspector'];

/**
 * 党员e家's own layout, phone first: a short bar at the top, the page, and the sections at the
 * bottom where a thumb reaches them (360 px wide, one hand). A secretary or admin switches to the
 * console from the bar.
 */
export function MemberLayout({ children }: { children: ReactNode }) {
  const translate = useTranslate();
  const { permissions } = usePermissions<Permissions>();
  const { pathname } = useLocation();
  const current =
    [...MEMBER_SECTIONS]
      .reverse()
      .find((section) => pathname === section.to || pathname.startsWith(`${section.to}/`))?.to ?? '/me';
  const staff = permissions?.roles.some((role) => STAFF_ROLES.includes(role)) ?? false;
  const dataProvider = useDataProvider<DjDataProvider>();
  const [unread, setUnread] = useState(0);
  // Read again on every page: reading a notice elsewhere takes it off the count.
  useEffect(() => {
    let live = true;
    dataProvider.send<unknown[]>('GET', inboxQuery(true)).then(
      (items) => live && setUnread(items.length),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [dataProvider, pathname]);
  return (
    <Box sx={{ minHeight: '100vh', display: 'flex', flexDirection: 'column', bgcolor: 'grey.100' }}>
      <MuiAppBar position="sticky" color="primary">
        <Toolbar variant="dense" sx={{ gap: 0.5, px: 1 }}>
          <Typography variant="h6" component="h1" noWrap sx={{ flexGrow: 1, minWidth: 0 }}>
            {translate('dj.my.title')}
          </Typography>
          <TenantSwitcher />
          <IconButton
            color="inherit"
            component={Link}
            to="/me/notifications"
            aria-label={translate('dj.notifications.title')}
            data-testid="inbox-bell"
          >
            <Badge badgeContent={unread} color="secondary" max={49}>
              <NotificationsIcon />
            </Badge>
          </IconButton>
          {staff ? (
            // An icon on a phone (the bar is 360 px wide), its words from a tablet up.
            <Button
              color="inherit"
              component={Link}
              to="/"
              size="small"
              aria-label={translate('dj.my.to_console')}
              sx={{ whiteSpace: 'nowrap', minWidth: 0 }}
            >
              <AdminPanelSettingsIcon sx={{ display: { xs: 'inline-flex', sm: 'none' } }} />
              <Box component="span" sx={{ display: { xs: 'none', sm: 'inline' } }}>
                {translate('dj.my.to_console')}
              </Box>
            </Button>
          ) : null}
          <LanguageMenu />
        </Toolbar>
      </MuiAppBar>
      <Box component="main" sx={{ flexGrow: 1, p: 1.5, pb: 10, maxWidth: 720, width: '100%', mx: 'auto' }}>
        {children}
      </Box>
      <Paper component="nav" elevation={3} sx={{ position: 'fixed', bottom: 0, left: 0, right: 0 }}>
        <BottomNavigation showLabels value={current}>
          {MEMBER_SECTIONS.filter((section) => hasModule(permissions, section.module)).map((section) => (
            <BottomNavigationAction
              key={section.to}
              value={section.to}
              label={translate(section.label)}
              icon={section.icon}
              component={Link}
              to={section.to}
              sx={{ minWidth: 0, px: 0.25 }}
            />
          ))}
        </BottomNavigation>
      </Paper>
    </Box>
  );
}
