import {
  Alert,
  Button,
  Card,
  CardContent,
  Chip,
  Stack,
  TextField as MuiTextField,
  Typography,
} from '@mui/material';
import MenuBookIcon from '@mui/icons-material/MenuBook';
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
  usePermissions,
  useRecordContext,
  useRefresh,
  useTranslate,
} from 'react-admin';
import type { Permissions } from '../auth/authProvider';
import type { DjDataProvider } from '../data/extendedDataProvider';
import type { ConsoleResource } from '../layout/console-resource';
import { ChinaDateField } from '../layout/ChinaDateField';
import { TableBox } from '../layout/TableBox';

interface Lesson {
  id: string;
  position: number;
  kind: string;
  title: string;
  body: string;
  studyMinutes: number;
}

interface Upload {
  id: string;
  chunkBytes: number;
  chunkCount: number;
  received: number[];
}

/**
 * Sends a file in chunks; after a failure, pressing again asks the upload what arrived and sends only
 * the rest (the upload's id is kept while the page is open).
 */
async function uploadInChunks(
  dataProvider: DjDataProvider,
  file: File,
  kind: string,
  previous: Upload | undefined,
  onProgress: (fraction: number) => void,
): Promise<Upload> {
  let upload =
    previous ??
    (await dataProvider.send<Upload>('POST', '/media-uploads', {
      kind,
      fileName: file.name,
      sizeBytes: file.size,
    }));
  if (previous) upload = await dataProvider.send<Upload>('GET', `/media-uploads/${previous.id}`);
  const received = new Set(upload.received);
  for (let index = 0; index < upload.chunkCount; index++) {
    if (received.has(index)) continue;
    const chunk = file.slice(index * upload.chunkBytes, (index + 1) * upload.chunkBytes);
    upload = await dataProvider.putBytes<Upload>(`/media-uploads/${upload.id}/chunks/${index}`, chunk);
    onProgress(upload.received.length / upload.chunkCount);
  }
  return upload;
}

/** Tags as a person types them: separated by commas or 、. */
const parseTags = (value: string) =>
  value
    .split(/[,，、]/)
    .map((tag) => tag.trim())
    .filter(Boolean);
const formatTags = (value: string[] | string | undefined) =>
  Array.isArray(value) ? value.join('、') : (value ?? '');

interface CourseRecord {
  id: string;
  fromPlatform: boolean;
  publishedAt: string;
}

const CATALOGUE_SLUG = 'platform-catalogue';

/** Where a course comes from: the platform catalogue (read here, changed there) or this tenant. */
function Origin({ course }: { course: CourseRecord }) {
  const translate = useTranslate();
  return course.fromPlatform ? (
    <Chip size="small" color="primary" variant="outlined" label={translate('dj.courses.from_platform')} />
  ) : (
    <>{translate('dj.courses.own')}</>
  );
}

/**
 * In the platform catalogue, an operator publishes a course to every tenant or takes it back
 * (decision 0031); elsewhere nothing shows.
 */
function Publication() {
  const record = useRecordContext<CourseRecord>();
  const translate = useTranslate();
  const refresh = useRefresh();
  const dataProvider = useDataProvider<DjDataProvider>();
  const { permissions } = usePermissions<Permissions>();
  const [error, setError] = useState<string>();
  if (!record || !permissions?.platformOperator || permissions.tenant !== CATALOGUE_SLUG) return null;
  const published = record.publishedAt !== '';
  const toggle = () =>
    dataProvider.send('PUT', `/courses/${record.id}/publication`, { published: !published }).then(
      () => {
        setError(undefined);
        refresh();
      },
      (e: Error) => setError(e.message),
    );
  return (
    <Stack spacing={1} sx={{ maxWidth: 720 }} data-testid="publication">
      <Typography>
        {published
          ? translate('dj.courses.published_since', {
              at: new Date(record.publishedAt).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai' }),
            })
          : translate('dj.courses.not_published')}
      </Typography>
      <Button
        variant={published ? 'outlined' : 'contained'}
        onClick={() => void toggle()}
        sx={{ alignSelf: 'flex-start' }}
      >
        {translate(published ? 'dj.courses.unpublish' : 'dj.courses.publish')}
      </Button>
      {error ? <Alert severity="error">{error}</Alert> : null}
    </Stack>
  );
}

function CourseList() {
  return (
    <List filters={[<TextInput key="q" source="q" alwaysOn />]} sort={{ field: 'name', order: 'ASC' }}>
      <TableBox>
        <Datagrid bulkActionButtons={false} rowClick="show">
          <TextField source="name" />
          <FunctionField
            source="fromPlatform"
            sortable={false}
            render={(record: CourseRecord) => <Origin course={record} />}
          />
          <FunctionField source="tags" render={(record: { tags: string[] }) => record.tags.join('、')} />
          <NumberField source="lessonCount" />
          <ChinaDateField source="createdAt" showTime />
        </Datagrid>
      </TableBox>
    </List>
  );
}

function CourseCreate() {
  return (
    <Create redirect="show">
      <SimpleForm>
        <TextInput source="name" validate={required()} />
        <TextInput source="note" multiline />
        <TextInput source="tags" parse={parseTags} format={formatTags} helperText="dj.courses.tags_hint" />
      </SimpleForm>
    </Create>
  );
}

/** The course's lessons in order, and a form that adds an article at the end. */
function Lessons() {
  const record = useRecordContext<CourseRecord>();
  const translate = useTranslate();
  const dataProvider = useDataProvider<DjDataProvider>();
  const [lessons, setLessons] = useState<Lesson[]>([]);
  const [title, setTitle] = useState('');
  const [body, setBody] = useState('');
  const [kind, setKind] = useState('article');
  const [minutes, setMinutes] = useState('30');
  const [dwell, setDwell] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [upload, setUpload] = useState<Upload>();
  const [progress, setProgress] = useState<number>();
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(() => {
    if (record) void dataProvider.send<Lesson[]>('GET', `/courses/${record.id}/lessons`).then(setLessons);
  }, [dataProvider, record]);
  useEffect(load, [load]);
  if (!record) return null;
  const add = async () => {
    try {
      let mediaUploadId: string | undefined;
      if (kind !== 'article' && file) {
        const done = await uploadInChunks(dataProvider, file, kind, upload, setProgress);
        setUpload(done);
        mediaUploadId = done.id;
      }
      await dataProvider.send('POST', `/courses/${record.id}/lessons`, {
        kind,
        title,
        body,
        studyMinutes: Number(minutes) || 0,
        ...(dwell.trim() !== '' ? { minDwellSeconds: Number(dwell) } : {}),
        ...(mediaUploadId ? { mediaUploadId } : {}),
      });
      setTitle('');
      setBody('');
      setFile(null);
      setUpload(undefined);
      setProgress(undefined);
      setError(null);
      load();
    } catch (e) {
      setError((e as Error).message);
    }
  };
  const ready = title.trim() !== '' && (kind === 'article' ? body.trim() !== '' : file !== null);
  return (
    <Stack spacing={1.5} sx={{ maxWidth: 720 }}>
      <Typography variant="subtitle1" component="h2">
        {translate('dj.courses.lessons')}
      </Typography>
      {lessons.length === 0 ? (
        <Typography color="text.secondary">{translate('dj.courses.no_lessons')}</Typography>
      ) : null}
      {lessons.map((lesson) => (
        <Card key={lesson.id} data-testid="lesson">
          <CardContent>
            <Typography sx={{ fontWeight: 500 }}>
              {translate('dj.courses.lesson_heading', {
                position: lesson.position,
                kind: translate(`dj.courses.kinds.${lesson.kind}`),
                title: lesson.title,
              })}
            </Typography>
            <Typography variant="body2" sx={{ whiteSpace: 'pre-wrap' }}>
              {lesson.body.length > 200 ? `${lesson.body.slice(0, 200)}…` : lesson.body}
            </Typography>
          </CardContent>
        </Card>
      ))}
      {record?.fromPlatform ? (
        <Alert severity="info">{translate('dj.courses.platform_read_only')}</Alert>
      ) : (
        <>
          <MuiTextField
            select
            label={translate('dj.courses.lesson_kind')}
            value={kind}
            onChange={(e) => {
              setKind(e.target.value);
              setUpload(undefined);
            }}
            slotProps={{ select: { native: true } }}
          >
            {['article', 'video', 'audio', 'document'].map((k) => (
              <option key={k} value={k}>
                {translate(`dj.courses.kinds.${k}`)}
              </option>
            ))}
          </MuiTextField>
          <MuiTextField
            label={translate('dj.courses.lesson_title')}
            value={title}
            onChange={(e) => setTitle(e.target.value)}
            slotProps={{ htmlInput: { maxLength: 100 } }}
          />
          <MuiTextField
            type="number"
            label={translate('dj.courses.study_minutes')}
            value={minutes}
            onChange={(e) => setMinutes(e.target.value)}
            slotProps={{ htmlInput: { min: 0, max: 600 } }}
          />
          <MuiTextField
            type="number"
            label={translate('dj.courses.min_dwell')}
            helperText={translate('dj.courses.min_dwell_hint')}
            value={dwell}
            onChange={(e) => setDwell(e.target.value)}
            slotProps={{ htmlInput: { min: 0, max: 36000 } }}
          />
          {kind !== 'article' ? (
            <Button variant="outlined" component="label">
              {file ? file.name : translate('dj.courses.choose_file')}
              <input
                hidden
                type="file"
                accept={
                  kind === 'video' ? 'video/mp4,video/webm' : kind === 'audio' ? 'audio/*' : 'application/pdf'
                }
                onChange={(e) => {
                  setFile(e.target.files?.[0] ?? null);
                  setUpload(undefined);
                }}
              />
            </Button>
          ) : null}
          {progress !== undefined ? (
            <Typography variant="body2">
              {translate('dj.courses.uploaded', { percent: Math.round(progress * 100) })}
            </Typography>
          ) : null}
          <MuiTextField
            label={translate(kind === 'article' ? 'dj.courses.lesson_body' : 'dj.courses.lesson_intro')}
            value={body}
            onChange={(e) => setBody(e.target.value)}
            multiline
            minRows={kind === 'article' ? 6 : 2}
          />
          <Button variant="contained" disabled={!ready} onClick={() => void add()}>
            {translate(upload ? 'dj.courses.resume_upload' : 'dj.courses.add_lesson')}
          </Button>
        </>
      )}
      {error ? <Alert severity="error">{error}</Alert> : null}
    </Stack>
  );
}

function CourseShow() {
  return (
    <Show>
      <SimpleShowLayout>
        <TextField source="name" />
        <TextField source="note" emptyText="—" />
        <FunctionField source="fromPlatform" render={(record: CourseRecord) => <Origin course={record} />} />
        <FunctionField source="tags" render={(record: { tags: string[] }) => record.tags.join('、') || '—'} />
        <Publication />
        <Lessons />
      </SimpleShowLayout>
    </Show>
  );
}

/** 课程: the catalogue, a course's page with its lessons, and the form; for admins and secretaries. */
export const coursesResource: ConsoleResource = {
  name: 'courses',
  roles: ['tenant-admin', 'secretary'],
  module: 'learning',
  icon: MenuBookIcon,
  list: CourseList,
  create: CourseCreate,
  show: CourseShow,
  recordRepresentation: 'name',
  messages: {
    'zh-CN': {
      name: '课程 |||| 课程',
      fields: {
        name: '课程名称',
        note: '简介',
        tags: '标签',
        lessonCount: '课时数',
        fromPlatform: '来源',
        createdAt: '创建时间',
        q: '搜索',
      },
    },
    en: {
      name: 'Course |||| Courses',
      fields: {
        name: 'Name',
        note: 'Summary',
        tags: 'Tags',
        lessonCount: 'Lessons',
        fromPlatform: 'Source',
        createdAt: 'Created',
        q: 'Search',
      },
    },
  },
};
