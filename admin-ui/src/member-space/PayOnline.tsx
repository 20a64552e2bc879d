import { Alert, Box, Button, Card, CardContent, Stack, Typography } from '@mui/material';
import QRCode from 'qrcode';
import { useEffect, useState } from 'react';
import { useDataProvider, useTranslate } from 'react-admin';
import { Link } from 'react-router-dom';
import type { DjDataProvider } from '../data/extendedDataProvider';
import { chinaClock } from '../i18n/china-dates';
import { formatFen } from '../i18n/money';

interface Order {
  id: string;
  months: string[];
  amountFen: number;
  state: string;
  codeUrl: string;
  paymentId: string | null;
  expiresAt: string;
}

/**
 * 在线缴纳: orders the months still owed, shows WeChat Pay's QR code (long-press it in WeChat, or scan
 * it from another phone), and asks after the order when the member says they have paid.
 */
export function PayOnline({
  months,
  amountFen,
  onPaid,
}: {
  months: string[];
  amountFen: number;
  onPaid: () => void;
}) {
  const translate = useTranslate();
  const dataProvider = useDataProvider<DjDataProvider>();
  const [order, setOrder] = useState<Order | null>(null);
  const [image, setImage] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<{ ok: boolean; text: string } | null>(null);
  useEffect(() => {
    if (order?.codeUrl) void QRCode.toDataURL(order.codeUrl, { width: 220, margin: 1 }).then(setImage);
  }, [order?.codeUrl]);
  const place = async () => {
    try {
      setOrder(await dataProvider.send<Order>('POST', '/me/dues-orders', { months }));
      setOutcome(null);
    } catch (e) {
      setOutcome({ ok: false, text: (e as Error).message });
    }
  };
  const check = async () => {
    if (!order) return;
    try {
      const now = await dataProvider.send<Order>('GET', `/me/dues-orders/${order.id}`);
      setOrder(now);
      if (now.state === 'paid') {
        setOutcome({ ok: true, text: translate('dj.my.dues.online_paid') });
        onPaid();
      } else setOutcome({ ok: false, text: translate(`dj.my.dues.online_${now.state}`) });
    } catch (e) {
      setOutcome({ ok: false, text: (e as Error).message });
    }
  };
  return (
    <Card data-testid="pay-online">
      <CardContent>
        <Stack spacing={1}>
          <Typography variant="subtitle1" component="h2">
            {translate('dj.my.dues.online')}
          </Typography>
          {!order || order.state === 'failed' ? (
            <Button
              variant="contained"
              size="large"
              onClick={() => void place()}
              disabled={months.length === 0}
            >
              {translate('dj.my.dues.online_pay', { amount: formatFen(amountFen) })}
            </Button>
          ) : null}
          {order && order.state === 'created' ? (
            <>
              <Typography>
                {translate('dj.my.dues.online_scan', {
                  amount: formatFen(order.amountFen),
                  time: chinaClock(order.expiresAt),
                })}
              </Typography>
              {image ? (
                <Box
                  component="img"
                  src={image}
                  alt={translate('dj.my.dues.online_qr')}
                  sx={{ width: 220, alignSelf: 'center' }}
                />
              ) : null}
              <Button variant="outlined" onClick={() => void check()}>
                {translate('dj.my.dues.online_done')}
              </Button>
            </>
          ) : null}
          {order?.paymentId ? (
            <Link to={`/me/dues/receipts/${order.paymentId}`}>{translate('dj.my.dues.receipt')}</Link>
          ) : null}
          {outcome ? (
            <Alert severity={outcome.ok ? 'success' : 'info'} data-testid="pay-online-outcome">
              {outcome.text}
            </Alert>
          ) : null}
        </Stack>
      </CardContent>
    </Card>
  );
}
