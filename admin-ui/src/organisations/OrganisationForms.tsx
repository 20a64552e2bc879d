import {
  AutocompleteInput, BooleanInput, Create, DateInput, Edit, ReferenceInput, SelectInput, SimpleForm, TextInput, required, regex,
} from 'react-admin';
import { GRID_LABEL_CHOICES, KIND_CHOICES } from './choices';

const CODE = regex(/^[\w-]{1,40}$/, 'A-Z 0-9 - _');
/** Dates travel as YYYY-MM-DD (Chinese convention, no time zone games). */
const dateOnly = (value: string | null) => (value ? String(value).slice(0, 10) : '');

function Fields({ editing }: { editing?: boolean }) {
  return (
    <>
      <TextInput source="name" validate={required()} />
      <TextInput source="code" validate={[required(), CODE]} />
      <SelectInput source="kind" choices={KIND_CHOICES} validate={required()} disabled={editing} />
      <ReferenceInput source="parentId" reference="organisations" sort={{ field: 'name', order: 'ASC' }} perPage={100}>
        <AutocompleteInput optionText="name" filterToQuery={(q: string) => ({ q })} helperText={editing ? 'dj.organisation.move_hint' : false} />
      </ReferenceInput>
      <SelectInput source="gridLabel" choices={GRID_LABEL_CHOICES} emptyText=" " />
      <BooleanInput source="joint" />
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
      <SimpleForm>
        <Fields editing />
      </SimpleForm>
    </Edit>
  );
}
