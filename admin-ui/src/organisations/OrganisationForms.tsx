import {
  AutocompleteInput,
  BooleanInput,
  Create,
  DateInput,
  Edit,
  FormDataConsumer,
  NumberInput,
  ReferenceInput,
  SelectInput,
  SimpleForm,
  TextInput,
  required,
  regex,
} from 'react-admin';
import { SaveOnlyToolbar } from '../layout/SaveOnlyToolbar';
import { GRID_LABEL_CHOICES, KIND_CHOICES } from './choices';
import { DissolveButton } from './DissolveButton';

const CODE = regex(/^[\w-]{1,40}$/, 'dj.problems.organisation_code_format');
/** Dates travel as YYYY-MM-DD (Chinese convention, no time zone games). */
const dateOnly = (value: string | null) => (value ? String(value).slice(0, 10) : '');

function Fields({ editing }: { editing?: boolean }) {
  return (
    <>
      <TextInput source="name" validate={required()} />
      <TextInput source="code" validate={[required(), CODE]} />
      <SelectInput source="kind" choices={KIND_CHOICES} validate={required()} disabled={editing} />
      <ReferenceInput
        source="parentId"
        reference="organisations"
        sort={{ field: 'name', order: 'ASC' }}
        perPage={100}
      >
        <AutocompleteInput
          optionText="name"
          filterToQuery={(q: string) => ({ q })}
          helperText={editing ? 'dj.organisation.move_hint' : false}
        />
      </ReferenceInput>
      <SelectInput source="gridLabel" choices={GRID_LABEL_CHOICES} emptyText=" " />
      <BooleanInput source="joint" />
      {/* A joint branch covers 2 to 5 units (rules.md §4). */}
      <FormDataConsumer<{ joint?: boolean }>>
        {({ formData }) => (formData.joint ? <NumberInput source="jointUnits" min={2} max={5} /> : null)}
      </FormDataConsumer>
      <TextInput source="contact" />
      <DateInput source="foundedOn" parse={dateOnly} />
    </>
  );
}

export function OrganisationCreate() {
  return (
    <Create redirect="/organisations">
      <SimpleForm>
        <Fields />
      </SimpleForm>
    </Create>
  );
}

export function OrganisationEdit() {
  return (
    <Edit mutationMode="pessimistic" redirect="/organisations">
      <SimpleForm
        toolbar={
          <SaveOnlyToolbar>
            <DissolveButton />
          </SaveOnlyToolbar>
        }
      >
        <Fields editing />
      </SimpleForm>
    </Edit>
  );
}
