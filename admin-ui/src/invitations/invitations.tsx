import {
  Alert,
  Box,
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  Stack,
  Typography,
  useMediaQuery,
  type Theme,
} from '@mui/material';
import { useState } from 'react';
import {
  AutocompleteArrayInput,
  CheckboxGroupInput,
  Create,
  Datagrid,
  DeleteWithConfirmButton,
  FormDataConsumer,
  FunctionField,
  List,
  ReferenceArrayInput,
  SelectInput,
  SimpleForm,
  SimpleList,
  TextField,
  TextInput,
  email,
  required,
  useRedirect,
  useTranslate,
  type RaRecord,
} from 'react-admin';
import { ChinaDateField } from '../layout/ChinaDateField';

const ROLES = ['tenant-admin', 'secretary', 'inspector', 'member'];
const ROLE_CHOICES = ROLES.map((id) => ({ id, name: `dj.roles.${id}` }));
const STATUS_CHOICES = ['pending', 'accepted', 'revoked', 'expired'].map((id) => ({
  id,
  name: `dj.invitation_statuses.${id}`,
}));

function useRoleNames() {
  const translate = useTranslate();
  return (record: RaRecord) =>
    ((record['roles'] as string[] | undefined) ?? []).map((role) => translate(`dj.roles.${role}`)).join('、');
}

/**
 * 邀请: how a tenant adds a person (decision 0016). The admin never names a login: the person
 * creates theirs with the code, or joins with the one they have.
 */
export function InvitationList() {
  const small = useMediaQuery<Theme>((theme) => theme.breakpoints.down('sm'));
  const translate = useTranslate();
  const roles = useRoleNames();
  const status = (record: RaRecord) => translate(`dj.invitation_statuses.${record['status']}`);
  const revoke = (
    <FunctionField
      label=""
      render={(record: RaRecord) =>
        record['status'] === 'pending' ? (
          <DeleteWithConfirmButton
            label="dj.invitations.revoke"
            confirmTitle="dj.invitations.revoke_title"
            confirmContent="dj.invitations.revoke_content"
            mutationMode="pessimistic"
            redirect={false}
          />
        ) : null
      }
    />
  );
  return (
    <List
      sort={{ field: 'createdAt', order: 'DESC' }}
      filters={[<SelectInput key="status" source="status" choices={STATUS_CHOICES} alwaysOn />]}
    >
      {small ? (
        <SimpleList
          primaryText={(r) => r['displayName']}
          secondaryText={roles}
          tertiaryText={status}
          linkType={false}
        />
      ) : (
        <Datagrid bulkActionButtons={false} rowClick={false}>
          <TextField source="displayName" sortable={false} />
          <FunctionField source="roles" sortable={false} render={roles} />
          <FunctionField source="status" sortable={false} render={status} />
          <TextField source="createdByUsername" sortable={false} />
          <ChinaDateField source="createdAt" showTime />
          <ChinaDateField source="expiresAt" sortable={false} />
          {revoke}
        </Datagrid>
      )}
    </List>
  );
}

/** The code is shown once: the admin hands it (or the link) to the person. */
export function CodeDialog({
  created,
  onClose,
}: {
  created: { code: string; activationUrl: string; displayName: string };
  onClose: () => void;
}) {
  const translate = useTranslate();
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    await navigator.clipboard?.writeText(`${created.code}\n${created.activationUrl}`).catch(() => undefined);
    setCopied(true);
  };
  return (
    <Dialog open onClose={onClose} fullWidth maxWidth="sm">
      <DialogTitle>{translate('dj.invitations.created_title', { name: created.displayName })}</DialogTitle>
      <DialogContent>
        <Stack spacing={2}>
          <Typography>{translate('dj.invitations.hand_over')}</Typography>
          <Typography
            data-testid="invitation-code"
            sx={{
              fontFamily: 'monospace',
              fontSize: '1.4rem',
              letterSpacing: '0.1em',
              wordBreak: 'break-all',
            }}
          >
            {created.code}
          </Typography>
          <Box sx={{ wordBreak: 'break-all' }}>
            <a href={created.activationUrl} target="_blank" rel="noreferrer">
              {created.activationUrl}
            </a>
          </Box>
          <Alert severity="info">{translate('dj.invitations.shown_once')}</Alert>
          {copied ? <Alert severity="success">{translate('dj.invitations.copied')}</Alert> : null}
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={copy}>{translate('dj.invitations.copy')}</Button>
        <Button onClick={onClose} variant="contained">
          {translate('ra.action.close')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}

export function InvitationCreate() {
  const [created, setCreated] = useState<{ code: string; activationUrl: string; displayName: string }>();
  const redirect = useRedirect();
  return (
    <>
      <Create
        redirect={false}
        mutationOptions={{
          onSuccess: (data: RaRecord) =>
            setCreated({
              code: String(data['code']),
              activationUrl: String(data['activationUrl']),
              displayName: String(data['displayName']),
            }),
        }}
      >
        <SimpleForm defaultValues={{ roles: ['member'] }}>
          <TextInput source="displayName" validate={required()} />
          <TextInput source="email" validate={email()} />
          <CheckboxGroupInput source="roles" choices={ROLE_CHOICES} validate={required()} />
          <FormDataConsumer<{ roles?: string[] }>>
            {({ formData }) =>
              formData.roles?.includes('secretary') ? (
                <ReferenceArrayInput
                  source="organisationScope"
                  reference="organisations"
                  sort={{ field: 'name', order: 'ASC' }}
                >
                  <AutocompleteArrayInput optionText="name" validate={required()} sx={{ minWidth: 320 }} />
                </ReferenceArrayInput>
              ) : null
            }
          </FormDataConsumer>
        </SimpleForm>
      </Create>
      {created ? <CodeDialog created={created} onClose={() => redirect('list', 'invitations')} /> : null}
    </>
  );
}
