import {
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
import { TableBox } from '../layout/TableBox';
import { useState } from 'react';
import { useDataProvider, useGetList, useNotify, useRecordContext, useTranslate } from 'react-admin';
import type { DjDataProvider } from '../data/extendedDataProvider';
import { formatFen, yuanToFen } from '../i18n/money';
import { chinaDay, chinaMonth } from '../i18n/china-dates';

/**
 * 党费 on a member's page: the assessments (newest first) with a form for a new one, the ledger
 * months still open, and a form for the treasurer to record a payment.
 */
export function MemberDuesPanel() {
  const record = useRecordContext<{ id: string; developmentStage: string }>();
  const translate = useTranslate();
  const notify = useNotify();
  const dataProvider = useDataProvider<DjDataProvider>();
  const [effectiveFrom, setEffectiveFrom] = useState(chinaMonth());
  const [base, setBase] = useState('');
  const [schedule, setSchedule] = useState<'monthly' | 'quarterly'>('monthly');
  const [consentedOn, setConsentedOn] = useState('');
  const [months, setMonths] = useState<string[]>([]);
  const enabled = Boolean(record) && ['full', 'probationary'].includes(record?.developmentStage ?? '');
  const { data: assessments, refetch: refetchAssessments } = useGetList(
    'dues-assessments',
    {
      filter: { memberId: record?.id },
      sort: { field: 'effectiveFrom', order: 'DESC' },
      pagination: { page: 1, perPage: 12 },
    },
    { enabled },
  );
  const { data: open, refetch: refetchLedger } = useGetList(
    'dues-ledger',
    {
      filter: { memberId: record?.id, outstandingOnly: true },
      sort: { field: 'month', order: 'ASC' },
      pagination: { page: 1, perPage: 24 },
    },
    { enabled },
  );
  // The newest ledger months, paid or not: a month paid ahead is no longer offered.
  const { data: recent, refetch: refetchRecent } = useGetList(
    'dues-ledger',
    {
      filter: { memberId: record?.id },
      sort: { field: 'month', order: 'DESC' },
      pagination: { page: 1, perPage: 6 },
    },
    { enabled },
  );
  const { data: differences, refetch: refetchDifferences } = useGetList(
    'dues-differences',
    {
      filter: { memberId: record?.id },
      sort: { field: 'month', order: 'ASC' },
      pagination: { page: 1, perPage: 50 },
    },
    { enabled },
  );
  if (!record || !enabled) return null;
  const send = async (path: string, body: object, done: string | ((answer: never) => string)) => {
    try {
      const answer = (await dataProvider.send('POST', path, body)) as never;
      notify(typeof done === 'string' ? done : done(answer), { type: 'success' });
      void refetchAssessments();
      void refetchLedger();
      void refetchRecent();
      void refetchDifferences();
      setMonths([]);
    } catch (error) {
      notify((error as Error).message, { type: 'error' });
    }
  };
  const baseFen = base ? yuanToFen(base) : undefined;
  // A quarterly payer (with the branch's consent) may pay the rest of this quarter ahead (rules.md §1).
  const thisMonth = chinaMonth();
  const inForce = (assessments ?? []).find((a) => a.effectiveFrom <= thisMonth);
  const ahead =
    inForce?.paymentSchedule === 'quarterly'
      ? monthsAheadInQuarter(thisMonth).filter(
          (month) => ![...(open ?? []), ...(recent ?? [])].some((entry) => entry.month === month),
        )
      : [];
  const toggle = (month: string) =>
    setMonths(months.includes(month) ? months.filter((m) => m !== month) : [...months, month]);
  return (
    <Box sx={{ my: 2 }} data-testid="member-dues">
      <Typography variant="subtitle1">{translate('dj.dues.member_title')}</Typography>
      <TableBox>
        <Table size="small">
          <TableHead>
            <TableRow>
              {['effective_from', 'base', 'rate', 'monthly', 'reduction', 'schedule'].map((column) => (
                <TableCell key={column}>{translate(`dj.dues.assessment.${column}`)}</TableCell>
              ))}
            </TableRow>
          </TableHead>
          <TableBody>
            {(assessments ?? []).map((a) => (
              <TableRow key={a.id}>
                <TableCell>{a.effectiveFrom}</TableCell>
                <TableCell>{a.baseFen === null ? '—' : formatFen(a.baseFen)}</TableCell>
                <TableCell>{a.basisPoints ? `${a.basisPoints / 100}%` : '—'}</TableCell>
                <TableCell>{formatFen(a.monthlyFen)}</TableCell>
                <TableCell>{translate(`dj.dues.reductions.${a.reduction}`)}</TableCell>
                <TableCell>
                  {a.paymentSchedule === 'quarterly'
                    ? translate('dj.dues.quarterly_since', { date: a.quarterlyConsentedOn })
                    : translate('dj.dues.schedules.monthly')}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </TableBox>
      <Stack direction="row" spacing={1} sx={{ alignItems: 'center', my: 1 }}>
        <MuiTextField
          size="small"
          type="month"
          label={translate('dj.dues.assessment.effective_from')}
          value={effectiveFrom}
          onChange={(e) => setEffectiveFrom(e.target.value)}
          slotProps={{ inputLabel: { shrink: true } }}
        />
        <MuiTextField
          size="small"
          label={translate('dj.dues.assessment.base_yuan')}
          value={base}
          onChange={(e) => setBase(e.target.value)}
          error={Boolean(base) && baseFen === undefined}
          helperText={translate('dj.dues.assessment.base_hint')}
        />
        <MuiTextField
          select
          size="small"
          label={translate('dj.dues.assessment.schedule')}
          value={schedule}
          onChange={(e) => setSchedule(e.target.value as 'monthly' | 'quarterly')}
          sx={{ minWidth: 110 }}
        >
          {(['monthly', 'quarterly'] as const).map((value) => (
            <MenuItem key={value} value={value}>
              {translate(`dj.dues.schedules.${value}`)}
            </MenuItem>
          ))}
        </MuiTextField>
        {schedule === 'quarterly' ? (
          <MuiTextField
            size="small"
            type="date"
            label={translate('dj.dues.assessment.consented_on')}
            value={consentedOn}
            onChange={(e) => setConsentedOn(e.target.value)}
            slotProps={{ inputLabel: { shrink: true } }}
          />
        ) : null}
        <MuiButton
          variant="outlined"
          onClick={() =>
            void send(
              '/dues-assessments',
              {
                memberId: record.id,
                effectiveFrom,
                ...(baseFen !== undefined ? { baseFen } : {}),
                paymentSchedule: schedule,
                ...(schedule === 'quarterly' && consentedOn ? { quarterlyConsentedOn: consentedOn } : {}),
              },
              (answer: { differencesCreated?: number }) =>
                answer?.differencesCreated
                  ? translate('dj.dues.assessed_with_differences', { count: answer.differencesCreated })
                  : translate('dj.dues.assessed'),
            )
          }
        >
          {translate('dj.dues.assess')}
        </MuiButton>
      </Stack>
      <Typography variant="subtitle2" sx={{ mt: 2 }}>
        {translate('dj.dues.differences_title')}
      </Typography>
      <Box data-testid="dues-differences">
        {(differences ?? []).length === 0 ? (
          <Typography variant="body2">{translate('dj.dues.no_differences')}</Typography>
        ) : null}
        {(differences ?? []).map((difference) => (
          <Stack
            key={difference.id}
            direction="row"
            spacing={1}
            sx={{ alignItems: 'center', flexWrap: 'wrap' }}
          >
            <Typography variant="body2">
              {translate('dj.dues.difference_row', {
                month: difference.month,
                paid: formatFen(difference.paidFen),
                assessed: formatFen(difference.assessedFen),
                difference: formatFen(difference.differenceFen),
              })}
            </Typography>
            <Chip size="small" label={translate(`dj.dues.difference_states.${difference.state}`)} />
            {difference.state === 'open' ? (
              <MuiButton
                size="small"
                onClick={() =>
                  void send(
                    `/dues-differences/${difference.id}/settle`,
                    { paidOn: chinaDay() },
                    translate('dj.dues.difference_settled'),
                  )
                }
              >
                {translate('dj.dues.settle_difference')}
              </MuiButton>
            ) : null}
          </Stack>
        ))}
      </Box>
      <Typography variant="subtitle2" sx={{ mt: 2 }}>
        {translate('dj.dues.open_months')}
      </Typography>
      <Box>
        {(open ?? []).length === 0 && ahead.length === 0 ? (
          <Typography variant="body2">{translate('dj.dues.all_paid')}</Typography>
        ) : null}
        {(open ?? []).map((entry) => (
          <Chip
            key={entry.id}
            sx={{ mr: 0.5, mb: 0.5 }}
            color={months.includes(entry.month) ? 'primary' : 'default'}
            label={`${entry.month} ${formatFen(entry.outstandingFen)}`}
            onClick={() => toggle(entry.month)}
          />
        ))}
        {ahead.map((month) => (
          <Chip
            key={month}
            sx={{ mr: 0.5, mb: 0.5 }}
            variant="outlined"
            color={months.includes(month) ? 'primary' : 'default'}
            label={translate('dj.dues.ahead_month', { month, amount: formatFen(inForce!.monthlyFen) })}
            onClick={() => toggle(month)}
            data-testid="dues-ahead-month"
          />
        ))}
      </Box>
      {(open ?? []).length > 0 || ahead.length > 0 ? (
        <MuiButton
          variant="contained"
          sx={{ mt: 1 }}
          disabled={months.length === 0}
          onClick={() =>
            void send(
              '/dues-payments',
              { memberId: record.id, months, paidOn: chinaDay() },
              translate('dj.dues.paid'),
            )
          }
        >
          {translate('dj.dues.record_payment', { count: months.length })}
        </MuiButton>
      ) : null}
    </Box>
  );
}

/** The months after `month` ("YYYY-MM") up to the end of its calendar quarter. */
function monthsAheadInQuarter(month: string): string[] {
  const [year, number] = [month.slice(0, 4), Number(month.slice(5, 7))];
  const last = Math.ceil(number / 3) * 3;
  return Array.from(
    { length: last - number },
    (_, i) => `${year}-${String(number + 1 + i).padStart(2, '0')}`,
  );
}
