import {
  Alert,
  Box,
  Button as MuiButton,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  List as MuiList,
  ListItem,
  ListItemText,
  TextField as MuiTextField,
  Typography,
  useMediaQuery,
  type Theme,
} from '@mui/material';
import { useEffect, useState } from 'react';
import {
  AutocompleteInput,
  BooleanField,
  Create,
  Datagrid,
  DateInput,
  Edit,
  FunctionField,
  List,
  ReferenceField,
  ReferenceInput,
  SearchInput,
  SelectField,
  SelectInput,
  Show,
  SimpleForm,
  SimpleList,
  SimpleShowLayout,
  TextField,
  TextInput,
  TopToolbar,
  EditButton,
  required,
  useDataProvider,
  usePermissions,
  useRecordContext,
  useTranslate,
  type DataProvider,
  CreateButton,
  FilterButton,
  useListContext,
  useNotify,
  useLocaleState,
  type RaRecord,
} from 'react-admin';
import { ChinaDateField } from '../layout/ChinaDateField';
import type { Permissions } from '../auth/authProvider';
import type { DjDataProvider } from '../data/extendedDataProvider';
import { DevelopmentPanel } from '../development/DevelopmentPanel';
import { MemberDuesPanel } from '../dues/MemberDuesPanel';
import { MemberGraduationPanel } from '../graduations/MemberGraduationPanel';
import { translatedChoices } from '../i18n/choices';
import { chinaTime } from '../i18n/china-dates';

export const STAGE_CHOICES = translatedChoices(
  ['applicant', 'activist', 'candidate', 'probationary', 'full'],
  'dj.stages',
);
export const STATUS_CHOICES = translatedChoices(
  ['active', 'in_transfer', 'transferred_out', 'suspended', 'removed'],
  'dj.member_statuses',
);
export const OCCUPATION_CHOICES = translatedChoices(
  ['salaried', 'retired', 'annual_salary', 'self_employed', 'farmer', 'student', 'unemployed'],
  'dj.occupations',
);
const dateOnly = (value: string | null) => (value ? String(value).slice(0, 10) : '');

const filters = [
  <SearchInput key="q" source="q" alwaysOn />,
  <SelectInput key="developmentStage" source="developmentStage" choices={STAGE_CHOICES} />,
  <SelectInput key="status" source="status" choices={STATUS_CHOICES} />,
  <TextInput key="idCardNumber" source="idCardNumber" />,
];

/** Members with masked ID-card numbers and phones; filters by stage, status, exact ID number. */
export function MemberList() {
  const small = useMediaQuery<Theme>((theme) => theme.breakpoints.down('sm'));
  const translate = useTranslate();
  return (
    <List
      filters={filters}
      sort={{ field: 'name', order: 'ASC' }}
      actions={
        <TopToolbar>
          <FilterButton />
          <CreateButton />
          <ExportMembersButton />
        </TopToolbar>
      }
    >
      {small ? (
        <SimpleList
          primaryText={(r) => r.name}
          secondaryText={(r) => r.idCardNumberMasked}
          tertiaryText={(r) => translate(`dj.stages.${r.developmentStage}`)}
          linkType="show"
        />
      ) : (
        <Datagrid rowClick="show" bulkActionButtons={false}>
          <TextField source="name" />
          <ReferenceField source="organisationId" reference="organisations" link={false} sortable={false}>
            <TextField source="name" />
          </ReferenceField>
          <SelectField source="developmentStage" choices={STAGE_CHOICES} sortable={false} />
          <TextField source="idCardNumberMasked" sortable={false} />
          <TextField source="phoneMasked" sortable={false} />
          <SelectField source="status" choices={STATUS_CHOICES} sortable={false} />
        </Datagrid>
      )}
    </List>
  );
}

/** The filtered list as .xlsx in the import template's columns, masked. */
function ExportMembersButton() {
  const { filterValues } = useListContext();
  const dataProvider = useDataProvider<DjDataProvider>();
  const translate = useTranslate();
  const notify = useNotify();
  return (
    <MuiButton
      size="small"
      onClick={() =>
        void dataProvider
          .download(
            `/member-exports?filter=${encodeURIComponent(JSON.stringify(filterValues))}`,
            '党员信息.xlsx',
          )
          .catch((e: Error) => notify(e.message, { type: 'error' }))
      }
    >
      {translate('dj.members.export')}
    </MuiButton>
  );
}

/** The full numbers, for a tenant admin who gives a reason (audited by the service). */
function UnmaskButton() {
  const record = useRecordContext<{ id: string }>();
  const dataProvider = useDataProvider<
    DataProvider & { unmask(id: string, reason: string): Promise<{ idCardNumber: string; phone: string }> }
  >();
  const translate = useTranslate();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [revealed, setRevealed] = useState<{ idCardNumber: string; phone: string } | null>(null);
  const [error, setError] = useState('');
  if (!record) return null;
  return (
    <>
      <MuiButton onClick={() => setOpen(true)}>{translate('dj.members.unmask')}</MuiButton>
      <Dialog open={open} onClose={() => setOpen(false)}>
        <DialogTitle>{translate('dj.members.unmask')}</DialogTitle>
        <DialogContent>
          {revealed ? (
            <Typography component="div" data-testid="revealed">
              {revealed.idCardNumber}
              <br />
              {revealed.phone}
            </Typography>
          ) : (
            <MuiTextField
              autoFocus
              fullWidth
              margin="dense"
              label={translate('dj.members.reason')}
              value={reason}
              onChange={(e) => setReason(e.target.value)}
            />
          )}
          {error ? <Alert severity="error">{error}</Alert> : null}
        </DialogContent>
        <DialogActions>
          {revealed ? null : (
            <MuiButton
              onClick={() =>
                dataProvider
                  .unmask(String(record.id), reason)
                  .then(setRevealed, (e: Error) => setError(e.message))
              }
            >
              {translate('ra.action.confirm')}
            </MuiButton>
          )}
          <MuiButton
            onClick={() => {
              setOpen(false);
              setRevealed(null);
              setReason('');
            }}
          >
            {translate('ra.action.close')}
          </MuiButton>
        </DialogActions>
      </Dialog>
    </>
  );
}

interface MemberChange {
  changedBy: string;
  changedByName: string;
  changedAt: string;
  reason: string;
  reasonCode: string;
  reasonParams: Record<string, string>;
  fields: string[];
}

/** Who changed what, when and why. */
function History() {
  const record = useRecordContext<{ id: string }>();
  const dataProvider = useDataProvider<DataProvider & { history(id: string): Promise<MemberChange[]> }>();
  const translate = useTranslate();
  const locale = useLocaleState()[0];
  // The reason as a code (members/member-changes.ts in the service); a development step is named too.
  const readableReason = (c: MemberChange) => {
    const params = {
      ...c.reasonParams,
      ...(c.reasonParams?.['step'] ? { step: translate(`dj.steps.${c.reasonParams['step']}`) } : {}),
    };
    return translate(`dj.members.reasons.${c.reasonCode || 'edited'}`, { reason: c.reason, ...params });
  };
  const fieldName = (field: string) =>
    field === '*'
      ? translate('dj.members.all_fields')
      : translate(`resources.members.fields.${field}`, { _: translate(`dj.fields.${field}`, { _: field }) });
  const [changes, setChanges] = useState<MemberChange[]>([]);
  useEffect(() => {
    if (record) void dataProvider.history(String(record.id)).then(setChanges);
  }, [record, dataProvider]);
  return (
    <Box>
      <Typography variant="subtitle2">{translate('dj.members.history')}</Typography>
      <MuiList dense>
        {changes.map((c) => (
          <ListItem key={c.changedAt + c.reason}>
            <ListItemText
              primary={readableReason(c)}
              secondary={[
                chinaTime(c.changedAt, locale),
                c.changedByName || translate('dj.members.by_platform'),
                c.fields.map(fieldName).join('、'),
              ].join(' · ')}
            />
          </ListItem>
        ))}
      </MuiList>
    </Box>
  );
}

export function MemberShow() {
  const { permissions } = usePermissions<Permissions>();
  const translate = useTranslate();
  return (
    <Show
      actions={
        <TopToolbar>
          {permissions?.roles.includes('tenant-admin') ? <UnmaskButton /> : null}
          <EditButton />
        </TopToolbar>
      }
    >
      <SimpleShowLayout>
        <TextField source="name" />
        <ReferenceField source="organisationId" reference="organisations" link={false}>
          <TextField source="name" />
        </ReferenceField>
        <FunctionField
          source="gender"
          render={(r: { gender: string }) => translate(`dj.genders.${r.gender}`)}
        />
        <TextField source="ethnicity" />
        <ChinaDateField source="birthDate" />
        <TextField source="idCardNumberMasked" />
        <TextField source="phoneMasked" />
        {/* Education is written in Chinese (GB/T 4658 levels); English shows the common levels in English. */}
        <FunctionField
          source="education"
          render={(r: { education: string }) =>
            r.education ? translate(`dj.education.${r.education}`, { _: r.education }) : '—'
          }
        />
        <SelectField source="occupation" choices={OCCUPATION_CHOICES} />
        <SelectField source="developmentStage" choices={STAGE_CHOICES} />
        <ChinaDateField source="joinedOn" emptyText="—" />
        <ChinaDateField source="oathTakenOn" emptyText="—" />
        <ChinaDateField source="confirmedOn" emptyText="—" />
        <SelectField source="status" choices={STATUS_CHOICES} />
        <BooleanField source="mobile" />
        <DevelopmentPanel />
        <MemberDuesPanel />
        <MemberGraduationPanel />
        <History />
      </SimpleShowLayout>
    </Show>
  );
}

export function MemberCreate() {
  return (
    <Create redirect="show">
      <SimpleForm defaultValues={{ occupation: 'salaried', developmentStage: 'applicant' }}>
        <ReferenceInput
          source="organisationId"
          reference="organisations"
          filter={{ kind: 'branch' }}
          perPage={100}
        >
          <AutocompleteInput optionText="name" filterToQuery={(q: string) => ({ q })} validate={required()} />
        </ReferenceInput>
        <TextInput source="name" validate={required()} />
        <TextInput source="idCardNumber" validate={required()} />
        <TextInput source="phone" />
        <TextInput source="ethnicity" />
        <TextInput source="education" />
        <SelectInput source="occupation" choices={OCCUPATION_CHOICES} validate={required()} />
        <SelectInput source="developmentStage" choices={STAGE_CHOICES} validate={required()} />
        <DateInput source="joinedOn" parse={dateOnly} />
        <DateInput source="confirmedOn" parse={dateOnly} />
        <DateInput source="stageSince" parse={dateOnly} helperText="dj.members.stage_since_hint" />
      </SimpleForm>
    </Create>
  );
}

/** Edits carry a reason: it is kept in the member's history. Personal numbers are re-entered, never shown. */
export function MemberEdit() {
  const { permissions } = usePermissions<Permissions>();
  // Linking the member record to a login: tenant admins, who see the tenant's people.
  const admin = permissions?.roles.includes('tenant-admin') ?? false;
  return (
    <Edit
      mutationMode="pessimistic"
      redirect="show"
      transform={(data: Record<string, unknown>) => ({
        reason: data['reason'],
        name: data['name'],
        ethnicity: data['ethnicity'],
        education: data['education'],
        occupation: data['occupation'],
        workUnit: data['workUnit'],
        address: data['address'],
        mobile: data['mobile'],
        lostContact: data['lostContact'],
        ...(data['phone'] ? { phone: data['phone'] } : {}),
        ...(admin ? { userId: data['userId'] ?? '' } : {}),
      })}
    >
      <SimpleForm>
        <TextInput source="reason" validate={required()} />
        <TextInput source="name" validate={required()} />
        <TextInput source="phone" helperText="dj.members.phone_hint" />
        <TextInput source="ethnicity" />
        <TextInput source="education" />
        <SelectInput source="occupation" choices={OCCUPATION_CHOICES} />
        <TextInput source="workUnit" />
        <TextInput source="address" />
        {admin ? (
          <ReferenceInput source="userId" reference="users" sort={{ field: 'displayName', order: 'ASC' }}>
            <AutocompleteInput
              optionText={(u: RaRecord) => `${u['displayName']}（${u['username']}）`}
              filterToQuery={(q: string) => ({ q })}
              sx={{ minWidth: 280 }}
            />
          </ReferenceInput>
        ) : null}
      </SimpleForm>
    </Edit>
  );
}
