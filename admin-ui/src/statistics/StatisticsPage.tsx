import { Box, Card, CardContent, Grid, MenuItem, TextField as MuiTextField, Typography } from '@mui/material';
import { useEffect, useState } from 'react';
import { Title, useDataProvider, useGetList, useTranslate } from 'react-admin';
import {
  Bar,
  BarChart,
  CartesianGrid,
  Cell,
  Legend,
  Pie,
  PieChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';

interface Count {
  key: string;
  count: number;
}
interface Statistics {
  id: string;
  members: number;
  organisations: number;
  branchesWithWarnings: number;
  byStage: Count[];
  byGender: Count[];
  byAgeBand: Count[];
  byEthnicity: Count[];
  byEducation: Count[];
  byOccupation: Count[];
  overdueSteps: Count[];
}

const COLOURS = ['#c8102e', '#e85d04', '#f4a261', '#2a9d8f', '#264653', '#8d99ae', '#6d597a'];
const STAGE_ORDER = ['applicant', 'activist', 'candidate', 'probationary', 'full'];

function ChartCard({ title, children }: { title: string; children: React.ReactElement }) {
  return (
    <Card variant="outlined" sx={{ height: '100%' }}>
      <CardContent>
        <Typography variant="subtitle2" gutterBottom>
          {title}
        </Typography>
        <Box sx={{ height: 240 }}>
          <ResponsiveContainer width="100%" height="100%">
            {children}
          </ResponsiveContainer>
        </Box>
      </CardContent>
    </Card>
  );
}

/** 统计: members of an organisation's subtree by stage, gender, age, ethnicity, education, occupation; the pipeline's overdue steps. */
export function StatisticsPage() {
  const translate = useTranslate();
  const dataProvider = useDataProvider();
  const { data: roots } = useGetList('organisations', {
    filter: { roots: true },
    sort: { field: 'name', order: 'ASC' },
    pagination: { page: 1, perPage: 50 },
  });
  const { data: level2 } = useGetList(
    'organisations',
    {
      filter: { parentId: roots?.[0]?.id },
      sort: { field: 'name', order: 'ASC' },
      pagination: { page: 1, perPage: 100 },
    },
    { enabled: Boolean(roots?.[0]) },
  );
  const [organisationId, setOrganisationId] = useState('');
  const [statistics, setStatistics] = useState<Statistics | null>(null);
  const chosen = organisationId || String(roots?.[0]?.id ?? '');
  useEffect(() => {
    if (chosen)
      void dataProvider.getOne<Statistics>('statistics', { id: chosen }).then((r) => setStatistics(r.data));
  }, [chosen, dataProvider]);
  const label = (group: string) => (c: Count) => ({
    name: group ? translate(`${group}.${c.key}`, { _: c.key || '—' }) : c.key || '—',
    count: c.count,
  });
  const bars = (data: { name: string; count: number }[]) => (
    <BarChart data={data} margin={{ left: -20 }}>
      <CartesianGrid strokeDasharray="3 3" />
      <XAxis dataKey="name" interval={0} fontSize={11} />
      <YAxis allowDecimals={false} fontSize={11} />
      <Tooltip />
      <Bar
        dataKey="count"
        name={translate('dj.statistics.members')}
        fill={COLOURS[0]}
        isAnimationActive={false}
      />
    </BarChart>
  );
  // Small slices get no label of their own (they would overlap): the legend and the tooltip name them.
  const pie = (data: { name: string; count: number }[]) => {
    const sum = data.reduce((total, d) => total + d.count, 0);
    return (
      <PieChart>
        <Pie
          data={data}
          dataKey="count"
          nameKey="name"
          outerRadius={70}
          labelLine={false}
          label={(d: { name?: string; value?: number }) =>
            sum > 0 && (d.value ?? 0) / sum >= 0.08 ? `${d.name} ${d.value}` : ''
          }
          isAnimationActive={false}
        >
          {data.map((_, i) => (
            <Cell key={i} fill={COLOURS[i % COLOURS.length]} />
          ))}
        </Pie>
        <Tooltip />
        <Legend verticalAlign="bottom" height={36} iconSize={10} wrapperStyle={{ fontSize: 12 }} />
      </PieChart>
    );
  };
  // 党员 are full and probationary members; applicants, activists and candidates are not yet.
  const count = (keys: string[]) =>
    (statistics?.byStage ?? []).filter((c) => keys.includes(c.key)).reduce((total, c) => total + c.count, 0);
  const organisations = [...(roots ?? []), ...(level2 ?? [])];
  return (
    <Box>
      <Title title={translate('dj.statistics.title')} />
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 3, my: 2, flexWrap: 'wrap' }}>
        <MuiTextField
          select
          size="small"
          label={translate('dj.statistics.organisation')}
          value={chosen}
          onChange={(e) => setOrganisationId(e.target.value)}
          sx={{ minWidth: 260 }}
        >
          {organisations.map((o) => (
            <MenuItem key={o.id} value={String(o.id)}>
              {o.name}
            </MenuItem>
          ))}
        </MuiTextField>
        {statistics ? (
          <Typography data-testid="statistics-summary">
            {translate('dj.statistics.summary', {
              party: count(['full', 'probationary']),
              full: count(['full']),
              probationary: count(['probationary']),
              pipeline: count(['applicant', 'activist', 'candidate']),
              organisations: statistics.organisations,
              warnings: statistics.branchesWithWarnings,
            })}
          </Typography>
        ) : null}
      </Box>
      {statistics ? (
        <Grid container spacing={2}>
          <Grid size={{ xs: 12, md: 6 }}>
            <ChartCard title={translate('dj.statistics.by_stage')}>
              {bars(
                [...statistics.byStage]
                  .sort((a, b) => STAGE_ORDER.indexOf(a.key) - STAGE_ORDER.indexOf(b.key))
                  .map(label('dj.stages')),
              )}
            </ChartCard>
          </Grid>
          <Grid size={{ xs: 12, md: 6 }}>
            <ChartCard title={translate('dj.statistics.by_gender')}>
              {pie(statistics.byGender.map(label('dj.genders')))}
            </ChartCard>
          </Grid>
          <Grid size={{ xs: 12, md: 6 }}>
            <ChartCard title={translate('dj.statistics.by_age_band')}>
              {bars(
                [...statistics.byAgeBand]
                  .sort((a, b) => a.key.localeCompare(b.key))
                  .map(label('dj.age_bands')),
              )}
            </ChartCard>
          </Grid>
          <Grid size={{ xs: 12, md: 6 }}>
            <ChartCard title={translate('dj.statistics.by_occupation')}>
              {bars(statistics.byOccupation.map(label('dj.occupations')))}
            </ChartCard>
          </Grid>
          <Grid size={{ xs: 12, md: 6 }}>
            <ChartCard title={translate('dj.statistics.by_education')}>
              {bars(statistics.byEducation.map(label('')))}
            </ChartCard>
          </Grid>
          <Grid size={{ xs: 12, md: 6 }}>
            <ChartCard title={translate('dj.statistics.by_ethnicity')}>
              {pie(statistics.byEthnicity.map(label('')))}
            </ChartCard>
          </Grid>
          <Grid size={{ xs: 12, md: 6 }}>
            <ChartCard title={translate('dj.statistics.overdue_steps')}>
              {bars(statistics.overdueSteps.map(label('dj.overdue_steps')))}
            </ChartCard>
          </Grid>
        </Grid>
      ) : null}
    </Box>
  );
}
