import { Button, Stack, TextField as MuiTextField } from '@mui/material';
import EventBusyIcon from '@mui/icons-material/EventBusy';
import { useState } from 'react';
import {
  Datagrid,
  FunctionField,
  List,
  SelectInput,
  TextField,
  useDataProvider,
  useNotify,
  useRecordContext,
  useRefresh,
  useTranslate,
} from 'react-admin';
import type { DjDataProvider } from '../data/extendedDataProvider';
import type { ConsoleResource } from '../layout/console-resource';
import { ChinaDateField } from '../layout/ChinaDateField';
import { TableBox } from '../layout/TableBox';

interface LeaveRequest {
  id: string;
  state: string;
}

/** Grant, or refuse with a note: the member sees the decision in their space. */
function Decide() {
  const record = useRecordContext<LeaveRequest>();
  const translate = useTranslate();
  const dataProvider = useDataProvider<DjDataProvider>();
  const notify = useNotify();
  const refresh = useRefresh();
  const [note, setNote] = useState('');
  if (!record || record.state !== 'requested') return null;
  const decide = async (grant: boolean) => {
    try {
      await dataProvider.send('POST', `/meeting-leave-requests/${record.id}/decision`, { grant, note });
      notify(grant ? 'dj.leave_requests.granted' : 'dj.leave_requests.refused', { type: 'success' });
      refresh();
    } catch (error) {
      notify((error as Error).message, { type: 'error' });
    }
  };
  return (
    <Stack
      direction="row"
      spacing={1}
      sx={{ alignItems: 'center' }}
      onClick={(event) => event.stopPropagation()}
    >
      <Button size="small" variant="contained" onClick={() => void decide(true)}>
        {translate('dj.leave_requests.grant')}
      </Button>
      <MuiTextField
        size="small"
        label={translate('dj.leave_requests.refuse_note')}
        value={note}
        onChange={(event) => setNote(event.target.value)}
        slotProps={{ htmlInput: { maxLength: 500 } }}
      />
      <Button size="small" disabled={note.trim().length < 2} onClick={() => void decide(false)}>
        {translate('dj.leave_requests.refuse')}
      </Button>
    </Stack>
  );
}

const STATES = ['requested', 'granted', 'refused'];

function LeaveRequestList() {
  const translate = useTranslate();
  return (
    <List
      sort={{ field: 'requestedAt', order: 'ASC' }}
      filterDefaultValues={{ state: 'requested' }}
      filters={[
        <SelectInput
          key="state"
          source="state"
          alwaysOn
          choices={STATES.map((id) => ({ id, name: translate(`dj.my.leave_states.${id}`) }))}
        />,
      ]}
    >
      <TableBox>
        <Datagrid bulkActionButtons={false} rowClick={false}>
          <TextField source="memberName" />
          <TextField source="meetingTitle" />
          <ChinaDateField source="meetingScheduledAt" showTime />
          <TextField source="reason" />
          <FunctionField
            source="state"
            render={(record: LeaveRequest) => translate(`dj.my.leave_states.${record.state}`)}
          />
          <Decide />
        </Datagrid>
      </TableBox>
    </List>
  );
}

/** 请假审批: members ask in their own space; the organiser grants (recorded excused) or refuses. */
export const meetingLeaveRequestsResource: ConsoleResource = {
  name: 'meeting-leave-requests',
  roles: ['tenant-admin', 'secretary'],
  module: 'organisation',
  icon: EventBusyIcon,
  list: LeaveRequestList,
  messages: {
    'zh-CN': {
      name: '请假审批 |||| 请假审批',
      fields: {
        memberName: '党员',
        meetingTitle: '会议',
        meetingScheduledAt: '会议时间',
        reason: '请假事由',
        state: '状态',
      },
    },
    en: {
      name: 'Leave request |||| Leave requests',
      fields: {
        memberName: 'Member',
        meetingTitle: 'Meeting',
        meetingScheduledAt: 'Meeting time',
        reason: 'Reason',
        state: 'State',
      },
    },
  },
};
