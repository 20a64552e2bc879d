import {
  Alert,
  Box,
  Button as MuiButton,
  Chip,
  MenuItem,
  Paper,
  Stack,
  TextField as MuiTextField,
  Typography,
} from '@mui/material';
import QRCode from 'qrcode';
import { useEffect, useMemo, useState } from 'react';
import {
  AutocompleteInput,
  BooleanInput,
  Create,
  Datagrid,
  DateTimeInput,
  FormDataConsumer,
  FunctionField,
  List,
  ReferenceInput,
  SelectField,
  SelectInput,
  Show,
  SimpleForm,
  SimpleShowLayout,
  TextField,
  TextInput,
  Title,
  required,
  useDataProvider,
  useGetList,
  useNotify,
  useRecordContext,
  useRefresh,
  useTranslate,
  SimpleList,
} from 'react-admin';
import { ChinaDateField } from '../layout/ChinaDateField';
import { usePhone } from '../layout/usePhone';
import { cachedMe, currentTenantSlug } from '../data/session';
import type { DjDataProvider } from '../data/extendedDataProvider';
import { signInLink } from './SignInPage';
import { MeetingVotesPanel } from './MeetingVotesPanel';
import { translatedChoices } from '../i18n/choices';
import {
  chinaDay,
  chinaMonth,
  chinaTime,
  chinaClock,
  toChinaInput,
  fromChinaInput,
} from '../i18n/china-dates';

const KINDS = [
  'branch_general_meeting',
  'branch_committee_meeting',
  'group_meeting',
  'party_lecture',
  'theme_day',
  'organisational_life_meeting',
  'member_appraisal',
];
const KIND_CHOICES = translatedChoices(KINDS, 'dj.meeting_kinds');
const STATE_CHOICES = translatedChoices(['scheduled', 'held', 'cancelled'], 'dj.meeting_states');
const ATTENDANCE_CHOICES = translatedChoices(['present', 'excused', 'absent'], 'dj.attendance_statuses');

interface Meeting {
  id: string;
  kind: string;
  title: string;
  state: string;
  scheduledAt: string;
  organisationName: string;
  quorum: { voters: number; present: number; met: boolean } | null;
  minutes: string;
  presentCount: number;
  attendanceTaken: boolean;
}

const filters = [
  <SelectInput key="kind" source="kind" choices={KIND_CHOICES} alwaysOn />,
  <SelectInput key="state" source="state" choices={STATE_CHOICES} />,
];

/** 三会一课: every meeting of the caller's organisations, newest first. */
export function MeetingList() {
  const phone = usePhone();
  const translate = useTranslate();
  return (
    <List filters={filters} sort={{ field: 'scheduledAt', order: 'DESC' }}>
      {phone ? (
        <SimpleList<Meeting>
          primaryText={(r) => r.title}
          secondaryText={(r) => `${chinaTime(r.scheduledAt)} · ${r.organisationName}`}
          tertiaryText={(r) =>
            r.state === 'held' && !r.attendanceTaken
              ? `${translate(`dj.meeting_states.${r.state}`)} · ${translate('dj.meetings.attendance_not_taken')}`
              : translate(`dj.meeting_states.${r.state}`)
          }
          rowClick="show"
        />
      ) : (
        <Datagrid rowClick="show" bulkActionButtons={false}>
          <FunctionField source="scheduledAt" render={(r: Meeting) => chinaTime(r.scheduledAt)} />
          <SelectField source="kind" choices={KIND_CHOICES} sortable={false} />
          <TextField source="title" sortable={false} />
          <TextField source="organisationName" sortable={false} />
          <SelectField source="state" choices={STATE_CHOICES} sortable={false} />
          <FunctionField
            source="presentCount"
            sortable={false}
            render={(r: Meeting) =>
              r.state === 'held' && !r.attendanceTaken
                ? translate('dj.meetings.attendance_not_taken')
                : String(r.presentCount)
            }
          />
        </Datagrid>
      )}
    </List>
  );
}

export function MeetingCreate() {
  return (
    <Create redirect="show">
      <SimpleForm>
        <ReferenceInput
          source="organisationId"
          reference="organisations"
          sort={{ field: 'name', order: 'ASC' }}
        >
          <AutocompleteInput optionText="name" filterToQuery={(q: string) => ({ q })} validate={required()} />
        </ReferenceInput>
        <SelectInput source="kind" choices={KIND_CHOICES} validate={required()} />
        <TextInput source="title" validate={required()} fullWidth />
        {/* Meetings are in China time, whatever zone the browser is set to. */}
        <DateTimeInput
          source="scheduledAt"
          validate={required()}
          format={toChinaInput}
          parse={fromChinaInput}
          helperText="dj.meetings.china_time"
        />
        <TextInput source="place" />
        <TextInput source="agenda" multiline minRows={3} />
        <BooleanInput source="onlineAllowed" />
        {/* A party lecture names its lecturer: a secretary's own lecture counts yearly (rules.md §4). */}
        <FormDataConsumer<{ kind?: string }>>
          {({ formData }) =>
            formData.kind === 'party_lecture' ? (
              <ReferenceInput
                source="lecturerMemberId"
                reference="members"
                sort={{ field: 'name', order: 'ASC' }}
              >
                <AutocompleteInput optionText="name" filterToQuery={(q: string) => ({ q })} />
              </ReferenceInput>
            ) : null
          }
        </FormDataConsumer>
      </SimpleForm>
    </Create>
  );
}

/** The QR code members scan to sign in: a fresh token every minute while the page is open. */
function SignInQrCode({ meetingId }: { meetingId: string }) {
  const dataProvider = useDataProvider<DjDataProvider>();
  const translate = useTranslate();
  const [image, setImage] = useState('');
  const [expiresAt, setExpiresAt] = useState('');
  const [link, setLink] = useState('');
  useEffect(() => {
    let stopped = false;
    const refresh = async () => {
      const { token, expiresAt: expires } = await dataProvider.send<{ token: string; expiresAt: string }>(
        'POST',
        `/meetings/${meetingId}/sign-in-tokens`,
      );
      // What the member's phone opens: the console's sign-in page for this meeting and token.
      const payload = signInLink(currentTenantSlug(cachedMe()) ?? '', meetingId, token);
      if (!stopped) {
        setImage(await QRCode.toDataURL(payload, { width: 220, margin: 1 }));
        setLink(payload);
        setExpiresAt(expires);
      }
    };
    void refresh();
    const timer = setInterval(() => void refresh(), 60_000);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [meetingId, dataProvider]);
  if (!image) return null;
  return (
    <Box sx={{ textAlign: 'center', my: 1 }}>
      <img src={image} alt={translate('dj.meetings.qr')} data-testid="sign-in-qr" data-link={link} />
      <Typography variant="caption" sx={{ display: 'block' }}>
        {translate('dj.meetings.qr_hint', { time: chinaTime(expiresAt) })}
      </Typography>
    </Box>
  );
}

/** Notify, sign-in, hold (with the date and minutes), cancel; attendance by hand. */
function MeetingPanel() {
  const record = useRecordContext<Meeting>();
  const dataProvider = useDataProvider<DjDataProvider>();
  const translate = useTranslate();
  const notify = useNotify();
  const refresh = useRefresh();
  const [showQr, setShowQr] = useState(false);
  const [heldOn, setHeldOn] = useState(chinaDay());
  const [minutes, setMinutes] = useState('');
  const [reason, setReason] = useState('');
  const [memberId, setMemberId] = useState('');
  const [status, setStatus] = useState('present');
  const { data: attendance, refetch } = useGetList(
    'attendance',
    {
      filter: { meetingId: record?.id },
      sort: { field: 'memberName', order: 'ASC' },
      pagination: { page: 1, perPage: 500 },
    },
    { enabled: Boolean(record) },
  );
  const { data: members } = useGetList(
    'members',
    { filter: {}, sort: { field: 'name', order: 'ASC' }, pagination: { page: 1, perPage: 200 } },
    { enabled: record?.state !== 'cancelled' },
  );
  if (!record) return null;
  const run = async (work: () => Promise<unknown>, done: string) => {
    try {
      await work();
      notify(done, { type: 'success' });
      refresh();
      void refetch();
    } catch (error) {
      notify((error as Error).message, { type: 'error' });
    }
  };
  const act = (body: object) =>
    run(
      () => dataProvider.send('POST', `/meetings/${record.id}/actions`, body),
      translate('dj.meetings.saved'),
    );
  return (
    <Stack spacing={2} sx={{ my: 2 }}>
      {record.quorum ? (
        <Alert severity={record.quorum.met ? 'success' : 'warning'}>
          {translate(record.quorum.met ? 'dj.meetings.quorum_met' : 'dj.meetings.quorum_not_met', {
            present: record.quorum.present,
            voters: record.quorum.voters,
          })}
        </Alert>
      ) : null}
      {record.state === 'scheduled' ? (
        <>
          <Box>
            <MuiButton variant="outlined" sx={{ mr: 1 }} onClick={() => void act({ action: 'notify' })}>
              {translate('dj.meeting_actions.notify')}
            </MuiButton>
            <MuiButton variant="outlined" onClick={() => setShowQr(!showQr)}>
              {translate('dj.meetings.show_qr')}
            </MuiButton>
          </Box>
          {showQr ? <SignInQrCode meetingId={record.id} /> : null}
          <MuiTextField
            size="small"
            multiline
            minRows={3}
            fullWidth
            label={translate('resources.meetings.fields.minutes')}
            value={minutes}
            onChange={(e) => setMinutes(e.target.value)}
          />
          <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
            <MuiTextField
              size="small"
              type="date"
              sx={{ width: 200 }}
              label={translate('resources.meetings.fields.heldOn')}
              value={heldOn}
              onChange={(e) => setHeldOn(e.target.value)}
              slotProps={{ inputLabel: { shrink: true } }}
            />
            <MuiButton variant="contained" onClick={() => void act({ action: 'hold', heldOn, minutes })}>
              {translate('dj.meeting_actions.hold')}
            </MuiButton>
          </Stack>
          <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
            <MuiTextField
              size="small"
              label={translate('dj.meetings.cancel_reason')}
              value={reason}
              onChange={(e) => setReason(e.target.value)}
            />
            <MuiButton color="error" onClick={() => void act({ action: 'cancel', reason })}>
              {translate('dj.meeting_actions.cancel')}
            </MuiButton>
          </Stack>
        </>
      ) : null}
      {record.state !== 'cancelled' ? (
        <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
          <MuiTextField
            select
            size="small"
            sx={{ minWidth: 200 }}
            label={translate('resources.attendance.fields.memberName')}
            value={memberId}
            onChange={(e) => setMemberId(e.target.value)}
          >
            {(members ?? []).map((m) => (
              <MenuItem key={m.id} value={m.id}>
                {m.name}
              </MenuItem>
            ))}
          </MuiTextField>
          <MuiTextField
            select
            size="small"
            label={translate('resources.attendance.fields.status')}
            value={status}
            onChange={(e) => setStatus(e.target.value)}
          >
            {ATTENDANCE_CHOICES.map((c) => (
              <MenuItem key={c.id} value={c.id}>
                {translate(c.name)}
              </MenuItem>
            ))}
          </MuiTextField>
          <MuiButton
            disabled={!memberId}
            onClick={() =>
              void run(
                () => dataProvider.send('POST', '/attendance', { meetingId: record.id, memberId, status }),
                translate('dj.meetings.saved'),
              )
            }
          >
            {translate('dj.meetings.record_attendance')}
          </MuiButton>
        </Stack>
      ) : null}
      <Box>
        <Typography variant="subtitle2">{translate('dj.meetings.attendance')}</Typography>
        {(attendance ?? []).map((a) => (
          <Chip
            key={a.id}
            sx={{ mr: 0.5, mb: 0.5 }}
            color={a.status === 'present' ? 'success' : a.status === 'excused' ? 'default' : 'warning'}
            label={`${a.memberName} · ${translate(`dj.attendance_statuses.${a.status}`)}${a.mode === 'online' ? ` · ${translate('dj.meetings.online')}` : ''}`}
          />
        ))}
      </Box>
    </Stack>
  );
}

export function MeetingShow() {
  const translate = useTranslate();
  return (
    <Show>
      <SimpleShowLayout>
        <TextField source="title" />
        <SelectField source="kind" choices={KIND_CHOICES} />
        <TextField source="organisationName" />
        <FunctionField source="scheduledAt" render={(r: Meeting) => chinaTime(r.scheduledAt)} />
        <TextField source="place" emptyText="—" />
        <TextField source="agenda" emptyText="—" sx={{ whiteSpace: 'pre-wrap' }} />
        <TextField source="lecturerName" emptyText="—" />
        <SelectField source="state" choices={STATE_CHOICES} />
        <ChinaDateField source="heldOn" emptyText="—" />
        <FunctionField
          source="presentCount"
          render={(r: Meeting) =>
            r.state === 'held' && !r.attendanceTaken ? (
              <Alert severity="warning">{translate('dj.meetings.attendance_not_taken_hint')}</Alert>
            ) : (
              String(r.presentCount)
            )
          }
        />
        <TextField source="minutes" emptyText="—" />
        <MeetingPanel />
        <MeetingVotesPanel />
      </SimpleShowLayout>
    </Show>
  );
}

const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

/** 会议日历: a month at a glance, China time; cancelled meetings struck through. */
export function MeetingCalendar() {
  const translate = useTranslate();
  const [month, setMonth] = useState(chinaMonth());
  const first = `${month}-01`;
  const next = useMemo(() => {
    const d = new Date(`${first}T00:00:00Z`);
    d.setUTCMonth(d.getUTCMonth() + 1);
    return d.toISOString().slice(0, 10);
  }, [first]);
  const { data } = useGetList<Meeting>('meetings', {
    filter: { from: first, to: next },
    sort: { field: 'scheduledAt', order: 'ASC' },
    pagination: { page: 1, perPage: 500 },
  });
  const days =
    Number(new Date(`${next}T00:00:00Z`).getTime() - new Date(`${first}T00:00:00Z`).getTime()) / 86_400_000;
  const offset = (new Date(`${first}T00:00:00Z`).getUTCDay() + 6) % 7; // weeks start on Monday
  const cells = [...Array(offset).fill(null), ...Array.from({ length: days }, (_, i) => i + 1)];
  const shift = (by: number) => {
    const d = new Date(`${first}T00:00:00Z`);
    d.setUTCMonth(d.getUTCMonth() + by);
    setMonth(d.toISOString().slice(0, 7));
  };
  return (
    <Box sx={{ p: 2 }}>
      <Title title={translate('dj.meetings.calendar')} />
      <Stack direction="row" spacing={2} sx={{ alignItems: 'center', mb: 1 }}>
        <MuiButton onClick={() => shift(-1)}>‹</MuiButton>
        <Typography variant="h6">
          {translate('dj.dues.month_label', { year: month.slice(0, 4), month: Number(month.slice(5)) })}
        </Typography>
        <MuiButton onClick={() => shift(1)}>›</MuiButton>
      </Stack>
      <Box sx={{ display: 'grid', gridTemplateColumns: 'repeat(7, minmax(0, 1fr))', gap: 0.5 }}>
        {WEEKDAYS.map((d) => (
          <Typography key={d} variant="caption" sx={{ textAlign: 'center' }}>
            {translate(`dj.meetings.weekdays.${d}`)}
          </Typography>
        ))}
        {cells.map((day, index) => (
          <Paper key={index} variant="outlined" sx={{ minHeight: 80, p: 0.5, opacity: day ? 1 : 0 }}>
            {day ? <Typography variant="caption">{day}</Typography> : null}
            {(data ?? [])
              .filter(
                (m) =>
                  day && chinaDay(new Date(m.scheduledAt)) === `${month}-${String(day).padStart(2, '0')}`,
              )
              .map((m) => {
                const label = `${chinaClock(m.scheduledAt)} ${translate(`dj.meeting_kinds.${m.kind}`)} ${m.organisationName}${m.state === 'cancelled' ? `（${translate('dj.meeting_states.cancelled')}）` : ''}`;
                // A narrow day cuts the label short: the whole of it is the chip's title.
                return (
                  <Chip
                    key={m.id}
                    title={label}
                    size="small"
                    component="a"
                    href={`#/meetings/${m.id}/show`}
                    clickable
                    data-state={m.state}
                    variant={m.state === 'cancelled' ? 'outlined' : 'filled'}
                    sx={{
                      display: 'flex',
                      mb: 0.25,
                      ...(m.state === 'cancelled' ? { textDecoration: 'line-through', opacity: 0.7 } : {}),
                    }}
                    color={m.state === 'held' ? 'success' : m.state === 'cancelled' ? 'default' : 'primary'}
                    label={label}
                  />
                );
              })}
          </Paper>
        ))}
      </Box>
    </Box>
  );
}
