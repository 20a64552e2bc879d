import { useCallback, useEffect, useState } from 'react';
import { useDataProvider } from 'react-admin';
import type { DjDataProvider } from '../data/extendedDataProvider';

/**
 * One read of the member's own space (`/me/...`): the answer, the error in the person's language
 * (the data provider says problems in it), and a way to read again after a change.
 */
export function useMy<T>(
  path: string,
  /** Reads the answer with its headers (a list's extra facts); the JSON as it is when absent. */
  read?: (json: unknown, headers: Headers) => T,
): { data?: T; error?: string; loading: boolean; reload: () => void } {
  const dataProvider = useDataProvider<DjDataProvider>();
  const [state, setState] = useState<{ data?: T; error?: string; loading: boolean }>({ loading: true });
  const [round, setRound] = useState(0);
  useEffect(() => {
    let live = true;
    setState((previous) => ({ ...previous, loading: true }));
    const answer = read
      ? dataProvider.sendWithHeaders('GET', path).then(({ json, headers }) => read(json, headers))
      : dataProvider.send<T>('GET', path);
    answer.then(
      (data) => live && setState({ data, loading: false }),
      (error: Error) => live && setState({ error: error.message, loading: false }),
    );
    return () => {
      live = false;
    };
    // `read` is left out on purpose: callers pass it inline, and the path says what is read.
  }, [dataProvider, path, round]);
  const reload = useCallback(() => setRound((n) => n + 1), []);
  return { ...state, reload };
}
