import { Alert, Box, Button as MuiButton, Card, CardContent, Typography } from '@mui/material';
import { useState } from 'react';
import { Title, useDataProvider, useTranslate } from 'react-admin';
import { useSearchParams } from 'react-router-dom';
import { cachedMe, chooseTenant, currentTenantSlug } from '../data/session';
import type { DjDataProvider } from '../data/extendedDataProvider';

/** Where the meeting's QR code leads: `#/sign-in?tenant=…&meeting=…&token=…` in the console. */
export function signInLink(tenant: string, meetingId: string, token: string): string {
  const query = new URLSearchParams({ tenant, meeting: meetingId, token });
  return `${window.location.origin}${window.location.pathname}#/sign-in?${query.toString()}`;
}

/**
 * 签到: a member opens the QR code's link (signed in to the console) and confirms; a mobile member
 * opens the meeting's link without a token and signs in online. The service checks the token, the
 * meeting's time and who may sign in.
 */
export function SignInPage() {
  const translate = useTranslate();
  const dataProvider = useDataProvider<DjDataProvider>();
  const [params] = useSearchParams();
  const meetingId = params.get('meeting') ?? '';
  const token = params.get('token') ?? '';
  const tenant = params.get('tenant') ?? '';
  const [outcome, setOutcome] = useState<{ ok: boolean; text: string } | null>(null);
  // The link names its tenant: act for it (the member may belong to several).
  if (
    tenant &&
    tenant !== currentTenantSlug(cachedMe()) &&
    cachedMe()?.tenants.some((t) => t.slug === tenant)
  ) {
    chooseTenant(tenant);
    window.location.reload();
    return null;
  }
  const signIn = async () => {
    try {
      const attendance = await dataProvider.send<{ memberName: string; signedInAt: string; mode: string }>(
        'POST',
        '/attendance/sign-in',
        token ? { meetingId, token } : { meetingId, online: true },
      );
      setOutcome({
        ok: true,
        text: translate('dj.sign_in.done', {
          name: attendance.memberName,
          mode: translate(`dj.sign_in.modes.${attendance.mode}`),
        }),
      });
    } catch (error) {
      setOutcome({ ok: false, text: (error as Error).message });
    }
  };
  return (
    <Box sx={{ p: 2, maxWidth: 480 }}>
      <Title title={translate('dj.sign_in.title')} />
      <Card>
        <CardContent>
          {meetingId ? (
            <>
              <Typography sx={{ mb: 2 }}>
                {translate(token ? 'dj.sign_in.in_person' : 'dj.sign_in.online')}
              </Typography>
              <MuiButton
                variant="contained"
                size="large"
                disabled={outcome?.ok === true}
                onClick={() => void signIn()}
              >
                {translate('dj.sign_in.confirm')}
              </MuiButton>
            </>
          ) : (
            <Typography>{translate('dj.sign_in.no_meeting')}</Typography>
          )}
          {outcome ? (
            <Alert sx={{ mt: 2 }} severity={outcome.ok ? 'success' : 'error'} data-testid="sign-in-outcome">
              {outcome.text}
            </Alert>
          ) : null}
        </CardContent>
      </Card>
    </Box>
  );
}
