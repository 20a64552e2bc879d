import NotificationImportantIcon from '@mui/icons-material/NotificationImportant';
import { Alert, Button, Chip, TextField as MuiTextField } from '@mui/material';
import { useState } from 'react';
import {
  Datagrid,
  FunctionField,
  List,
  SimpleList,
  TextField,
  TopToolbar,
  useDataProvider,
  useNotify,
  usePermissions,
  useRefresh,
  useTranslate,
} from 'react-admin';
import type { DjDataProvider } from '../data/extendedDataProvider';
import type { Permissions } from '../auth/authProvider';
import { StepDialog } from '../layout/step-dialog';
import type { ConsoleResource } from '../layout/console-resource';
import { TableBox } from '../layout/TableBox';
import { usePhone } from '../layout/usePhone';
import { ChoiceFilter } from '../layout/ChoiceFilter';

const R = 'resources.sentiment-alerts';
const KINDS = ['keyword', 'spike'];

interface SentimentAlert {
  id: string;
  kind: string;
  categoryLabel: string;
  organisationName: string;
  keyword: string;
  appealId?: string;
  count: number;
  baseline: number;
  raisedOn: string;
  told: number;
}

interface Settings {
  categories: unknown[];
  closeAfterDays: number;
  duplicateWindowDays: number;
  alertKeywords?: string[];
  version: number;
}

/** 预警词: the tenant admin edits the alert words (one per line) with the appeal settings' version. */
function AlertWordsButton() {
  const translate = useTranslate();
  const dataProvider = useDataProvider<DjDataProvider>();
  const notify = useNotify();
  const [settings, setSettings] = useState<Settings>();
  const [words, setWords] = useState('');
  const [error, setError] = useState<string>();
  const open = async () => {
    try {
      const current = await dataProvider.send<Settings>('GET', '/appeal-settings/current');
      setSettings(current);
      setWords((current.alertKeywords ?? []).join('\n'));
      setError(undefined);
    } catch (e) {
      notify((e as Error).message, { type: 'error' });
    }
  };
  const save = async () => {
    if (!settings) return;
    try {
      await dataProvider.send('PUT', '/appeal-settings/current', {
        categories: settings.categories,
        closeAfterDays: settings.closeAfterDays,
        duplicateWindowDays: settings.duplicateWindowDays,
        version: settings.version,
        alertKeywords: words
          .split(/[\n,，、]/)
          .map((w) => w.trim())
          .filter(Boolean),
      });
      notify(`${R}.saved`, { type: 'success' });
      setSettings(undefined);
    } catch (e) {
      setError((e as Error).message);
    }
  };
  return (
    <>
      <Button size="small" onClick={() => void open()}>
        {translate(`${R}.words`)}
      </Button>
      <StepDialog
        title={translate(`${R}.words`)}
        open={settings !== undefined}
        onClose={() => setSettings(undefined)}
        {...(error ? { error } : {})}
        actions={
          <Button variant="contained" onClick={() => void save()}>
            {translate(`${R}.save`)}
          </Button>
        }
      >
        <MuiTextField
          label={translate(`${R}.words_help`)}
          value={words}
          onChange={(e) => setWords(e.target.value)}
          multiline
          minRows={4}
          fullWidth
          margin="dense"
        />
      </StepDialog>
    </>
  );
}

/** 立即检查: the appeal watch now (it runs every hour), with what it raised. */
function RunButton() {
  const translate = useTranslate();
  const dataProvider = useDataProvider<DjDataProvider>();
  const notify = useNotify();
  const refresh = useRefresh();
  const run = async () => {
    try {
      const counts = await dataProvider.send<Record<string, number>>('POST', '/sentiment-alerts/runs');
      notify(translate(`${R}.ran`, counts), { type: 'success' });
      refresh();
    } catch (e) {
      notify((e as Error).message, { type: 'error' });
    }
  };
  return (
    <Button size="small" onClick={() => void run()}>
      {translate(`${R}.run`)}
    </Button>
  );
}

function AlertActions() {
  const { permissions } = usePermissions<Permissions>();
  if (!permissions?.roles.includes('tenant-admin')) return <TopToolbar />;
  return (
    <TopToolbar>
      <AlertWordsButton />
      <RunButton />
    </TopToolbar>
  );
}

/** What was found, as a sentence: the word, or the week's count against the weeks before. */
function useWhat() {
  const translate = useTranslate();
  return (alert: SentimentAlert) =>
    alert.kind === 'keyword'
      ? translate(`${R}.keyword_found`, { keyword: alert.keyword })
      : translate(`${R}.spike_found`, {
          count: alert.count,
          baseline: Math.round(alert.baseline * 10) / 10,
        });
}

/** A keyword alert opens its appeal; a spike has no one appeal to open. */
const openAppeal = (_id: unknown, _resource: unknown, record: unknown) => {
  const appealId = (record as SentimentAlert).appealId;
  return appealId ? `/appeals/${appealId}/show` : false;
};

function SentimentAlertList() {
  const translate = useTranslate();
  const what = useWhat();
  const phone = usePhone();
  const told = (r: SentimentAlert) =>
    r.told > 0 ? translate(`${R}.told_count`, { count: r.told }) : translate(`${R}.told_none`);
  return (
    <List
      actions={<AlertActions />}
      filters={[<ChoiceFilter key="kind" source="kind" prefix={`${R}.kinds`} ids={KINDS} alwaysOn />]}
      sort={{ field: 'raisedOn', order: 'DESC' }}
      empty={false}
    >
      <Alert severity="info" sx={{ mb: 1 }}>
        {translate(`${R}.explain`)}
      </Alert>
      {phone ? (
        <SimpleList<SentimentAlert>
          primaryText={(r) => what(r)}
          secondaryText={(r) => `${r.raisedOn} · ${r.organisationName} · ${r.categoryLabel} · ${told(r)}`}
          rowClick={openAppeal}
        />
      ) : (
        <TableBox>
          <Datagrid bulkActionButtons={false} rowClick={openAppeal}>
            <TextField source="raisedOn" />
            <FunctionField
              source="kind"
              sortable={false}
              render={(r: SentimentAlert) => (
                <Chip
                  size="small"
                  color={r.kind === 'spike' ? 'error' : 'warning'}
                  label={translate(`${R}.kinds.${r.kind}`)}
                />
              )}
            />
            <TextField source="organisationName" sortable={false} />
            <TextField source="categoryLabel" sortable={false} />
            <FunctionField source="what" sortable={false} render={what} />
            <FunctionField source="told" sortable={false} render={told} />
          </Datagrid>
        </TableBox>
      )}
    </List>
  );
}

/** 舆情预警: alert words in appeals and spikes of one category in one place, for the secretaries. */
export const sentimentAlertsResource: ConsoleResource = {
  name: 'sentiment-alerts',
  roles: ['tenant-admin', 'secretary'],
  module: 'supervision',
  icon: NotificationImportantIcon,
  list: SentimentAlertList,
  messages: {
    'zh-CN': {
      name: '舆情预警 |||| 舆情预警',
      fields: {
        raisedOn: '预警日期',
        kind: '类型',
        organisationName: '党组织',
        categoryLabel: '诉求类别',
        what: '预警内容',
        told: '已通知',
      },
      kinds: { keyword: '预警词', spike: '诉求激增' },
      keyword_found: '诉求中出现“%{keyword}”',
      spike_found: '近 7 天 %{count} 人反映（此前每周平均 %{baseline} 人）',
      told_count: '书记 %{count} 人',
      told_none: '未设书记，未能通知',
      explain:
        '系统每小时检查一次：诉求中出现预警词，或某地某类诉求近 7 天反映人数达到 5 人且不少于此前 4 周每周平均的 2 倍时预警，并通知该党组织书记；即将到期和超期的诉求同时提醒、督办。',
      words: '预警词',
      words_help: '预警词（每行一个，最多 100 个，每个不超过 20 字）',
      save: '保存',
      saved: '预警词已保存',
      run: '立即检查',
      ran: '检查完成：提醒 %{reminded} 件，督办 %{escalated} 件，新预警 %{alerted} 条',
    },
    en: {
      name: 'Sentiment alert |||| Sentiment alerts',
      fields: {
        raisedOn: 'Raised on',
        kind: 'Kind',
        organisationName: 'Organisation',
        categoryLabel: 'Category',
        what: 'What was found',
        told: 'Told',
      },
      kinds: { keyword: 'Alert word', spike: 'Spike' },
      keyword_found: '“%{keyword}” in an appeal',
      spike_found: '%{count} people in 7 days (%{baseline} a week before)',
      told_count: '%{count} secretaries',
      told_none: 'No secretary to tell',
      explain:
        'Checked every hour: an alert word in an appeal, or at least 5 people about one category in one place in 7 days and twice the weekly average of the 4 weeks before, alerts the organisation’s secretaries; appeals due soon and overdue are reminded and escalated at the same time.',
      words: 'Alert words',
      words_help: 'Alert words (one per line, up to 100, each up to 20 characters)',
      save: 'Save',
      saved: 'Alert words saved',
      run: 'Check now',
      ran: 'Checked: %{reminded} reminded, %{escalated} escalated, %{alerted} new alerts',
    },
  },
};
