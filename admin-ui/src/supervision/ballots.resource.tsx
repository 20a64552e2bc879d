import HowToVoteIcon from '@mui/icons-material/HowToVote';
import {
  Button,
  Chip,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@mui/material';
import {
  Create,
  Datagrid,
  FormDataConsumer,
  FunctionField,
  List,
  SelectInput,
  Show,
  SimpleForm,
  SimpleShowLayout,
  TextField,
  TextInput,
  required,
  useRecordContext,
  useTranslate,
} from 'react-admin';
import { chinaTime } from '../i18n/china-dates';
import type { ConsoleResource } from '../layout/console-resource';
import { StepDialog, useStep } from '../layout/step-dialog';
import { TableBox } from '../layout/TableBox';
import { OrganisationInput } from '../layout/OrganisationInput';
import { ChoiceFilter } from '../layout/ChoiceFilter';

const R = 'resources.ballots';
const STATUSES = ['draft', 'open', 'closed'];
const KINDS = ['member_appraisal', 'cadre', 'commitment'];

export interface Ballot {
  id: string;
  organisationName: string;
  subject: string;
  kind: string;
  status: string;
  candidates: { id: string; name: string; graded: boolean }[];
  grades: string[];
  rollSize: number;
  voted: number;
  turnout: { organisationId: string; organisationName: string; roll: number; voted: number }[];
  results: { candidateId: string; name: string; counts: Record<string, number>; grade: string }[];
  openedAt: string;
  closedAt: string;
  onMyRoll: boolean;
  iVoted: boolean;
  actions: string[];
  version: number;
}

const turnoutText = (b: Ballot) => (b.status === 'draft' ? '—' : `${b.voted} / ${b.rollSize}`);

function StatusChip({ status }: { status: string }) {
  const translate = useTranslate();
  return (
    <Chip
      size="small"
      color={status === 'open' ? 'success' : 'default'}
      label={translate(`${R}.statuses.${status}`)}
    />
  );
}

function BallotList() {
  return (
    <List
      filters={[
        <ChoiceFilter key="status" source="status" prefix={`${R}.statuses`} ids={STATUSES} alwaysOn />,
      ]}
      sort={{ field: 'createdAt', order: 'DESC' }}
    >
      <TableBox>
        <Datagrid bulkActionButtons={false} rowClick="show">
          <TextField source="subject" sortable={false} />
          <TextField source="organisationName" sortable={false} />
          <FunctionField
            source="status"
            sortable={false}
            render={(b: Ballot) => <StatusChip status={b.status} />}
          />
          <FunctionField source="voted" sortable={false} render={turnoutText} />
        </Datagrid>
      </TableBox>
    </List>
  );
}

function BallotCreate() {
  const translate = useTranslate();
  return (
    <Create redirect="show">
      <SimpleForm defaultValues={{ kind: 'member_appraisal', subjectName: '' }}>
        <OrganisationInput isRequired />
        <TextInput source="subject" validate={required()} fullWidth />
        <SelectInput
          source="kind"
          choices={KINDS.map((id) => ({ id, name: translate(`${R}.kinds.${id}`) }))}
          translateChoice={false}
          validate={required()}
        />
        <FormDataConsumer<{ kind?: string }>>
          {({ formData }) =>
            formData.kind && formData.kind !== 'member_appraisal' ? (
              <TextInput source="subjectName" validate={required()} helperText={`${R}.subject_name_help`} />
            ) : (
              <Typography variant="body2" color="text.secondary">
                {translate(`${R}.appraisal_help`)}
              </Typography>
            )
          }
        </FormDataConsumer>
      </SimpleForm>
    </Create>
  );
}

/** Open (the roll is taken now) and close (the results appear), each confirmed in a dialog. */
function BallotActions() {
  const ballot = useRecordContext<Ballot>();
  const translate = useTranslate();
  const { step, setStep, error, close, act } = useStep<string>(
    `/ballots/${ballot?.id}`,
    translate(`${R}.done`),
  );
  const staffActions = ballot?.actions.filter((a) => a !== 'vote') ?? [];
  if (!ballot || staffActions.length === 0) return null;
  return (
    <Stack direction="row" spacing={1}>
      {staffActions.map((a) => (
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
            onClick={() => act('actions', { version: ballot.version, action: step })}
          >
            {translate(`${R}.confirm`)}
          </Button>
        }
      >
        <Typography>{step ? translate(`${R}.explain.${step}`) : ''}</Typography>
      </StepDialog>
    </Stack>
  );
}

/** Turnout per organisation while open (no counts before the close). */
function Turnout() {
  const ballot = useRecordContext<Ballot>();
  const translate = useTranslate();
  if (!ballot || ballot.turnout.length === 0) return null;
  return (
    <TableBox>
      <Table size="small">
        <TableHead>
          <TableRow>
            <TableCell>{translate(`${R}.fields.organisationName`)}</TableCell>
            <TableCell align="right">{translate(`${R}.roll`)}</TableCell>
            <TableCell align="right">{translate(`${R}.has_voted`)}</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {ballot.turnout.map((t) => (
            <TableRow key={t.organisationId}>
              <TableCell>{t.organisationName}</TableCell>
              <TableCell align="right">{t.roll}</TableCell>
              <TableCell align="right">{t.voted}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </TableBox>
  );
}

/**
 * The results, once closed: each candidate's grade and the papers for each grade — a table in the
 * console, one line each in the member's space (a phone's card has no room for the columns).
 */
export function BallotResults({ ballot, compact = false }: { ballot: Ballot; compact?: boolean }) {
  const translate = useTranslate();
  if (ballot.results.length === 0) return null;
  if (compact)
    return (
      <Stack spacing={0.5} sx={{ mt: 1 }} data-testid="ballot-results">
        {ballot.results.map((r) => (
          <Typography key={r.candidateId} variant="body2">
            <strong>
              {r.name}：{r.grade ? translate(`${R}.grades.${r.grade}`) : '—'}
            </strong>
            {'（'}
            {ballot.grades.map((g) => `${translate(`${R}.grades.${g}`)} ${r.counts[g] ?? 0}`).join(' · ')}
            {'）'}
          </Typography>
        ))}
      </Stack>
    );
  return (
    <TableBox>
      <Table size="small">
        <TableHead>
          <TableRow>
            <TableCell sx={{ whiteSpace: 'nowrap' }}>{translate(`${R}.candidate`)}</TableCell>
            <TableCell sx={{ whiteSpace: 'nowrap' }}>{translate(`${R}.grade`)}</TableCell>
            {ballot.grades.map((g) => (
              <TableCell key={g} align="right" sx={{ whiteSpace: 'nowrap' }}>
                {translate(`${R}.grades.${g}`)}
              </TableCell>
            ))}
          </TableRow>
        </TableHead>
        <TableBody>
          {ballot.results.map((r) => (
            <TableRow key={r.candidateId}>
              <TableCell>{r.name}</TableCell>
              <TableCell>{r.grade ? translate(`${R}.grades.${r.grade}`) : '—'}</TableCell>
              {ballot.grades.map((g) => (
                <TableCell key={g} align="right">
                  {r.counts[g] ?? 0}
                </TableCell>
              ))}
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </TableBox>
  );
}

function BallotShow() {
  const translate = useTranslate();
  return (
    <Show>
      <SimpleShowLayout>
        <TextField source="subject" />
        <FunctionField source="status" render={(b: Ballot) => <StatusChip status={b.status} />} />
        <BallotActions />
        <TextField source="organisationName" />
        <FunctionField source="kind" render={(b: Ballot) => translate(`${R}.kinds.${b.kind}`)} />
        <FunctionField source="voted" render={turnoutText} />
        <FunctionField source="openedAt" render={(b: Ballot) => (b.openedAt ? chinaTime(b.openedAt) : '—')} />
        <FunctionField source="closedAt" render={(b: Ballot) => (b.closedAt ? chinaTime(b.closedAt) : '—')} />
        <FunctionField
          label={`${R}.turnout`}
          render={(b: Ballot) =>
            b.status === 'open' ? <Turnout /> : b.status === 'closed' ? <BallotResults ballot={b} /> : '—'
          }
        />
      </SimpleShowLayout>
    </Show>
  );
}

const GRADES_ZH = {
  excellent: '优秀',
  qualified: '合格',
  basically_qualified: '基本合格',
  unqualified: '不合格',
  satisfied: '满意',
  basically_satisfied: '基本满意',
  dissatisfied: '不满意',
};
const GRADES_EN = {
  excellent: 'Excellent',
  qualified: 'Qualified',
  basically_qualified: 'Basically qualified',
  unqualified: 'Unqualified',
  satisfied: 'Satisfied',
  basically_satisfied: 'Basically satisfied',
  dissatisfied: 'Dissatisfied',
};

/** 民主测评: staff create, open (the roll) and close ballots; members vote in their own space. */
export const ballotsResource: ConsoleResource = {
  name: 'ballots',
  roles: ['tenant-admin', 'secretary'],
  module: 'supervision',
  icon: HowToVoteIcon,
  list: BallotList,
  create: BallotCreate,
  show: BallotShow,
  recordRepresentation: 'subject',
  messages: {
    'zh-CN': {
      name: '民主测评 |||| 民主测评',
      fields: {
        subject: '测评名称',
        organisationId: '参加测评的党组织',
        organisationName: '党组织',
        kind: '测评类型',
        subjectName: '测评对象',
        status: '状态',
        voted: '已投票 / 应投票',
        openedAt: '开始时间',
        closedAt: '结束时间',
      },
      statuses: { draft: '未开始', open: '投票中', closed: '已结束' },
      kinds: {
        member_appraisal: '民主评议党员',
        cadre: '干部测评',
        commitment: '承诺践诺测评',
      },
      grades: GRADES_ZH,
      actions: { open: '开始投票', close: '结束投票' },
      explain: {
        open: '开始后，以此刻党员名册中该党组织及下级的党员为投票人名单，之后不再变动。确定开始吗？',
        close: '结束后不能再投票，测评结果随即公布给投票人。确定结束吗？',
      },
      subject_name_help: '被测评的干部姓名或承诺事项',
      appraisal_help: '民主评议党员：每名正式党员都被评议；“优秀”不超过被评议人数的三分之一。',
      turnout: '投票情况与结果',
      roll: '应投票',
      has_voted: '已投票',
      candidate: '测评对象',
      grade: '测评等次',
      confirm: '确定',
      done: '已办理',
    },
    en: {
      name: 'Appraisal ballot |||| Appraisal ballots',
      fields: {
        subject: 'Ballot',
        organisationId: 'Organisation that votes',
        organisationName: 'Organisation',
        kind: 'Kind',
        subjectName: 'Appraised',
        status: 'Status',
        voted: 'Voted / roll',
        openedAt: 'Opened',
        closedAt: 'Closed',
      },
      statuses: { draft: 'Not started', open: 'Voting', closed: 'Closed' },
      kinds: {
        member_appraisal: 'Members’ appraisal',
        cadre: 'Cadre appraisal',
        commitment: 'Commitment appraisal',
      },
      grades: GRADES_EN,
      actions: { open: 'Open voting', close: 'Close voting' },
      explain: {
        open: 'The roll is taken now from the member records of the organisation and those below, and does not change afterwards. Open it?',
        close: 'Nobody can vote after closing; the results are shown to the voters at once. Close it?',
      },
      subject_name_help: 'The cadre’s name or the commitment',
      appraisal_help:
        'Members’ appraisal: every full member is graded; “Excellent” for at most a third of them.',
      turnout: 'Turnout and results',
      roll: 'Roll',
      has_voted: 'Voted',
      candidate: 'Appraised',
      grade: 'Grade',
      confirm: 'Confirm',
      done: 'Done',
    },
  },
};
