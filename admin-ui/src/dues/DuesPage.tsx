import {
  Alert,
  Box,
  Button as MuiButton,
  Chip,
  MenuItem,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  TextField as MuiTextField,
  Typography,
} from '@mui/material';
import { useState } from 'react';
import {
  Title,
  useDataProvider,
  useGetList,
  useNotify,
  usePermissions,
  useRefresh,
  useTranslate,
} from 'react-admin';
import type { Permissions } from '../auth/authProvider';
import type { DjDataProvider } from '../data/extendedDataProvider';
import { formatBasisPoints, formatFen } from '../i18n/money';
import { chinaMonth, chinaTime } from '../i18n/china-dates';
import { TableBox } from '../layout/TableBox';

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
  unassessedMembers: number;
  unrunMembers: number;
}

/** The month picker's months: the last two years and the next month, newest first, in the console's words. */
function monthChoices(
  current: string,
  translate: (key: string, options?: object) => string,
): { id: string; name: string }[] {
  const [year, month] = current.split('-').map(Number) as [number, number];
  return Array.from({ length: 26 }, (_, i) => {
    const index = year * 12 + (month - 1) + 1 - i;
    const id = `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
    return {
      id,
      name: translate('dj.dues.month_label', { year: id.slice(0, 4), month: Number(id.slice(5)) }),
    };
  });
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
  const { data: roots } = useGetList('organisations', {
    filter: { roots: true },
    sort: { field: 'name', order: 'ASC' },
    pagination: { page: 1, perPage: 50 },
  });
  const { data: below } = useGetList(
    'organisations',
    {
      filter: { parentId: roots?.[0]?.id },
      sort: { field: 'name', order: 'ASC' },
      pagination: { page: 1, perPage: 200 },
    },
    { enabled: Boolean(roots?.[0]) },
  );
  const chosen = organisationId || String(roots?.[0]?.id ?? '');
  const valid = /^\d{4}-(0[1-9]|1[0-2])$/.test(month);
  const { data: report } = useGetList<ReportRow>(
    'dues-reports',
    {
      filter: { withinId: chosen, month },
      sort: { field: 'organisationName', order: 'ASC' },
      pagination: { page: 1, perPage: 500 },
    },
    { enabled: Boolean(chosen) && valid },
  );
  const { data: arrears, total: arrearsTotal } = useGetList(
    'dues-ledger',
    {
      filter: { withinId: chosen, month, outstandingOnly: true },
      sort: { field: 'month', order: 'ASC' },
      pagination: { page: 1, perPage: 100 },
    },
    { enabled: Boolean(chosen) && valid },
  );
  // The month's last completed run (issue 14): the schedule makes it at the start of each month.
  const { data: runs } = useGetList<{ id: string; completedAt: string; createdRows: number; ranBy: string }>(
    'dues-month-runs',
    { filter: { month }, sort: { field: 'month', order: 'DESC' }, pagination: { page: 1, perPage: 1 } },
    { enabled: valid },
  );
  const lastRun = runs?.[0];
  const admin = Boolean(permissions?.roles.includes('tenant-admin') || permissions?.platformOperator);
  const total = (report ?? []).find((row) => row.scope === 'total');
  // "Nothing outstanding" only when everyone who owes dues that month is in the ledger.
  const complete = total !== undefined && total.unassessedMembers === 0 && total.unrunMembers === 0;
  const run = async () => {
    try {
      const result = await dataProvider.send<{
        created: number;
        unassessed: number;
        membersInArrears: number;
      }>('POST', '/dues-ledger/runs', { month });
      notify(translate('dj.dues.ran', { created: result.created, unassessed: result.unassessed }), {
        type: 'success',
      });
      refresh();
    } catch (error) {
      notify((error as Error).message, { type: 'error' });
    }
  };
  return (
    <Box sx={{ p: 2 }}>
      <Title title={translate('dj.dues.title')} />
      <Stack
        direction={{ xs: 'column', sm: 'row' }}
        spacing={2}
        sx={{ alignItems: { xs: 'stretch', sm: 'center' }, mb: 2 }}
      >
        <MuiTextField
          select
          size="small"
          sx={{ minWidth: 240 }}
          label={translate('dj.dues.organisation')}
          value={chosen}
          onChange={(e) => setOrganisationId(e.target.value)}
        >
          {[...(roots ?? []), ...(below ?? [])].map((o) => (
            <MenuItem key={o.id} value={o.id}>
              {o.name}
            </MenuItem>
          ))}
        </MuiTextField>
        <MuiTextField
          select
          size="small"
          sx={{ minWidth: 160 }}
          label={translate('dj.dues.month')}
          value={month}
          onChange={(e) => setMonth(e.target.value)}
        >
          {monthChoices(chinaMonth(), translate).map((m) => (
            <MenuItem key={m.id} value={m.id}>
              {m.name}
            </MenuItem>
          ))}
        </MuiTextField>
        {admin ? (
          <MuiButton variant="outlined" disabled={!valid} onClick={() => void run()}>
            {translate('dj.dues.run')}
          </MuiButton>
        ) : null}
      </Stack>
      <Typography variant="body2" sx={{ mb: 1 }} data-testid="dues-last-run">
        {lastRun
          ? translate(
              lastRun.ranBy === 'schedule' ? 'dj.dues.last_run_schedule' : 'dj.dues.last_run_person',
              {
                time: chinaTime(lastRun.completedAt),
                created: lastRun.createdRows,
              },
            )
          : translate('dj.dues.no_run')}
      </Typography>
      {total && total.unassessedMembers > 0 ? (
        <Alert severity="warning" sx={{ mb: 2 }} data-testid="dues-unassessed">
          {translate('dj.dues.unassessed', { count: total.unassessedMembers })}
        </Alert>
      ) : null}
      {total && total.unrunMembers > 0 ? (
        <Alert severity="info" sx={{ mb: 2 }} data-testid="dues-unrun">
          {translate(admin ? 'dj.dues.unrun_admin' : 'dj.dues.unrun', { count: total.unrunMembers })}
        </Alert>
      ) : null}
      {/* On a phone the table scrolls inside its box; the page itself stays the screen's width. */}
      <TableBox>
        <Table
          size="small"
          data-testid="dues-report"
          sx={{ '& th': { whiteSpace: 'nowrap' }, '& td': { whiteSpace: 'nowrap' } }}
        >
          <TableHead>
            <TableRow>
              {['organisation', 'due', 'paid', 'rate', 'arrears', 'collected', 'voluntary'].map((column) => (
                <TableCell key={column}>{translate(`dj.dues.columns.${column}`)}</TableCell>
              ))}
            </TableRow>
          </TableHead>
          <TableBody>
            {(report ?? []).map((row) => (
              <TableRow key={row.id} sx={row.scope === 'total' ? { '& td': { fontWeight: 600 } } : undefined}>
                <TableCell>
                  {row.scope === 'total'
                    ? translate('dj.dues.total')
                    : row.scope === 'own'
                      ? translate('dj.dues.own', { name: row.organisationName })
                      : row.organisationName}
                </TableCell>
                <TableCell>{formatFen(row.dueFen)}</TableCell>
                <TableCell>{formatFen(row.paidFen)}</TableCell>
                <TableCell>{formatBasisPoints(row.collectionRateBasisPoints)}</TableCell>
                <TableCell>
                  {row.membersInArrears > 0 ? `${row.membersInArrears} · ${formatFen(row.arrearsFen)}` : '—'}
                </TableCell>
                <TableCell>{formatFen(row.collectedFen)}</TableCell>
                <TableCell>
                  {formatFen(row.voluntaryFen)}
                  {row.largeVoluntaryPayments > 0 ? (
                    <Chip
                      size="small"
                      color="warning"
                      sx={{ ml: 1 }}
                      label={translate('dj.dues.large', { count: row.largeVoluntaryPayments })}
                    />
                  ) : null}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </TableBox>
      <Typography variant="subtitle1" sx={{ mt: 3 }}>
        {translate('dj.dues.arrears', { count: arrearsTotal ?? 0 })}
      </Typography>
      {(arrears ?? []).length === 0 ? (
        complete ? (
          <Alert severity="success">{translate('dj.dues.no_arrears')}</Alert>
        ) : (
          <Alert severity="info">{translate('dj.dues.no_arrears_yet')}</Alert>
        )
      ) : (
        <TableBox>
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
        </TableBox>
      )}
    </Box>
  );
}
