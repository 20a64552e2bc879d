import {
  Alert,
  Box,
  Button as MuiButton,
  MenuItem,
  Stack,
  TextField as MuiTextField,
  Typography,
} from '@mui/material';
import { useState } from 'react';
import {
  AutocompleteInput,
  Create,
  Datagrid,
  FormDataConsumer,
  FunctionField,
  List,
  NumberInput,
  ReferenceInput,
  SelectField,
  SelectInput,
  Show,
  SimpleForm,
  SimpleShowLayout,
  TextField,
  TextInput,
  required,
  useDataProvider,
  useGetList,
  useNotify,
  useRecordContext,
  useRefresh,
  useTranslate,
} from 'react-admin';
import { ChinaDateField } from '../layout/ChinaDateField';
import { usePhone } from '../layout/usePhone';
import type { DjDataProvider } from '../data/extendedDataProvider';
import { translatedChoices } from '../i18n/choices';

const STATES = [
  'applied',
  'first_approved',
  'approved',
  'letter_issued',
  'reported_in',
  'receipt_returned',
  'sent_back',
  'withdrawn',
  'voided',
  'expired',
];
export const TRANSFER_STATE_CHOICES = translatedChoices(STATES, 'dj.transfer_states');
const DESTINATION_CHOICES = translatedChoices(
  ['within_tenant', 'other_tenant', 'outside_platform'],
  'dj.transfer_destinations',
);
const DIRECTION_CHOICES = translatedChoices(['outgoing', 'incoming'], 'dj.transfer_directions');

interface Transfer {
  id: string;
  direction: 'outgoing' | 'incoming';
  destination: string;
  state: string;
  serialNumber: string | null;
  receivingOrganisationId: string | null;
  actions?: {
    id: string;
    action: string;
    fromState: string;
    toState: string;
    reason: string;
    actedBy: string;
    actedOn: string;
  }[];
}

/**
 * The moves the state machine allows from here for this side (the service decides; the console only
 * offers them): the sender applies, approves, issues and voids; the receiver reports in and returns
 * the receipt, or sends a letter back. Letters leaving the platform come back on paper, so their
 * sender records those steps.
 */
function offeredActions(t: Transfer): string[] {
  const receiving = t.direction === 'incoming' || t.destination !== 'other_tenant';
  const sending = t.direction === 'outgoing';
  switch (t.state) {
    case 'applied':
    case 'first_approved':
      return sending ? ['approve', 'send_back', 'withdraw'] : [];
    case 'approved':
      return sending ? ['issue_letter', 'withdraw'] : [];
    case 'letter_issued':
      return [...(receiving ? ['report_in', 'send_back'] : []), ...(sending ? ['void'] : [])];
    case 'reported_in':
      return receiving ? ['return_receipt'] : [];
    case 'expired':
      return sending ? ['reissue', 'void'] : [];
    default:
      return [];
  }
}
const NEEDS_REASON = ['send_back', 'void', 'reissue'];

const filters = [
  <SelectInput key="direction" source="direction" choices={DIRECTION_CHOICES} alwaysOn />,
  <SelectInput key="state" source="state" choices={TRANSFER_STATE_CHOICES} />,
];

/** 组织关系转接: outgoing and incoming transfers with their state and letter. */
export function TransferList() {
  const phone = usePhone();
  return (
    <List filters={filters} sort={{ field: 'updatedAt', order: 'DESC' }}>
      <Datagrid rowClick="show" bulkActionButtons={false}>
        <TextField source="memberName" />
        <SelectField source="direction" choices={DIRECTION_CHOICES} sortable={false} />
        {phone ? null : <SelectField source="destination" choices={DESTINATION_CHOICES} sortable={false} />}
        {phone ? null : <TextField source="sendingOrganisationName" sortable={false} />}
        {phone ? null : (
          <FunctionField
            source="receivingOrganisationName"
            sortable={false}
            render={(r: { receivingTenantName: string; receivingOrganisationName: string }) =>
              [r.receivingTenantName, r.receivingOrganisationName].filter(Boolean).join(' · ')
            }
          />
        )}
        <SelectField source="state" choices={TRANSFER_STATE_CHOICES} />
        {phone ? null : <TextField source="serialNumber" sortable={false} emptyText="—" />}
        {phone ? null : <ChinaDateField source="validUntil" emptyText="—" />}
        {phone ? null : <ChinaDateField source="updatedAt" showTime />}
      </Datagrid>
    </List>
  );
}

/** 转接申请: the member, where to, and why. */
export function TransferCreate() {
  return (
    <Create redirect="show">
      <SimpleForm>
        <ReferenceInput
          source="memberId"
          reference="members"
          filter={{ status: 'active' }}
          sort={{ field: 'name', order: 'ASC' }}
        >
          <AutocompleteInput optionText="name" filterToQuery={(q: string) => ({ q })} validate={required()} />
        </ReferenceInput>
        <SelectInput
          source="destination"
          choices={DESTINATION_CHOICES}
          validate={required()}
          defaultValue="within_tenant"
        />
        <FormDataConsumer<{ destination: string }>>
          {({ formData }) =>
            formData.destination === 'within_tenant' ? (
              <ReferenceInput
                source="receivingOrganisationId"
                reference="organisations"
                sort={{ field: 'name', order: 'ASC' }}
              >
                <AutocompleteInput
                  optionText="name"
                  filterToQuery={(q: string) => ({ q })}
                  validate={required()}
                />
              </ReferenceInput>
            ) : (
              <>
                {formData.destination === 'other_tenant' ? (
                  <TextInput
                    source="receivingTenant"
                    validate={required()}
                    helperText="dj.transfers.tenant_hint"
                  />
                ) : null}
                <TextInput source="receivingOrganisationName" validate={required()} fullWidth />
                {formData.destination === 'other_tenant' ? (
                  <TextInput source="receivingOrganisationCode" />
                ) : null}
              </>
            )
          }
        </FormDataConsumer>
        <TextInput source="reason" validate={required()} fullWidth />
        {/* rules.md §5: away under 6 months without a new work unit is a mobile member, not a transfer. */}
        <NumberInput source="awayMonths" min={1} max={120} helperText="dj.transfers.away_months_hint" />
      </SimpleForm>
    </Create>
  );
}

/** The buttons for the moves offered here, a reason where one is needed, and the letter PDF. */
function TransferActions() {
  const record = useRecordContext<Transfer>();
  const dataProvider = useDataProvider<DjDataProvider>();
  const translate = useTranslate();
  const notify = useNotify();
  const refresh = useRefresh();
  const [reason, setReason] = useState('');
  const [organisationId, setOrganisationId] = useState('');
  const { data: organisations } = useGetList(
    'organisations',
    { filter: {}, sort: { field: 'name', order: 'ASC' }, pagination: { page: 1, perPage: 200 } },
    { enabled: record?.direction === 'incoming' },
  );
  if (!record) return null;
  const actions = offeredActions(record);
  const act = async (action: string) => {
    try {
      await dataProvider.send('POST', `/transfers/${record.id}/actions`, {
        action,
        ...(reason ? { reason } : {}),
        ...(action === 'report_in' && organisationId ? { organisationId } : {}),
      });
      notify(translate('dj.transfers.done', { action: translate(`dj.transfer_actions.${action}`) }), {
        type: 'success',
      });
      setReason('');
      refresh();
    } catch (error) {
      notify((error as Error).message, { type: 'error' });
    }
  };
  return (
    <Stack spacing={1} sx={{ my: 2 }}>
      {actions.length > 0 ? (
        <>
          {actions.some((a) => NEEDS_REASON.includes(a)) ? (
            <MuiTextField
              size="small"
              label={translate('dj.transfers.reason')}
              value={reason}
              onChange={(e) => setReason(e.target.value)}
            />
          ) : null}
          {actions.includes('report_in') && record.direction === 'incoming' ? (
            <MuiTextField
              select
              size="small"
              label={translate('dj.transfers.join_organisation')}
              value={organisationId || record.receivingOrganisationId || ''}
              onChange={(e) => setOrganisationId(e.target.value)}
            >
              {(organisations ?? []).map((o) => (
                <MenuItem key={o.id} value={o.id}>
                  {o.name}
                </MenuItem>
              ))}
            </MuiTextField>
          ) : null}
          <Box>
            {actions.map((action) => (
              <MuiButton
                key={action}
                variant={
                  action === 'send_back' || action === 'void' || action === 'withdraw'
                    ? 'outlined'
                    : 'contained'
                }
                sx={{ mr: 1 }}
                onClick={() => void act(action)}
              >
                {translate(`dj.transfer_actions.${action}`)}
              </MuiButton>
            ))}
          </Box>
        </>
      ) : null}
      {record.serialNumber ? (
        <Box>
          <MuiButton
            onClick={() =>
              void dataProvider
                .download(`/transfers/${record.id}/letter`, `组织关系介绍信-${record.serialNumber}.pdf`)
                .catch((e: Error) => notify(e.message, { type: 'error' }))
            }
          >
            {translate('dj.transfers.letter')}
          </MuiButton>
        </Box>
      ) : null}
    </Stack>
  );
}

function ActionHistory() {
  const record = useRecordContext<Transfer>();
  const translate = useTranslate();
  if (!record?.actions?.length) return null;
  return (
    <Box>
      <Typography variant="subtitle2">{translate('dj.transfers.history')}</Typography>
      {record.actions.map((a) => (
        <Typography key={a.id} variant="body2">
          {a.actedOn} · {translate(`dj.transfer_actions.${a.action}`, { _: a.action })} ·{' '}
          {translate(`dj.transfer_states.${a.toState}`, { _: a.toState })}
          {a.reason ? ` · ${a.reason}` : ''}
        </Typography>
      ))}
    </Box>
  );
}

export function TransferShow() {
  return (
    <Show>
      <SimpleShowLayout>
        <TextField source="memberName" />
        <TextField source="idCardMasked" />
        <SelectField source="direction" choices={DIRECTION_CHOICES} />
        <SelectField source="destination" choices={DESTINATION_CHOICES} />
        <SelectField source="state" choices={TRANSFER_STATE_CHOICES} />
        <FunctionField
          label="resources.transfers.fields.sendingOrganisationName"
          render={(r: { sendingTenantName: string; sendingOrganisationName: string }) =>
            [r.sendingTenantName, r.sendingOrganisationName].filter(Boolean).join(' · ')
          }
        />
        <FunctionField
          label="resources.transfers.fields.receivingOrganisationName"
          render={(r: { receivingTenantName: string; receivingOrganisationName: string }) =>
            [r.receivingTenantName, r.receivingOrganisationName].filter(Boolean).join(' · ')
          }
        />
        <TextField source="reason" />
        <TextField source="serialNumber" emptyText="—" />
        <TextField source="duesPaidUpTo" emptyText="—" />
        <ChinaDateField source="issuedOn" emptyText="—" />
        <ChinaDateField source="validUntil" emptyText="—" />
        <TextField source="lastReason" emptyText="—" />
        <TransferActions />
        <ActionHistory />
      </SimpleShowLayout>
    </Show>
  );
}

/** 转接督办: approvals waiting, letters near expiry, receipts not returned. */
export function TransferOverdueList() {
  const translate = useTranslate();
  return (
    <List
      resource="transfer-overdue"
      title={translate('dj.transfers.overdue')}
      pagination={false}
      exporter={false}
      empty={
        <Alert severity="success" sx={{ m: 2 }}>
          {translate('dj.transfers.nothing_overdue')}
        </Alert>
      }
    >
      <Datagrid
        bulkActionButtons={false}
        rowClick={(_id, _resource, record) =>
          `/transfers/${String((record['transfer'] as { id: string }).id)}/show`
        }
      >
        <FunctionField
          label="resources.transfers.fields.memberName"
          render={(r: { transfer: { memberName: string } }) => r.transfer.memberName}
        />
        <SelectField
          source="kind"
          choices={translatedChoices(
            ['approval_waiting', 'letter_expiring', 'receipt_missing'],
            'dj.transfer_overdue',
          )}
          sortable={false}
        />
        <TextField source="since" sortable={false} />
        <TextField source="dueOn" sortable={false} />
      </Datagrid>
    </List>
  );
}

/** 毕业生转接督办: graduates with no transfer 3 months after graduating, and the unemployed held beyond 2 years. */
export function GraduateOverdueList() {
  const translate = useTranslate();
  return (
    <List
      resource="graduate-overdue"
      title={translate('dj.graduates.overdue')}
      sort={{ field: 'dueOn', order: 'ASC' }}
      pagination={false}
      exporter={false}
      empty={
        <Alert severity="success" sx={{ m: 2 }}>
          {translate('dj.graduates.nothing_overdue')}
        </Alert>
      }
    >
      <Datagrid
        bulkActionButtons={false}
        rowClick={(_id, _resource, record) => `/members/${String(record['memberId'])}/show`}
      >
        <TextField source="memberName" label="resources.graduations.fields.memberName" sortable={false} />
        <SelectField
          source="kind"
          label="resources.graduations.fields.kind"
          choices={translatedChoices(['no_transfer', 'held_beyond_two_years'], 'dj.graduate_overdue')}
          sortable={false}
        />
        <TextField source="graduatesOn" label="resources.graduations.fields.graduatesOn" sortable={false} />
        <SelectField
          source="destination"
          label="resources.graduations.fields.destination"
          choices={translatedChoices(
            ['employed', 'further_study', 'unemployed', 'unknown'],
            'dj.graduate_destinations',
          )}
          sortable={false}
        />
        <TextField
          source="employer"
          label="resources.graduations.fields.employer"
          sortable={false}
          emptyText="—"
        />
        <TextField source="dueOn" label="resources.graduations.fields.dueOn" sortable={false} />
      </Datagrid>
    </List>
  );
}
