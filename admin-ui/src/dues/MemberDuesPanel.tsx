import { Box, Button as MuiButton, Chip, Stack, Table, TableBody, TableCell, TableHead, TableRow, TextField as MuiTextField, Typography } from '@mui/material';
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
  const [months, setMonths] = useState<string[]>([]);
  const enabled = Boolean(record) && ['full', 'probationary'].includes(record?.developmentStage ?? '');
  const { data: assessments, refetch: refetchAssessments } = useGetList('dues-assessments', { filter: { memberId: record?.id }, sort: { field: 'effectiveFrom', order: 'DESC' }, pagination: { page: 1, perPage: 12 } }, { enabled });
  const { data: open, refetch: refetchLedger } = useGetList('dues-ledger', { filter: { memberId: record?.id, outstandingOnly: true }, sort: { field: 'month', order: 'ASC' }, pagination: { page: 1, perPage: 24 } }, { enabled });
  if (!record || !enabled) return null;
  const send = async (path: string, body: object, done: string) => {
    try {
      await dataProvider.send('POST', path, body);
      notify(done, { type: 'success' });
      void refetchAssessments();
      void refetchLedger();
      setMonths([]);
    } catch (error) {
      notify((error as Error).message, { type: 'error' });
    }
  };
  const baseFen = base ? yuanToFen(base) : undefined;
  return (
    <Box sx={{ my: 2 }} data-testid="member-dues">
      <Typography variant="subtitle1">{translate('dj.dues.member_title')}</Typography>
      <Table size="small">
        <TableHead>
          <TableRow>
            {['effective_from', 'base', 'rate', 'monthly', 'reduction'].map((column) => <TableCell key={column}>{translate(`dj.dues.assessment.${column}`)}</TableCell>)}
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
            </TableRow>
          ))}
        </TableBody>
      </Table>
      <Stack direction="row" spacing={1} sx={{ alignItems: 'center', my: 1 }}>
        <MuiTextField size="small" type="month" label={translate('dj.dues.assessment.effective_from')} value={effectiveFrom} onChange={(e) => setEffectiveFrom(e.target.value)} slotProps={{ inputLabel: { shrink: true } }} />
        <MuiTextField size="small" label={translate('dj.dues.assessment.base_yuan')} value={base} onChange={(e) => setBase(e.target.value)} error={Boolean(base) && baseFen === undefined} helperText={translate('dj.dues.assessment.base_hint')} />
        <MuiButton variant="outlined" onClick={() => void send('/dues-assessments', { memberId: record.id, effectiveFrom, ...(baseFen !== undefined ? { baseFen } : {}) }, translate('dj.dues.assessed'))}>
          {translate('dj.dues.assess')}
        </MuiButton>
      </Stack>
      <Typography variant="subtitle2" sx={{ mt: 2 }}>{translate('dj.dues.open_months')}</Typography>
      <Box>
        {(open ?? []).length === 0 ? <Typography variant="body2">{translate('dj.dues.all_paid')}</Typography> : null}
        {(open ?? []).map((entry) => (
          <Chip
            key={entry.id}
            sx={{ mr: 0.5, mb: 0.5 }}
            color={months.includes(entry.month) ? 'primary' : 'default'}
            label={`${entry.month} ${formatFen(entry.outstandingFen)}`}
            onClick={() => setMonths(months.includes(entry.month) ? months.filter((m) => m !== entry.month) : [...months, entry.month])}
          />
        ))}
      </Box>
      {(open ?? []).length > 0 ? (
        <MuiButton variant="contained" sx={{ mt: 1 }} disabled={months.length === 0} onClick={() => void send('/dues-payments', { memberId: record.id, months, paidOn: chinaDay() }, translate('dj.dues.paid'))}>
          {translate('dj.dues.record_payment', { count: months.length })}
        </MuiButton>
      ) : null}
    </Box>
  );
}
