import { useState } from 'react';
import {
  Alert,
  Card,
  CardContent,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@mui/material';
import { Title, useTranslate } from 'react-admin';
import { Link } from 'react-router-dom';
import { PayOnline } from './PayOnline';
import { chinaMonth } from '../i18n/china-dates';
import { formatBasisPoints, formatFen } from '../i18n/money';
import { useMy } from './useMy';

interface MyDues {
  assessment: {
    effectiveFrom: string;
    occupation: string;
    baseFen: string | null;
    basisPoints: number;
    monthlyFen: number;
    paymentSchedule: string;
    reduction: string;
  } | null;
  months: {
    month: string;
    dueFen: number;
    paidFen: number;
    paidOn: string | null;
    paymentId: string | null;
  }[];
  differences: {
    id: string;
    month: string;
    differenceFen: number;
    state: string;
    settledOn: string | null;
  }[];
  outstandingFen: number;
  outstandingMonths: number;
  onlinePayment: boolean;
}

/** 我的党费: the assessment and its basis, months due and paid, differences, what is outstanding. */
export function MyDuesPage() {
  const translate = useTranslate();
  const { data, error, reload } = useMy<MyDues>('/me/dues');
  // The card stays after paying, so its success (and the receipt's link) are not taken away at once.
  const [justPaid, setJustPaid] = useState(false);
  const monthLabel = (month: string) =>
    translate('dj.dues.month_label', { year: month.slice(0, 4), month: Number(month.slice(5, 7)) });
  return (
    <Stack spacing={1.5}>
      <Title title={translate('dj.my.nav.dues')} />
      {error ? <Alert severity="error">{error}</Alert> : null}
      {data ? (
        <>
          <Alert
            severity={data.outstandingMonths > 0 ? 'warning' : 'success'}
            data-testid="my-dues-outstanding"
          >
            {data.outstandingMonths > 0
              ? translate('dj.my.dues.outstanding', {
                  count: data.outstandingMonths,
                  amount: formatFen(data.outstandingFen),
                })
              : translate('dj.my.dues.all_paid')}
          </Alert>
          {data.onlinePayment && (data.outstandingMonths > 0 || justPaid) ? (
            <PayOnline
              months={data.months
                .filter((m) => m.paidFen < m.dueFen && m.month <= chinaMonth())
                .map((m) => m.month)}
              amountFen={data.outstandingFen}
              onPaid={() => {
                setJustPaid(true);
                reload();
              }}
            />
          ) : null}
          <Card>
            <CardContent>
              <Typography variant="subtitle1" component="h2" gutterBottom>
                {translate('dj.my.dues.assessment')}
              </Typography>
              {data.assessment ? (
                <>
                  <Typography data-testid="my-dues-monthly">
                    {translate('dj.my.dues.monthly', { amount: formatFen(data.assessment.monthlyFen) })}
                  </Typography>
                  <Typography variant="body2" color="text.secondary">
                    {translate('dj.my.dues.basis', {
                      occupation: translate(`dj.occupations.${data.assessment.occupation}`),
                      base:
                        data.assessment.baseFen === null ? '—' : formatFen(Number(data.assessment.baseFen)),
                      rate: formatBasisPoints(data.assessment.basisPoints),
                      from: data.assessment.effectiveFrom,
                    })}
                  </Typography>
                  {data.assessment.paymentSchedule === 'quarterly' ? (
                    <Typography variant="body2">{translate('dj.my.dues.quarterly')}</Typography>
                  ) : null}
                </>
              ) : (
                <Typography color="text.secondary">{translate('dj.my.dues.no_assessment')}</Typography>
              )}
              {data.onlinePayment ? null : (
                <Typography variant="body2" color="text.secondary" sx={{ mt: 1 }}>
                  {translate('dj.my.dues.pay_hint')}
                </Typography>
              )}
            </CardContent>
          </Card>
          {data.differences.length > 0 ? (
            <Card>
              <CardContent>
                <Typography variant="subtitle1" component="h2" gutterBottom>
                  {translate('dj.my.dues.differences')}
                </Typography>
                {data.differences.map((difference) => (
                  <Typography key={difference.id}>
                    {translate(`dj.my.dues.difference_${difference.state}`, {
                      month: monthLabel(difference.month),
                      amount: formatFen(difference.differenceFen),
                      date: difference.settledOn ?? '',
                    })}
                  </Typography>
                ))}
              </CardContent>
            </Card>
          ) : null}
          <Card>
            <CardContent sx={{ px: 0 }}>
              <Typography variant="subtitle1" component="h2" sx={{ px: 2 }} gutterBottom>
                {translate('dj.my.dues.months')}
              </Typography>
              {data.months.length === 0 ? (
                <Typography color="text.secondary" sx={{ px: 2 }}>
                  {translate('dj.my.dues.no_months')}
                </Typography>
              ) : (
                <Table size="small">
                  <TableHead>
                    <TableRow>
                      <TableCell>{translate('dj.my.dues.month')}</TableCell>
                      <TableCell align="right">{translate('dj.my.dues.due')}</TableCell>
                      <TableCell align="right">{translate('dj.my.dues.paid')}</TableCell>
                    </TableRow>
                  </TableHead>
                  <TableBody>
                    {data.months.map((month) => (
                      <TableRow key={month.month} data-testid="my-dues-month">
                        <TableCell>{monthLabel(month.month)}</TableCell>
                        <TableCell align="right">{formatFen(month.dueFen)}</TableCell>
                        <TableCell align="right">
                          {month.paidFen >= month.dueFen
                            ? translate('dj.my.dues.paid_on', { date: month.paidOn ?? '' })
                            : formatFen(month.paidFen)}
                          {month.paymentId ? (
                            <>
                              {' '}
                              <Link to={`/me/dues/receipts/${month.paymentId}`}>
                                {translate('dj.my.dues.receipt')}
                              </Link>
                            </>
                          ) : null}
                        </TableCell>
                      </TableRow>
                    ))}
                  </TableBody>
                </Table>
              )}
            </CardContent>
          </Card>
        </>
      ) : null}
    </Stack>
  );
}
