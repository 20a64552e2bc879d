import {
  Alert,
  Checkbox,
  FormControlLabel,
  Box,
  Button,
  Chip,
  LinearProgress,
  MenuItem,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  TextField as MuiTextField,
  Typography,
} from '@mui/material';
import FlagIcon from '@mui/icons-material/Flag';
import { useEffect, useState } from 'react';
import {
  ArrayInput,
  AutocompleteInput,
  Create,
  Datagrid,
  FunctionField,
  List,
  NumberInput,
  ReferenceInput,
  SelectInput,
  Show,
  SimpleForm,
  SimpleFormIterator,
  SimpleShowLayout,
  TextField,
  TextInput,
  minValue,
  required,
  useDataProvider,
  useGetList,
  usePermissions,
  useRecordContext,
  useTranslate,
} from 'react-admin';
import type { DjDataProvider } from '../data/extendedDataProvider';
import { chinaTime } from '../i18n/china-dates';
import { hasModule, type Permissions } from '../auth/authProvider';
import type { ConsoleResource } from '../layout/console-resource';
import { TableBox } from '../layout/TableBox';
import { StepDialog, useStep } from '../layout/step-dialog';

const R = 'resources.commitments';
const STATUSES = ['proposed', 'returned', 'published', 'met', 'unmet'];
const THIS_YEAR = Number(
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(new Date()),
);

interface Target {
  description: string;
  unit: string;
  target: number;
  weight: number;
  achieved: number;
}

export interface Commitment {
  id: string;
  organisationName: string;
  committerName: string;
  year: number;
  title: string;
  targets: Target[];
  audience: string;
  status: string;
  returnNote: string;
  progress: number;
  progressEntries: {
    period: string;
    achieved: number[];
    evidence: string;
    recordedByName: string;
    recordedAt: string;
    facts: { kind: string; text: string }[];
  }[];
  explanation: string;
  appraisalsSatisfied: number;
  appraisalsFair: number;
  appraisalsUnsatisfied: number;
  version: number;
  actions: string[];
}

export function Progress({ value }: { value: number }) {
  return (
    <Stack direction="row" spacing={1} sx={{ alignItems: 'center', minWidth: 120 }}>
      <LinearProgress variant="determinate" value={Math.min(100, value)} sx={{ flexGrow: 1 }} />
      <Typography variant="body2">{value}%</Typography>
    </Stack>
  );
}

/** 承诺晾晒: the year's progress of an organisation's subtree, and of each organisation below it. */
function Rollup() {
  const translate = useTranslate();
  const dataProvider = useDataProvider<DjDataProvider>();
  const { data: roots } = useGetList('organisations', {
    pagination: { page: 1, perPage: 50 },
    sort: { field: 'name', order: 'ASC' },
    filter: {},
  });
  const [organisationId, setOrganisationId] = useState<string>();
  const [year, setYear] = useState(THIS_YEAR);
  const [rollup, setRollup] = useState<{
    total: { organisationName: string; commitments: number; progress: number };
    children: { organisationId: string; organisationName: string; commitments: number; progress: number }[];
  }>();
  const [error, setError] = useState<string>();
  const chosen = organisationId ?? roots?.[0]?.id;
  useEffect(() => {
    if (!chosen) return;
    dataProvider.send<NonNullable<typeof rollup>>('GET', `/commitment-rollups/${chosen}/${year}`).then(
      (answer) => {
        setRollup(answer);
        setError(undefined);
      },
      (e: Error) => setError(e.message),
    );
  }, [dataProvider, chosen, year]);
  return (
    <Box sx={{ p: 2 }} data-testid="rollup">
      <Typography variant="h6" component="h2">
        {translate(`${R}.rollup`)}
      </Typography>
      <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: 'wrap', my: 1 }}>
        <MuiTextField
          select
          size="small"
          label={translate(`${R}.fields.organisationId`)}
          value={chosen ?? ''}
          onChange={(e) => setOrganisationId(e.target.value)}
          sx={{ minWidth: 200 }}
        >
          {(roots ?? []).map((o) => (
            <MenuItem key={o.id} value={o.id}>
              {o.name}
            </MenuItem>
          ))}
        </MuiTextField>
        <MuiTextField
          size="small"
          type="number"
          label={translate(`${R}.fields.year`)}
          value={year}
          onChange={(e) => setYear(Number(e.target.value))}
          sx={{ width: 110 }}
        />
      </Stack>
      {error ? <Alert severity="error">{error}</Alert> : null}
      {rollup ? (
        <TableBox>
          <Table size="small">
            <TableHead>
              <TableRow>
                <TableCell>{translate(`${R}.fields.organisationName`)}</TableCell>
                <TableCell>{translate(`${R}.count`)}</TableCell>
                <TableCell>{translate(`${R}.fields.progress`)}</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              <TableRow>
                <TableCell>
                  <strong>{rollup.total.organisationName}</strong>
                </TableCell>
                <TableCell>{rollup.total.commitments}</TableCell>
                <TableCell>
                  <Progress value={rollup.total.progress} />
                </TableCell>
              </TableRow>
              {rollup.children.map((row) => (
                <TableRow key={row.organisationId}>
                  <TableCell>{row.organisationName}</TableCell>
                  <TableCell>{row.commitments}</TableCell>
                  <TableCell>
                    <Progress value={row.progress} />
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </TableBox>
      ) : null}
    </Box>
  );
}

function CommitmentList() {
  const translate = useTranslate();
  return (
    <List
      filters={[
        <SelectInput
          key="status"
          source="status"
          choices={STATUSES.map((id) => ({ id, name: translate(`${R}.statuses.${id}`) }))}
          translateChoice={false}
          alwaysOn
        />,
      ]}
      sort={{ field: 'year', order: 'DESC' }}
      aside={undefined}
    >
      <Rollup />
      <TableBox>
        <Datagrid bulkActionButtons={false} rowClick="show">
          <TextField source="title" />
          <TextField source="committerName" />
          <FunctionField source="year" render={(r: Commitment) => r.year} />
          <FunctionField
            source="status"
            sortable={false}
            render={(r: Commitment) => <Chip size="small" label={translate(`${R}.statuses.${r.status}`)} />}
          />
          <FunctionField
            source="progress"
            sortable={false}
            render={(r: Commitment) => <Progress value={r.progress} />}
          />
        </Datagrid>
      </TableBox>
    </List>
  );
}

function TargetInputs() {
  return (
    <ArrayInput source="targets">
      <SimpleFormIterator inline disableReordering>
        <TextInput source="description" validate={required()} />
        <NumberInput source="target" validate={[required(), minValue(0)]} />
        <TextInput source="unit" />
      </SimpleFormIterator>
    </ArrayInput>
  );
}

function CommitmentCreate() {
  const translate = useTranslate();
  return (
    <Create redirect="show">
      <SimpleForm
        defaultValues={{
          committerKind: 'organisation',
          audience: 'public',
          year: THIS_YEAR,
          targets: [{ description: '', target: 0, unit: '' }],
        }}
      >
        <ReferenceInput
          source="organisationId"
          reference="organisations"
          sort={{ field: 'name', order: 'ASC' }}
        >
          <AutocompleteInput optionText="name" validate={required()} filterToQuery={(q: string) => ({ q })} />
        </ReferenceInput>
        <SelectInput
          source="committerKind"
          choices={['organisation', 'secretary'].map((id) => ({
            id,
            name: translate(`${R}.committers.${id}`),
          }))}
          translateChoice={false}
          validate={required()}
        />
        <TextInput source="committerName" helperText={translate(`${R}.committer_hint`)} />
        <NumberInput source="year" validate={required()} />
        <TextInput source="title" validate={required()} fullWidth />
        <TargetInputs />
        <SelectInput
          source="audience"
          choices={['tenant', 'public'].map((id) => ({ id, name: translate(`${R}.audiences.${id}`) }))}
          translateChoice={false}
          validate={required()}
        />
      </SimpleForm>
    </Create>
  );
}

type Step = 'review' | 'progress' | 'close' | 'appraise';

function CommitmentActions() {
  const record = useRecordContext<Commitment>();
  const translate = useTranslate();
  const { step, setStep, note, setNote, error, close, act } = useStep<Step>(
    `/commitments/${record?.id}`,
    translate(`${R}.done`),
  );
  const [period, setPeriod] = useState('Q1');
  const [achieved, setAchieved] = useState<string[]>([]);
  // Evidence the platform holds: the period's meetings, a study plan's completion (learning tenants).
  const [linkMeetings, setLinkMeetings] = useState(true);
  const [studyPlanId, setStudyPlanId] = useState('');
  const { permissions } = usePermissions<Permissions>();
  const { data: plans } = useGetList(
    'study-plans',
    { pagination: { page: 1, perPage: 50 }, sort: { field: 'startsOn', order: 'DESC' }, filter: {} },
    { enabled: step === 'progress' && hasModule(permissions, 'learning') },
  );
  if (!record) return null;
  return (
    <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: 'wrap' }}>
      {record.actions
        .filter((a) => a !== 'resubmit')
        .map((a) => (
          <Button key={a} variant="outlined" onClick={() => setStep(a as Step)}>
            {translate(`${R}.actions.${a}`)}
          </Button>
        ))}
      <StepDialog
        title={step ? translate(`${R}.actions.${step}`) : ''}
        open={step !== undefined}
        onClose={close}
        error={error}
        actions={
          <>
            {step === 'review' ? (
              <>
                <Button
                  color="warning"
                  onClick={() => act('review', { version: record.version, decision: 'return', note })}
                >
                  {translate(`${R}.return`)}
                </Button>
                <Button
                  variant="contained"
                  onClick={() => act('review', { version: record.version, decision: 'publish', note })}
                >
                  {translate(`${R}.publish`)}
                </Button>
              </>
            ) : null}
            {step === 'progress' ? (
              <Button
                variant="contained"
                onClick={() =>
                  act('progress', {
                    period,
                    achieved: record.targets.map((_, i) => Number(achieved[i] ?? 0)),
                    evidence: note,
                    linkMeetings,
                    ...(studyPlanId ? { studyPlanId } : {}),
                  })
                }
              >
                {translate('ra.action.save')}
              </Button>
            ) : null}
            {step === 'close' ? (
              <>
                <Button
                  color="warning"
                  onClick={() =>
                    act('outcome', { version: record.version, outcome: 'unmet', explanation: note })
                  }
                >
                  {translate(`${R}.statuses.unmet`)}
                </Button>
                <Button
                  variant="contained"
                  onClick={() =>
                    act('outcome', { version: record.version, outcome: 'met', explanation: note })
                  }
                >
                  {translate(`${R}.statuses.met`)}
                </Button>
              </>
            ) : null}
            {step === 'appraise'
              ? (['satisfied', 'fair', 'unsatisfied'] as const).map((grade) => (
                  <Button key={grade} variant="contained" onClick={() => act('appraisals', { grade })}>
                    {translate(`${R}.grades.${grade}`)}
                  </Button>
                ))
              : null}
          </>
        }
      >
        {step === 'progress' ? (
          <Stack spacing={1} sx={{ pt: 1 }}>
            <MuiTextField
              select
              size="small"
              label={translate(`${R}.period`)}
              value={period}
              onChange={(e) => setPeriod(e.target.value)}
            >
              {['Q1', 'Q2', 'Q3', 'Q4'].map((p) => (
                <MenuItem key={p} value={p}>
                  {translate(`${R}.quarters.${p}`)}
                </MenuItem>
              ))}
            </MuiTextField>
            {record.targets.map((t, i) => (
              <MuiTextField
                key={i}
                size="small"
                type="number"
                label={`${t.description}（${translate(`${R}.target_of`, { target: t.target, unit: t.unit })}）`}
                value={achieved[i] ?? ''}
                onChange={(e) => setAchieved(Object.assign([...achieved], { [i]: e.target.value }))}
                slotProps={{ htmlInput: { 'data-testid': `achieved-${i}` } }}
              />
            ))}
            <FormControlLabel
              control={
                <Checkbox checked={linkMeetings} onChange={(e) => setLinkMeetings(e.target.checked)} />
              }
              label={translate(`${R}.link_meetings`)}
            />
            {plans && plans.length > 0 ? (
              <MuiTextField
                select
                size="small"
                label={translate(`${R}.link_plan`)}
                value={studyPlanId}
                onChange={(e) => setStudyPlanId(e.target.value)}
              >
                <MenuItem value="">{translate(`${R}.none`)}</MenuItem>
                {plans.map((p) => (
                  <MenuItem key={p.id} value={p.id}>
                    {p.name}
                  </MenuItem>
                ))}
              </MuiTextField>
            ) : null}
          </Stack>
        ) : null}
        {step === 'appraise' ? null : (
          <MuiTextField
            fullWidth
            multiline
            minRows={2}
            margin="dense"
            label={translate(
              step === 'progress' ? `${R}.evidence` : step === 'close' ? `${R}.explanation` : `${R}.note`,
            )}
            value={note}
            onChange={(e) => setNote(e.target.value)}
            slotProps={{ htmlInput: { 'data-testid': 'step-note' } }}
          />
        )}
      </StepDialog>
    </Stack>
  );
}

function CommitmentShow() {
  const translate = useTranslate();
  return (
    <Show>
      <SimpleShowLayout>
        <FunctionField
          source="status"
          render={(r: Commitment) => <Chip label={translate(`${R}.statuses.${r.status}`)} />}
        />
        <CommitmentActions />
        <FunctionField
          source="returnNote"
          render={(r: Commitment) =>
            r.status === 'returned' ? (
              <Alert severity="warning">{translate(`${R}.returned_with`, { note: r.returnNote })}</Alert>
            ) : null
          }
        />
        <TextField source="title" />
        <TextField source="organisationName" />
        <TextField source="committerName" />
        <FunctionField source="year" render={(r: Commitment) => r.year} />
        <FunctionField source="progress" render={(r: Commitment) => <Progress value={r.progress} />} />
        <FunctionField
          source="targets"
          render={(r: Commitment) => (
            <Table size="small">
              <TableBody>
                {r.targets.map((t, i) => (
                  <TableRow key={i}>
                    <TableCell>{t.description}</TableCell>
                    <TableCell>
                      {translate(`${R}.achieved_of`, {
                        achieved: t.achieved,
                        target: t.target,
                        unit: t.unit,
                      })}
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          )}
        />
        <FunctionField
          source="progressEntries"
          render={(r: Commitment) =>
            r.progressEntries.length === 0 ? (
              translate(`${R}.no_progress`)
            ) : (
              <Stack spacing={1}>
                {r.progressEntries.map((e, i) => (
                  <Typography key={i} variant="body2">
                    {translate(`${R}.quarters.${e.period}`, { _: e.period })}：{e.evidence}（
                    {e.recordedByName}，{chinaTime(e.recordedAt)}）{e.facts.map((f) => ` ${f.text}`).join('')}
                  </Typography>
                ))}
              </Stack>
            )
          }
        />
        <FunctionField
          source="explanation"
          render={(r: Commitment) => (r.explanation ? r.explanation : translate(`${R}.none`))}
        />
        <FunctionField
          source="appraisals"
          render={(r: Commitment) =>
            translate(`${R}.appraisal_counts`, {
              satisfied: r.appraisalsSatisfied,
              fair: r.appraisalsFair,
              unsatisfied: r.appraisalsUnsatisfied,
            })
          }
        />
      </SimpleShowLayout>
    </Show>
  );
}

/** 承诺践诺: commitments with measurable targets, quarterly progress rolled up the tree, appraisals. */
export const commitmentsResource: ConsoleResource = {
  name: 'commitments',
  roles: ['tenant-admin', 'secretary'],
  module: 'disclosure',
  icon: FlagIcon,
  list: CommitmentList,
  create: CommitmentCreate,
  show: CommitmentShow,
  recordRepresentation: 'title',
  messages: {
    'zh-CN': {
      name: '承诺践诺 |||| 承诺践诺',
      fields: {
        title: '承诺事项',
        organisationId: '党组织',
        organisationName: '党组织',
        committerKind: '承诺主体',
        committerName: '承诺人',
        year: '年度',
        targets: '承诺目标',
        'targets.description': '目标内容',
        'targets.target': '目标值',
        'targets.unit': '单位',
        audience: '公开范围',
        status: '状态',
        progress: '完成进度',
        progressEntries: '进展',
        explanation: '未兑现说明',
        appraisals: '评价',
        returnNote: '退回意见',
      },
      statuses: {
        proposed: '待审核',
        returned: '已退回',
        published: '践诺中',
        met: '已兑现',
        unmet: '未兑现',
      },
      committers: { organisation: '党组织', secretary: '党组织书记' },
      audiences: { tenant: '全体党员', public: '向社会公开' },
      actions: { review: '审核', progress: '报告进展', close: '年终认定', appraise: '评价' },
      grades: { satisfied: '满意', fair: '基本满意', unsatisfied: '不满意' },
      quarters: { Q1: '第一季度', Q2: '第二季度', Q3: '第三季度', Q4: '第四季度' },
      rollup: '承诺晾晒',
      count: '承诺数',
      committer_hint: '书记承诺时填写书记姓名；不填则为本人',
      link_meetings: '附上本期召开会议的平台记录',
      link_plan: '附上学习计划完成情况',
      period: '报告期',
      target_of: '目标 %{target}%{unit}',
      achieved_of: '已完成 %{achieved} / 目标 %{target}%{unit}',
      evidence: '进展情况和佐证',
      explanation: '说明（未兑现时必填，将公开显示）',
      note: '意见',
      return: '退回',
      publish: '审核通过并公开',
      done: '已办理',
      returned_with: '已退回：%{note}',
      no_progress: '尚未报告进展',
      appraisal_counts: '满意 %{satisfied}，基本满意 %{fair}，不满意 %{unsatisfied}',
      none: '无',
    },
    en: {
      name: 'Commitment |||| Commitments',
      fields: {
        title: 'Commitment',
        organisationId: 'Organisation',
        organisationName: 'Organisation',
        committerKind: 'Made by',
        committerName: 'Committer',
        year: 'Year',
        targets: 'Targets',
        'targets.description': 'Target',
        'targets.target': 'Figure',
        'targets.unit': 'Unit',
        audience: 'Audience',
        status: 'Status',
        progress: 'Progress',
        progressEntries: 'Progress reports',
        explanation: 'Why unmet',
        appraisals: 'Appraisals',
        returnNote: 'Returned with',
      },
      statuses: {
        proposed: 'Awaiting review',
        returned: 'Returned',
        published: 'Under way',
        met: 'Met',
        unmet: 'Unmet',
      },
      committers: { organisation: 'The organisation', secretary: 'Its secretary' },
      audiences: { tenant: 'All members', public: 'The public' },
      actions: {
        review: 'Review',
        progress: 'Report progress',
        close: 'Year-end outcome',
        appraise: 'Appraise',
      },
      grades: { satisfied: 'Satisfied', fair: 'Fair', unsatisfied: 'Unsatisfied' },
      quarters: { Q1: 'Q1', Q2: 'Q2', Q3: 'Q3', Q4: 'Q4' },
      rollup: 'Progress across the tree',
      count: 'Commitments',
      committer_hint: 'A secretary’s commitment: their name (empty: yours)',
      link_meetings: 'Link the meetings held in the period, as recorded',
      link_plan: 'Link a study plan’s completion',
      period: 'Period',
      target_of: 'target %{target} %{unit}',
      achieved_of: '%{achieved} of %{target} %{unit}',
      evidence: 'Progress and evidence',
      explanation: 'Explanation (required when unmet; shown publicly)',
      note: 'Note',
      return: 'Return',
      publish: 'Publish',
      done: 'Done',
      returned_with: 'Returned: %{note}',
      no_progress: 'No progress reported yet',
      appraisal_counts: 'Satisfied %{satisfied}, fair %{fair}, unsatisfied %{unsatisfied}',
      none: 'None',
    },
  },
};
