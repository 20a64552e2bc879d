import { useMediaQuery, type Theme } from '@mui/material';
import {
  CreateButton,
  Datagrid,
  ExportButton,
  FunctionField,
  List,
  SearchInput,
  SelectField,
  SelectInput,
  SimpleList,
  TextField,
  TopToolbar,
  useTranslate,
} from 'react-admin';
import { ChinaDateField } from '../layout/ChinaDateField';
import { TenantStatusButton } from './TenantActions';
import { TENANT_STATUS_CHOICES, TENANT_TYPE_CHOICES } from './choices';

const filters = [
  <SearchInput key="q" source="q" alwaysOn />,
  <SelectInput key="status" source="status" choices={TENANT_STATUS_CHOICES} />,
  <SelectInput key="type" source="type" choices={TENANT_TYPE_CHOICES} />,
];

export function TenantList() {
  const small = useMediaQuery<Theme>((theme) => theme.breakpoints.down('sm'));
  const translate = useTranslate();
  return (
    <List
      filters={filters}
      sort={{ field: 'createdAt', order: 'DESC' }}
      actions={
        <TopToolbar>
          <CreateButton />
          <ExportButton />
        </TopToolbar>
      }
    >
      {small ? (
        <SimpleList
          primaryText={(r) => r.name}
          secondaryText={(r) => `${r.slug} · ${translate(`dj.tenant_types.${r.type}`)}`}
          tertiaryText={(r) => translate(`dj.tenant_statuses.${r.status}`)}
          linkType="edit"
        />
      ) : (
        <Datagrid rowClick="edit" bulkActionButtons={false}>
          <TextField source="slug" />
          <TextField source="name" />
          <SelectField source="type" choices={TENANT_TYPE_CHOICES} />
          <SelectField source="status" choices={TENANT_STATUS_CHOICES} />
          <FunctionField
            source="modules"
            sortable={false}
            render={(r: { modules: string[] }) =>
              r.modules
                .filter((m) => !m.startsWith('feature:'))
                .map((m) => translate(`dj.modules.${m}`))
                .join('、')
            }
          />
          <ChinaDateField source="createdAt" showTime />
          <TenantStatusButton />
        </Datagrid>
      )}
    </List>
  );
}
