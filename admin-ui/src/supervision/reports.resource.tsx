import { Alert, Button, Chip, List as MuiList, ListItem, ListItemText, Stack } from '@mui/material';
import { TextField as MuiTextField } from '@mui/material';
import ReportIcon from '@mui/icons-material/Report';
import { useState } from 'react';
import {
  Datagrid,
  FunctionField,
  List,
  Show,
  SimpleShowLayout,
  TextField,
  useDataProvider,
  useNotify,
  useRecordContext,
  useTranslate,
} from 'react-admin';
import type { DjDataProvider } from '../data/extendedDataProvider';
import { StepDialog, useStep } from '../layout/step-dialog';
import type { ConsoleResource } from '../layout/console-resource';
import { TableBox } from '../layout/TableBox';
import { ChoiceFilter } from '../layout/ChoiceFilter';

const R = 'resources.reports';
const STATUSES = ['received', 'acknowledged', 'answered', 'closed', 'forwarded'];

interface Report {
  id: string;
  receiptCode: string;
  organisationName: string;
  subjectNames: string[];
  content: string;
  reporterName: string;
  reporterContact: string;
  status: string;
  filedOn: string;
  acknowledgeBy: string;
  feedbackBy: string;
  forwardBy: string;
  forwardedTo: string;
  overdue: boolean;
  messages: { author: string; body: string; on: string }[];
  attachments?: { number: number; contentType: string; size: number }[];
  actions: string[];
  version: number;
}

/** The reporter's photos (cleaned of their metadata before storage), fetched with the session. */
function Photos({ report }: { report: Report }) {
  const translate = useTranslate();
  const dataProvider = useDataProvider<DjDataProvider>();
  const notify = useNotify();
  if (!report.attachments?.length) return <>{translate(`${R}.none`)}</>;
  return (
    <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: 'wrap' }}>
      {report.attachments.map((a) => (
        <Button
          key={a.number}
          size="small"
          variant="outlined"
          onClick={() =>
            void dataProvider
              .download(
                `/reports/${report.id}/attachments/${a.number}`,
                `${report.receiptCode}-${a.number}.${a.contentType === 'image/png' ? 'png' : 'jpg'}`,
              )
              .catch((e: Error) => notify(e.message, { type: 'error' }))
          }
        >
          {translate(`${R}.photo`, { number: a.number, size: Math.max(1, Math.round(a.size / 1024)) })}
        </Button>
      ))}
    </Stack>
  );
}

function StatusChips({ report }: { report: Report }) {
  const translate = useTranslate();
  return (
    <Stack direction="row" spacing={0.5}>
      <Chip size="small" label={translate(`${R}.statuses.${report.status}`)} />
      {report.overdue ? <Chip size="small" color="error" label={translate(`${R}.overdue`)} /> : null}
    </Stack>
  );
}

function ReportList() {
  const translate = useTranslate();
  return (
    <List
      filters={[
        <ChoiceFilter key="status" source="status" prefix={`${R}.statuses`} ids={STATUSES} alwaysOn />,
      ]}
      sort={{ field: 'filedOn', order: 'DESC' }}
    >
      <Alert severity="info" sx={{ mb: 1 }}>
        {translate(`${R}.audited`)}
      </Alert>
      <TableBox>
        <Datagrid bulkActionButtons={false} rowClick="show">
          <TextField source="receiptCode" sortable={false} />
          <FunctionField
            source="organisationName"
            sortable={false}
            render={(r: Report) => r.organisationName || translate(`${R}.none`)}
          />
          <FunctionField
            source="status"
            sortable={false}
            render={(r: Report) => <StatusChips report={r} />}
          />
          <TextField source="filedOn" />
          <TextField source="acknowledgeBy" sortable={false} />
        </Datagrid>
      </TableBox>
    </List>
  );
}

type Step = 'acknowledge' | 'reply' | 'close' | 'forward';

function ReportActions() {
  const report = useRecordContext<Report>();
  const translate = useTranslate();
  const { step, setStep, note, setNote, error, close, act } = useStep<Step>(
    `/reports/${report?.id}`,
    translate(`${R}.done`),
  );
  const [to, setTo] = useState('');
  if (!report) return null;
  return (
    <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: 'wrap' }}>
      {report.actions.map((a) => (
        <Button key={a} variant="outlined" size="small" onClick={() => setStep(a as Step)}>
          {translate(`${R}.actions.${a}`)}
        </Button>
      ))}
      <StepDialog
        title={step ? translate(`${R}.actions.${step}`) : ''}
        open={step !== undefined}
        onClose={close}
        error={error}
        actions={
          <Button
            variant="contained"
            onClick={() =>
              act('actions', {
                version: report.version,
                action: step,
                note,
                ...(step === 'forward' ? { forwardedTo: to } : {}),
              })
            }
          >
            {translate(`${R}.confirm`)}
          </Button>
        }
      >
        {step === 'forward' ? (
          <>
            <Alert severity="warning">{translate(`${R}.forward_erases`)}</Alert>
            <MuiTextField
              fullWidth
              margin="dense"
              label={translate(`${R}.forward_to`)}
              value={to}
              onChange={(e) => setTo(e.target.value)}
            />
          </>
        ) : (
          <MuiTextField
            fullWidth
            multiline
            minRows={3}
            margin="dense"
            label={translate(`${R}.message`)}
            value={note}
            onChange={(e) => setNote(e.target.value)}
          />
        )}
      </StepDialog>
    </Stack>
  );
}

function ReportShow() {
  const translate = useTranslate();
  return (
    <Show>
      <SimpleShowLayout>
        <TextField source="receiptCode" />
        <FunctionField source="status" render={(r: Report) => <StatusChips report={r} />} />
        <ReportActions />
        <FunctionField
          source="organisationName"
          render={(r: Report) => r.organisationName || translate(`${R}.none`)}
        />
        <FunctionField
          source="subjectNames"
          render={(r: Report) => r.subjectNames.join('、') || translate(`${R}.none`)}
        />
        <FunctionField source="content" render={(r: Report) => r.content || translate(`${R}.erased`)} />
        <FunctionField source="attachments" render={(r: Report) => <Photos report={r} />} />
        <FunctionField
          source="reporterName"
          render={(r: Report) =>
            r.reporterName ? `${r.reporterName} ${r.reporterContact}` : translate(`${R}.anonymous`)
          }
        />
        <TextField source="filedOn" />
        <TextField source="acknowledgeBy" />
        <TextField source="feedbackBy" />
        <TextField source="forwardBy" />
        <FunctionField source="forwardedTo" render={(r: Report) => r.forwardedTo || translate(`${R}.none`)} />
        <FunctionField
          source="messages"
          render={(r: Report) => (
            <MuiList dense>
              {r.messages.map((m, i) => (
                <ListItem key={i}>
                  <ListItemText
                    primary={`${m.on} ${translate(`${R}.authors.${m.author}`)}`}
                    secondary={m.body}
                  />
                </ListItem>
              ))}
            </MuiList>
          )}
        />
      </SimpleShowLayout>
    </Show>
  );
}

/** 监督举报: read by the tenant's inspectors only; every read is audited. */
export const reportsResource: ConsoleResource = {
  name: 'reports',
  roles: ['inspector'],
  module: 'supervision',
  icon: ReportIcon,
  list: ReportList,
  show: ReportShow,
  recordRepresentation: 'receiptCode',
  messages: {
    'zh-CN': {
      name: '监督举报 |||| 监督举报',
      fields: {
        receiptCode: '查询码',
        attachments: '照片（已去除拍摄信息）',
        organisationName: '被举报党组织',
        subjectNames: '被举报人',
        content: '举报内容',
        reporterName: '举报人',
        status: '状态',
        filedOn: '举报日期',
        acknowledgeBy: '受理期限',
        feedbackBy: '答复期限',
        forwardBy: '转交期限',
        forwardedTo: '转交单位',
        messages: '往来记录',
      },
      statuses: {
        received: '待受理',
        acknowledged: '已受理',
        answered: '已答复',
        closed: '已办结',
        forwarded: '已转交上级',
      },
      actions: { acknowledge: '受理', reply: '答复', close: '办结', forward: '转交上级' },
      photo: '照片%{number}（%{size} KB）',
      authors: { reporter: '举报人', inspector: '纪检委员' },
      audited: '每次查看举报内容都会记录在查阅日志中。',
      overdue: '已超期',
      anonymous: '匿名',
      erased: '已转交，内容不在本级保存',
      forward_erases: '转交后，本级只保留转交记录，举报内容和往来记录将被删除。',
      forward_to: '转交单位（如县纪委监委）',
      message: '告知举报人的内容（选填，答复时必填）',
      confirm: '确定',
      done: '已办理',
      none: '无',
    },
    en: {
      name: 'Report |||| Reports',
      fields: {
        receiptCode: 'Receipt code',
        attachments: 'Photos (cleaned of their metadata)',
        organisationName: 'Reported organisation',
        subjectNames: 'Named persons',
        content: 'Report',
        reporterName: 'Reporter',
        status: 'Status',
        filedOn: 'Filed on',
        acknowledgeBy: 'Acknowledge by',
        feedbackBy: 'Answer by',
        forwardBy: 'Forward by',
        forwardedTo: 'Forwarded to',
        messages: 'Messages',
      },
      statuses: {
        received: 'To acknowledge',
        acknowledged: 'Acknowledged',
        answered: 'Answered',
        closed: 'Closed',
        forwarded: 'Forwarded',
      },
      actions: { acknowledge: 'Acknowledge', reply: 'Reply', close: 'Close', forward: 'Forward' },
      photo: 'Photo %{number} (%{size} KB)',
      authors: { reporter: 'Reporter', inspector: 'Inspector' },
      audited: 'Every read of a report is written to the audit.',
      overdue: 'Overdue',
      anonymous: 'Anonymous',
      erased: 'Forwarded: the content is not kept here',
      forward_erases:
        'Once forwarded only the record of forwarding stays; the content and messages are erased.',
      forward_to: 'Forwarded to (e.g. the county discipline commission)',
      message: 'Message to the reporter (optional; required to reply)',
      confirm: 'Confirm',
      done: 'Done',
      none: 'None',
    },
  },
};
