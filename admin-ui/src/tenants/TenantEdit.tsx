import {
  CheckboxGroupInput,
  Edit,
  SelectField,
  SimpleForm,
  TextInput,
  TopToolbar,
  regex,
  required,
} from 'react-admin';
import { SaveOnlyToolbar } from '../layout/SaveOnlyToolbar';
import { MODULE_CHOICES, TENANT_STATUS_CHOICES } from './choices';
import { InviteAdminButton, TenantStatusButton } from './TenantActions';

/** A tenant's name, modules and branding; suspending and the first admin's invitation beside them. */
export function TenantEdit() {
  return (
    <Edit
      mutationMode="pessimistic"
      actions={
        <TopToolbar>
          <InviteAdminButton />
          <TenantStatusButton />
        </TopToolbar>
      }
      // Status changes through the button above, which asks first.
      transform={(data: Record<string, unknown>) => ({
        name: data['name'],
        modules: data['modules'],
        branding: data['branding'],
      })}
    >
      <SimpleForm toolbar={<SaveOnlyToolbar />}>
        <TextInput source="slug" disabled />
        <TextInput source="name" validate={required()} />
        <SelectField source="status" choices={TENANT_STATUS_CHOICES} />
        <CheckboxGroupInput source="modules" choices={MODULE_CHOICES} />
        <TextInput source="branding.displayName" />
        <TextInput source="branding.logoUrl" type="url" />
        <TextInput
          source="branding.primaryColour"
          validate={regex(/^(#[0-9a-fA-F]{6})?$/, 'dj.problems.not_a_colour')}
        />
      </SimpleForm>
    </Edit>
  );
}
