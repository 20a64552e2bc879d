import { Button, Chip, Stack, TextField as MuiTextField } from '@mui/material';
import VolunteerActivismIcon from '@mui/icons-material/VolunteerActivism';
import {
  Create,
  Datagrid,
  FunctionField,
  List,
  Show,
  SimpleForm,
  SimpleShowLayout,
  TextField,
  TextInput,
  required,
  useRecordContext,
  useTranslate,
} from 'react-admin';
import { StepDialog, useStep } from '../layout/step-dialog';
import type { ConsoleResource } from '../layout/console-resource';
import { TableBox } from '../layout/TableBox';
import { OrganisationInput } from '../layout/OrganisationInput';
import { ChoiceFilter } from '../layout/ChoiceFilter';

const R = 'resources.micro-wishes';
const STATUSES = ['submitted', 'rejected', 'published', 'claimed', 'fulfilled', 'confirmed'];

interface MicroWish {
  id: string;
  title: string;
  status: string;
  actions: string[];
  version: number;
}

function StatusChip({ status }: { status: string }) {
  const translate = useTranslate();
  return (
    <Chip
      size="small"
      color={status === 'confirmed' ? 'success' : status === 'submitted' ? 'warning' : 'default'}
      label={translate(`${R}.statuses.${status}`)}
    />
  );
}

function MicroWishList() {
  return (
    <List
      filters={[
        <ChoiceFilter key="status" source="status" prefix={`${R}.statuses`} ids={STATUSES} alwaysOn />,
      ]}
      sort={{ field: 'createdAt', order: 'DESC' }}
    >
      <TableBox>
        <Datagrid bulkActionButtons={false} rowClick="show">
          <TextField source="title" />
          <TextField source="organisationName" sortable={false} />
          <FunctionField
            source="status"
            sortable={false}
            render={(r: MicroWish) => <StatusChip status={r.status} />}
          />
          <TextField source="claimedByName" sortable={false} />
        </Datagrid>
      </TableBox>
    </List>
  );
}

function MicroWishCreate() {
  return (
    <Create redirect="show">
      <SimpleForm>
        <OrganisationInput isRequired />
        <TextInput source="title" validate={required()} fullWidth />
        <TextInput source="content" validate={required()} multiline minRows={3} fullWidth />
        <TextInput source="wisherName" validate={required()} />
        <TextInput source="wisherPhone" validate={required()} />
      </SimpleForm>
    </Create>
  );
}

/** The review (publish or reject with a reason); members claim and fulfil in their own space. */
function MicroWishActions() {
  const wish = useRecordContext<MicroWish>();
  const translate = useTranslate();
  const { step, setStep, note, setNote, error, close, act } = useStep<string>(
    `/micro-wishes/${wish?.id}`,
    translate(`${R}.done`),
  );
  if (!wish) return null;
  return (
    <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: 'wrap' }}>
      {wish.actions.map((a) => (
        <Button key={a} variant="outlined" size="small" onClick={() => setStep(a)}>
          {translate(`${R}.actions.${a}`)}
        </Button>
      ))}
      <StepDialog
        title={step ? translate(`${R}.actions.${step}`) : ''}
        open={step !== undefined}
        onClose={close}
        error={error}
        actions={
          <Button
            variant="contained"
            onClick={() => act('actions', { version: wish.version, action: step, note })}
          >
            {translate(`${R}.confirm`)}
          </Button>
        }
      >
        <MuiTextField
          fullWidth
          multiline
          minRows={2}
          margin="dense"
          label={translate(`${R}.note`)}
          value={note}
          onChange={(e) => setNote(e.target.value)}
        />
      </StepDialog>
    </Stack>
  );
}

function MicroWishShow() {
  const translate = useTranslate();
  return (
    <Show>
      <SimpleShowLayout>
        <TextField source="title" />
        <FunctionField source="status" render={(r: MicroWish) => <StatusChip status={r.status} />} />
        <MicroWishActions />
        <TextField source="content" />
        <TextField source="organisationName" />
        <TextField source="wisherName" />
        <TextField source="wisherPhone" />
        <TextField source="code" />
        <FunctionField
          source="claimedByName"
          render={(r: MicroWish & { claimedByName: string }) => r.claimedByName || translate(`${R}.none`)}
        />
        <FunctionField
          source="fulfilmentNote"
          render={(r: MicroWish & { fulfilmentNote: string }) => r.fulfilmentNote || translate(`${R}.none`)}
        />
        <FunctionField
          source="reviewNote"
          render={(r: MicroWish & { reviewNote: string }) => r.reviewNote || translate(`${R}.none`)}
        />
      </SimpleShowLayout>
    </Show>
  );
}

/** 微心愿: residents' wishes reviewed before they are public; claimed and fulfilled by members. */
export const microWishesResource: ConsoleResource = {
  name: 'micro-wishes',
  roles: ['tenant-admin', 'secretary'],
  module: 'supervision',
  icon: VolunteerActivismIcon,
  list: MicroWishList,
  create: MicroWishCreate,
  show: MicroWishShow,
  recordRepresentation: 'title',
  messages: {
    'zh-CN': {
      name: '微心愿 |||| 微心愿',
      fields: {
        title: '心愿',
        content: '具体说明',
        organisationId: '所在社区（网格）',
        organisationName: '所在社区（网格）',
        wisherName: '许愿群众',
        wisherPhone: '联系电话',
        code: '查询码',
        status: '状态',
        claimedByName: '认领党员',
        fulfilmentNote: '实现情况',
        reviewNote: '审核意见',
      },
      statuses: {
        submitted: '待审核',
        rejected: '未通过',
        published: '待认领',
        claimed: '已认领',
        fulfilled: '已实现待确认',
        confirmed: '群众已确认',
      },
      actions: {
        publish: '审核发布',
        reject: '不予发布',
        claim: '认领',
        withdraw_claim: '放弃认领',
        fulfil: '已实现',
      },
      note: '意见（不予发布时必填）',
      confirm: '确定',
      done: '已办理',
      none: '无',
    },
    en: {
      name: 'Micro-wish |||| Micro-wishes',
      fields: {
        title: 'Wish',
        content: 'Details',
        organisationId: 'Community (grid)',
        organisationName: 'Community (grid)',
        wisherName: 'Resident',
        wisherPhone: 'Phone',
        code: 'Code',
        status: 'Status',
        claimedByName: 'Claimed by',
        fulfilmentNote: 'Fulfilment',
        reviewNote: 'Review note',
      },
      statuses: {
        submitted: 'To review',
        rejected: 'Rejected',
        published: 'To claim',
        claimed: 'Claimed',
        fulfilled: 'Fulfilled, awaiting the resident',
        confirmed: 'Confirmed',
      },
      actions: {
        publish: 'Publish',
        reject: 'Reject',
        claim: 'Claim',
        withdraw_claim: 'Withdraw claim',
        fulfil: 'Fulfilled',
      },
      note: 'Note (required to reject)',
      confirm: 'Confirm',
      done: 'Done',
      none: 'None',
    },
  },
};
