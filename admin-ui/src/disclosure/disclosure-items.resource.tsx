import {
  Alert,
  Button,
  Chip,
  List as MuiList,
  ListItem,
  ListItemText,
  Stack,
  TextField as MuiTextField,
  Typography,
} from '@mui/material';
import CampaignIcon from '@mui/icons-material/Campaign';
import { useState } from 'react';
import {
  BooleanInput,
  CheckboxGroupInput,
  Create,
  Datagrid,
  DateTimeInput,
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
  useNotify,
  useRecordContext,
  useRefresh,
  useTranslate,
} from 'react-admin';
import type { DjDataProvider } from '../data/extendedDataProvider';
import { chinaTime, fromChinaInput, toChinaInput } from '../i18n/china-dates';
import type { ConsoleResource } from '../layout/console-resource';
import { TableBox } from '../layout/TableBox';
import { StepDialog, useStep } from '../layout/step-dialog';
import { useCategories } from './useCategories';
import { OrganisationInput } from '../layout/OrganisationInput';

const R = 'resources.disclosure-items';
const STATUSES = [
  'proposed',
  'returned',
  'awaiting_approval',
  'scheduled',
  'published',
  'expired',
  'withdrawn',
];
const AUDIENCES = ['organisation', 'subtree', 'tenant', 'public'];
const CHANNELS = ['platform', 'noticeboard', 'meeting', 'document'];

interface Finding {
  kind: string;
  excerpt: string;
  acknowledgedNote: string;
  resolved: boolean;
}

export interface DisclosureItem {
  id: string;
  title: string;
  body: string;
  organisationId: string;
  organisationName: string;
  category: string;
  audience: string;
  channels: string[];
  startsAt: string;
  endsAt: string;
  status: string;
  approvalOrganisationName: string;
  escalated: boolean;
  findings: Finding[];
  proposedByName: string;
  approvedByName: string;
  returnNote: string;
  withdrawnReason: string;
  history: { action: string; byName: string; note: string; at: string }[];
  version: number;
  actions: string[];
}

function useChoices() {
  const translate = useTranslate();
  return (prefix: string, ids: string[]) =>
    ids.map((id) => ({ id, name: translate(`${R}.${prefix}.${id}`) }));
}

export function StatusChip({ status }: { status: string }) {
  const translate = useTranslate();
  const colour =
    status === 'published'
      ? 'success'
      : status === 'returned' || status === 'withdrawn'
        ? 'warning'
        : 'default';
  return <Chip size="small" color={colour} label={translate(`${R}.statuses.${status}`)} />;
}

function DisclosureItemList() {
  const choices = useChoices();
  const { label } = useCategories();
  const translate = useTranslate();
  return (
    <List
      filters={[
        <SelectInput
          key="status"
          source="status"
          choices={choices('statuses', STATUSES)}
          translateChoice={false}
          alwaysOn
        />,
        <BooleanInput key="awaitingMe" source="awaitingMe" alwaysOn />,
      ]}
      sort={{ field: 'createdAt', order: 'DESC' }}
    >
      <TableBox>
        <Datagrid bulkActionButtons={false} rowClick="show">
          <TextField source="title" />
          <TextField source="organisationName" />
          <FunctionField
            source="category"
            sortable={false}
            render={(r: DisclosureItem) => label(r.category)}
          />
          <FunctionField
            source="audience"
            sortable={false}
            render={(r: DisclosureItem) => translate(`${R}.audiences.${r.audience}`)}
          />
          <FunctionField
            source="status"
            sortable={false}
            render={(r: DisclosureItem) => <StatusChip status={r.status} />}
          />
          <FunctionField
            source="startsAt"
            sortable={false}
            render={(r: DisclosureItem) => chinaTime(r.startsAt)}
          />
        </Datagrid>
      </TableBox>
    </List>
  );
}

/** The fields a proposal and a correction share. */
function ItemFields() {
  const choices = useChoices();
  const { categories } = useCategories();
  const translate = useTranslate();
  return (
    <>
      <SelectInput
        source="category"
        choices={categories.map((c) => ({ id: c.key, name: c.label }))}
        translateChoice={false}
        validate={required()}
      />
      <TextInput source="title" validate={required()} fullWidth />
      <TextInput source="body" validate={required()} multiline minRows={6} fullWidth />
      <SelectInput
        source="audience"
        choices={choices('audiences', AUDIENCES)}
        translateChoice={false}
        validate={required()}
        helperText={translate(`${R}.audience_hint`)}
      />
      <CheckboxGroupInput
        source="channels"
        choices={choices('channels', CHANNELS)}
        translateChoice={false}
        validate={required()}
      />
      {/* China time, whatever zone the browser is in. */}
      <DateTimeInput source="startsAt" validate={required()} format={toChinaInput} parse={fromChinaInput} />
      <DateTimeInput
        source="endsAt"
        format={toChinaInput}
        parse={fromChinaInput}
        helperText={translate(`${R}.ends_hint`)}
      />
    </>
  );
}

function DisclosureItemCreate() {
  return (
    <Create
      redirect="show"
      transform={(data: Record<string, unknown>) => ({ ...data, endsAt: data['endsAt'] || undefined })}
    >
      <SimpleForm defaultValues={{ channels: ['platform'], audience: 'organisation' }}>
        <OrganisationInput isRequired />
        <ItemFields />
      </SimpleForm>
    </Create>
  );
}

/** What the confidentiality review found, and the reviewer's note for each one allowed to stand. */
function Findings({
  item,
  notes,
  onNote,
}: {
  item: DisclosureItem;
  notes?: Record<number, string>;
  onNote?: (i: number, note: string) => void;
}) {
  const translate = useTranslate();
  if (item.findings.length === 0) return <Alert severity="success">{translate(`${R}.no_findings`)}</Alert>;
  return (
    <MuiList dense data-testid="findings">
      {item.findings.map((f, i) => (
        <ListItem key={i} sx={{ display: 'block' }}>
          <ListItemText
            primary={`${translate(`${R}.finding_kinds.${f.kind}`)}：${f.excerpt}`}
            secondary={
              f.acknowledgedNote
                ? translate(`${R}.allowed`, { note: f.acknowledgedNote })
                : f.kind === 'id_card'
                  ? translate(`${R}.never_public`)
                  : translate(`${R}.unresolved`)
            }
          />
          {onNote && f.kind !== 'id_card' && !f.acknowledgedNote ? (
            <MuiTextField
              size="small"
              fullWidth
              label={translate(`${R}.allow_because`)}
              value={notes?.[i] ?? ''}
              onChange={(e) => onNote(i, e.target.value)}
              slotProps={{ htmlInput: { 'data-testid': `allow-${i}` } }}
            />
          ) : null}
        </ListItem>
      ))}
    </MuiList>
  );
}

type Step = 'review' | 'approve' | 'withdraw' | 'resubmit';

/** The steps the caller may take now (the server decides again), each in a dialog with its note. */
function ItemActions() {
  const item = useRecordContext<DisclosureItem>();
  const translate = useTranslate();
  const { step, setStep, note, setNote, error, close, act } = useStep<Step>(
    `/disclosure-items/${item?.id}`,
    translate(`${R}.done`),
  );
  const [notes, setNotes] = useState<Record<number, string>>({});
  if (!item) return null;
  const acknowledgements = Object.entries(notes)
    .filter(([, text]) => text.trim())
    .map(([index, text]) => ({ index: Number(index), note: text.trim() }));
  const done = () => {
    setNotes({});
    close();
  };
  return (
    <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: 'wrap' }}>
      {item.actions
        .filter((a) => a !== 'resubmit')
        .map((a) => (
          <Button
            key={a}
            variant={a === 'withdraw' ? 'outlined' : 'contained'}
            color={a === 'withdraw' ? 'warning' : 'primary'}
            onClick={() => setStep(a as Step)}
          >
            {translate(`${R}.actions.${a}`)}
          </Button>
        ))}
      <StepDialog
        title={step ? translate(`${R}.actions.${step}`) : ''}
        open={step !== undefined}
        onClose={done}
        error={error}
        actions={
          step === 'withdraw' ? (
            <Button color="warning" onClick={() => act('withdrawal', { reason: note })}>
              {translate(`${R}.actions.withdraw`)}
            </Button>
          ) : (
            <>
              <Button
                color="warning"
                onClick={() =>
                  act(step === 'review' ? 'review' : 'approval', {
                    version: item.version,
                    decision: 'return',
                    note,
                  })
                }
              >
                {translate(`${R}.return`)}
              </Button>
              <Button
                variant="contained"
                onClick={() =>
                  step === 'review'
                    ? act('review', { version: item.version, decision: 'pass', note, acknowledgements })
                    : act('approval', { version: item.version, decision: 'approve', note })
                }
              >
                {translate(step === 'review' ? `${R}.pass` : `${R}.approve`)}
              </Button>
            </>
          )
        }
      >
        {step === 'review' ? (
          <Findings item={item} notes={notes} onNote={(i, text) => setNotes({ ...notes, [i]: text })} />
        ) : null}
        <MuiTextField
          fullWidth
          multiline
          minRows={2}
          margin="dense"
          label={translate(step === 'withdraw' ? `${R}.reason` : `${R}.note`)}
          value={note}
          onChange={(e) => setNote(e.target.value)}
          slotProps={{ htmlInput: { 'data-testid': 'step-note' } }}
        />
      </StepDialog>
    </Stack>
  );
}

/** A returned item, corrected in place and sent for review again. */
function Resubmit() {
  const item = useRecordContext<DisclosureItem>();
  const translate = useTranslate();
  const dataProvider = useDataProvider<DjDataProvider>();
  const refresh = useRefresh();
  const notify = useNotify();
  if (!item?.actions.includes('resubmit')) return null;
  return (
    <Stack spacing={1} data-testid="resubmit">
      <Alert severity="warning">{translate(`${R}.returned_with`, { note: item.returnNote })}</Alert>
      <SimpleForm
        record={{ ...item, endsAt: item.endsAt || null }}
        onSubmit={async (data: Record<string, unknown>) => {
          try {
            await dataProvider.send('PUT', `/disclosure-items/${item.id}`, {
              version: item.version,
              category: data['category'],
              title: data['title'],
              body: data['body'],
              audience: data['audience'],
              channels: data['channels'],
              startsAt: data['startsAt'],
              ...(data['endsAt'] ? { endsAt: data['endsAt'] } : {}),
            });
            refresh();
          } catch (e) {
            notify((e as Error).message, { type: 'error' });
          }
        }}
      >
        <ItemFields />
      </SimpleForm>
    </Stack>
  );
}

function Preview() {
  const item = useRecordContext<DisclosureItem>();
  const translate = useTranslate();
  if (!item) return null;
  return (
    <Stack
      spacing={1}
      sx={{ border: 1, borderColor: 'divider', borderRadius: 1, p: 2 }}
      data-testid="preview"
    >
      <Typography variant="overline">{translate(`${R}.preview`)}</Typography>
      <Typography variant="h6" component="h2">
        {item.title}
      </Typography>
      <Typography variant="body2" color="text.secondary">
        {item.organisationName} · {chinaTime(item.startsAt)}
        {item.endsAt ? ` — ${chinaTime(item.endsAt)}` : ''}
      </Typography>
      <Typography sx={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>{item.body}</Typography>
    </Stack>
  );
}

function DisclosureItemShow() {
  const translate = useTranslate();
  const { label } = useCategories();
  return (
    <Show>
      <SimpleShowLayout>
        <FunctionField source="status" render={(r: DisclosureItem) => <StatusChip status={r.status} />} />
        <ItemActions />
        <Resubmit />
        <TextField source="organisationName" />
        <FunctionField source="category" render={(r: DisclosureItem) => label(r.category)} />
        <FunctionField
          source="audience"
          render={(r: DisclosureItem) => translate(`${R}.audiences.${r.audience}`)}
        />
        <FunctionField
          source="channels"
          render={(r: DisclosureItem) => r.channels.map((c) => translate(`${R}.channels.${c}`)).join('、')}
        />
        <FunctionField
          source="approvalOrganisationName"
          render={(r: DisclosureItem) =>
            r.escalated
              ? translate(`${R}.escalated_to`, { name: r.approvalOrganisationName })
              : r.approvalOrganisationName
          }
        />
        <FunctionField source="findings" render={(r: DisclosureItem) => <Findings item={r} />} />
        <FunctionField
          source="withdrawnReason"
          render={(r: DisclosureItem) => (r.withdrawnReason ? r.withdrawnReason : translate(`${R}.none`))}
        />
        <Preview />
        <FunctionField
          source="history"
          render={(r: DisclosureItem) => (
            <MuiList dense>
              {r.history.map((h, i) => (
                <ListItem key={i}>
                  <ListItemText
                    primary={`${chinaTime(h.at)} ${h.byName} ${translate(`${R}.history_actions.${h.action}`)}`}
                    secondary={h.note || null}
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

/** 党务公开: propose, review for confidentiality, approve (the parent's when escalated), withdraw. */
export const disclosureItemsResource: ConsoleResource = {
  name: 'disclosure-items',
  roles: ['tenant-admin', 'secretary'],
  module: 'disclosure',
  icon: CampaignIcon,
  list: DisclosureItemList,
  create: DisclosureItemCreate,
  show: DisclosureItemShow,
  recordRepresentation: 'title',
  messages: {
    'zh-CN': {
      name: '党务公开 |||| 党务公开',
      fields: {
        title: '标题',
        body: '公开内容',
        organisationId: '公开主体（党组织）',
        organisationName: '党组织',
        category: '公开类别',
        audience: '公开范围',
        channels: '公开方式',
        startsAt: '公开时间',
        endsAt: '截止时间',
        status: '状态',
        awaitingMe: '待我审核/审批',
        approvalOrganisationName: '审批组织',
        findings: '保密审查',
        withdrawnReason: '撤回原因',
        history: '办理记录',
      },
      statuses: {
        proposed: '待保密审查',
        returned: '已退回',
        awaiting_approval: '待审批',
        scheduled: '待发布',
        published: '已公开',
        expired: '已到期',
        withdrawn: '已撤回',
      },
      audiences: {
        organisation: '本组织党员',
        subtree: '本组织及下级党员',
        tenant: '全体党员',
        public: '向社会公开',
      },
      channels: { platform: '网上公开', noticeboard: '党务公开栏', meeting: '会议通报', document: '文件' },
      finding_kinds: { id_card: '身份证号码', phone: '电话号码', name: '人员姓名' },
      actions: { review: '保密审查', approve: '审批', withdraw: '撤回', resubmit: '修改后重新提交' },
      history_actions: {
        proposed: '提出',
        resubmitted: '修改后重新提交',
        reviewed: '通过保密审查',
        approved: '批准公开',
        returned: '退回',
        withdrawn: '撤回',
      },
      audience_hint: '全体党员和向社会公开的事项，以及干部人事类事项，由上级党组织审批',
      ends_hint: '不填则长期公开',
      no_findings: '未发现不宜公开的内容',
      allowed: '已说明保留：%{note}',
      never_public: '一律不得公开，须删除',
      unresolved: '待处理：删除，或说明保留理由',
      allow_because: '保留理由（不填则须退回删除）',
      note: '意见',
      reason: '撤回原因（将公开显示）',
      return: '退回',
      pass: '通过',
      approve: '批准公开',
      done: '已办理',
      returned_with: '已退回：%{note}。修改后重新提交。',
      escalated_to: '%{name}（上级审批）',
      preview: '预览',
      none: '无',
    },
    en: {
      name: 'Disclosure |||| Disclosures',
      fields: {
        title: 'Title',
        body: 'Text',
        organisationId: 'Disclosing organisation',
        organisationName: 'Organisation',
        category: 'Category',
        audience: 'Audience',
        channels: 'Channels',
        startsAt: 'Published from',
        endsAt: 'Until',
        status: 'Status',
        awaitingMe: 'Awaiting me',
        approvalOrganisationName: 'Approved by',
        findings: 'Confidentiality review',
        withdrawnReason: 'Reason withdrawn',
        history: 'History',
      },
      statuses: {
        proposed: 'Awaiting review',
        returned: 'Returned',
        awaiting_approval: 'Awaiting approval',
        scheduled: 'Scheduled',
        published: 'Published',
        expired: 'Expired',
        withdrawn: 'Withdrawn',
      },
      audiences: {
        organisation: 'Its own members',
        subtree: 'Its members and those below',
        tenant: 'All members',
        public: 'The public',
      },
      channels: {
        platform: 'Online',
        noticeboard: 'Notice board',
        meeting: 'At a meeting',
        document: 'Document',
      },
      finding_kinds: { id_card: 'ID-card number', phone: 'Phone number', name: 'Name' },
      actions: {
        review: 'Confidentiality review',
        approve: 'Approve',
        withdraw: 'Withdraw',
        resubmit: 'Correct and resubmit',
      },
      history_actions: {
        proposed: 'proposed',
        resubmitted: 'resubmitted',
        reviewed: 'passed the review',
        approved: 'approved',
        returned: 'returned',
        withdrawn: 'withdrawn',
      },
      audience_hint:
        'Items for all members or the public, and personnel matters, are approved by the parent organisation',
      ends_hint: 'Empty: no end',
      no_findings: 'Nothing found that must not be public',
      allowed: 'Allowed: %{note}',
      never_public: 'Never public: remove it',
      unresolved: 'To resolve: remove it, or say why it stays',
      allow_because: 'Why it may stay (empty: return it for removal)',
      note: 'Note',
      reason: 'Reason (shown publicly)',
      return: 'Return',
      pass: 'Pass',
      approve: 'Approve',
      done: 'Done',
      returned_with: 'Returned: %{note}. Correct it and resubmit.',
      escalated_to: '%{name} (the parent)',
      preview: 'Preview',
      none: 'None',
    },
  },
};
