import {
  Alert,
  Autocomplete,
  Button,
  Card,
  CardContent,
  MenuItem,
  Stack,
  Step,
  StepLabel,
  Stepper,
  TextField,
  Typography,
} from '@mui/material';
import { useEffect, useState } from 'react';
import { Title, useDataProvider, useTranslate } from 'react-admin';
import type { DjDataProvider } from '../data/extendedDataProvider';
import { useMy } from './useMy';

interface MyTransfer {
  id: string;
  state: string;
  destination: string;
  receivingOrganisationName: string;
  reason: string;
  serialNumber: string | null;
  validUntil: string | null;
  actions: { action: string; actedOn: string; reason: string }[];
}

interface Destination {
  id: string;
  name: string;
  pathNames: string[];
}

/** States in which the transfer is over: a new application may follow. */
const CLOSED = ['receipt_returned', 'sent_back', 'withdrawn', 'voided', 'expired', 'reported_in'];

/**
 * 我的组织关系转接: apply myself (the branch approves as for any application), follow each step, and
 * download my letter once issued. Within the tenant I pick the branch by name.
 */
export function MyTransferPage() {
  const translate = useTranslate();
  const dataProvider = useDataProvider<DjDataProvider>();
  const { data, error, reload } = useMy<MyTransfer[]>('/me/transfers');
  const [form, setForm] = useState({
    destination: 'within_tenant',
    receivingOrganisationId: '',
    receivingTenant: '',
    receivingOrganisationName: '',
    reason: '',
  });
  const [outcome, setOutcome] = useState<{ ok: boolean; text: string } | null>(null);
  const open = data?.find((t) => !CLOSED.includes(t.state));
  const [search, setSearch] = useState('');
  const [branches, setBranches] = useState<Destination[]>([]);
  // The branches I may ask to move to, by the words typed (names only).
  useEffect(() => {
    if (form.destination !== 'within_tenant') return;
    let live = true;
    const query = new URLSearchParams({
      sort: '["name","ASC"]',
      range: '[0,19]',
      filter: JSON.stringify(search ? { q: search } : {}),
    });
    dataProvider.send<Destination[]>('GET', `/me/transfer-destinations?${query}`).then(
      (rows) => live && setBranches(rows),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [dataProvider, form.destination, search]);
  const apply = async () => {
    try {
      await dataProvider.send('POST', '/me/transfers', {
        destination: form.destination,
        ...(form.destination === 'within_tenant'
          ? { receivingOrganisationId: form.receivingOrganisationId }
          : { receivingOrganisationName: form.receivingOrganisationName }),
        ...(form.destination === 'other_tenant' ? { receivingTenant: form.receivingTenant.trim() } : {}),
        reason: form.reason,
      });
      setOutcome({ ok: true, text: translate('dj.my.transfer.applied') });
      reload();
    } catch (e) {
      setOutcome({ ok: false, text: (e as Error).message });
    }
  };
  return (
    <Stack spacing={1.5}>
      <Title title={translate('dj.my.transfer.title')} />
      {error ? <Alert severity="error">{error}</Alert> : null}
      {data?.map((transfer) => (
        <Card key={transfer.id} data-testid="my-transfer">
          <CardContent>
            <Typography sx={{ fontWeight: 500 }}>
              {translate('dj.my.transfer.to', { name: transfer.receivingOrganisationName })}
            </Typography>
            <Typography variant="body2" color="text.secondary">
              {translate(`dj.transfer_states.${transfer.state}`)}
              {transfer.validUntil
                ? ` · ${translate('dj.my.transfer.valid_until', { date: transfer.validUntil })}`
                : ''}
            </Typography>
            <Stepper orientation="vertical" activeStep={transfer.actions.length} sx={{ mt: 1 }}>
              {transfer.actions.map((action, index) => (
                <Step key={`${action.action}-${index}`} completed>
                  <StepLabel optional={<Typography variant="caption">{action.actedOn}</Typography>}>
                    {translate(`dj.transfer_actions.${action.action}`)}
                  </StepLabel>
                </Step>
              ))}
            </Stepper>
            {transfer.serialNumber ? (
              <Button
                sx={{ mt: 1 }}
                variant="outlined"
                onClick={() =>
                  void dataProvider.download(
                    `/me/transfers/${transfer.id}/letter`,
                    `组织关系介绍信-${transfer.serialNumber}.pdf`,
                  )
                }
              >
                {translate('dj.my.transfer.letter')}
              </Button>
            ) : null}
          </CardContent>
        </Card>
      ))}
      {data && !open ? (
        <Card>
          <CardContent>
            <Stack spacing={1.5}>
              <Typography variant="subtitle1" component="h2">
                {translate('dj.my.transfer.apply')}
              </Typography>
              <TextField
                select
                label={translate('dj.my.transfer.destination')}
                value={form.destination}
                onChange={(e) => setForm({ ...form, destination: e.target.value })}
              >
                {['within_tenant', 'other_tenant', 'outside_platform'].map((d) => (
                  <MenuItem key={d} value={d}>
                    {translate(`dj.transfer_destinations.${d}`)}
                  </MenuItem>
                ))}
              </TextField>
              {form.destination === 'other_tenant' ? (
                <TextField
                  label={translate('dj.my.transfer.receiving_tenant')}
                  helperText={translate('dj.my.transfer.receiving_tenant_hint')}
                  value={form.receivingTenant}
                  onChange={(e) => setForm({ ...form, receivingTenant: e.target.value })}
                />
              ) : null}
              {form.destination === 'within_tenant' ? (
                <Autocomplete
                  options={branches}
                  filterOptions={(options) => options}
                  getOptionLabel={(option) => option.pathNames.join(' / ')}
                  isOptionEqualToValue={(a, b) => a.id === b.id}
                  onInputChange={(_, value) => setSearch(value)}
                  onChange={(_, value) => setForm({ ...form, receivingOrganisationId: value?.id ?? '' })}
                  noOptionsText={translate('dj.my.transfer.no_branches')}
                  renderInput={(params) => (
                    <TextField {...params} label={translate('dj.my.transfer.receiving_branch')} />
                  )}
                />
              ) : (
                <TextField
                  label={translate('dj.my.transfer.receiving_organisation')}
                  value={form.receivingOrganisationName}
                  onChange={(e) => setForm({ ...form, receivingOrganisationName: e.target.value })}
                  slotProps={{ htmlInput: { maxLength: 100 } }}
                />
              )}
              <TextField
                label={translate('dj.my.transfer.reason')}
                value={form.reason}
                onChange={(e) => setForm({ ...form, reason: e.target.value })}
                slotProps={{ htmlInput: { maxLength: 200 } }}
              />
              <Button variant="contained" onClick={() => void apply()}>
                {translate('dj.my.transfer.submit')}
              </Button>
            </Stack>
          </CardContent>
        </Card>
      ) : null}
      {outcome ? (
        <Alert severity={outcome.ok ? 'success' : 'error'} data-testid="my-transfer-outcome">
          {outcome.text}
        </Alert>
      ) : null}
    </Stack>
  );
}
