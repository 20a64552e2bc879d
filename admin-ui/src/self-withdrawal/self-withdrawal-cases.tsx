import {
  Button as MuiButton,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  MenuItem,
  TextField as MuiTextField,
} from '@mui/material';
import { useState } from 'react';
import {
  Datagrid,
  List,
  SelectField,
  SelectInput,
  TextField,
  TopToolbar,
  usePermissions,
  useDataProvider,
  useNotify,
  useRecordContext,
  useRefresh,
  useTranslate,
} from 'react-admin';
import type { Permissions } from '../auth/authProvider';
import type { DjDataProvider } from '../data/extendedDataProvider';
import { translatedChoices } from '../i18n/choices';
import { usePhone } from '../layout/usePhone';

const STATE_CHOICES = translatedChoices(['warning', 'open', 'closed'], 'dj.withdrawal_states');
const RESOLUTION_CHOICES = translatedChoices(
  ['resumed', 'valid_reason', 'removed_by_branch'],
  'dj.withdrawal_resolutions',
);

/** Runs the check now (it also runs daily). */
function RunCheckButton() {
  const dataProvider = useDataProvider<DjDataProvider>();
  const translate = useTranslate();
  const notify = useNotify();
  const refresh = useRefresh();
  const { permissions } = usePermissions<Permissions>();
  if (!permissions?.roles.includes('tenant-admin')) return null;
  return (
    <MuiButton
      size="small"
      onClick={() =>
        void dataProvider
          .send<{
            countedTo: string;
            warnings: number;
            open: number;
            meetingsWithoutAttendance: number;
            membersWithoutDuesMonths: number;
          }>('POST', '/withdrawal-cases/runs')
          .then((r) => {
            const ran = translate('dj.withdrawal.ran', {
              month: r.countedTo,
              warnings: r.warnings,
              open: r.open,
            });
            // What the check could not see is said, not guessed (issue 14).
            const lacking =
              r.meetingsWithoutAttendance > 0 || r.membersWithoutDuesMonths > 0
                ? translate('dj.withdrawal.lacking', {
                    meetings: r.meetingsWithoutAttendance,
                    members: r.membersWithoutDuesMonths,
                  })
                : '';
            notify(`${ran}${lacking}`, {
              type: lacking ? 'warning' : 'success',
              autoHideDuration: lacking ? 15_000 : 5_000,
            });
            refresh();
          })
          .catch((e: Error) => notify(e.message, { type: 'error' }))
      }
    >
      {translate('dj.withdrawal.run')}
    </MuiButton>
  );
}

/** The branch records what it found or decided; nobody is removed by the platform. */
function CloseCaseButton() {
  const record = useRecordContext<{ id: string; state: string }>();
  const dataProvider = useDataProvider<DjDataProvider>();
  const translate = useTranslate();
  const notify = useNotify();
  const refresh = useRefresh();
  const [open, setOpen] = useState(false);
  const [resolution, setResolution] = useState('valid_reason');
  const [note, setNote] = useState('');
  if (!record || record.state === 'closed') return null;
  const close = async () => {
    try {
      await dataProvider.send('POST', `/withdrawal-cases/${record.id}/close`, { resolution, note });
      setOpen(false);
      refresh();
    } catch (error) {
      notify((error as Error).message, { type: 'error' });
    }
  };
  return (
    <>
      <MuiButton
        size="small"
        onClick={(e) => {
          e.stopPropagation();
          setOpen(true);
        }}
      >
        {translate('dj.withdrawal.close')}
      </MuiButton>
      <Dialog open={open} onClose={() => setOpen(false)} onClick={(e) => e.stopPropagation()}>
        <DialogTitle>{translate('dj.withdrawal.close')}</DialogTitle>
        <DialogContent>
          <MuiTextField
            select
            fullWidth
            margin="dense"
            label={translate('resources.withdrawal-cases.fields.resolution')}
            value={resolution}
            onChange={(e) => setResolution(e.target.value)}
          >
            {RESOLUTION_CHOICES.map((c) => (
              <MenuItem key={c.id} value={c.id}>
                {translate(c.name)}
              </MenuItem>
            ))}
          </MuiTextField>
          <MuiTextField
            fullWidth
            multiline
            margin="dense"
            label={translate('resources.withdrawal-cases.fields.resolutionNote')}
            value={note}
            onChange={(e) => setNote(e.target.value)}
          />
        </DialogContent>
        <DialogActions>
          <MuiButton onClick={() => setOpen(false)}>{translate('ra.action.cancel')}</MuiButton>
          <MuiButton variant="contained" disabled={!note.trim()} onClick={() => void close()}>
            {translate('ra.action.confirm')}
          </MuiButton>
        </DialogActions>
      </Dialog>
    </>
  );
}

/** 自行脱党预警: months in a row without dues or organisational life; cases for the branch at six. */
export function SelfWithdrawalCaseList() {
  const phone = usePhone();
  return (
    <List
      filters={[<SelectInput key="state" source="state" choices={STATE_CHOICES} alwaysOn />]}
      sort={{ field: 'state', order: 'ASC' }}
      actions={
        <TopToolbar>
          <RunCheckButton />
        </TopToolbar>
      }
    >
      <Datagrid bulkActionButtons={false} rowClick={false}>
        <TextField source="memberName" sortable={false} />
        {phone ? null : <TextField source="organisationName" sortable={false} />}
        <SelectField source="state" choices={STATE_CHOICES} />
        {phone ? null : <TextField source="monthsWithoutDues" sortable={false} />}
        {phone ? null : <TextField source="monthsWithoutLife" sortable={false} />}
        {phone ? null : <TextField source="countedTo" sortable={false} />}
        {phone ? null : (
          <SelectField source="resolution" choices={RESOLUTION_CHOICES} sortable={false} emptyText="—" />
        )}
        {phone ? null : <TextField source="resolutionNote" sortable={false} emptyText="—" />}
        <CloseCaseButton />
      </Datagrid>
    </List>
  );
}
