import {
  Alert,
  Button,
  Card,
  CardContent,
  Chip,
  MenuItem,
  Stack,
  TextField,
  Typography,
} from '@mui/material';
import { useState } from 'react';
import { Title, useDataProvider, useTranslate } from 'react-admin';
import type { DjDataProvider } from '../data/extendedDataProvider';
import { BallotResults, type Ballot } from '../supervision/ballots.resource';
import { useMy } from './useMy';

const B = 'resources.ballots';

/** One open ballot's paper: a grade for each person or thing graded, sent once. */
function Paper({ ballot, onVoted }: { ballot: Ballot; onVoted: (message: string) => void }) {
  const translate = useTranslate();
  const dataProvider = useDataProvider<DjDataProvider>();
  const [grades, setGrades] = useState<Record<string, string>>({});
  const [error, setError] = useState<string>();
  const graded = ballot.candidates.filter((c) => c.graded);
  const cast = async () => {
    try {
      await dataProvider.send('POST', `/ballots/${ballot.id}/votes`, { grades });
      onVoted(translate('dj.my_ballots.voted_now'));
    } catch (e) {
      setError((e as Error).message);
    }
  };
  return (
    <Stack spacing={1} sx={{ mt: 1 }}>
      {ballot.kind === 'member_appraisal' ? (
        <Typography variant="body2" color="text.secondary">
          {translate(`${B}.appraisal_help`)}
        </Typography>
      ) : null}
      {graded.map((c) => (
        <TextField
          key={c.id}
          select
          size="small"
          label={c.name}
          value={grades[c.id] ?? ''}
          onChange={(e) => setGrades({ ...grades, [c.id]: e.target.value })}
        >
          {ballot.grades.map((g) => (
            <MenuItem key={g} value={g}>
              {translate(`${B}.grades.${g}`)}
            </MenuItem>
          ))}
        </TextField>
      ))}
      {error ? <Alert severity="error">{error}</Alert> : null}
      <Button variant="contained" onClick={() => void cast()}>
        {translate('dj.my_ballots.cast')}
      </Button>
    </Stack>
  );
}

/** A closed ballot's results, read one by one (the list carries no counts). */
function ClosedResults({ id }: { id: string }) {
  const { data, error } = useMy<Ballot>(`/ballots/${id}`);
  if (error) return <Alert severity="error">{error}</Alert>;
  return data ? <BallotResults ballot={data} compact /> : null;
}

/** 民主测评 in the member's space: ballots I am on the roll of; I vote once, and read the results. */
export function MyBallotsPage() {
  const translate = useTranslate();
  const { data, error, reload } = useMy<Ballot[]>('/me/ballots?sort=["createdAt","DESC"]&range=[0,49]');
  const [message, setMessage] = useState<string>();
  return (
    <Stack spacing={1.5}>
      <Title title={translate('dj.my_ballots.title')} />
      <Typography variant="h6" component="h2">
        {translate('dj.my_ballots.title')}
      </Typography>
      <Typography variant="body2" color="text.secondary">
        {translate('dj.my_ballots.secret')}
      </Typography>
      {message ? <Alert severity="success">{message}</Alert> : null}
      {error ? <Alert severity="error">{error}</Alert> : null}
      {data?.length === 0 ? <Alert severity="info">{translate('dj.my_ballots.none')}</Alert> : null}
      {data?.map((ballot) => (
        <Card key={ballot.id} data-testid="my-ballot">
          <CardContent>
            <Typography variant="subtitle1" component="h3">
              {ballot.subject}{' '}
              <Chip
                size="small"
                color={ballot.status === 'open' ? 'success' : 'default'}
                label={translate(`${B}.statuses.${ballot.status}`)}
              />
            </Typography>
            <Typography variant="body2" color="text.secondary">
              {ballot.organisationName} · {translate(`${B}.kinds.${ballot.kind}`)}
            </Typography>
            {ballot.actions.includes('vote') ? (
              <Paper
                ballot={ballot}
                onVoted={(text) => {
                  setMessage(text);
                  reload();
                }}
              />
            ) : ballot.status === 'open' ? (
              <Typography variant="body2" sx={{ mt: 1 }}>
                {translate('dj.my_ballots.voted')}
              </Typography>
            ) : null}
            {ballot.status === 'closed' ? <ClosedResults id={ballot.id} /> : null}
          </CardContent>
        </Card>
      ))}
    </Stack>
  );
}
