import {
  Alert,
  Button,
  Card,
  CardContent,
  FormControlLabel,
  Stack,
  Switch,
  TextField,
  Typography,
} from '@mui/material';
import { useCallback, useEffect, useState } from 'react';
import { Title, useDataProvider, useNotify, useTranslate } from 'react-admin';
import type { DjDataProvider } from '../data/extendedDataProvider';

interface Rule {
  action: string;
  points: number;
  dailyCap: number;
  minDwellSeconds: number;
  perMinutes: number;
}
interface Window {
  startsOn: string;
  endsOn: string;
  multiplier: number;
}
interface Settings {
  enabled: boolean;
  rankingEnabled: boolean;
  rules: Rule[];
  windows: Window[];
  version: number;
  updatedAt: string;
}

const LESSON_ACTIONS = ['lesson_read', 'lesson_watched'];
const TIME_ACTIONS = ['reading_time', 'watching_time'];

/** A whole number typed into a field (an empty field is 0, which the service checks). */
const whole = (text: string) => (text.trim() === '' ? 0 : Math.trunc(Number(text)));

/**
 * 学习积分 (rules.md §8), the tenant admin's: off by default, and the page says why (§9). Each save is
 * a new version; one made by someone else in between is reported, not overwritten.
 */
export function PointsSettingsPage() {
  const translate = useTranslate();
  const notify = useNotify();
  const dataProvider = useDataProvider<DjDataProvider>();
  const [settings, setSettings] = useState<Settings>();
  const [error, setError] = useState<string>();
  const load = useCallback(() => {
    dataProvider
      .send<Settings>('GET', '/points-settings/current')
      .then((loaded) => {
        setSettings(loaded);
        setError(undefined);
      })
      .catch((e: Error) => setError(e.message));
  }, [dataProvider]);
  useEffect(load, [load]);
  if (!settings) return error ? <Alert severity="error">{error}</Alert> : null;

  const setRule = (index: number, field: keyof Rule, text: string) =>
    setSettings({
      ...settings,
      rules: settings.rules.map((r, i) => (i === index ? { ...r, [field]: whole(text) } : r)),
    });
  const setWindow = (index: number, field: keyof Window, value: string) =>
    setSettings({
      ...settings,
      windows: settings.windows.map((w, i) =>
        i === index ? { ...w, [field]: field === 'multiplier' ? whole(value) : value } : w,
      ),
    });
  const save = async () => {
    try {
      const saved = await dataProvider.send<Settings>('PUT', '/points-settings/current', {
        enabled: settings.enabled,
        rankingEnabled: settings.rankingEnabled,
        rules: settings.rules,
        windows: settings.windows,
        version: settings.version,
      });
      setSettings(saved);
      setError(undefined);
      notify('dj.points.saved', { type: 'success', messageArgs: { version: saved.version } });
    } catch (e) {
      setError((e as Error).message);
    }
  };
  return (
    <Stack spacing={1.5} sx={{ maxWidth: 720, p: { xs: 1, sm: 2 } }} data-testid="points-settings">
      <Title title={translate('dj.points.title')} />
      <Alert severity="info">{translate('dj.points.why_off')}</Alert>
      <FormControlLabel
        control={
          <Switch
            checked={settings.enabled}
            onChange={(e) => setSettings({ ...settings, enabled: e.target.checked })}
          />
        }
        label={translate('dj.points.enabled')}
      />
      <FormControlLabel
        control={
          <Switch
            checked={settings.rankingEnabled}
            disabled={!settings.enabled}
            onChange={(e) => setSettings({ ...settings, rankingEnabled: e.target.checked })}
          />
        }
        label={translate('dj.points.ranking')}
      />
      <Typography variant="body2" color="text.secondary">
        {translate('dj.points.ranking_hint')}
      </Typography>
      {settings.rules.map((rule, i) => (
        <Card key={rule.action} data-testid="points-rule">
          <CardContent>
            <Typography sx={{ fontWeight: 500 }}>{translate(`dj.points.actions.${rule.action}`)}</Typography>
            <Stack direction="row" spacing={1} useFlexGap sx={{ mt: 1, flexWrap: 'wrap' }}>
              <TextField
                size="small"
                type="number"
                label={translate('dj.points.points')}
                value={rule.points}
                onChange={(e) => setRule(i, 'points', e.target.value)}
                sx={{ width: 110 }}
              />
              <TextField
                size="small"
                type="number"
                label={translate('dj.points.daily_cap')}
                helperText={translate('dj.points.no_cap')}
                value={rule.dailyCap}
                onChange={(e) => setRule(i, 'dailyCap', e.target.value)}
                sx={{ width: 130 }}
              />
              {LESSON_ACTIONS.includes(rule.action) ? (
                <TextField
                  size="small"
                  type="number"
                  label={translate('dj.points.min_dwell')}
                  value={rule.minDwellSeconds}
                  onChange={(e) => setRule(i, 'minDwellSeconds', e.target.value)}
                  sx={{ width: 150 }}
                />
              ) : null}
              {TIME_ACTIONS.includes(rule.action) ? (
                <TextField
                  size="small"
                  type="number"
                  label={translate('dj.points.per_minutes')}
                  value={rule.perMinutes}
                  onChange={(e) => setRule(i, 'perMinutes', e.target.value)}
                  sx={{ width: 150 }}
                />
              ) : null}
            </Stack>
          </CardContent>
        </Card>
      ))}
      <Typography variant="subtitle1" component="h2">
        {translate('dj.points.windows')}
      </Typography>
      {settings.windows.map((window, i) => (
        <Stack
          key={i}
          direction="row"
          spacing={1}
          useFlexGap
          sx={{ flexWrap: 'wrap' }}
          data-testid="points-window"
        >
          {(['startsOn', 'endsOn'] as const).map((field) => (
            <TextField
              key={field}
              size="small"
              type="date"
              label={translate(field === 'startsOn' ? 'dj.points.starts_on' : 'dj.points.ends_on')}
              value={window[field]}
              onChange={(e) => setWindow(i, field, e.target.value)}
              slotProps={{ inputLabel: { shrink: true } }}
            />
          ))}
          <TextField
            size="small"
            type="number"
            label={translate('dj.points.multiplier')}
            value={window.multiplier}
            onChange={(e) => setWindow(i, 'multiplier', e.target.value)}
            sx={{ width: 90 }}
          />
          <Button
            size="small"
            onClick={() => setSettings({ ...settings, windows: settings.windows.filter((_, n) => n !== i) })}
          >
            {translate('dj.points.remove_window')}
          </Button>
        </Stack>
      ))}
      <Button
        size="small"
        sx={{ alignSelf: 'flex-start' }}
        onClick={() =>
          setSettings({
            ...settings,
            windows: [...settings.windows, { startsOn: '', endsOn: '', multiplier: 2 }],
          })
        }
      >
        {translate('dj.points.add_window')}
      </Button>
      {error ? (
        <Alert
          severity="error"
          action={
            <Button color="inherit" size="small" onClick={load}>
              {translate('dj.points.reload')}
            </Button>
          }
        >
          {error}
        </Alert>
      ) : null}
      <Typography variant="body2" color="text.secondary">
        {settings.version > 0
          ? translate('dj.points.version', { version: settings.version })
          : translate('dj.points.defaults')}
      </Typography>
      <Button variant="contained" sx={{ alignSelf: 'flex-start' }} onClick={() => void save()}>
        {translate('dj.points.save')}
      </Button>
    </Stack>
  );
}
