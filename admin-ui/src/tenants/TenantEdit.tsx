import { CheckboxGroupInput, Edit, SelectInput, SimpleForm, TextInput, regex, required } from 'react-admin';
import { MODULE_CHOICES, TENANT_STATUS_CHOICES } from './choices';

export function TenantEdit() {
  return (
    <Edit mutationMode="pessimistic">
      <SimpleForm>
        <TextInput source="slug" disabled />
        <TextInput source="name" validate={required()} />
        <SelectInput source="status" choices={TENANT_STATUS_CHOICES} validate={required()} />
        <CheckboxGroupInput source="modules" choices={MODULE_CHOICES} />
        <TextInput source="branding.displayName" />
        <TextInput source="branding.logoUrl" type="url" />
        <TextInput source="branding.primaryColour" validate={regex(/^(#[0-9a-fA-F]{6})?$/, '#rrggbb')} />
      </SimpleForm>
    </Edit>
  );
}
