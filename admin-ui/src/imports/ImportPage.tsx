import { codeText } from '../data/problems';
import {
  Alert,
  Box,
  Button as MuiButton,
  Card,
  CardContent,
  LinearProgress,
  MenuItem,
  TextField as MuiTextField,
  Typography,
} from '@mui/material';
import { useEffect, useState } from 'react';
import {
  Datagrid,
  FunctionField,
  ListBase,
  NumberField,
  TextField,
  Title,
  useDataProvider,
  useTranslate,
  type RaRecord,
} from 'react-admin';
import type { DjDataProvider } from '../data/extendedDataProvider';

interface Job {
  id: string;
  status: string;
  totalRows: number;
  rowsDone: number;
  createdCount: number;
  skippedCount: number;
  failedCount: number;
  failure: string | null;
  failureCode?: string | null;
  failureParams?: Record<string, string>;
}

/** 批量导入: pick a file in the template, watch the progress, read every bad row's reason. */
export function ImportPage() {
  const dataProvider = useDataProvider<DjDataProvider>();
  const translate = useTranslate();
  const [kind, setKind] = useState('members');
  const [file, setFile] = useState<File | null>(null);
  const [job, setJob] = useState<Job | null>(null);
  const [error, setError] = useState('');
  const running = job !== null && !['completed', 'failed', 'stopped'].includes(job.status);

  useEffect(() => {
    if (!job || !running) return undefined;
    const timer = setTimeout(
      () => void dataProvider.getOne<Job>('import-jobs', { id: job.id }).then((r) => setJob(r.data)),
      500,
    );
    return () => clearTimeout(timer);
  }, [job, running, dataProvider]);

  const start = async () => {
    if (!file) return;
    setError('');
    try {
      const { id } = await dataProvider.postFile<{ id: string }>(`/import-jobs?kind=${kind}`, file);
      setJob((await dataProvider.getOne<Job>('import-jobs', { id })).data);
    } catch (e) {
      setError((e as Error).message);
    }
  };
  const percent = job && job.totalRows > 0 ? Math.round((job.rowsDone / job.totalRows) * 100) : 0;
  return (
    <Card>
      <Title title={translate('dj.import.title')} />
      <CardContent>
        <Box sx={{ display: 'flex', gap: 2, alignItems: 'center', flexWrap: 'wrap' }}>
          <MuiTextField
            select
            size="small"
            label={translate('dj.import.kind')}
            value={kind}
            onChange={(e) => setKind(e.target.value)}
            sx={{ minWidth: 160 }}
          >
            <MenuItem value="members">{translate('dj.import.kinds.members')}</MenuItem>
            <MenuItem value="organisations">{translate('dj.import.kinds.organisations')}</MenuItem>
          </MuiTextField>
          <MuiButton
            onClick={() =>
              void dataProvider.download(
                `/import-templates/${kind}`,
                `${translate(`dj.import.kinds.${kind}`)}-template.xlsx`,
              )
            }
          >
            {translate('dj.import.template')}
          </MuiButton>
          <input
            type="file"
            accept=".csv,.xlsx"
            aria-label={translate('dj.import.file')}
            onChange={(e) => setFile(e.target.files?.[0] ?? null)}
          />
          <MuiButton variant="contained" disabled={!file || running} onClick={() => void start()}>
            {translate('dj.import.start')}
          </MuiButton>
        </Box>
        {error ? (
          <Alert severity="error" sx={{ mt: 2 }}>
            {error}
          </Alert>
        ) : null}
        {job ? (
          <Box sx={{ mt: 3 }}>
            <LinearProgress
              variant="determinate"
              value={percent}
              aria-label={translate('dj.import.progress')}
            />
            <Typography variant="body2" sx={{ mt: 1 }} data-testid="import-progress">
              {translate('dj.import.summary', {
                done: job.rowsDone,
                total: job.totalRows,
                created: job.createdCount,
                skipped: job.skippedCount,
                failed: job.failedCount,
              })}
              {' · '}
              {translate(`dj.import.statuses.${job.status}`)}
            </Typography>
            {job.failure ? (
              <Alert severity="error" sx={{ mt: 1 }}>
                {codeText(job.failureCode ?? '', job.failureParams ?? {}, job.failure)}
              </Alert>
            ) : null}
            {job.failedCount > 0 && !running ? (
              <ListBase
                resource="import-job-errors"
                filter={{ jobId: job.id }}
                sort={{ field: 'rowNumber', order: 'ASC' }}
                perPage={100}
                disableSyncWithLocation
              >
                <Typography variant="subtitle2" sx={{ mt: 2 }}>
                  {translate('dj.import.errors')}
                </Typography>
                <Datagrid bulkActionButtons={false} rowClick={false}>
                  <NumberField source="rowNumber" />
                  <TextField source="column" />
                  <FunctionField
                    source="reason"
                    sortable={false}
                    render={(r: RaRecord) =>
                      codeText(
                        String(r['code'] ?? ''),
                        r['params'] as Record<string, string>,
                        String(r['reason']),
                      )
                    }
                  />
                </Datagrid>
              </ListBase>
            ) : null}
          </Box>
        ) : null}
      </CardContent>
    </Card>
  );
}
