/** A read of the API that re-runs when its key changes, and on demand (or every `pollMs`). */
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { errorText } from './api.js';

export interface Fetched<T> {
  data: T | undefined;
  error: string | undefined;
  loading: boolean;
  reload: () => void;
}

export function useFetch<T>(key: string | undefined, load: () => Promise<T>, options: { pollMs?: number } = {}): Fetched<T> {
  const [data, setData] = useState<T | undefined>(undefined);
  const [error, setError] = useState<string | undefined>(undefined);
  const [loading, setLoading] = useState(true);
  const loadRef = useRef(load);
  loadRef.current = load;
  const generation = useRef(0);

  const run = useCallback(() => {
    const mine = ++generation.current;
    setLoading(true);
    loadRef.current().then(
      (value) => {
        if (mine !== generation.current) return;
        setData(value);
        setError(undefined);
        setLoading(false);
      },
      (failure: unknown) => {
        if (mine !== generation.current) return;
        setError(errorText(failure));
        setLoading(false);
      },
    );
  }, []);

  useEffect(() => {
    if (key === undefined) return;
    setData(undefined);
    run();
    if (!options.pollMs) return;
    const timer = setInterval(run, options.pollMs);
    return () => clearInterval(timer);
  }, [key, options.pollMs, run]);

  return { data, error, loading, reload: run };
}
