import { Alert, Button, Card, CardContent, Chip, Stack, TextField, Typography } from '@mui/material';
import { useState } from 'react';
import { Title, useDataProvider, useTranslate } from 'react-admin';
import type { DjDataProvider } from '../data/extendedDataProvider';
import { useMy } from './useMy';

const W = 'resources.micro-wishes';

interface Wish {
  id: string;
  title: string;
  content: string;
  organisationName: string;
  wisherName: string;
  wisherPhone: string;
  status: string;
  claimedByMe: boolean;
  fulfilmentNote: string;
  actions: string[];
  version: number;
}

/** 微心愿 in the member's space: wishes to claim, and mine — withdrawn, or fulfilled with a note. */
export function MyMicroWishesPage() {
  const translate = useTranslate();
  const dataProvider = useDataProvider<DjDataProvider>();
  const { data, error, reload } = useMy<Wish[]>('/me/micro-wishes?sort=["createdAt","DESC"]&range=[0,49]');
  const [notes, setNotes] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<{ ok: boolean; text: string }>();
  const act = async (wish: Wish, action: string) => {
    try {
      await dataProvider.send('POST', `/micro-wishes/${wish.id}/actions`, {
        version: wish.version,
        action,
        note: notes[wish.id] ?? '',
      });
      setMessage({ ok: true, text: translate(`dj.my_wishes.done.${action}`) });
      reload();
    } catch (e) {
      setMessage({ ok: false, text: (e as Error).message });
    }
  };
  const mine = data?.filter((w) => w.claimedByMe) ?? [];
  const open = data?.filter((w) => !w.claimedByMe) ?? [];
  const card = (wish: Wish) => (
    <Card key={wish.id} data-testid="my-wish">
      <CardContent>
        <Typography variant="subtitle1" component="h3">
          {wish.title} <Chip size="small" label={translate(`${W}.statuses.${wish.status}`)} />
        </Typography>
        <Typography variant="body2" color="text.secondary">
          {wish.organisationName} · {wish.wisherName} {wish.wisherPhone}
        </Typography>
        <Typography sx={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>{wish.content}</Typography>
        {wish.fulfilmentNote ? (
          <Typography variant="body2">
            {translate(`${W}.fields.fulfilmentNote`)}：{wish.fulfilmentNote}
          </Typography>
        ) : null}
        {wish.actions.includes('fulfil') ? (
          <TextField
            fullWidth
            size="small"
            margin="dense"
            label={translate('dj.my_wishes.note')}
            value={notes[wish.id] ?? ''}
            onChange={(e) => setNotes({ ...notes, [wish.id]: e.target.value })}
          />
        ) : null}
        <Stack direction="row" spacing={1} sx={{ mt: 1 }}>
          {wish.actions.map((a) => (
            <Button
              key={a}
              size="small"
              variant={a === 'withdraw_claim' ? 'text' : 'contained'}
              onClick={() => void act(wish, a)}
            >
              {translate(`${W}.actions.${a}`)}
            </Button>
          ))}
        </Stack>
      </CardContent>
    </Card>
  );
  return (
    <Stack spacing={1.5}>
      <Title title={translate('dj.my_wishes.title')} />
      {message ? <Alert severity={message.ok ? 'success' : 'error'}>{message.text}</Alert> : null}
      {error ? <Alert severity="error">{error}</Alert> : null}
      <Typography variant="h6" component="h2">
        {translate('dj.my_wishes.mine')}
      </Typography>
      {data && mine.length === 0 ? (
        <Alert severity="info">{translate('dj.my_wishes.none_mine')}</Alert>
      ) : null}
      {mine.map(card)}
      <Typography variant="h6" component="h2">
        {translate('dj.my_wishes.to_claim')}
      </Typography>
      {data && open.length === 0 ? (
        <Alert severity="info">{translate('dj.my_wishes.none_open')}</Alert>
      ) : null}
      {open.map(card)}
    </Stack>
  );
}
