import { Button, Stack, TextField as MuiTextField } from '@mui/material';
import RateReviewIcon from '@mui/icons-material/RateReview';
import { useState } from 'react';
import {
  Datagrid,
  List,
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

/** The secretary's answer, written where the report is read. */
function Reply() {
  const record = useRecordContext<{ id: string }>();
  const translate = useTranslate();
  const dataProvider = useDataProvider<DjDataProvider>();
  const notify = useNotify();
  const refresh = useRefresh();
  const [reply, setReply] = useState('');
  if (!record) return null;
  const send = async () => {
    try {
      await dataProvider.send('POST', `/thought-reports/${record.id}/reply`, { reply });
      notify('dj.thought_report_replies.replied', { type: 'success' });
      refresh();
    } catch (error) {
      notify((error as Error).message, { type: 'error' });
    }
  };
  return (
    <Stack spacing={1} sx={{ minWidth: 220 }} onClick={(event) => event.stopPropagation()}>
      <MuiTextField
        size="small"
        multiline
        minRows={2}
        label={translate('dj.thought_report_replies.reply_text')}
        value={reply}
        onChange={(event) => setReply(event.target.value)}
        slotProps={{ htmlInput: { maxLength: 5000 } }}
      />
      <Button size="small" variant="contained" disabled={reply.trim().length < 2} onClick={() => void send()}>
        {translate('dj.thought_report_replies.reply')}
      </Button>
    </Stack>
  );
}

/** The files a member sent with the report. */
// `label` is read by the Datagrid for the column's heading.
function Files(_props: { label?: string }) {
  const record = useRecordContext<{ id: string; attachments: { id: string; fileName: string }[] }>();
  const dataProvider = useDataProvider<DjDataProvider>();
  if (!record?.attachments?.length) return null;
  return (
    <Stack spacing={0.5} onClick={(event) => event.stopPropagation()}>
      {record.attachments.map((attachment) => (
        <Button
          key={attachment.id}
          size="small"
          onClick={() =>
            void dataProvider.download(
              `/thought-reports/${record.id}/attachments/${attachment.id}`,
              attachment.fileName,
            )
          }
        >
          {attachment.fileName}
        </Button>
      ))}
    </Stack>
  );
}

function UnansweredThoughtReportList() {
  return (
    <List sort={{ field: 'createdAt', order: 'ASC' }} exporter={false}>
      <TableBox>
        <Datagrid bulkActionButtons={false} rowClick={false}>
          <TextField source="memberName" />
          <ChinaDateField source="submittedOn" />
          <TextField source="title" />
          <TextField source="content" sx={{ whiteSpace: 'pre-wrap', display: 'block', maxWidth: 480 }} />
          <Files label="dj.thought_report_replies.files" />
          <Reply />
        </Datagrid>
      </TableBox>
    </List>
  );
}

/** 思想汇报回复: what members submitted in their space, for the secretary to read and answer. */
export const unansweredThoughtReportsResource: ConsoleResource = {
  name: 'unanswered-thought-reports',
  roles: ['tenant-admin', 'secretary'],
  module: 'organisation',
  icon: RateReviewIcon,
  list: UnansweredThoughtReportList,
  messages: {
    'zh-CN': {
      name: '待回复思想汇报 |||| 待回复思想汇报',
      fields: { memberName: '党员', submittedOn: '提交日期', title: '标题', content: '正文' },
    },
    en: {
      name: 'Report to answer |||| Reports to answer',
      fields: { memberName: 'Member', submittedOn: 'Submitted', title: 'Title', content: 'Text' },
    },
  },
};
