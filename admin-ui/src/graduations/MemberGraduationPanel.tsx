import {
  Box,
  Button as MuiButton,
  MenuItem,
  Stack,
  TextField as MuiTextField,
  Typography,
} from '@mui/material';
import { useEffect, useState } from 'react';
import { useDataProvider, useGetList, useNotify, useRecordContext, useTranslate } from 'react-admin';
import type { DjDataProvider } from '../data/extendedDataProvider';

const DESTINATIONS = ['employed', 'further_study', 'unemployed', 'unknown'] as const;

interface Graduation {
  id: string;
  graduatesOn: string;
  destination: string;
  employer: string;
}

/**
 * 毕业去向 on a student member's page: the graduation date, destination and employer, which feed the
 * graduate chase list (rules.md §5). Shown for student members only, as the API accepts no others.
 */
export function MemberGraduationPanel() {
  const record = useRecordContext<{ id: string; occupation: string }>();
  const translate = useTranslate();
  const notify = useNotify();
  const dataProvider = useDataProvider<DjDataProvider>();
  const enabled = record?.occupation === 'student';
  const { data, refetch } = useGetList<Graduation>(
    'graduations',
    {
      filter: { memberId: record?.id },
      sort: { field: 'graduatesOn', order: 'DESC' },
      pagination: { page: 1, perPage: 1 },
    },
    { enabled },
  );
  const recorded = data?.[0];
  const [graduatesOn, setGraduatesOn] = useState('');
  const [destination, setDestination] = useState<string>('unknown');
  const [employer, setEmployer] = useState('');
  // The form starts from what is on record, once it has loaded.
  useEffect(() => {
    if (!recorded) return;
    setGraduatesOn(recorded.graduatesOn);
    setDestination(recorded.destination);
    setEmployer(recorded.employer);
  }, [recorded]);
  if (!record || !enabled) return null;
  const save = async () => {
    try {
      await dataProvider.send('PUT', `/graduations/${record.id}`, { graduatesOn, destination, employer });
      notify(translate('dj.graduates.saved'), { type: 'success' });
      void refetch();
    } catch (error) {
      notify((error as Error).message, { type: 'error' });
    }
  };
  return (
    <Box sx={{ my: 2 }} data-testid="member-graduation">
      <Typography variant="subtitle1">{translate('dj.graduates.member_title')}</Typography>
      <Typography variant="body2" sx={{ mb: 1 }}>
        {recorded
          ? translate('dj.graduates.on_record', {
              date: recorded.graduatesOn,
              destination: translate(`dj.graduate_destinations.${recorded.destination}`),
            })
          : translate('dj.graduates.none_recorded')}
      </Typography>
      <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
        <MuiTextField
          size="small"
          type="date"
          label={translate('resources.graduations.fields.graduatesOn')}
          value={graduatesOn}
          onChange={(e) => setGraduatesOn(e.target.value)}
          slotProps={{ inputLabel: { shrink: true } }}
        />
        <MuiTextField
          size="small"
          select
          sx={{ minWidth: 140 }}
          label={translate('resources.graduations.fields.destination')}
          value={destination}
          onChange={(e) => setDestination(e.target.value)}
        >
          {DESTINATIONS.map((d) => (
            <MenuItem key={d} value={d}>
              {translate(`dj.graduate_destinations.${d}`)}
            </MenuItem>
          ))}
        </MuiTextField>
        <MuiTextField
          size="small"
          label={translate('resources.graduations.fields.employer')}
          value={employer}
          onChange={(e) => setEmployer(e.target.value)}
          slotProps={{ htmlInput: { maxLength: 100 } }}
        />
        <MuiButton variant="outlined" disabled={!graduatesOn} onClick={() => void save()}>
          {translate('dj.graduates.save')}
        </MuiButton>
      </Stack>
    </Box>
  );
}
