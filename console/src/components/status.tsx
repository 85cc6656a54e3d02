/** Green, yellow, red: the colour is never the only signal — the status is also written out. */
import { useApp } from '../app-context.js';
import type { TimeStatus } from '../types.js';

export function StatusBadge({ status }: { status: TimeStatus }) {
  const { t } = useApp();
  return (
    <span class={`badge badge-${status}`} data-status={status}>
      <span aria-hidden="true" class="dot" />
      {t.status[status]}
    </span>
  );
}

export function Loading() {
  const { t } = useApp();
  return (
    <p role="status" class="muted">
      {t.common.loading}
    </p>
  );
}

export function ErrorMessage({ error, onRetry }: { error: string; onRetry?: () => void }) {
  const { t } = useApp();
  return (
    <div role="alert" class="error">
      <p>{t.common.error.replace('{detail}', error)}</p>
      {onRetry && (
        <button type="button" onClick={onRetry}>
          {t.common.retry}
        </button>
      )}
    </div>
  );
}
