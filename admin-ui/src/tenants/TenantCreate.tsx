import { Create, SelectInput, SimpleForm, TextInput, regex, required } from 'react-admin';
import { TENANT_TYPE_CHOICES } from './choices';

const SLUG = regex(/^[a-z][a-z0-9-]{1,38}[a-z0-9]$/, '3–40 a-z 0-9 -');
const COLOUR = regex(/^(#[0-9a-fA-F]{6})?$/, '#rrggbb');

/** New tenants get the modules of their type's preset; change them on the edit page. */
export function TenantCreate() {
  return (
    <Create redirect="list">
      <SimpleForm>
        <TextInput source="slug" validate={[required(), SLUG]} helperText="acme-corp" />
        <TextInput source="name" validate={required()} />
        <SelectInput source="type" choices={TENANT_TYPE_CHOICES} validate={required()} />
        <TextInput source="branding.displayName" />
        <TextInput source="branding.logoUrl" type="url" />
        <TextInput source="branding.primaryColour" validate={COLOUR} helperText="#c8102e" />
      </SimpleForm>
    </Create>
  );
}
