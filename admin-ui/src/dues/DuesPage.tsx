import { Alert, Box, Button as MuiButton, Chip, MenuItem, Stack, Table, TableBody, TableCell, TableHead, TableRow, TextField as MuiTextField, Typography } from '@mui/material';
import { useState } from 'react';
import { Title, useDataProvider, useGetList, useNotify, usePermissions, useRefresh, useTranslate } from 'react-admin';
import type { Permissions } from '../auth/authProvider';
import type { DjDataProvider } from '../data/extendedDataProvider';
import { formatBasisPoints, formatFen } from '../i18n/money';
import { chinaMonth } from '../i18n/china-dates';

interface ReportRow {
  id: string;
  organisationName: string;
  scope: 'own' | 'subtree' | 'total';
  dueFen: number;
  paidFen: number;
  collectionRateBasisPoints: number | null;
  membersInArrears: number;
  arrearsFen: number;
  collectedFen: number;
  voluntaryFen: number;
  largeVoluntaryPayments: number;
}

/** 党费: a subtree's month by the organisations below it, the arrears list, and the monthly run. */
export function DuesPage() {
  const translate = useTranslate();
  const notify = useNotify();
  const refresh = useRefresh();
  const dataProvider = useDataProvider<DjDataProvider>();
  const { permissions } = usePermissions<Permissions>();
  const [month, setMonth] = useState(chinaMonth());
  const [organisationId, setOrganisationId] = useState('');
  const { data: roots } = useGetList('organisations', { filter: { roots: true }, sort: { field: 'name', order: 'ASC' }, pagination: { page: 1, perPage: 50 } });
  const { data: below } = useGetList('organisations', { filter: { parentId: roots?.[0]?.id }, sort: { field: 'name', order: 'ASC' }, pagination: { page: 1, perPage: 200 } }, { enabled: Boolean(roots?.[0]) });
  const chosen = organisationId || String(roots?.[0]?.id ?? '');
  const valid = /^\d{4}-(0[1-9]|1[0-2])$/.test(month);
  const { data: report } = useGetList<ReportRow>('dues-reports', { filter: { withinId: chosen, month }, sort: { field: 'organisationName', order: 'ASC' }, pagination: { page: 1, perPage: 500 } }, { enabled: Boolean(chosen) && valid });
  const { data: arrears, total: arrearsTotal } = useGetList('dues-ledger', { filter: { withinId: chosen, month, outstandingOnly: true }, sort: { field: 'month', order: 'ASC' }, pagination: { page: 1, perPage: 100 } }, { enabled: Boolean(chosen) && valid });
  const run = async () => {
    try {
      const result = await dataProvider.send<{ created: number; unassessed: number; membersInArrears: number }>('POST', '/dues-ledger/runs', { month });
      notify(translate('dj.dues.ran', { created: result.created, unassessed: result.unassessed }), { type: 'success' });
      refresh();
    } catch (error) {
      notify((error as Error).message, { type: 'error' });
    }
  };
  return (
    <Box sx={{ p: 2 }}>
      <Title title={translate('dj.dues.title')} />
      <Stack direction="row" spacing={2} sx={{ alignItems: 'center', mb: 2 }}>
        <MuiTextField select size="small" sx={{ minWidth: 240 }} label={translate('dj.dues.organisation')} value={chosen} onChange={(e) => setOrganisationId(e.target.value)}>
          {[...(roots ?? []), ...(below ?? [])].map((o) => <MenuItem key={o.id} value={o.id}>{o.name}</MenuItem>)}
        </MuiTextField>
        <MuiTextField size="small" type="month" label={translate('dj.dues.month')} value={month} onChange={(e) => setMonth(e.target.value)} slotProps={{ inputLabel: { shrink: true } }} />
        {permissions?.roles.includes('tenant-admin') ? <MuiButton variant="outlined" disabled={!valid} onClick={() => void run()}>{translate('dj.dues.run')}</MuiButton> : null}
      </Stack>
      <Table size="small" data-testid="dues-report">
        <TableHead>
          <TableRow>
            {['organisation', 'due', 'paid', 'rate', 'arrears', 'collected', 'voluntary'].map((column) => <TableCell key={column}>{translate(`dj.dues.columns.${column}`)}</TableCell>)}
          </TableRow>
        </TableHead>
        <TableBody>
          {(report ?? []).map((row) => (
            <TableRow key={row.id} sx={row.scope === 'total' ? { '& td': { fontWeight: 600 } } : undefined}>
              <TableCell>{row.scope === 'total' ? translate('dj.dues.total') : row.scope === 'own' ? translate('dj.dues.own', { name: row.organisationName }) : row.organisationName}</TableCell>
              <TableCell>{formatFen(row.dueFen)}</TableCell>
              <TableCell>{formatFen(row.paidFen)}</TableCell>
              <TableCell>{formatBasisPoints(row.collectionRateBasisPoints)}</TableCell>
              <TableCell>{row.membersInArrears > 0 ? `${row.membersInArrears} · ${formatFen(row.arrearsFen)}` : '—'}</TableCell>
              <TableCell>{formatFen(row.collectedFen)}</TableCell>
              <TableCell>
                {formatFen(row.voluntaryFen)}
                {row.largeVoluntaryPayments > 0 ? <Chip size="small" color="warning" sx={{ ml: 1 }} label={translate('dj.dues.large', { count: row.largeVoluntaryPayments })} /> : null}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      <Typography variant="subtitle1" sx={{ mt: 3 }}>{translate('dj.dues.arrears', { count: arrearsTotal ?? 0 })}</Typography>
      {(arrears ?? []).length === 0 ? <Alert severity="success">{translate('dj.dues.no_arrears')}</Alert> : (
        <Table size="small">
          <TableBody>
            {(arrears ?? []).map((entry) => (
              <TableRow key={entry.id}>
                <TableCell>{entry.memberName}</TableCell>
                <TableCell>{entry.month}</TableCell>
                <TableCell>{formatFen(entry.outstandingFen)}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </Box>
  );
}
