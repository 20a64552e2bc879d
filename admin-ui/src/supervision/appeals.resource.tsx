import { Alert, Button, Chip, List as MuiList, ListItem, ListItemText, MenuItem, Stack } from '@mui/material';
import { TextField as MuiTextField } from '@mui/material';
import RecordVoiceOverIcon from '@mui/icons-material/RecordVoiceOver';
import { useEffect, useState } from 'react';
import {
  BooleanInput,
  Create,
  Datagrid,
  DateInput,
  FunctionField,
  List,
  SelectInput,
  Show,
  SimpleForm,
  SimpleShowLayout,
  TextField,
  TextInput,
  required,
  useDataProvider,
  useRecordContext,
  useTranslate,
} from 'react-admin';
import type { DjDataProvider } from '../data/extendedDataProvider';
import { StepDialog, useStep } from '../layout/step-dialog';
import { chinaTime } from '../i18n/china-dates';
import type { ConsoleResource } from '../layout/console-resource';
import { TableBox } from '../layout/TableBox';
import { OrganisationInput } from '../layout/OrganisationInput';

const R = 'resources.appeals';
const STATUSES = ['received', 'handling', 'resolved', 'closed', 'not_accepted'];
const ATTENTIONS = ['overdue', 'due_soon', 'escalated_to_me'];
const CHANNELS = ['phone', 'visit', 'letter'];
const SATISFACTIONS = ['satisfied', 'basically_satisfied', 'dissatisfied'];

interface Category {
  key: string;
  label: string;
  deadlineWorkingDays: number;
}

interface Appeal {
  id: string;
  code: string;
  category: string;
  title: string;
  content: string;
  channel: string;
  citizenName: string;
  citizenPhone: string;
  placeName: string;
  firstReceiverName: string;
  responsibleName: string;
  status: string;
  receivedOn: string;
  dueOn: string;
  limitOn: string;
  extendedDays: number;
  extensionReason: string;
  overdue: boolean;
  dueSoon: boolean;
  overseerName: string;
  escalationLevel: number;
  reply: string;
  satisfaction: string;
  duplicateOfId?: string;
  steps: { action: string; at: string; organisationName: string; note: string; public: boolean }[];
  actions: string[];
  version: number;
}

/** The tenant's appeal categories (诉求类别) with their deadlines, read once per page. */
function useAppealCategories(): { categories: Category[]; label: (key: string) => string } {
  const dataProvider = useDataProvider<DjDataProvider>();
  const [categories, setCategories] = useState<Category[]>([]);
  useEffect(() => {
    let live = true;
    dataProvider.send<{ categories: Category[] }>('GET', '/appeal-settings/current').then(
      (settings) => live && setCategories(settings.categories),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [dataProvider]);
  return { categories, label: (key) => categories.find((c) => c.key === key)?.label ?? '' };
}

function useChoices() {
  const translate = useTranslate();
  return (prefix: string, ids: string[]) =>
    ids.map((id) => ({ id, name: translate(`${R}.${prefix}.${id}`) }));
}

/** The state, and whether it is due soon, overdue or escalated (督办). */
function StatusChips({ appeal }: { appeal: Appeal }) {
  const translate = useTranslate();
  return (
    <Stack direction="row" spacing={0.5} useFlexGap sx={{ flexWrap: 'wrap' }}>
      <Chip size="small" label={translate(`${R}.statuses.${appeal.status}`)} />
      {appeal.overdue ? <Chip size="small" color="error" label={translate(`${R}.overdue`)} /> : null}
      {appeal.dueSoon ? <Chip size="small" color="warning" label={translate(`${R}.due_soon`)} /> : null}
    </Stack>
  );
}

function AppealList() {
  const choices = useChoices();
  const { label } = useAppealCategories();
  return (
    <List
      filters={[
        <SelectInput
          key="attention"
          source="attention"
          choices={choices('attentions', ATTENTIONS)}
          translateChoice={false}
          alwaysOn
        />,
        <SelectInput
          key="status"
          source="status"
          choices={choices('statuses', STATUSES)}
          translateChoice={false}
          alwaysOn
        />,
        <TextInput key="code" source="code" />,
      ]}
      sort={{ field: 'createdAt', order: 'DESC' }}
    >
      <TableBox>
        <Datagrid bulkActionButtons={false} rowClick="show">
          <TextField source="title" />
          <FunctionField source="category" sortable={false} render={(r: Appeal) => label(r.category)} />
          <TextField source="responsibleName" sortable={false} />
          <FunctionField
            source="status"
            sortable={false}
            render={(r: Appeal) => <StatusChips appeal={r} />}
          />
          <TextField source="dueOn" />
        </Datagrid>
      </TableBox>
    </List>
  );
}

/** 登记诉求: what a call, a visit or a letter brought, entered by the organisation that took it. */
function AppealCreate() {
  const choices = useChoices();
  const translate = useTranslate();
  const { categories } = useAppealCategories();
  return (
    <Create
      redirect="show"
      transform={(data: Record<string, unknown>) => ({
        ...data,
        receivedOn: data['receivedOn'] || undefined,
        placeOrganisationId: data['placeOrganisationId'] || undefined,
      })}
    >
      <SimpleForm defaultValues={{ channel: 'phone', publishConsent: false }}>
        <OrganisationInput isRequired />
        <SelectInput
          source="channel"
          choices={choices('channels', CHANNELS)}
          translateChoice={false}
          validate={required()}
        />
        <SelectInput
          source="category"
          choices={categories.map((c) => ({ id: c.key, name: c.label }))}
          translateChoice={false}
          validate={required()}
        />
        <TextInput source="title" validate={required()} fullWidth />
        <TextInput source="content" validate={required()} multiline minRows={4} fullWidth />
        <TextInput source="citizenName" validate={required()} />
        <TextInput source="citizenPhone" validate={required()} />
        <OrganisationInput source="placeOrganisationId" />
        <DateInput source="receivedOn" helperText={translate(`${R}.received_hint`)} />
        <BooleanInput source="publishConsent" />
      </SimpleForm>
    </Create>
  );
}

type Step = 'receive' | 'hand_over' | 'extend' | 'resolve' | 'not_accept' | 'close' | 'call_back';

/** The steps the caller may take now (the server decides again), each in a dialog. */
function AppealActions() {
  const appeal = useRecordContext<Appeal>();
  const translate = useTranslate();
  const { step, setStep, note, setNote, error, close, act } = useStep<Step>(
    `/appeals/${appeal?.id}`,
    translate(`${R}.done`),
  );
  const [days, setDays] = useState('10');
  const [satisfaction, setSatisfaction] = useState('satisfied');
  const [organisations, setOrganisations] = useState<{ id: string; name: string }[]>([]);
  const [target, setTarget] = useState('');
  const dataProvider = useDataProvider<DjDataProvider>();
  useEffect(() => {
    if (step !== 'hand_over') return;
    dataProvider
      .getList<{ id: string; name: string }>('organisations', {
        pagination: { page: 1, perPage: 200 },
        sort: { field: 'name', order: 'ASC' },
        filter: {},
      })
      .then(
        ({ data }) => setOrganisations(data),
        () => setOrganisations([]),
      );
  }, [step, dataProvider]);
  if (!appeal) return null;
  const body = () => ({
    version: appeal.version,
    action: step,
    note,
    ...(step === 'extend' ? { days: Number(days) } : {}),
    ...(step === 'call_back' ? { satisfaction } : {}),
    ...(step === 'hand_over' ? { organisationId: target || undefined } : {}),
  });
  return (
    <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: 'wrap' }}>
      {appeal.actions.map((a) => (
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
          <Button variant="contained" onClick={() => act('actions', body())}>
            {translate(`${R}.confirm`)}
          </Button>
        }
      >
        {step === 'hand_over' ? (
          <MuiTextField
            select
            fullWidth
            margin="dense"
            label={translate(`${R}.hand_over_to`)}
            value={target}
            onChange={(e) => setTarget(e.target.value)}
          >
            {organisations.map((o) => (
              <MenuItem key={o.id} value={o.id}>
                {o.name}
              </MenuItem>
            ))}
          </MuiTextField>
        ) : null}
        {step === 'extend' ? (
          <MuiTextField
            type="number"
            fullWidth
            margin="dense"
            label={translate(`${R}.days`)}
            value={days}
            onChange={(e) => setDays(e.target.value)}
            slotProps={{ htmlInput: { min: 1, max: 30 } }}
          />
        ) : null}
        {step === 'call_back' ? (
          <MuiTextField
            select
            fullWidth
            margin="dense"
            label={translate(`${R}.fields.satisfaction`)}
            value={satisfaction}
            onChange={(e) => setSatisfaction(e.target.value)}
          >
            {SATISFACTIONS.map((s) => (
              <MenuItem key={s} value={s}>
                {translate(`${R}.satisfactions.${s}`)}
              </MenuItem>
            ))}
          </MuiTextField>
        ) : null}
        {step !== 'receive' && step !== 'close' ? (
          <MuiTextField
            fullWidth
            multiline
            minRows={3}
            margin="dense"
            label={translate(`${R}.notes.${step ?? 'receive'}`)}
            value={note}
            onChange={(e) => setNote(e.target.value)}
          />
        ) : null}
      </StepDialog>
    </Stack>
  );
}

function AppealShow() {
  const translate = useTranslate();
  const { label } = useAppealCategories();
  return (
    <Show>
      <SimpleShowLayout>
        <TextField source="title" />
        <FunctionField source="status" render={(r: Appeal) => <StatusChips appeal={r} />} />
        <AppealActions />
        <FunctionField
          source="escalationLevel"
          render={(r: Appeal) =>
            r.escalationLevel > 0 ? (
              <Alert severity="error">
                {translate(`${R}.escalated`, { name: r.overseerName, level: r.escalationLevel })}
              </Alert>
            ) : (
              translate(`${R}.not_escalated`)
            )
          }
        />
        <TextField source="code" />
        <FunctionField source="category" render={(r: Appeal) => label(r.category)} />
        <FunctionField source="channel" render={(r: Appeal) => translate(`${R}.channels_all.${r.channel}`)} />
        <TextField source="content" />
        <TextField source="citizenName" />
        <TextField source="citizenPhone" />
        <FunctionField source="placeName" render={(r: Appeal) => r.placeName || translate(`${R}.none`)} />
        <TextField source="firstReceiverName" />
        <TextField source="responsibleName" />
        <TextField source="receivedOn" />
        <TextField source="dueOn" />
        <TextField source="limitOn" />
        <FunctionField
          source="extensionReason"
          render={(r: Appeal) =>
            r.extendedDays
              ? translate(`${R}.extended`, { days: r.extendedDays, reason: r.extensionReason })
              : translate(`${R}.none`)
          }
        />
        <FunctionField source="reply" render={(r: Appeal) => r.reply || translate(`${R}.none`)} />
        <FunctionField
          source="satisfaction"
          render={(r: Appeal) =>
            r.satisfaction ? translate(`${R}.satisfactions.${r.satisfaction}`) : translate(`${R}.none`)
          }
        />
        <FunctionField
          source="duplicateOfId"
          render={(r: Appeal) => (r.duplicateOfId ? translate(`${R}.duplicate`) : translate(`${R}.none`))}
        />
        <FunctionField
          source="steps"
          render={(r: Appeal) => (
            <MuiList dense>
              {r.steps.map((s, i) => (
                <ListItem key={i}>
                  <ListItemText
                    primary={`${chinaTime(s.at)} ${s.organisationName} ${translate(`${R}.steps.${s.action}`)}`}
                    secondary={
                      s.action === 'filed'
                        ? translate(`${R}.channels_all.${s.note}`)
                        : s.action === 'closed' && s.note.startsWith('no_answer:')
                          ? translate(`${R}.closed_without_answer`)
                          : s.note || null
                    }
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

/** 群众诉求: received, handed on with a record, resolved within its deadline, closed by the citizen. */
export const appealsResource: ConsoleResource = {
  name: 'appeals',
  roles: ['tenant-admin', 'secretary'],
  module: 'supervision',
  icon: RecordVoiceOverIcon,
  list: AppealList,
  create: AppealCreate,
  show: AppealShow,
  recordRepresentation: 'title',
  messages: {
    'zh-CN': {
      name: '群众诉求 |||| 群众诉求',
      fields: {
        title: '标题',
        content: '诉求内容',
        code: '查询码',
        category: '类别',
        channel: '来源',
        citizenName: '群众姓名',
        citizenPhone: '联系电话',
        placeName: '所在社区（网格）',
        placeOrganisationId: '所在社区（网格）',
        organisationId: '接收单位（首接单位）',
        firstReceiverName: '首接单位',
        responsibleName: '承办单位',
        status: '状态',
        attention: '督办',
        receivedOn: '受理日期',
        dueOn: '答复期限',
        limitOn: '办结时限',
        extensionReason: '延期',
        reply: '答复意见',
        satisfaction: '满意度',
        duplicateOfId: '重复诉求',
        escalationLevel: '督办情况',
        publishConsent: '群众同意公开办理结果',
        steps: '办理经过',
      },
      statuses: {
        received: '待受理',
        handling: '办理中',
        resolved: '已办结待确认',
        closed: '已结案',
        not_accepted: '不予受理',
      },
      attentions: { overdue: '已超期', due_soon: '即将到期', escalated_to_me: '督办到我' },
      channels: { phone: '电话', visit: '来访', letter: '来信' },
      channels_all: { online: '网上提交', phone: '电话', visit: '来访', letter: '来信' },
      satisfactions: { satisfied: '满意', basically_satisfied: '基本满意', dissatisfied: '不满意' },
      actions: {
        receive: '受理',
        hand_over: '转交',
        extend: '延期',
        resolve: '办结答复',
        not_accept: '不予受理',
        close: '结案',
        call_back: '回访',
      },
      notes: {
        receive: '意见',
        hand_over: '转交理由',
        extend: '延期理由（告知群众）',
        resolve: '答复意见（告知群众）',
        not_accept: '不予受理理由（告知群众）',
        close: '意见',
        call_back: '回访记录',
      },
      steps: {
        filed: '登记',
        received: '受理',
        handed_over: '接转办',
        extended: '延期',
        resolved: '办结答复',
        not_accepted: '不予受理',
        reopened: '群众要求重新办理',
        confirmed: '群众确认办结',
        closed: '结案',
        called_back: '回访',
        linked_duplicate: '关联重复诉求',
      },
      overdue: '已超期',
      due_soon: '即将到期',
      escalated: '已超期，督办至%{name}（上升 %{level} 级）',
      not_escalated: '未超期',
      extended: '延期 %{days} 天：%{reason}',
      duplicate: '与此前诉求重复，已关联',
      closed_without_answer: '群众逾期未确认，自动结案',
      hand_over_to: '转交给',
      days: '延期天数（1–30）',
      received_hint: '来信的收到日期；不填为今天',
      confirm: '确定',
      done: '已办理',
      none: '无',
    },
    en: {
      name: 'Appeal |||| Appeals',
      fields: {
        title: 'Title',
        content: 'Appeal',
        code: 'Code',
        category: 'Category',
        channel: 'Channel',
        citizenName: 'Citizen',
        citizenPhone: 'Phone',
        placeName: 'Community (grid)',
        placeOrganisationId: 'Community (grid)',
        organisationId: 'Receiving organisation (first receiver)',
        firstReceiverName: 'First receiver',
        responsibleName: 'Handling organisation',
        status: 'Status',
        attention: 'Oversight',
        receivedOn: 'Received on',
        dueOn: 'Due on',
        limitOn: 'Limit',
        extensionReason: 'Extension',
        reply: 'Reply',
        satisfaction: 'Satisfaction',
        duplicateOfId: 'Duplicate',
        escalationLevel: 'Escalation',
        publishConsent: 'The citizen agrees to publish the outcome',
        steps: 'History',
      },
      statuses: {
        received: 'To receive',
        handling: 'Handling',
        resolved: 'Resolved, awaiting the citizen',
        closed: 'Closed',
        not_accepted: 'Not accepted',
      },
      attentions: { overdue: 'Overdue', due_soon: 'Due soon', escalated_to_me: 'Escalated to me' },
      channels: { phone: 'Phone', visit: 'Visit', letter: 'Letter' },
      channels_all: { online: 'Online', phone: 'Phone', visit: 'Visit', letter: 'Letter' },
      satisfactions: {
        satisfied: 'Satisfied',
        basically_satisfied: 'Basically satisfied',
        dissatisfied: 'Dissatisfied',
      },
      actions: {
        receive: 'Receive',
        hand_over: 'Hand over',
        extend: 'Extend',
        resolve: 'Resolve',
        not_accept: 'Not accept',
        close: 'Close',
        call_back: 'Call back',
      },
      notes: {
        receive: 'Note',
        hand_over: 'Why',
        extend: 'Why (told to the citizen)',
        resolve: 'Reply (told to the citizen)',
        not_accept: 'Why not (told to the citizen)',
        close: 'Note',
        call_back: 'Call-back record',
      },
      steps: {
        filed: 'filed',
        received: 'received',
        handed_over: 'took it over',
        extended: 'extended',
        resolved: 'resolved',
        not_accepted: 'did not accept',
        reopened: 'reopened by the citizen',
        confirmed: 'confirmed by the citizen',
        closed: 'closed',
        called_back: 'called back',
        linked_duplicate: 'linked a duplicate',
      },
      overdue: 'Overdue',
      due_soon: 'Due soon',
      escalated: 'Overdue: overseen by %{name} (%{level} levels up)',
      not_escalated: 'Not overdue',
      extended: 'Extended %{days} days: %{reason}',
      duplicate: 'A duplicate of an earlier appeal, linked',
      closed_without_answer: 'Closed: the citizen did not answer',
      hand_over_to: 'Hand over to',
      days: 'Days (1–30)',
      received_hint: 'When the letter arrived; empty: today',
      confirm: 'Confirm',
      done: 'Done',
      none: 'None',
    },
  },
};
