import { Box, Button, Card, CardContent, Typography } from '@mui/material';
import { useLogin, useTranslate, LocalesMenuButton } from 'react-admin';

/** Sign-in happens at the identity provider; this page only sends people there. */
export function LoginPage() {
  const login = useLogin();
  const translate = useTranslate();
  return (
    <Box sx={{ minHeight: '100vh', display: 'flex', alignItems: 'center', justifyContent: 'center', bgcolor: '#f5f5f5' }}>
      <Card sx={{ width: 'min(24rem, 92vw)' }}>
        <CardContent sx={{ display: 'flex', flexDirection: 'column', gap: 2 }}>
          <Typography variant="h5" color="primary">{translate('dj.app.title')}</Typography>
          <Typography variant="body2">{translate('dj.app.login_hint')}</Typography>
          <Button variant="contained" size="large" onClick={() => login({})}>{translate('dj.app.login')}</Button>
          <LocalesMenuButton />
        </CardContent>
      </Card>
    </Box>
  );
}
