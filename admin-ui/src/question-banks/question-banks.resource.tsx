import {
  Alert,
  Button,
  Card,
  CardContent,
  Stack,
  TextField as MuiTextField,
  Typography,
} from '@mui/material';
import QuizIcon from '@mui/icons-material/Quiz';
import { useCallback, useEffect, useState } from 'react';
import {
  Create,
  Datagrid,
  FunctionField,
  List,
  NumberField,
  Show,
  SimpleForm,
  SimpleShowLayout,
  TextField,
  TextInput,
  required,
  useDataProvider,
  useRecordContext,
  useTranslate,
  type HttpError,
} from 'react-admin';
import type { DjDataProvider } from '../data/extendedDataProvider';
import type { ConsoleResource } from '../layout/console-resource';
import { ChinaDateField } from '../layout/ChinaDateField';
import { TableBox } from '../layout/TableBox';

const KINDS = ['single_choice', 'multiple_choice', 'true_false', 'fill_blank', 'short_answer'];

interface Question {
  id: string;
  category: string;
  kind: string;
  stem: string;
  options: string[];
  answer: string[];
  points: number;
  explanation: string;
}

function QuestionBankList() {
  return (
    <List filters={[<TextInput key="q" source="q" alwaysOn />]} sort={{ field: 'name', order: 'ASC' }}>
      <TableBox>
        <Datagrid bulkActionButtons={false} rowClick="show">
          <TextField source="name" />
          <NumberField source="questionCount" />
          <FunctionField
            source="categories"
            sortable={false}
            render={(r: { categories: { category: string; count: number }[] }) =>
              r.categories.map((c) => `${c.category} ${c.count}`).join('、')
            }
          />
          <ChinaDateField source="createdAt" showTime />
        </Datagrid>
      </TableBox>
    </List>
  );
}

function QuestionBankCreate() {
  return (
    <Create redirect="show">
      <SimpleForm>
        <TextInput source="name" validate={required()} />
      </SimpleForm>
    </Create>
  );
}

/** Options one per line; the right ones by letter (A, C) — as question papers in China are written. */
const letters = (indexes: string[]) => indexes.map((i) => String.fromCharCode(65 + Number(i))).join('');

/** `rows[7].答案` → row 7, column 答案: where a refused file's problem is. */
const ROW_FIELD = /^rows\[(\d+)\]\.(.+)$/;
const SHOWN_PROBLEMS = 20;

/**
 * 从表格导入: the template to fill in, and a file that is added whole or refused with every problem
 * by row and column — so the organiser fixes the file and imports it again.
 */
function QuestionImport({ bankId, onImported }: { bankId: string; onImported: () => void }) {
  const translate = useTranslate();
  const dataProvider = useDataProvider<DjDataProvider>();
  const [result, setResult] = useState<{ imported?: number; lines?: string[]; message?: string }>();
  const [busy, setBusy] = useState(false);
  const upload = async (file: File) => {
    setBusy(true);
    try {
      const { imported } = await dataProvider.postFile<{ imported: number }>(
        `/question-banks/${bankId}/imports`,
        file,
      );
      setResult({ imported });
      onImported();
    } catch (e) {
      const errors =
        ((e as HttpError).body as { errors?: Record<string, unknown> } | undefined)?.errors ?? {};
      // `root` is the whole refusal for a form (the data provider), said in `message` below.
      const fields = Object.entries(errors).filter((entry): entry is [string, string] => entry[0] !== 'root');
      const lines = fields.map(([field, text]) => {
        const at = ROW_FIELD.exec(field);
        return at ? translate('dj.banks.import_row', { row: at[1], column: at[2], text }) : text;
      });
      setResult({ lines, message: (e as Error).message });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Stack spacing={1} data-testid="question-import">
      <Typography variant="body2" color="text.secondary">
        {translate('dj.banks.import_help')}
      </Typography>
      <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: 'wrap' }}>
        <Button
          variant="outlined"
          size="small"
          onClick={() =>
            void dataProvider.download('/question-import-template', `${translate('dj.banks.template')}.xlsx`)
          }
        >
          {translate('dj.banks.template')}
        </Button>
        <Button variant="contained" size="small" component="label" disabled={busy}>
          {translate('dj.banks.import')}
          <input
            hidden
            type="file"
            accept=".xlsx,.csv"
            onChange={(e) => {
              const file = e.target.files?.[0];
              e.target.value = '';
              if (file) void upload(file);
            }}
          />
        </Button>
      </Stack>
      {result?.imported !== undefined ? (
        <Alert severity="success">{translate('dj.banks.imported', { n: result.imported })}</Alert>
      ) : null}
      {result?.lines ? (
        <Alert severity="error" data-testid="import-problems">
          {result.lines.length > 0
            ? translate('dj.banks.import_refused', { n: result.lines.length })
            : result.message}
          {result.lines.slice(0, SHOWN_PROBLEMS).map((line) => (
            <Typography key={line} variant="body2">
              {line}
            </Typography>
          ))}
          {result.lines.length > SHOWN_PROBLEMS ? (
            <Typography variant="body2">
              {translate('dj.banks.import_more', { n: result.lines.length - SHOWN_PROBLEMS })}
            </Typography>
          ) : null}
        </Alert>
      ) : null}
    </Stack>
  );
}

function Questions() {
  const record = useRecordContext<{ id: string }>();
  const translate = useTranslate();
  const dataProvider = useDataProvider<DjDataProvider>();
  const [questions, setQuestions] = useState<Question[]>([]);
  const [form, setForm] = useState({
    category: '',
    kind: 'single_choice',
    stem: '',
    options: '',
    answer: '',
    rubric: '',
    points: '5',
    explanation: '',
  });
  const [error, setError] = useState<string>();
  const load = useCallback(() => {
    if (record)
      void dataProvider.send<Question[]>('GET', `/question-banks/${record.id}/questions`).then(setQuestions);
  }, [dataProvider, record]);
  useEffect(load, [load]);
  if (!record) return null;
  const set = (field: keyof typeof form) => (e: { target: { value: string } }) =>
    setForm({ ...form, [field]: e.target.value });
  const choice = form.kind === 'single_choice' || form.kind === 'multiple_choice';
  const answer = () => {
    if (choice)
      return [...form.answer.toUpperCase().replace(/[^A-H]/g, '')].map((l) => String(l.charCodeAt(0) - 65));
    if (form.kind === 'true_false') return [form.answer === 'false' ? 'false' : 'true'];
    if (form.kind === 'fill_blank')
      return form.answer
        .split('\n')
        .map((line) => line.trim())
        .filter(Boolean);
    return [];
  };
  const add = async () => {
    try {
      await dataProvider.send('POST', `/question-banks/${record.id}/questions`, {
        category: form.category,
        kind: form.kind,
        stem: form.stem,
        options: choice
          ? form.options
              .split('\n')
              .map((o) => o.trim())
              .filter(Boolean)
          : [],
        answer: answer(),
        rubric: form.rubric,
        points: Number(form.points),
        explanation: form.explanation,
      });
      setForm({ ...form, stem: '', options: '', answer: '', rubric: '', explanation: '' });
      setError(undefined);
      load();
    } catch (e) {
      setError((e as Error).message);
    }
  };
  return (
    <Stack spacing={1.5} sx={{ maxWidth: 720 }}>
      <QuestionImport bankId={record.id} onImported={load} />
      <Typography variant="subtitle1" component="h2">
        {translate('dj.banks.questions')}
      </Typography>
      {questions.map((q, n) => (
        <Card key={q.id} data-testid="bank-question">
          <CardContent>
            <Typography sx={{ fontWeight: 500 }}>
              {translate('dj.learn.question_heading', {
                n: n + 1,
                kind: translate(`dj.learn.kinds.${q.kind}`),
                points: q.points,
              })}
              {` · ${q.category}`}
            </Typography>
            <Typography>{q.stem}</Typography>
            {q.options.map((o, i) => (
              <Typography key={i} variant="body2">{`${String.fromCharCode(65 + i)}. ${o}`}</Typography>
            ))}
            <Typography variant="body2" color="success.main">
              {translate('dj.learn.right_answer', {
                answer:
                  q.kind === 'single_choice' || q.kind === 'multiple_choice'
                    ? letters(q.answer)
                    : q.kind === 'true_false'
                      ? translate(`dj.learn.${q.answer[0]}`)
                      : q.kind === 'fill_blank'
                        ? q.answer.join('；')
                        : translate('dj.banks.by_rubric'),
              })}
            </Typography>
            {q.explanation ? (
              <Typography variant="body2" color="text.secondary">
                {translate('dj.banks.explanation_line', { text: q.explanation })}
              </Typography>
            ) : null}
          </CardContent>
        </Card>
      ))}
      <Typography variant="subtitle1" component="h2">
        {translate('dj.banks.add_question')}
      </Typography>
      <MuiTextField label={translate('dj.banks.category')} value={form.category} onChange={set('category')} />
      <MuiTextField
        select
        label={translate('dj.banks.kind')}
        value={form.kind}
        onChange={set('kind')}
        slotProps={{ select: { native: true } }}
      >
        {KINDS.map((k) => (
          <option key={k} value={k}>
            {translate(`dj.learn.kinds.${k}`)}
          </option>
        ))}
      </MuiTextField>
      <MuiTextField
        label={translate('dj.banks.stem')}
        value={form.stem}
        onChange={set('stem')}
        multiline
        minRows={2}
      />
      {choice ? (
        <MuiTextField
          label={translate('dj.banks.options')}
          value={form.options}
          onChange={set('options')}
          multiline
          minRows={3}
        />
      ) : null}
      {form.kind === 'true_false' ? (
        <MuiTextField
          select
          label={translate('dj.banks.answer')}
          value={form.answer === 'false' ? 'false' : 'true'}
          onChange={set('answer')}
          slotProps={{ select: { native: true } }}
        >
          {['true', 'false'].map((v) => (
            <option key={v} value={v}>
              {translate(`dj.learn.${v}`)}
            </option>
          ))}
        </MuiTextField>
      ) : form.kind !== 'short_answer' ? (
        <MuiTextField
          label={translate('dj.banks.answer')}
          helperText={translate(`dj.banks.answer_hint.${form.kind}`)}
          value={form.answer}
          onChange={set('answer')}
          multiline={form.kind === 'fill_blank'}
        />
      ) : (
        <MuiTextField
          label={translate('dj.banks.rubric')}
          value={form.rubric}
          onChange={set('rubric')}
          multiline
          minRows={2}
        />
      )}
      <MuiTextField
        label={translate('dj.banks.explanation')}
        value={form.explanation}
        onChange={set('explanation')}
        multiline
      />
      <MuiTextField
        type="number"
        label={translate('dj.banks.points')}
        value={form.points}
        onChange={set('points')}
      />
      <Button
        variant="contained"
        disabled={!form.stem.trim() || !form.category.trim()}
        onClick={() => void add()}
      >
        {translate('dj.banks.add_question')}
      </Button>
      {error ? <Alert severity="error">{error}</Alert> : null}
    </Stack>
  );
}

function QuestionBankShow() {
  return (
    <Show>
      <SimpleShowLayout>
        <TextField source="name" />
        <NumberField source="questionCount" />
        <Questions />
      </SimpleShowLayout>
    </Show>
  );
}

/** 题库: banks of questions in categories; for admins and secretaries. */
export const questionBanksResource: ConsoleResource = {
  name: 'question-banks',
  roles: ['tenant-admin', 'secretary'],
  module: 'learning',
  icon: QuizIcon,
  list: QuestionBankList,
  create: QuestionBankCreate,
  show: QuestionBankShow,
  recordRepresentation: 'name',
  messages: {
    'zh-CN': {
      name: '题库 |||| 题库',
      fields: {
        name: '题库名称',
        questionCount: '试题数',
        categories: '分类',
        createdAt: '创建时间',
        q: '搜索',
      },
    },
    en: {
      name: 'Question bank |||| Question banks',
      fields: {
        name: 'Name',
        questionCount: 'Questions',
        categories: 'Categories',
        createdAt: 'Created',
        q: 'Search',
      },
    },
  },
};
