import { useMediaQuery, type Theme } from '@mui/material';
import PersonAddIcon from '@mui/icons-material/PersonAdd';
import {
  CheckboxGroupInput,
  Datagrid,
  DeleteButton,
  Edit,
  EmailField,
  List,
  SearchInput,
  SelectInput,
  SimpleForm,
  SimpleList,
  TextField,
  type RaRecord,
  TextInput,
  FunctionField,
  TopToolbar,
  Button,
  required,
  useTranslate,
  Link,
} from 'react-admin';
import { ChinaDateField } from '../layout/ChinaDateField';

const ROLE_CHOICES = ['tenant-admin', 'secretary', 'inspector', 'member'].map((id) => ({
  id,
  name: `dj.roles.${id}`,
}));
const filters = [
  <SearchInput key="q" source="q" alwaysOn />,
  <SelectInput key="role" source="role" choices={ROLE_CHOICES} />,
];

/** People join by invitation (decision 0016): the list leads there. */
function UserListActions() {
  return (
    <TopToolbar>
      <Button component={Link} to="/invitations/create" label="dj.invitations.invite">
        <PersonAddIcon />
      </Button>
      <Button component={Link} to="/invitations" label="resources.invitations.name" />
    </TopToolbar>
  );
}

/** Tenant admins: the people of their tenant and their roles there. */
export function UserList() {
  const small = useMediaQuery<Theme>((theme) => theme.breakpoints.down('sm'));
  const translate = useTranslate();
  const roles = (r: RaRecord) =>
    ((r['roles'] as string[] | undefined) ?? []).map((role) => translate(`dj.roles.${role}`)).join('、');
  return (
    <List filters={filters} sort={{ field: 'username', order: 'ASC' }} actions={<UserListActions />}>
      {small ? (
        <SimpleList
          primaryText={(r) => r.displayName}
          secondaryText={(r) => r.username}
          tertiaryText={roles}
          linkType="edit"
        />
      ) : (
        <Datagrid rowClick="edit" bulkActionButtons={false}>
          <TextField source="username" />
          <TextField source="displayName" />
          <EmailField source="email" />
          <FunctionField source="roles" sortable={false} render={roles} />
          <ChinaDateField source="createdAt" />
        </Datagrid>
      )}
    </List>
  );
}

export function UserEdit() {
  return (
    <Edit mutationMode="pessimistic" actions={false}>
      <SimpleForm toolbar={undefined}>
        <TextInput source="username" disabled />
        {/* Name and e-mail are the person's own, kept by them (they may belong to other tenants too). */}
        <TextInput source="displayName" disabled helperText="dj.users.own_details" />
        <TextInput source="email" disabled />
        <CheckboxGroupInput source="roles" choices={ROLE_CHOICES} validate={required()} />
        <DeleteButton mutationMode="pessimistic" />
      </SimpleForm>
    </Edit>
  );
}
