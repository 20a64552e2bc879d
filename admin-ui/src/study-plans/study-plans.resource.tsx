import {
  Alert,
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
import EventNoteIcon from '@mui/icons-material/EventNote';
import { useEffect, useState } from 'react';
import {
  AutocompleteArrayInput,
  AutocompleteInput,
  Create,
  Datagrid,
  DateInput,
  FunctionField,
  List,
  NumberInput,
  ReferenceArrayInput,
  ReferenceInput,
  SelectInput,
  Show,
  SimpleForm,
  SimpleShowLayout,
  TextField,
  TextInput,
  required,
  useDataProvider,
  useRecordContext,
  useTranslate,
} from 'react-admin';
import type { DjDataProvider } from '../data/extendedDataProvider';
import type { ConsoleResource } from '../layout/console-resource';
import { ChinaDateField } from '../layout/ChinaDateField';
import { TableBox } from '../layout/TableBox';
import { OrganisationInput } from '../layout/OrganisationInput';

const AUDIENCES = ['all', 'committee', 'activists', 'candidates'];
const STATUSES = ['not_started', 'behind', 'on_track', 'finished'] as const;

interface Result {
  memberId: string;
  name: string;
  organisationName: string;
  status: string;
  earnedMinutes: number;
  requiredMinutes: number;
  lessonsStudied: number;
  lessonsTotal: number;
  exam: string;
  examScore?: number | null;
  noLogin: boolean;
}

function StudyPlanList() {
  const translate = useTranslate();
  return (
    <List filters={[<TextInput key="q" source="q" alwaysOn />]} sort={{ field: 'startsOn', order: 'DESC' }}>
      <TableBox>
        <Datagrid bulkActionButtons={false} rowClick="show">
          <TextField source="name" />
          <FunctionField
            source="audience"
            render={(r: { audience: string }) => translate(`dj.plans.audiences.${r.audience}`)}
          />
          <ChinaDateField source="startsOn" />
          <ChinaDateField source="endsOn" />
          <FunctionField
            source="requiredMinutes"
            render={(r: { requiredMinutes: number }) => r.requiredMinutes}
          />
        </Datagrid>
      </TableBox>
    </List>
  );
}

function StudyPlanCreate() {
  const translate = useTranslate();
  return (
    <Create redirect="show">
      <SimpleForm>
        <TextInput source="name" validate={required()} />
        <OrganisationInput isRequired />
        <SelectInput
          source="audience"
          validate={required()}
          choices={AUDIENCES.map((id) => ({ id, name: translate(`dj.plans.audiences.${id}`) }))}
          translateChoice={false}
          defaultValue="all"
        />
        <DateInput source="startsOn" validate={required()} />
        <DateInput source="endsOn" validate={required()} />
        <NumberInput source="requiredMinutes" validate={required()} min={0} step={15} />
        <ReferenceArrayInput source="courseIds" reference="courses" sort={{ field: 'name', order: 'ASC' }}>
          <AutocompleteArrayInput
            optionText="name"
            validate={required()}
            filterToQuery={(q: string) => ({ q })}
            noOptionsText={translate('dj.plans.no_courses')}
          />
        </ReferenceArrayInput>
        <ReferenceInput source="examId" reference="exams" sort={{ field: 'opensAt', order: 'DESC' }}>
          <AutocompleteInput
            optionText="name"
            filterToQuery={(q: string) => ({ q })}
            noOptionsText={translate('dj.plans.no_exams')}
          />
        </ReferenceInput>
      </SimpleForm>
    </Create>
  );
}

const RESULTS_PER_PAGE = 50;
const COUNT_HEADERS = {
  not_started: 'X-Not-Started',
  behind: 'X-Behind',
  on_track: 'X-On-Track',
  finished: 'X-Finished',
} as const;

/**
 * Who has not started, who is behind, who finished: the counts of the plan's whole roster, and its
 * people a page at a time (a committee's plan may reach a million members), by status on a click.
 */
function Results() {
  const record = useRecordContext<{ id: string }>();
  const translate = useTranslate();
  const dataProvider = useDataProvider<DjDataProvider>();
  const [status, setStatus] = useState<string>();
  const [page, setPage] = useState(0);
  const [answer, setAnswer] = useState<{
    rows: Result[];
    counts: Record<string, number>;
    total: number;
    pending: boolean;
  }>();
  const [error, setError] = useState<string>();
  // While the roster copy catches up, the page asks again every few seconds.
  const [round, setRound] = useState(0);
  useEffect(() => {
    if (!answer?.pending) return;
    const timer = setTimeout(() => setRound((r) => r + 1), 3_000);
    return () => clearTimeout(timer);
  }, [answer]);
  useEffect(() => {
    if (!record) return;
    const from = page * RESULTS_PER_PAGE;
    dataProvider
      .sendWithHeaders(
        'GET',
        `/study-plan-results?${new URLSearchParams({
          sort: JSON.stringify(['organisationName', 'ASC']),
          range: JSON.stringify([from, from + RESULTS_PER_PAGE - 1]),
          filter: JSON.stringify({ planId: record.id, ...(status ? { status: [status] } : {}) }),
        })}`,
      )
      .then(
        ({ json, headers }) => {
          const counts = Object.fromEntries(
            STATUSES.map((s) => [s, Number(headers.get(COUNT_HEADERS[s]) ?? 0)]),
          );
          const total = Number(/\/(\d+)$/.exec(headers.get('Content-Range') ?? '')?.[1] ?? 0);
          const pending = headers.get('X-Roster-Pending') === 'true';
          setAnswer({ rows: json as Result[], counts, total, pending });
          setError(undefined);
        },
        (e: Error) => setError(e.message),
      );
  }, [dataProvider, record, status, page, round]);
  if (error) return <Alert severity="error">{error}</Alert>;
  if (!answer) return null;
  const choose = (next?: string) => {
    setStatus(next);
    setPage(0);
  };
  return (
    <Stack spacing={1}>
      <Typography variant="subtitle1" component="h2">
        {translate('dj.plans.results')}
      </Typography>
      {answer.pending && <Alert severity="info">{translate('dj.plans.roster_pending')}</Alert>}
      <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: 'wrap' }} data-testid="plan-counts">
        <Chip
          label={translate('dj.plans.everyone', {
            count: STATUSES.reduce((sum, s) => sum + (answer.counts[s] ?? 0), 0),
          })}
          color={status ? 'default' : 'primary'}
          onClick={() => choose(undefined)}
        />
        {STATUSES.map((s) => (
          <Chip
            key={s}
            label={`${translate(`dj.learn.status.${s}`)} ${answer.counts[s] ?? 0}`}
            color={status === s ? 'primary' : 'default'}
            onClick={() => choose(s)}
            data-testid={`plan-count-${s}`}
          />
        ))}
      </Stack>
      <TableBox>
        <Table size="small">
          <TableHead>
            <TableRow>
              {['name', 'organisation', 'status', 'hours', 'lessons', 'exam'].map((column) => (
                <TableCell key={column}>{translate(`dj.plans.columns.${column}`)}</TableCell>
              ))}
            </TableRow>
          </TableHead>
          <TableBody>
            {answer.rows.map((r) => (
              <TableRow key={r.memberId} data-testid="plan-result">
                <TableCell>
                  {r.name}
                  {r.noLogin ? ` ${translate('dj.plans.no_login')}` : ''}
                </TableCell>
                <TableCell>{r.organisationName}</TableCell>
                <TableCell>{translate(`dj.learn.status.${r.status}`)}</TableCell>
                <TableCell>
                  {r.earnedMinutes}/{r.requiredMinutes}
                </TableCell>
                <TableCell>
                  {r.lessonsStudied}/{r.lessonsTotal}
                </TableCell>
                <TableCell>
                  {translate(`dj.plans.exam.${r.exam}`)}
                  {r.examScore != null ? ` ${r.examScore}` : ''}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </TableBox>
      {answer.total > RESULTS_PER_PAGE && (
        <Stack direction="row" spacing={1} useFlexGap sx={{ alignItems: 'center', flexWrap: 'wrap' }}>
          <Typography variant="body2" data-testid="plan-results-window">
            {translate('dj.plans.window', {
              from: page * RESULTS_PER_PAGE + 1,
              to: Math.min((page + 1) * RESULTS_PER_PAGE, answer.total),
              total: answer.total,
            })}
          </Typography>
          <Button size="small" disabled={page === 0} onClick={() => setPage(page - 1)}>
            {translate('dj.plans.previous_page')}
          </Button>
          <Button
            size="small"
            disabled={(page + 1) * RESULTS_PER_PAGE >= answer.total}
            onClick={() => setPage(page + 1)}
          >
            {translate('dj.plans.next_page')}
          </Button>
        </Stack>
      )}
    </Stack>
  );
}

/** The one-page summary by organisation, as a spreadsheet to print or send up. */
function SummaryExport() {
  const record = useRecordContext<{ id: string; name: string }>();
  const translate = useTranslate();
  const dataProvider = useDataProvider<DjDataProvider>();
  const [error, setError] = useState<string>();
  if (!record) return null;
  return (
    <Stack spacing={1} sx={{ alignItems: 'flex-start' }}>
      <Button
        variant="outlined"
        onClick={() =>
          dataProvider
            .download(
              `/study-plan-summaries/${record.id}`,
              translate('dj.plans.summary_file', { name: record.name }),
            )
            .then(
              () => setError(undefined),
              (e: Error) => setError(e.message),
            )
        }
      >
        {translate('dj.plans.export_summary')}
      </Button>
      {error ? <Alert severity="error">{error}</Alert> : null}
    </Stack>
  );
}

function StudyPlanShow() {
  const translate = useTranslate();
  return (
    <Show>
      <SimpleShowLayout>
        <TextField source="name" />
        <FunctionField
          source="audience"
          render={(r: { audience: string }) => translate(`dj.plans.audiences.${r.audience}`)}
        />
        <ChinaDateField source="startsOn" />
        <ChinaDateField source="endsOn" />
        <FunctionField
          source="requiredMinutes"
          render={(r: { requiredMinutes: number }) => r.requiredMinutes}
        />
        <SummaryExport />
        <Results />
      </SimpleShowLayout>
    </Show>
  );
}

/** 学习计划: plans for a subtree and an audience, and who has not finished; for admins and secretaries. */
export const studyPlansResource: ConsoleResource = {
  name: 'study-plans',
  roles: ['tenant-admin', 'secretary'],
  module: 'learning',
  icon: EventNoteIcon,
  list: StudyPlanList,
  create: StudyPlanCreate,
  show: StudyPlanShow,
  recordRepresentation: 'name',
  messages: {
    'zh-CN': {
      name: '学习计划 |||| 学习计划',
      fields: {
        name: '计划名称',
        organisationId: '面向组织（含下级）',
        audience: '学习对象',
        startsOn: '开始日期',
        endsOn: '结束日期',
        requiredMinutes: '要求学习时长（分钟）',
        courseIds: '课程',
        examId: '考试（可选）',
        q: '搜索',
      },
    },
    en: {
      name: 'Study plan |||| Study plans',
      fields: {
        name: 'Name',
        organisationId: 'For (with the organisations below)',
        audience: 'Audience',
        startsOn: 'Starts',
        endsOn: 'Ends',
        requiredMinutes: 'Required study (minutes)',
        courseIds: 'Courses',
        examId: 'Exam (optional)',
        q: 'Search',
      },
    },
  },
};
