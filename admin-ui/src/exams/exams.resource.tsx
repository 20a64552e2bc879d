import {
  Alert,
  Button,
  Card,
  CardContent,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  TextField as MuiTextField,
  Typography,
} from '@mui/material';
import AssignmentIcon from '@mui/icons-material/Assignment';
import { useCallback, useEffect, useState } from 'react';
import {
  ArrayInput,
  AutocompleteInput,
  BooleanInput,
  Create,
  Datagrid,
  DateTimeInput,
  FormDataConsumer,
  List,
  NumberField,
  NumberInput,
  ReferenceInput,
  SelectInput,
  Show,
  SimpleForm,
  SimpleFormIterator,
  SimpleShowLayout,
  TextField,
  TextInput,
  required,
  useDataProvider,
  useRecordContext,
  useTranslate,
} from 'react-admin';
import type { DjDataProvider } from '../data/extendedDataProvider';
import { chinaTime, fromChinaInput, toChinaInput } from '../i18n/china-dates';
import type { ConsoleResource } from '../layout/console-resource';
import { ChinaDateField } from '../layout/ChinaDateField';
import { TableBox } from '../layout/TableBox';

interface Attempt {
  id: string;
  personName: string;
  number: number;
  startedAt: string;
  status: string;
  score?: number | null;
  maxScore: number;
  passed?: boolean | null;
  focusLost: number;
  autoSubmitted: boolean;
  answers?: {
    questionId: string;
    kind: string;
    stem: string;
    rubric: string;
    points: number;
    response: string[];
    correct?: boolean | null;
  }[];
}

function ExamList() {
  return (
    <List filters={[<TextInput key="q" source="q" alwaysOn />]} sort={{ field: 'opensAt', order: 'DESC' }}>
      <TableBox>
        <Datagrid bulkActionButtons={false} rowClick="show">
          <TextField source="name" />
          <ChinaDateField source="opensAt" showTime />
          <ChinaDateField source="closesAt" showTime />
          <NumberField source="timeLimitMinutes" />
          <NumberField source="awaitingGrading" />
        </Datagrid>
      </TableBox>
    </List>
  );
}

/** A fixed paper takes every question of the bank, in order; a random one draws K of each category. */
function ExamCreate() {
  const translate = useTranslate();
  const dataProvider = useDataProvider<DjDataProvider>();
  const transform = async (data: Record<string, unknown>) => {
    if (data['paperKind'] !== 'fixed') return { ...data, questionIds: [] };
    const questions = await dataProvider.send<{ id: string }[]>(
      'GET',
      `/question-banks/${String(data['bankId'])}/questions`,
    );
    return { ...data, draw: [], questionIds: questions.map((q) => q.id) };
  };
  return (
    <Create redirect="show" transform={transform}>
      <SimpleForm
        defaultValues={{ paperKind: 'random', shuffleOptions: true, maxAttempts: 1, retakeDelayMinutes: 0 }}
      >
        <TextInput source="name" validate={required()} />
        <ReferenceInput source="bankId" reference="question-banks" sort={{ field: 'name', order: 'ASC' }}>
          <AutocompleteInput
            optionText="name"
            validate={required()}
            filterToQuery={(q: string) => ({ q })}
            noOptionsText={translate('dj.exams.no_banks')}
          />
        </ReferenceInput>
        <SelectInput
          source="paperKind"
          validate={required()}
          choices={['random', 'fixed'].map((id) => ({ id, name: translate(`dj.exams.paper_kinds.${id}`) }))}
          translateChoice={false}
        />
        <FormDataConsumer<{ paperKind?: string }>>
          {({ formData }) =>
            formData.paperKind === 'random' ? (
              <ArrayInput source="draw">
                <SimpleFormIterator inline>
                  <TextInput source="category" validate={required()} />
                  <NumberInput source="count" validate={required()} min={1} />
                </SimpleFormIterator>
              </ArrayInput>
            ) : null
          }
        </FormDataConsumer>
        <BooleanInput source="shuffleOptions" />
        <NumberInput source="timeLimitMinutes" validate={required()} min={1} />
        <NumberInput source="passingScore" validate={required()} min={0} />
        <NumberInput source="maxAttempts" validate={required()} min={1} />
        <NumberInput source="retakeDelayMinutes" min={0} />
        <NumberInput source="trainingClassHours" min={0} helperText="dj.exams.training_hint" />
        <NumberInput source="trainingDays" min={0} />
        <DateTimeInput source="opensAt" validate={required()} format={toChinaInput} parse={fromChinaInput} />
        <DateTimeInput source="closesAt" validate={required()} format={toChinaInput} parse={fromChinaInput} />
      </SimpleForm>
    </Create>
  );
}

/** One attempt's short answers, scored by the rubric. */
function Grading({ attemptId, done }: { attemptId: string; done: () => void }) {
  const translate = useTranslate();
  const dataProvider = useDataProvider<DjDataProvider>();
  const [attempt, setAttempt] = useState<Attempt>();
  const [points, setPoints] = useState<Record<string, string>>({});
  const [error, setError] = useState<string>();
  useEffect(() => {
    void dataProvider.send<Attempt>('GET', `/exam-attempts/${attemptId}`).then(setAttempt);
  }, [dataProvider, attemptId]);
  if (!attempt) return null;
  const pending = (attempt.answers ?? []).filter((a) => a.correct == null);
  const grade = async () => {
    try {
      await dataProvider.send('POST', `/exam-attempts/${attemptId}/grades`, {
        grades: pending.map((a) => ({ questionId: a.questionId, points: Number(points[a.questionId] ?? 0) })),
      });
      done();
    } catch (e) {
      setError((e as Error).message);
    }
  };
  return (
    <Stack spacing={1} data-testid="grading">
      {pending.map((a) => (
        <Card key={a.questionId} variant="outlined">
          <CardContent>
            <Typography sx={{ fontWeight: 500 }}>{a.stem}</Typography>
            <Typography variant="body2" color="text.secondary">
              {translate('dj.exams.rubric', { rubric: a.rubric })}
            </Typography>
            <Typography sx={{ my: 1, whiteSpace: 'pre-wrap' }}>{a.response.join('') || '—'}</Typography>
            <MuiTextField
              type="number"
              size="small"
              label={translate('dj.exams.points_of', { max: a.points })}
              value={points[a.questionId] ?? ''}
              onChange={(e) => setPoints({ ...points, [a.questionId]: e.target.value })}
            />
          </CardContent>
        </Card>
      ))}
      <Button variant="contained" onClick={() => void grade()} sx={{ alignSelf: 'flex-start' }}>
        {translate('dj.exams.save_grades')}
      </Button>
      {error ? <Alert severity="error">{error}</Alert> : null}
    </Stack>
  );
}

/** Every attempt: who, when, the score, the integrity signal; those awaiting a grader open for grading. */
function Attempts() {
  const record = useRecordContext<{ id: string }>();
  const translate = useTranslate();
  const dataProvider = useDataProvider<DjDataProvider>();
  const [attempts, setAttempts] = useState<Attempt[]>([]);
  const [grading, setGrading] = useState<string>();
  const load = useCallback(() => {
    if (!record) return;
    const query = new URLSearchParams({
      sort: JSON.stringify(['startedAt', 'DESC']),
      range: '[0,499]',
      filter: JSON.stringify({ examId: record.id }),
    });
    void dataProvider.send<Attempt[]>('GET', `/exam-attempts?${query}`).then(setAttempts);
  }, [dataProvider, record]);
  useEffect(load, [load]);
  return (
    <Stack spacing={1}>
      <Typography variant="subtitle1" component="h2">
        {translate('dj.exams.attempts')}
      </Typography>
      {attempts.length === 0 ? (
        <Typography color="text.secondary">{translate('dj.exams.no_attempts')}</Typography>
      ) : null}
      <TableBox>
        <Table size="small">
          <TableHead>
            <TableRow>
              {['person', 'started', 'status', 'score', 'focus_lost', 'action'].map((c) => (
                <TableCell key={c}>{translate(`dj.exams.columns.${c}`)}</TableCell>
              ))}
            </TableRow>
          </TableHead>
          <TableBody>
            {attempts.map((a) => (
              <TableRow key={a.id} data-testid="exam-attempt">
                <TableCell>
                  {translate('dj.exams.person_attempt', { name: a.personName, n: a.number })}
                </TableCell>
                <TableCell>{chinaTime(a.startedAt)}</TableCell>
                <TableCell>
                  {translate(`dj.exams.statuses.${a.status}`)}
                  {a.autoSubmitted ? ` ${translate('dj.exams.auto')}` : ''}
                </TableCell>
                <TableCell>{a.score != null ? `${a.score}/${a.maxScore}` : '—'}</TableCell>
                <TableCell>{a.focusLost}</TableCell>
                <TableCell>
                  {a.status === 'grading' ? (
                    <Button size="small" onClick={() => setGrading(a.id)}>
                      {translate('dj.exams.grade')}
                    </Button>
                  ) : null}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </TableBox>
      {grading ? (
        <Grading
          attemptId={grading}
          done={() => {
            setGrading(undefined);
            load();
          }}
        />
      ) : null}
    </Stack>
  );
}

function ExamShow() {
  return (
    <Show>
      <SimpleShowLayout>
        <TextField source="name" />
        <ChinaDateField source="opensAt" showTime />
        <ChinaDateField source="closesAt" showTime />
        <NumberField source="timeLimitMinutes" />
        <NumberField source="passingScore" />
        <NumberField source="maxAttempts" />
        <Attempts />
      </SimpleShowLayout>
    </Show>
  );
}

/** 考试: exams with a time limit kept by the server, their attempts and the grading of short answers. */
export const examsResource: ConsoleResource = {
  name: 'exams',
  roles: ['tenant-admin', 'secretary'],
  module: 'learning',
  icon: AssignmentIcon,
  list: ExamList,
  create: ExamCreate,
  show: ExamShow,
  recordRepresentation: 'name',
  messages: {
    'zh-CN': {
      name: '考试 |||| 考试',
      fields: {
        name: '考试名称',
        bankId: '题库',
        paperKind: '组卷方式',
        draw: '抽题规则',
        'draw.category': '分类',
        'draw.count': '抽取题数',
        category: '分类',
        count: '抽取题数',
        shuffleOptions: '选项乱序',
        timeLimitMinutes: '考试时长（分钟）',
        passingScore: '及格分',
        maxAttempts: '考试次数',
        retakeDelayMinutes: '补考间隔（分钟）',
        trainingClassHours: '培训学时（培训考试填写）',
        trainingDays: '培训天数（培训考试填写）',
        opensAt: '开始时间',
        closesAt: '截止时间',
        awaitingGrading: '待阅卷',
        q: '搜索',
      },
    },
    en: {
      name: 'Exam |||| Exams',
      fields: {
        name: 'Name',
        bankId: 'Question bank',
        paperKind: 'Paper',
        draw: 'Draw',
        'draw.category': 'Category',
        'draw.count': 'Questions',
        category: 'Category',
        count: 'Questions',
        shuffleOptions: 'Shuffle options',
        timeLimitMinutes: 'Time limit (minutes)',
        passingScore: 'Pass mark',
        maxAttempts: 'Attempts',
        retakeDelayMinutes: 'Retake delay (minutes)',
        trainingClassHours: 'Training class hours (a training exam)',
        trainingDays: 'Training days (a training exam)',
        opensAt: 'Opens',
        closesAt: 'Closes',
        awaitingGrading: 'Awaiting a grader',
        q: 'Search',
      },
    },
  },
};
