import { Alert, Card, CardActionArea, CardContent, Stack, Typography } from '@mui/material';
import { Title, useLocale, usePermissions, useTranslate } from 'react-admin';
import { hasModule, type Permissions } from '../auth/authProvider';
import { Link } from 'react-router-dom';
import { chinaClock, chinaDay } from '../i18n/china-dates';
import { formatFen } from '../i18n/money';
import { useMy } from './useMy';
import { inboxQuery, type InboxItem } from './NotificationsPage';

interface HomeItem {
  kind: string;
  title: string;
  at: string | null;
  refId: string | null;
  amountFen: number;
  count: number;
  state: string | null;
}

/** Where each item is dealt with. */
const target = (item: HomeItem): string => {
  switch (item.kind) {
    case 'meeting_today':
    case 'meeting_soon':
    case 'leave_decided':
      return `/me/meetings/${item.refId}`;
    case 'dues_outstanding':
    case 'difference_outstanding':
      return '/me/dues';
    case 'thought_report_due':
    case 'thought_report_replied':
      return '/me/thought-reports';
    case 'transfer_in_progress':
      return '/me/transfer';
    default:
      return '/me/record';
  }
};

/** 首页: what needs me now, and nothing else. */
export function MyHomePage() {
  const translate = useTranslate();
  useLocale();
  const { data, error } = useMy<{
    hasRecord: boolean;
    memberName: string;
    organisationName: string;
    items: HomeItem[];
  }>('/me/home');
  const { data: unread } = useMy<InboxItem[]>(inboxQuery(true));
  const { permissions } = usePermissions<Permissions>();
  const text = (item: HomeItem) => {
    const day = item.at ? chinaDay(new Date(item.at)) : '';
    return translate(`dj.my.home.items.${item.kind}`, {
      title: item.title,
      date: day,
      time: item.at && item.kind.startsWith('meeting') ? chinaClock(item.at) : '',
      amount: formatFen(item.amountFen),
      count: item.count,
      step: item.title ? translate(`dj.steps.${item.title}`) : '',
      state: item.state
        ? translate(
            item.kind === 'transfer_in_progress'
              ? `dj.transfer_states.${item.state}`
              : `dj.my.leave_states.${item.state}`,
          )
        : '',
    });
  };
  return (
    <Stack spacing={1.5}>
      <Title title={translate('dj.my.nav.home')} />
      {error ? <Alert severity="error">{error}</Alert> : null}
      {data && !data.hasRecord ? (
        <Alert severity="info" data-testid="home-no-record">
          {translate('dj.my.home.no_record')}
        </Alert>
      ) : null}
      {data?.hasRecord ? (
        <>
          <Typography variant="h6" component="h2">
            {translate('dj.my.home.greeting', { name: data.memberName })}
          </Typography>
          <Typography color="text.secondary" variant="body2">
            {data.organisationName}
          </Typography>
          {unread && unread.length > 0 ? (
            <Card data-testid="home-item-unread_notifications">
              <CardActionArea component={Link} to="/me/notifications">
                <CardContent sx={{ py: 1.5 }}>
                  <Typography>{translate('dj.my.home.unread', { count: unread.length })}</Typography>
                </CardContent>
              </CardActionArea>
            </Card>
          ) : null}
          {data.items.length === 0 && !unread?.length ? (
            <Alert severity="success" data-testid="home-nothing">
              {translate('dj.my.home.nothing')}
            </Alert>
          ) : (
            data.items.map((item, index) => (
              <Card key={`${item.kind}-${item.refId ?? index}`} data-testid={`home-item-${item.kind}`}>
                <CardActionArea component={Link} to={target(item)}>
                  <CardContent sx={{ py: 1.5 }}>
                    <Typography>{text(item)}</Typography>
                  </CardContent>
                </CardActionArea>
              </Card>
            ))
          )}
        </>
      ) : null}
      {hasModule(permissions, 'disclosure') ? (
        <Card data-testid="home-disclosures">
          <CardActionArea component={Link} to="/me/disclosures">
            <CardContent sx={{ py: 1.5 }}>
              <Typography>{translate('dj.disclosure.home_card')}</Typography>
            </CardContent>
          </CardActionArea>
        </Card>
      ) : null}
      {hasModule(permissions, 'supervision')
        ? (
            [
              ['ballots', 'dj.my_ballots.home_card'],
              ['micro-wishes', 'dj.my_wishes.home_card'],
            ] as const
          ).map(([path, label]) => (
            <Card key={path} data-testid={`home-${path}`}>
              <CardActionArea component={Link} to={`/me/${path}`}>
                <CardContent sx={{ py: 1.5 }}>
                  <Typography>{translate(label)}</Typography>
                </CardContent>
              </CardActionArea>
            </Card>
          ))
        : null}
    </Stack>
  );
}
