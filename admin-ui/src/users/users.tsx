import { useMediaQuery, type Theme } from '@mui/material';
import {
  CheckboxGroupInput, Create, Datagrid, DateField, DeleteButton, Edit, EmailField, List, PasswordInput, SearchInput,
  SelectInput, SimpleForm, SimpleList, TextField, type RaRecord, TextInput, FunctionField, email, minLength, required, useTranslate,
} from 'react-admin';

const ROLE_CHOICES = ['tenant-admin', 'secretary', 'inspector', 'member'].map((id) => ({ id, name: `dj.roles.${id}` }));
const filters = [<SearchInput key="q" source="q" alwaysOn />, <SelectInput key="role" source="role" choices={ROLE_CHOICES} />];

/** Tenant admins: the people of their tenant and their roles there. */
export function UserList() {
  const small = useMediaQuery<Theme>((theme) => theme.breakpoints.down('sm'));
  const translate = useTranslate();
  const roles = (r: RaRecord) => ((r["roles"] as string[] | undefined) ?? []).map((role) => translate(`dj.roles.${role}`)).join("、");
  return (
    <List filters={filters} sort={{ field: 'username', order: 'ASC' }}>
      {small ? (
        <SimpleList primaryText={(r) => r.displayName} secondaryText={(r) => r.username} tertiaryText={roles} linkType="edit" />
      ) : (
        <Datagrid rowClick="edit" bulkActionButtons={false}>
          <TextField source="username" />
          <TextField source="displayName" />
          <EmailField source="email" />
          <FunctionField source="roles" sortable={false} render={roles} />
          <DateField source="createdAt" locales="zh-CN" />
        </Datagrid>
      )}
    </List>
  );
}

export function UserCreate() {
  return (
    <Create redirect="list">
      <SimpleForm defaultValues={{ roles: ['member'] }}>
        <TextInput source="username" validate={required()} />
        <TextInput source="displayName" />
        <TextInput source="email" validate={email()} />
        <PasswordInput source="password" validate={minLength(8)} />
        <CheckboxGroupInput source="roles" choices={ROLE_CHOICES} />
      </SimpleForm>
    </Create>
  );
}

export function UserEdit() {
  return (
    <Edit mutationMode="pessimistic" actions={false}>
      <SimpleForm toolbar={undefined}>
        <TextInput source="username" disabled />
        <TextInput source="displayName" validate={required()} />
        <TextInput source="email" validate={email()} />
        <CheckboxGroupInput source="roles" choices={ROLE_CHOICES} validate={required()} />
        <DeleteButton mutationMode="pessimistic" />
      </SimpleForm>
    </Edit>
  );
}

