import {
  Autocomplete,
  Button as MuiButton,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  Stack,
  TextField as MuiTextField,
  Typography,
} from '@mui/material';
import { useState } from 'react';
import {
  Button,
  useDataProvider,
  useGetList,
  useNotify,
  useRecordContext,
  useRedirect,
  useTranslate,
} from 'react-admin';
import type { DjDataProvider } from '../data/extendedDataProvider';

/**
 * 撤销: what an organisation's 删除 really is. Dissolved organisations stay in the records; members and
 * organisations below move to a successor, which the service requires while any remain.
 */
export function DissolveButton() {
  const record = useRecordContext<{ id: string; name: string; parentId: string | null; status?: string }>();
  const translate = useTranslate();
  const notify = useNotify();
  const redirect = useRedirect();
  const dataProvider = useDataProvider<DjDataProvider>();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [successor, setSuccessor] = useState<{ id: string; name: string } | null>(null);
  const { data: organisations } = useGetList<{ id: string; name: string }>(
    'organisations',
    { sort: { field: 'name', order: 'ASC' }, pagination: { page: 1, perPage: 500 } },
    { enabled: open },
  );
  // A tree's root is not dissolved here (the service refuses it too).
  if (!record || !record.parentId || record.status === 'dissolved') return null;
  const dissolve = async () => {
    try {
      await dataProvider.send('POST', `/organisations/${record.id}/dissolve`, {
        reason,
        ...(successor ? { successorId: successor.id } : {}),
      });
      notify('dj.organisation.dissolved', { type: 'success', messageArgs: { name: record.name } });
      redirect('/organisations');
    } catch (error) {
      notify((error as Error).message, { type: 'error' });
    }
  };
  return (
    <>
      <Button label="dj.actions.dissolve" color="error" onClick={() => setOpen(true)} />
      <Dialog open={open} onClose={() => setOpen(false)} fullWidth maxWidth="sm">
        <DialogTitle>{translate('dj.organisation.dissolve_title', { name: record.name })}</DialogTitle>
        <DialogContent>
          <Stack spacing={2} sx={{ mt: 1 }}>
            <Typography variant="body2">{translate('dj.organisation.dissolve_hint')}</Typography>
            <MuiTextField
              label={translate('dj.organisation.dissolve_reason')}
              value={reason}
              onChange={(e) => setReason(e.target.value)}
              required
              multiline
            />
            <Autocomplete
              options={(organisations ?? []).filter((o) => o.id !== record.id)}
              getOptionLabel={(o) => o.name}
              value={successor}
              onChange={(_event, value) => setSuccessor(value)}
              renderInput={(params) => (
                <MuiTextField {...params} label={translate('dj.organisation.successor')} />
              )}
              noOptionsText={translate('ra.navigation.no_results', { name: '' })}
            />
          </Stack>
        </DialogContent>
        <DialogActions>
          <MuiButton onClick={() => setOpen(false)}>{translate('ra.action.cancel')}</MuiButton>
          <MuiButton
            color="error"
            variant="contained"
            disabled={reason.trim().length < 2}
            onClick={() => void dissolve()}
          >
            {translate('dj.actions.dissolve')}
          </MuiButton>
        </DialogActions>
      </Dialog>
    </>
  );
}
