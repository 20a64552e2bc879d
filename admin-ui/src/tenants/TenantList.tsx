import { useMediaQuery, type Theme } from '@mui/material';
import {
  Button, CreateButton, Datagrid, DateField, ExportButton, FunctionField, List, SearchInput, SelectField, SelectInput,
  SimpleList, TextField, TopToolbar, useNotify, useRecordContext, useTranslate, useUpdate,
} from 'react-admin';
import { TENANT_STATUS_CHOICES, TENANT_TYPE_CHOICES } from './choices';

const filters = [
  <SearchInput key="q" source="q" alwaysOn />,
  <SelectInput key="status" source="status" choices={TENANT_STATUS_CHOICES} />,
  <SelectInput key="type" source="type" choices={TENANT_TYPE_CHOICES} />,
];

/** Suspending keeps everything; the tenant's people get 403 until it is active again. */
function SuspendButton() {
  const record = useRecordContext<{ id: string; status: string }>();
  const [update, { isPending }] = useUpdate();
  const notify = useNotify();
  if (!record) return null;
  const next = record.status === 'active' ? 'suspended' : 'active';
  return (
    <Button
      label={next === 'suspended' ? 'dj.actions.suspend' : 'dj.actions.activate'}
      disabled={isPending}
      onClick={(event) => {
        event.stopPropagation();
        update('tenants', { id: record.id, data: { status: next }, previousData: record }, { onSuccess: () => notify('ra.notification.updated', { messageArgs: { smart_count: 1 } }) });
      }}
    />
  );
}

export function TenantList() {
  const small = useMediaQuery<Theme>((theme) => theme.breakpoints.down('sm'));
  const translate = useTranslate();
  return (
    <List filters={filters} sort={{ field: 'createdAt', order: 'DESC' }} actions={<TopToolbar><CreateButton /><ExportButton /></TopToolbar>}>
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
          <FunctionField source="modules" sortable={false} render={(r: { modules: string[] }) => r.modules.filter((m) => !m.startsWith('feature:')).map((m) => translate(`dj.modules.${m}`)).join('、')} />
          <DateField source="createdAt" showTime locales="zh-CN" />
          <SuspendButton />
        </Datagrid>
      )}
    </List>
  );
}
