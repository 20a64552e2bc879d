import { Alert, Button, Dialog, DialogActions, DialogContent, DialogTitle } from '@mui/material';
import { useState, type ReactNode } from 'react';
import { useDataProvider, useNotify, useRefresh, useTranslate } from 'react-admin';
import type { DjDataProvider } from '../data/extendedDataProvider';

/**
 * A workflow step of a record (review, approve, withdraw, report progress …) taken in a dialog: which
 * step is open, its note, the server's refusal in the person's language, and the POST that takes it
 * (then the page reads the record again).
 */
export function useStep<S extends string>(path: string, done: string) {
  const dataProvider = useDataProvider<DjDataProvider>();
  const notify = useNotify();
  const refresh = useRefresh();
  const [step, setStep] = useState<S>();
  const [note, setNote] = useState('');
  const [error, setError] = useState<string>();
  const close = () => {
    setStep(undefined);
    setNote('');
    setError(undefined);
  };
  const act = async (action: string, body: object) => {
    try {
      await dataProvider.send('POST', `${path}/${action}`, body);
      notify(done, { type: 'success' });
      close();
      refresh();
    } catch (e) {
      setError((e as Error).message);
    }
  };
  return { step, setStep, note, setNote, error, close, act };
}

export function StepDialog({
  title,
  open,
  onClose,
  error,
  children,
  actions,
}: {
  title: string;
  open: boolean;
  onClose: () => void;
  error?: string;
  children: ReactNode;
  actions: ReactNode;
}) {
  const translate = useTranslate();
  return (
    <Dialog open={open} onClose={onClose} fullWidth>
      <DialogTitle>{title}</DialogTitle>
      <DialogContent>
        {children}
        {error ? <Alert severity="error">{error}</Alert> : null}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{translate('ra.action.cancel')}</Button>
        {actions}
      </DialogActions>
    </Dialog>
  );
}
