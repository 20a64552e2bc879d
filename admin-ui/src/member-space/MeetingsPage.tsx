import {
  Alert,
  Button,
  Card,
  CardActionArea,
  CardContent,
  Chip,
  Stack,
  Tab,
  Tabs,
  TextField,
  Typography,
} from '@mui/material';
import { useState } from 'react';
import { Title, useDataProvider, useTranslate } from 'react-admin';
import { Link, useParams } from 'react-router-dom';
import type { DjDataProvider } from '../data/extendedDataProvider';
import { chinaTime } from '../i18n/china-dates';
import { useMy } from './useMy';

export interface MyMeeting {
  id: string;
  organisationName: string;
  kind: string;
  title: string;
  scheduledAt: string;
  place: string;
  agenda: string;
  onlineAllowed: boolean;
  state: string;
  heldOn: string | null;
  minutes: string;
  attendanceStatus: string | null;
  leaveState: string | null;
  canSignInOnline: boolean;
  cancelReason: string;
}

const query = (when: string) =>
  `/me/meetings?${new URLSearchParams({ sort: JSON.stringify(['scheduledAt', when === 'upcoming' ? 'ASC' : 'DESC']), range: '[0,49]', filter: JSON.stringify({ when }) })}`;

function MeetingChips({ meeting }: { meeting: MyMeeting }) {
  const translate = useTranslate();
  return (
    <Stack direction="row" spacing={0.5} sx={{ flexWrap: 'wrap', gap: 0.5 }}>
      <Chip size="small" label={translate(`dj.meeting_kinds.${meeting.kind}`)} />
      {meeting.state !== 'scheduled' ? (
        <Chip size="small" label={translate(`dj.meeting_states.${meeting.state}`)} />
      ) : null}
      {meeting.attendanceStatus ? (
        <Chip
          size="small"
          color="success"
          label={translate(`dj.attendance_statuses.${meeting.attendanceStatus}`)}
        />
      ) : null}
      {meeting.leaveState && meeting.attendanceStatus === null ? (
        <Chip size="small" color="warning" label={translate(`dj.my.leave_chip.${meeting.leaveState}`)} />
      ) : null}
    </Stack>
  );
}

/** 我的会议: upcoming and past meetings of my organisations. */
export function MyMeetingsPage() {
  const translate = useTranslate();
  const [when, setWhen] = useState('upcoming');
  const { data, error } = useMy<MyMeeting[]>(query(when));
  return (
    <Stack spacing={1.5}>
      <Title title={translate('dj.my.nav.meetings')} />
      <Tabs value={when} onChange={(_, value: string) => setWhen(value)} variant="fullWidth">
        <Tab value="upcoming" label={translate('dj.my.meetings.upcoming')} />
        <Tab value="past" label={translate('dj.my.meetings.past')} />
      </Tabs>
      {error ? <Alert severity="error">{error}</Alert> : null}
      {data && data.length === 0 ? (
        <Typography color="text.secondary">{translate('dj.my.meetings.none')}</Typography>
      ) : null}
      {data?.map((meeting) => (
        <Card key={meeting.id}>
          <CardActionArea component={Link} to={`/me/meetings/${meeting.id}`}>
            <CardContent sx={{ py: 1.5 }}>
              <Typography sx={{ fontWeight: 500 }}>{meeting.title}</Typography>
              <Typography variant="body2" color="text.secondary">
                {chinaTime(meeting.scheduledAt)} · {meeting.place || meeting.organisationName}
              </Typography>
              <MeetingChips meeting={meeting} />
            </CardContent>
          </CardActionArea>
        </Card>
      ))}
    </Stack>
  );
}

/** One meeting: when and where, the minutes once held, and what I can do — sign in online, ask for leave. */
export function MyMeetingPage() {
  const translate = useTranslate();
  const dataProvider = useDataProvider<DjDataProvider>();
  const { id = '' } = useParams();
  const { data: meeting, error, reload } = useMy<MyMeeting>(`/me/meetings/${id}`);
  const [reason, setReason] = useState('');
  const [outcome, setOutcome] = useState<{ ok: boolean; text: string } | null>(null);
  const act = async (work: () => Promise<unknown>, done: string) => {
    try {
      await work();
      setOutcome({ ok: true, text: translate(done) });
      reload();
    } catch (e) {
      setOutcome({ ok: false, text: (e as Error).message });
    }
  };
  const askLeave = () =>
    act(
      () => dataProvider.send('POST', `/me/meetings/${id}/leave-request`, { reason }),
      'dj.my.meetings.leave_sent',
    );
  const signIn = () =>
    act(
      () => dataProvider.send('POST', '/attendance/sign-in', { meetingId: id, online: true }),
      'dj.my.meetings.signed_in',
    );
  const canAskLeave =
    meeting?.state === 'scheduled' &&
    meeting.attendanceStatus !== 'present' &&
    (meeting.leaveState === null || meeting.leaveState === 'requested');
  return (
    <Stack spacing={1.5}>
      <Title title={translate('dj.my.nav.meetings')} />
      {error ? <Alert severity="error">{error}</Alert> : null}
      {meeting ? (
        <>
          <Card>
            <CardContent>
              <Typography variant="h6" component="h2">
                {meeting.title}
              </Typography>
              <Typography color="text.secondary">{meeting.organisationName}</Typography>
              <Typography sx={{ mt: 1 }}>
                {translate('dj.my.meetings.when', { time: chinaTime(meeting.scheduledAt) })}
              </Typography>
              {meeting.place ? (
                <Typography>{translate('dj.my.meetings.where', { place: meeting.place })}</Typography>
              ) : null}
              <MeetingChips meeting={meeting} />
              {meeting.state === 'cancelled' && meeting.cancelReason ? (
                <Alert severity="warning" sx={{ mt: 1 }}>
                  {translate('dj.my.meetings.cancelled', { reason: meeting.cancelReason })}
                </Alert>
              ) : null}
            </CardContent>
          </Card>
          {meeting.agenda ? (
            <Card>
              <CardContent>
                <Typography variant="subtitle1" component="h2" gutterBottom>
                  {translate('dj.my.meetings.agenda')}
                </Typography>
                <Typography sx={{ whiteSpace: 'pre-wrap' }}>{meeting.agenda}</Typography>
              </CardContent>
            </Card>
          ) : null}
          {meeting.minutes ? (
            <Card>
              <CardContent>
                <Typography variant="subtitle1" component="h2" gutterBottom>
                  {translate('dj.my.meetings.minutes')}
                </Typography>
                <Typography sx={{ whiteSpace: 'pre-wrap' }}>{meeting.minutes}</Typography>
              </CardContent>
            </Card>
          ) : null}
          {meeting.canSignInOnline ? (
            <Button variant="contained" size="large" onClick={() => void signIn()}>
              {translate('dj.my.meetings.sign_in_online')}
            </Button>
          ) : null}
          {meeting.state === 'scheduled' && meeting.attendanceStatus !== 'present' ? (
            <Typography variant="body2" color="text.secondary">
              {translate('dj.my.meetings.scan_hint')}
            </Typography>
          ) : null}
          {canAskLeave ? (
            <Card>
              <CardContent>
                <Stack spacing={1}>
                  <Typography variant="subtitle1" component="h2">
                    {translate(
                      meeting.leaveState === 'requested'
                        ? 'dj.my.meetings.leave_again'
                        : 'dj.my.meetings.leave',
                    )}
                  </Typography>
                  <TextField
                    label={translate('dj.my.meetings.leave_reason')}
                    value={reason}
                    onChange={(event) => setReason(event.target.value)}
                    multiline
                    minRows={2}
                    slotProps={{ htmlInput: { maxLength: 500 } }}
                  />
                  <Button
                    variant="outlined"
                    disabled={reason.trim().length < 2}
                    onClick={() => void askLeave()}
                  >
                    {translate('dj.my.meetings.leave_send')}
                  </Button>
                </Stack>
              </CardContent>
            </Card>
          ) : null}
          {outcome ? (
            <Alert severity={outcome.ok ? 'success' : 'error'} data-testid="my-meeting-outcome">
              {outcome.text}
            </Alert>
          ) : null}
        </>
      ) : null}
    </Stack>
  );
}
