import { codeText } from '../data/problems';
import {
  Alert,
  Box,
  Button as MuiButton,
  Chip,
  Dialog,
  DialogContent,
  DialogTitle,
  List as MuiList,
  ListItem,
  ListItemText,
  Stack,
  Tooltip,
  Typography,
} from '@mui/material';
import { useEffect, useState } from 'react';
import { useFormContext, useWatch } from 'react-hook-form';
import {
  AutocompleteArrayInput,
  BooleanInput,
  CreateBase,
  EditBase,
  Datagrid,
  DateInput,
  FormDataConsumer,
  FunctionField,
  NumberInput,
  ReferenceArrayInput,
  ReferenceManyField,
  SaveButton,
  SelectField,
  SelectInput,
  SimpleForm,
  TextField,
  TextInput,
  Toolbar,
  required,
  useDataProvider,
  useGetList,
  useRecordContext,
  useRefresh,
  useTranslate,
} from 'react-admin';
import { ChinaDateField } from '../layout/ChinaDateField';
import type { DjDataProvider } from '../data/extendedDataProvider';
import { translatedChoices } from '../i18n/choices';
import { chinaDay, chinaTime } from '../i18n/china-dates';

const dateOnly = (value: string | null) => (value ? String(value).slice(0, 10) : '');
const STEP_KINDS = translatedChoices(
  [
    'application_talk',
    'activist_review',
    'to_activist',
    'to_candidate',
    'to_probationary',
    'oath',
    'probation_extension',
    'confirmation',
  ],
  'dj.steps',
);
const PUBLICITY_STAGES = translatedChoices(['activist', 'candidate', 'probationary', 'full'], 'dj.stages');
const OBJECTIONS = translatedChoices(['none', 'pending', 'sustained', 'dismissed'], 'dj.objections');
/** The step that usually comes next at each stage. */
const NEXT_STEP: Record<string, string> = {
  applicant: 'to_activist',
  activist: 'to_candidate',
  candidate: 'to_probationary',
  probationary: 'confirmation',
  // A probationary member who has not taken the oath yet: the oath comes first (rules.md §3).
  probationary_without_oath: 'oath',
};

const fullMembers = (source: string) => (
  <ReferenceArrayInput
    source={source}
    reference="members"
    filter={{ developmentStage: 'full', status: 'active' }}
    sort={{ field: 'name', order: 'ASC' }}
    perPage={50}
  >
    <AutocompleteArrayInput optionText="name" filterToQuery={(q: string) => ({ q })} />
  </ReferenceArrayInput>
);
/**
 * The general meeting's vote: picked from the votes recorded with the meeting (issue 14, part 6),
 * which also dates the decision; typed only where no meeting record exists.
 */
function VoteFields({ memberId, kind }: { memberId: string; kind: string }) {
  const translate = useTranslate();
  const { setValue } = useFormContext();
  const chosen = useWatch({ name: 'meetingVoteId' }) as string | undefined;
  const { data: votes } = useGetList<{
    id: string;
    subject: string;
    heldOn: string;
    eligible: number;
    present: number;
    inFavour: number;
  }>('meeting-votes', {
    filter: { memberId },
    sort: { field: 'createdAt', order: 'DESC' },
    pagination: { page: 1, perPage: 50 },
  });
  const recorded = (votes ?? []).filter((v) => v.subject === kind);
  return (
    <>
      <SelectInput
        source="meetingVoteId"
        label="dj.votes.from_meeting"
        emptyText="dj.votes.typed"
        choices={recorded.map((v) => ({ id: v.id, name: translate('dj.votes.option', { ...v }) }))}
        translateChoice={false}
        onChange={(event) => {
          const vote = recorded.find((v) => v.id === event.target.value);
          if (vote) setValue('decidedOn', vote.heldOn);
        }}
        sx={{ minWidth: 320 }}
      />
      {chosen ? null : (
        <Box sx={{ display: 'flex', gap: 1, flexWrap: 'wrap' }}>
          <NumberInput source="vote.eligible" min={1} />
          <NumberInput source="vote.present" min={0} />
          <NumberInput source="vote.inFavour" min={0} />
        </Box>
      )}
    </>
  );
}

/** Training (rules.md §3): a training exam the member passed — its hours are the record — or typed. */
function TrainingFields() {
  const dataProvider = useDataProvider();
  const translate = useTranslate();
  const chosen = useWatch({ name: 'trainingExamId' }) as string | undefined;
  const [exams, setExams] = useState<
    { id: string; name: string; trainingClassHours: number; trainingDays: number }[]
  >([]);
  useEffect(() => {
    // A tenant without the learning module has no exams: then the hours are typed.
    dataProvider
      .getList('exams', {
        pagination: { page: 1, perPage: 100 },
        sort: { field: 'opensAt', order: 'DESC' },
        filter: {},
      })
      .then(
        ({ data }) => setExams(data.filter((e) => e.trainingClassHours > 0 || e.trainingDays > 0)),
        () => setExams([]),
      );
  }, [dataProvider]);
  return (
    <>
      {exams.length > 0 ? (
        <SelectInput
          source="trainingExamId"
          emptyText="dj.development.training_typed"
          choices={exams.map((e) => ({
            id: e.id,
            name: translate('dj.development.training_exam_option', {
              name: e.name,
              hours: e.trainingClassHours,
              days: e.trainingDays,
            }),
          }))}
          translateChoice={false}
          helperText="dj.development.training_exam_hint"
          sx={{ minWidth: { sm: 320 }, maxWidth: '100%' }}
        />
      ) : null}
      {chosen ? null : (
        <Box sx={{ display: 'flex', gap: 1, flexWrap: 'wrap' }}>
          <NumberInput source="trainingHours" min={0} />
          <NumberInput source="trainingDays" min={0} />
        </Box>
      )}
    </>
  );
}

function withoutTypedVote(data: Record<string, unknown>): Record<string, unknown> {
  const { trainingExamId, trainingHours, trainingDays, ...others } = data;
  // A training exam's hours are its own: typed ones are dropped with it, and an empty choice is no exam.
  const training: Record<string, unknown> = trainingExamId
    ? { trainingExamId }
    : { trainingHours, trainingDays };
  const { vote, meetingVoteId, ...rest }: Record<string, unknown> = { ...others, ...training };
  if (meetingVoteId) return { ...rest, meetingVoteId };
  const typed = Object.values((vote ?? {}) as object).some((v) => v !== null && v !== undefined && v !== '');
  return typed ? { ...rest, vote } : rest;
}

/** The facts each kind of step asks for (rules.md §3). */
function StepFields({ kind, memberId }: { kind: string; memberId: string }) {
  const vote = <VoteFields memberId={memberId} kind={kind} />;
  switch (kind) {
    case 'to_activist':
      return fullMembers('sponsorIds');
    case 'to_probationary':
      return (
        <>
          {fullMembers('introducerIds')}
          <TrainingFields />
          <DateInput source="politicalReviewConcludedOn" parse={dateOnly} />
          <DateInput source="preReviewedOn" parse={dateOnly} />
          <BooleanInput source="leavingUnitSoon" />
          {vote}
          <DateInput source="higherApprovedOn" parse={dateOnly} />
          <TextInput source="lateApprovalReason" />
        </>
      );
    case 'probation_extension':
      return (
        <>
          <NumberInput source="extensionMonths" min={6} max={12} />
          {vote}
          <DateInput source="higherApprovedOn" parse={dateOnly} />
        </>
      );
    case 'confirmation':
      return (
        <>
          <DateInput source="appliedOn" parse={dateOnly} />
          {vote}
          <DateInput source="higherApprovedOn" parse={dateOnly} />
          <TextInput source="lateApprovalReason" />
        </>
      );
    default:
      return null;
  }
}

/** Runs the checks without recording and lists the rules the step would break. */
function CheckButton({ values }: { values: Record<string, unknown> }) {
  const dataProvider = useDataProvider<DjDataProvider>();
  const translate = useTranslate();
  const [result, setResult] = useState<{
    allowed: boolean;
    brokenRules: { rule: string; message: string; params?: Record<string, string> }[];
    error?: string;
  } | null>(null);
  return (
    <Box sx={{ flex: 1 }}>
      <MuiButton
        onClick={() =>
          void dataProvider
            .checkStep(withoutTypedVote(values))
            .then(setResult, (e: Error) => setResult({ allowed: false, brokenRules: [], error: e.message }))
        }
      >
        {translate('dj.development.check')}
      </MuiButton>
      {result ? (
        <Alert severity={result.allowed ? 'success' : 'warning'} data-testid="step-check">
          {result.allowed
            ? translate('dj.development.allowed')
            : (result.error ?? (
                <MuiList dense disablePadding>
                  {result.brokenRules.map((b) => (
                    <ListItem key={b.rule} disableGutters>
                      <ListItemText primary={codeText(b.rule, b.params, translate('dj.http.422'))} />
                    </ListItem>
                  ))}
                </MuiList>
              ))}
        </Alert>
      ) : null}
    </Box>
  );
}

function RecordStepDialog({
  memberId,
  stage,
  onClose,
}: {
  memberId: string;
  stage: string;
  onClose: () => void;
}) {
  const translate = useTranslate();
  const refresh = useRefresh();
  return (
    <Dialog open onClose={onClose} fullWidth maxWidth="sm">
      <DialogTitle>{translate('dj.development.record')}</DialogTitle>
      <DialogContent>
        <CreateBase
          resource="development"
          redirect={false}
          // A vote taken from the meeting's record is not typed as well; empty vote fields are no vote.
          transform={withoutTypedVote}
          mutationOptions={{
            onSuccess: () => {
              onClose();
              refresh();
            },
          }}
        >
          <SimpleForm
            defaultValues={{ memberId, kind: NEXT_STEP[stage] ?? 'application_talk', decidedOn: chinaDay() }}
            toolbar={
              <Toolbar>
                <FormDataConsumer>{({ formData }) => <CheckButton values={formData} />}</FormDataConsumer>
                <SaveButton alwaysEnable />
              </Toolbar>
            }
          >
            <SelectInput source="kind" choices={STEP_KINDS} validate={required()} />
            <DateInput source="decidedOn" parse={dateOnly} validate={required()} />
            <FormDataConsumer<{ kind: string }>>
              {({ formData }) => <StepFields kind={formData.kind} memberId={memberId} />}
            </FormDataConsumer>
            {/* After a publicity period counted without its year's holidays, a person confirms its end (issue 14). */}
            <BooleanInput source="calendarConfirmed" />
            <TextInput source="note" multiline fullWidth />
          </SimpleForm>
        </CreateBase>
      </DialogContent>
    </Dialog>
  );
}

/** The objections people filed through the public portal during the period (issue 17). */
function ReceivedObjections({ periodId }: { periodId: string }) {
  const translate = useTranslate();
  const { data, error } = useGetList<{
    id: string;
    content: string;
    name: string;
    contact: string;
    receivedAt: string;
  }>('publicity-objections', {
    pagination: { page: 1, perPage: 50 },
    sort: { field: 'receivedAt', order: 'ASC' },
    filter: { publicityPeriodId: periodId },
  });
  if (error) return null;
  return (
    <Stack spacing={0.5} sx={{ mb: 1 }} data-testid="received-objections">
      <Typography variant="subtitle2">{translate('dj.disclosure.objections')}</Typography>
      {data?.length === 0 ? (
        <Typography variant="body2">{translate('dj.disclosure.no_objections')}</Typography>
      ) : null}
      {data?.map((o) => (
        <Typography key={o.id} variant="body2">
          {chinaTime(o.receivedAt)} · {o.name || translate('dj.disclosure.objection_anonymous')}
          {o.contact ? ` · ${o.contact}` : ''}：{o.content}
        </Typography>
      ))}
    </Stack>
  );
}

/** Records an objection raised during a publicity period, and what came of it. */
function ObjectionButton() {
  const record = useRecordContext<{ id: string; objectionStatus: string; objectionNote: string }>();
  const translate = useTranslate();
  const refresh = useRefresh();
  const [open, setOpen] = useState(false);
  if (!record) return null;
  return (
    <>
      <MuiButton size="small" onClick={() => setOpen(true)}>
        {translate('dj.development.record_objection')}
      </MuiButton>
      {open ? (
        <Dialog open onClose={() => setOpen(false)} fullWidth maxWidth="xs">
          <DialogTitle>{translate('dj.development.record_objection')}</DialogTitle>
          <DialogContent>
            <ReceivedObjections periodId={record.id} />
            <EditBase
              resource="publicity-periods"
              id={record.id}
              mutationMode="pessimistic"
              redirect={false}
              transform={(data: Record<string, unknown>) => ({
                objectionStatus: data['objectionStatus'],
                objectionNote: data['objectionNote'],
              })}
              mutationOptions={{
                onSuccess: () => {
                  setOpen(false);
                  refresh();
                },
              }}
            >
              <SimpleForm>
                <SelectInput source="objectionStatus" choices={OBJECTIONS} validate={required()} />
                <TextInput source="objectionNote" multiline fullWidth validate={required()} />
              </SimpleForm>
            </EditBase>
          </DialogContent>
        </Dialog>
      ) : null}
    </>
  );
}

function AddThoughtReportDialog({ memberId, onClose }: { memberId: string; onClose: () => void }) {
  const translate = useTranslate();
  const refresh = useRefresh();
  return (
    <Dialog open onClose={onClose} fullWidth maxWidth="sm">
      <DialogTitle>{translate('dj.development.add_thought_report')}</DialogTitle>
      <DialogContent>
        <CreateBase
          resource="thought-reports"
          redirect={false}
          mutationOptions={{
            onSuccess: () => {
              onClose();
              refresh();
            },
          }}
        >
          <SimpleForm defaultValues={{ memberId }}>
            <DateInput source="submittedOn" parse={dateOnly} validate={required()} />
            <TextInput source="title" fullWidth validate={required()} />
            <TextInput source="content" multiline minRows={4} fullWidth validate={required()} />
          </SimpleForm>
        </CreateBase>
      </DialogContent>
    </Dialog>
  );
}

function OpenPublicityDialog({ memberId, onClose }: { memberId: string; onClose: () => void }) {
  const translate = useTranslate();
  const refresh = useRefresh();
  return (
    <Dialog open onClose={onClose} fullWidth maxWidth="xs">
      <DialogTitle>{translate('dj.development.open_publicity')}</DialogTitle>
      <DialogContent>
        <CreateBase
          resource="publicity-periods"
          redirect={false}
          mutationOptions={{
            onSuccess: () => {
              onClose();
              refresh();
            },
          }}
        >
          <SimpleForm defaultValues={{ memberId }}>
            <SelectInput source="stage" choices={PUBLICITY_STAGES} validate={required()} />
            <DateInput source="startsOn" parse={dateOnly} validate={required()} />
          </SimpleForm>
        </CreateBase>
      </DialogContent>
    </Dialog>
  );
}

/** 发展党员 on the member's page: the timeline of steps, the publicity periods, and the next step. */
export function DevelopmentPanel() {
  const record = useRecordContext<{ id: string; developmentStage: string; oathTakenOn?: string }>();
  const translate = useTranslate();
  const [dialog, setDialog] = useState<'step' | 'publicity' | 'report' | null>(null);
  if (!record) return null;
  return (
    <Box sx={{ mt: 2 }}>
      <Typography variant="subtitle2">{translate('dj.development.timeline')}</Typography>
      <ReferenceManyField
        reference="development"
        target="memberId"
        sort={{ field: 'decidedOn', order: 'ASC' }}
        perPage={50}
      >
        <Datagrid
          bulkActionButtons={false}
          rowClick={false}
          empty={<Typography variant="body2">{translate('dj.development.none')}</Typography>}
        >
          <ChinaDateField source="decidedOn" />
          <SelectField source="kind" choices={STEP_KINDS} />
          <SelectField
            source="toStage"
            choices={translatedChoices(
              ['applicant', 'activist', 'candidate', 'probationary', 'full'],
              'dj.stages',
            )}
          />
          <TextField source="note" />
        </Datagrid>
      </ReferenceManyField>
      <Typography variant="subtitle2" sx={{ mt: 2 }}>
        {translate('dj.development.publicity')}
      </Typography>
      <ReferenceManyField
        reference="publicity-periods"
        target="memberId"
        sort={{ field: 'startsOn', order: 'DESC' }}
      >
        <Datagrid
          bulkActionButtons={false}
          rowClick={false}
          empty={<Typography variant="body2">{translate('dj.development.none')}</Typography>}
        >
          <SelectField source="stage" choices={PUBLICITY_STAGES} />
          <ChinaDateField source="startsOn" />
          <ChinaDateField source="endsOn" />
          <FunctionField
            source="calendarProvisional"
            sortable={false}
            render={(period: { calendarProvisional?: boolean }) =>
              period.calendarProvisional ? (
                <Tooltip title={translate('dj.calendar.provisional_hint')}>
                  <Chip size="small" color="warning" label={translate('dj.calendar.provisional')} />
                </Tooltip>
              ) : null
            }
          />
          <SelectField source="objectionStatus" choices={OBJECTIONS} />
          <FunctionField
            source="receivedObjections"
            sortable={false}
            render={(period: { receivedObjections?: number }) => period.receivedObjections ?? 0}
          />
          <ObjectionButton />
        </Datagrid>
      </ReferenceManyField>
      <Typography variant="subtitle2" sx={{ mt: 2 }}>
        {translate('dj.development.thought_reports')}
      </Typography>
      <ReferenceManyField
        reference="thought-reports"
        target="memberId"
        sort={{ field: 'submittedOn', order: 'DESC' }}
      >
        <Datagrid
          bulkActionButtons={false}
          rowClick={false}
          empty={<Typography variant="body2">{translate('dj.development.none')}</Typography>}
        >
          <ChinaDateField source="submittedOn" />
          <TextField source="title" />
        </Datagrid>
      </ReferenceManyField>
      {record.developmentStage !== 'full' ? (
        <Box sx={{ mt: 1, display: 'flex', gap: 1, flexWrap: 'wrap' }}>
          <MuiButton variant="contained" onClick={() => setDialog('step')}>
            {translate('dj.development.record')}
          </MuiButton>
          <MuiButton onClick={() => setDialog('publicity')}>
            {translate('dj.development.open_publicity')}
          </MuiButton>
          {record.developmentStage !== 'candidate' ? (
            <MuiButton onClick={() => setDialog('report')}>
              {translate('dj.development.add_thought_report')}
            </MuiButton>
          ) : null}
        </Box>
      ) : null}
      {dialog === 'report' ? (
        <AddThoughtReportDialog memberId={String(record.id)} onClose={() => setDialog(null)} />
      ) : null}
      {dialog === 'step' ? (
        <RecordStepDialog
          memberId={String(record.id)}
          stage={
            record.developmentStage === 'probationary' && !record.oathTakenOn
              ? 'probationary_without_oath'
              : record.developmentStage
          }
          onClose={() => setDialog(null)}
        />
      ) : null}
      {dialog === 'publicity' ? (
        <OpenPublicityDialog memberId={String(record.id)} onClose={() => setDialog(null)} />
      ) : null}
    </Box>
  );
}
