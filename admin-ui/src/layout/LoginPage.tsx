import { Box, Button, Card, CardContent, Typography } from '@mui/material';
import { useLogin, useTranslate, LocalesMenuButton } from 'react-admin';
import { useLocation } from 'react-router-dom';

/** Sign-in happens at the identity provider; this page only sends people there. */
export function LoginPage() {
  const login = useLogin();
  const translate = useTranslate();
  // react-admin sends a signed-out visitor here with the page they opened; come back to it after login.
  const state = useLocation().state as { nextPathname?: string; nextSearch?: string } | null;
  const returnTo =
    state?.nextPathname && state.nextPathname !== '/login'
      ? `#${state.nextPathname}${state.nextSearch ?? ''}`
      : undefined;
  return (
    <Box
      sx={{
        minHeight: '100vh',
        display: 'flex',
        alignItems: 'center',
        justifyContent: 'center',
        bgcolor: '#f5f5f5',
      }}
    >
      <Card sx={{ width: 'min(24rem, 92vw)' }}>
        <CardContent sx={{ display: 'flex', flexDirection: 'column', gap: 2 }}>
          <Typography variant="h5" color="primary">
            {translate('dj.app.title')}
          </Typography>
          <Typography variant="body2">{translate('dj.app.login_hint')}</Typography>
          <Button variant="contained" size="large" onClick={() => login(returnTo ? { returnTo } : {})}>
            {translate('dj.app.login')}
          </Button>
          <LocalesMenuButton />
        </CardContent>
      </Card>
    </Box>
  );
}
