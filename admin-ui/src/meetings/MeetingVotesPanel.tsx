import {
  Box,
  Button as MuiButton,
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
import { useState } from 'react';
import { useDataProvider, useGetList, useNotify, useRecordContext, useTranslate } from 'react-admin';
import type { DjDataProvider } from '../data/extendedDataProvider';
import { TableBox } from '../layout/TableBox';

const SUBJECTS = ['to_probationary', 'probation_extension', 'confirmation'] as const;

interface Vote {
  id: string;
  memberName: string;
  subject: string;
  eligible: number;
  present: number;
  inFavour: number;
  against: number;
  abstained: number;
}

/**
 * 表决情况 on a held branch general meeting (issue 14, part 6): the votes on admission, extension and
 * confirmation are recorded here once; the development step picks them from the member's page.
 */
export function MeetingVotesPanel() {
  const record = useRecordContext<{ id: string; kind: string; state: string; organisationId: string }>();
  const translate = useTranslate();
  const notify = useNotify();
  const dataProvider = useDataProvider<DjDataProvider>();
  const [memberId, setMemberId] = useState('');
  const [subject, setSubject] = useState<string>('to_probationary');
  const [counts, setCounts] = useState({ inFavour: '', against: '0', abstained: '0' });
  const shown = record?.kind === 'branch_general_meeting' && record.state === 'held';
  const { data: votes, refetch } = useGetList<Vote>(
    'meeting-votes',
    {
      filter: { meetingId: record?.id },
      sort: { field: 'createdAt', order: 'DESC' },
      pagination: { page: 1, perPage: 100 },
    },
    { enabled: shown },
  );
  const { data: members } = useGetList(
    'members',
    {
      filter: { withinId: record?.organisationId, status: 'active' },
      sort: { field: 'name', order: 'ASC' },
      pagination: { page: 1, perPage: 200 },
    },
    { enabled: shown },
  );
  if (!record || !shown) return null;
  const recordVote = async () => {
    try {
      await dataProvider.send('POST', '/meeting-votes', {
        meetingId: record.id,
        memberId,
        subject,
        inFavour: Number(counts.inFavour),
        against: Number(counts.against),
        abstained: Number(counts.abstained),
      });
      notify(translate('dj.votes.recorded'), { type: 'success' });
      setMemberId('');
      void refetch();
    } catch (error) {
      notify((error as Error).message, { type: 'error' });
    }
  };
  const number = (key: keyof typeof counts) => (
    <MuiTextField
      size="small"
      type="number"
      sx={{ width: 90 }}
      label={translate(`dj.votes.${key}`)}
      value={counts[key]}
      onChange={(e) => setCounts({ ...counts, [key]: e.target.value })}
    />
  );
  return (
    <Box sx={{ my: 2 }} data-testid="meeting-votes">
      <Typography variant="subtitle1">{translate('dj.votes.title')}</Typography>
      <TableBox>
        <Table size="small">
          <TableHead>
            <TableRow>
              {['member', 'subject', 'result'].map((column) => (
                <TableCell key={column}>{translate(`dj.votes.${column}`)}</TableCell>
              ))}
            </TableRow>
          </TableHead>
          <TableBody>
            {(votes ?? []).map((vote) => (
              <TableRow key={vote.id}>
                <TableCell>{vote.memberName}</TableCell>
                <TableCell>{translate(`dj.steps.${vote.subject}`)}</TableCell>
                <TableCell>{translate('dj.votes.result_text', { ...vote })}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </TableBox>
      <Stack direction="row" spacing={1} sx={{ alignItems: 'center', flexWrap: 'wrap', my: 1, rowGap: 1 }}>
        <MuiTextField
          select
          size="small"
          sx={{ minWidth: 160 }}
          label={translate('dj.votes.member')}
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
          label={translate('dj.votes.subject')}
          value={subject}
          onChange={(e) => setSubject(e.target.value)}
        >
          {SUBJECTS.map((s) => (
            <MenuItem key={s} value={s}>
              {translate(`dj.steps.${s}`)}
            </MenuItem>
          ))}
        </MuiTextField>
        {number('inFavour')}
        {number('against')}
        {number('abstained')}
        <MuiButton
          variant="outlined"
          disabled={!memberId || counts.inFavour === ''}
          onClick={() => void recordVote()}
        >
          {translate('dj.votes.record')}
        </MuiButton>
      </Stack>
    </Box>
  );
}
