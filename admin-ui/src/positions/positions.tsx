import { Button as MuiButton, Chip } from '@mui/material';
import {
  AutocompleteInput,
  BooleanInput,
  Create,
  Datagrid,
  DateInput,
  FormDataConsumer,
  FunctionField,
  List,
  ReferenceField,
  ReferenceInput,
  required,
  SelectField,
  SelectInput,
  SimpleForm,
  TextField,
  TextInput,
  useDataProvider,
  useNotify,
  useRecordContext,
  useRefresh,
  useTranslate,
} from 'react-admin';
import type { DjDataProvider } from '../data/extendedDataProvider';
import { chinaDay } from '../i18n/china-dates';
import { translatedChoices } from '../i18n/choices';
import { usePhone } from '../layout/usePhone';

const KIND_CHOICES = translatedChoices(
  ['secretary', 'deputy_secretary', 'committee_member'],
  'dj.position_kinds',
);

interface PositionRecord {
  id: string;
  current: boolean;
  termEndingSoon: boolean;
  endedOn: string | null;
}

/** Ends a term early (resignation, transfer) as of today; the position stays in the history. */
function EndTermButton() {
  const record = useRecordContext<PositionRecord>();
  const dataProvider = useDataProvider<DjDataProvider>();
  const translate = useTranslate();
  const notify = useNotify();
  const refresh = useRefresh();
  if (!record || !record.current) return null;
  const end = async () => {
    try {
      await dataProvider.send('PUT', `/positions/${record.id}`, { endedOn: chinaDay() });
      refresh();
    } catch (error) {
      notify((error as Error).message, { type: 'error' });
    }
  };
  return (
    <MuiButton size="small" onClick={() => void end()}>
      {translate('dj.positions.end')}
    </MuiButton>
  );
}

/**
 * 班子成员: secretaries, deputies and committee members with their terms; 换届提醒 flags terms ending
 * within 90 days. The holder's member record is what a committee meeting's quorum counts them by.
 */
export function PositionList() {
  const translate = useTranslate();
  const phone = usePhone();
  const filters = [
    <ReferenceInput
      key="withinId"
      source="withinId"
      reference="organisations"
      sort={{ field: 'name', order: 'ASC' }}
      alwaysOn
    >
      <AutocompleteInput
        optionText="name"
        label="resources.positions.fields.withinId"
        sx={{ minWidth: 280 }}
      />
    </ReferenceInput>,
    <BooleanInput key="current" source="current" label="resources.positions.fields.current" />,
    <BooleanInput key="endingSoon" source="endingSoon" label="resources.positions.fields.termEndingSoon" />,
  ];
  return (
    <List filters={filters} sort={{ field: 'termEnd', order: 'ASC' }} exporter={false}>
      <Datagrid bulkActionButtons={false} rowClick={false}>
        <ReferenceField source="organisationId" reference="organisations" link={false} sortable={false}>
          <TextField source="name" />
        </ReferenceField>
        <SelectField source="kind" choices={KIND_CHOICES} sortable={false} />
        <TextField source="holderName" sortable={false} />
        {phone ? null : (
          <ReferenceField
            source="holderMemberId"
            reference="members"
            link="show"
            sortable={false}
            emptyText="—"
          >
            <TextField source="name" />
          </ReferenceField>
        )}
        {phone ? null : <TextField source="termStart" sortable={false} />}
        <FunctionField
          source="termEnd"
          render={(p: PositionRecord & { termEnd: string }) => (
            <>
              {p.termEnd}
              {p.termEndingSoon && p.current ? (
                <Chip
                  size="small"
                  color="warning"
                  sx={{ ml: 1 }}
                  label={translate('dj.positions.ending_soon')}
                />
              ) : null}
            </>
          )}
        />
        {phone ? null : <TextField source="endedOn" sortable={false} emptyText="—" />}
        <EndTermButton />
      </Datagrid>
    </List>
  );
}

/** A new term: the organisation, the post, and the holder — picked from the organisation's members. */
export function PositionCreate() {
  return (
    <Create redirect="list">
      <SimpleForm>
        <ReferenceInput
          source="organisationId"
          reference="organisations"
          sort={{ field: 'name', order: 'ASC' }}
        >
          <AutocompleteInput optionText="name" validate={required()} sx={{ minWidth: 320 }} />
        </ReferenceInput>
        <SelectInput source="kind" choices={KIND_CHOICES} validate={required()} />
        <FormDataConsumer<{ organisationId?: string }>>
          {({ formData }) =>
            formData.organisationId ? (
              <ReferenceInput
                source="holderMemberId"
                reference="members"
                filter={{ withinId: formData.organisationId, status: 'active' }}
                sort={{ field: 'name', order: 'ASC' }}
              >
                <AutocompleteInput
                  optionText="name"
                  filterToQuery={(q: string) => ({ q })}
                  sx={{ minWidth: 320 }}
                />
              </ReferenceInput>
            ) : null
          }
        </FormDataConsumer>
        <TextInput source="holderName" helperText="resources.positions.helper.holderName" />
        <DateInput source="termStart" validate={required()} />
        <DateInput source="termEnd" validate={required()} />
      </SimpleForm>
    </Create>
  );
}
