import {
  Button as MuiButton,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  Stack,
  TextField as MuiTextField,
} from '@mui/material';
import PersonAddIcon from '@mui/icons-material/PersonAdd';
import { useState } from 'react';
import {
  Button,
  Confirm,
  useDataProvider,
  useNotify,
  useRecordContext,
  useTranslate,
  useUpdate,
} from 'react-admin';
import type { DjDataProvider } from '../data/extendedDataProvider';
import { CodeDialog } from '../invitations/invitations';

interface TenantRecord {
  id: string;
  slug: string;
  name: string;
  status: string;
}

/** Suspending keeps everything; the tenant's people get 403 until it is active again. Asked first. */
export function TenantStatusButton() {
  const record = useRecordContext<TenantRecord>();
  const [update, { isPending }] = useUpdate();
  const notify = useNotify();
  const [asking, setAsking] = useState(false);
  if (!record) return null;
  const next = record.status === 'active' ? 'suspended' : 'active';
  const action = next === 'suspended' ? 'suspend' : 'activate';
  return (
    <>
      <Button
        label={`dj.actions.${action}`}
        disabled={isPending}
        color={next === 'suspended' ? 'error' : 'primary'}
        onClick={(event) => {
          event.stopPropagation();
          setAsking(true);
        }}
      />
      <Confirm
        isOpen={asking}
        loading={isPending}
        title={`dj.actions.${action}_title`}
        content={`dj.actions.${action}_content`}
        translateOptions={{ name: record.name }}
        onConfirm={() =>
          update(
            'tenants',
            { id: record.id, data: { status: next }, previousData: record },
            {
              onSuccess: () => notify('ra.notification.updated', { messageArgs: { smart_count: 1 } }),
              onSettled: () => setAsking(false),
            },
          )
        }
        onClose={() => setAsking(false)}
      />
    </>
  );
}

/** An operator gives a new tenant its first admin: an invitation in that tenant, its code shown once. */
export function InviteAdminButton() {
  const record = useRecordContext<TenantRecord>();
  const translate = useTranslate();
  const notify = useNotify();
  const dataProvider = useDataProvider<DjDataProvider>();
  const [open, setOpen] = useState(false);
  const [displayName, setDisplayName] = useState('');
  const [email, setEmail] = useState('');
  const [created, setCreated] = useState<{ code: string; activationUrl: string; displayName: string }>();
  if (!record) return null;
  const invite = async () => {
    try {
      const invitation = await dataProvider.send<{
        code: string;
        activationUrl: string;
        displayName: string;
      }>(
        'POST',
        '/invitations',
        { displayName, roles: ['tenant-admin'], ...(email ? { email } : {}) },
        { tenant: record.slug },
      );
      setOpen(false);
      setCreated(invitation);
    } catch (error) {
      notify((error as Error).message, { type: 'error' });
    }
  };
  return (
    <>
      <Button label="dj.tenants.invite_admin" onClick={() => setOpen(true)}>
        <PersonAddIcon />
      </Button>
      <Dialog open={open} onClose={() => setOpen(false)} fullWidth maxWidth="xs">
        <DialogTitle>{translate('dj.tenants.invite_admin_title', { name: record.name })}</DialogTitle>
        <DialogContent>
          <Stack spacing={2} sx={{ mt: 1 }}>
            <MuiTextField
              label={translate('resources.invitations.fields.displayName')}
              value={displayName}
              onChange={(e) => setDisplayName(e.target.value)}
              required
            />
            <MuiTextField
              label={translate('resources.invitations.fields.email')}
              value={email}
              onChange={(e) => setEmail(e.target.value)}
              type="email"
            />
          </Stack>
        </DialogContent>
        <DialogActions>
          <MuiButton onClick={() => setOpen(false)}>{translate('ra.action.cancel')}</MuiButton>
          <MuiButton variant="contained" disabled={!displayName.trim()} onClick={() => void invite()}>
            {translate('dj.invitations.invite')}
          </MuiButton>
        </DialogActions>
      </Dialog>
      {created ? <CodeDialog created={created} onClose={() => setCreated(undefined)} /> : null}
    </>
  );
}
