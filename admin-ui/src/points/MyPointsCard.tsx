import { Alert, Card, CardContent, Stack, Typography } from '@mui/material';
import { useTranslate } from 'react-admin';
import { useMy } from '../member-space/useMy';

interface MyPoints {
  enabled: boolean;
  total: number;
  today: number;
  recent: { action: string; points: number; day: string; awardedAt: string }[];
  rankingEnabled: boolean;
  position: number;
  ranked: number;
}

const SHOWN_GRANTS = 5;

/**
 * 我的积分, only where the tenant has points on (rules.md §9): my points, my latest grants and — where
 * rankings are on — my own place, never a list of others.
 */
export function MyPointsCard() {
  const translate = useTranslate();
  const { data, error } = useMy<MyPoints>('/me/points');
  if (error) return <Alert severity="error">{error}</Alert>;
  if (!data?.enabled) return null;
  return (
    <Card data-testid="my-points">
      <CardContent>
        <Typography variant="subtitle1" component="h2">
          {translate('dj.points.mine')}
        </Typography>
        <Typography>{translate('dj.points.totals', { total: data.total, today: data.today })}</Typography>
        {data.rankingEnabled ? (
          <Typography variant="body2" color="text.secondary">
            {data.position > 0
              ? translate('dj.points.position', { position: data.position, ranked: data.ranked })
              : translate('dj.points.unranked')}
          </Typography>
        ) : null}
        <Stack sx={{ mt: 1 }}>
          {data.recent.slice(0, SHOWN_GRANTS).map((grant) => (
            <Typography key={grant.awardedAt + grant.action} variant="body2" color="text.secondary">
              {translate('dj.points.grant', {
                day: grant.day,
                action: translate(`dj.points.actions.${grant.action}`),
                points: grant.points,
              })}
            </Typography>
          ))}
        </Stack>
      </CardContent>
    </Card>
  );
}
