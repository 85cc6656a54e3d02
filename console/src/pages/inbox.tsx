/**
 * A unit's inbox: its open cases, nearest deadline first, each with the forms of what the unit may do now
 * (accept, return with reason and legal basis, extension, suspension, progress, result). The forms come
 * from the case's action menu, so a case shows only what its stage allows.
 */
import { useState } from 'preact/hooks';
import { api } from '../api.js';
import { useApp, useNames } from '../app-context.js';
import { ActionPanel } from '../components/action-forms.js';
import { ErrorMessage, Loading, StatusBadge } from '../components/status.js';
import { formatInstant } from '../format.js';
import { fill } from '../i18n/index.js';
import { href } from '../router.js';
import type { ActionMenu, InboxPage as InboxAnswer } from '../types.js';
import { useFetch } from '../use-fetch.js';

export function InboxPage({ unitId }: { unitId?: string }) {
  const { t, session, lang, timeZone } = useApp();
  const names = useNames();
  const unit = unitId ?? session?.unitId;
  const [extra, setExtra] = useState<InboxAnswer['items']>([]);
  const [cursor, setCursor] = useState<string | undefined>(undefined);
  const [open, setOpen] = useState<string | undefined>(undefined);
  const inbox = useFetch(unit, async () => {
    const page = await api.get<InboxAnswer>(`/units/${encodeURIComponent(unit!)}/inbox?limit=50`);
    setExtra([]);
    setCursor(page.cursor);
    return page;
  });
  if (!unit) return <p>{t.inbox.notForRole}</p>;
  const more = async () => {
    if (!cursor) return;
    const page = await api.get<InboxAnswer>(`/units/${encodeURIComponent(unit)}/inbox?limit=50&cursor=${encodeURIComponent(cursor)}`);
    setExtra((items) => [...items, ...page.items]);
    setCursor(page.cursor);
  };
  const items = [...(inbox.data?.items ?? []), ...extra];
  return (
    <section aria-labelledby="inbox-title">
      <h1 id="inbox-title">{fill(t.inbox.title, { name: names.unit(unit) })}</h1>
      <p class="muted">{t.inbox.intro}</p>
      {inbox.error && <ErrorMessage error={inbox.error} onRetry={inbox.reload} />}
      {!inbox.data && !inbox.error && <Loading />}
      {inbox.data && items.length === 0 && <p>{t.inbox.empty}</p>}
      <ul class="plain inbox">
        {items.map((item) => {
          const status = item.boardStatus ?? 'onTrack';
          return (
            <li key={item.id} class={`card inbox-item row-${status}`} data-case={item.id}>
              <div class="inbox-head">
                <a href={href('case', item.id)}>{item.id}</a> <StatusBadge status={status} /> <span>{names.category(item.categoryCode)}</span>
                <span class="muted">
                  {' '}
                  · {t.stages[item.stage] ?? item.stage} · {t.list.due}: {formatInstant(item.nextDueAt, lang, timeZone)}
                </span>
                <button type="button" aria-expanded={open === item.id} onClick={() => setOpen(open === item.id ? undefined : item.id)}>
                  {open === item.id ? t.inbox.hide : fill(t.inbox.work, { id: item.id })}
                </button>
              </div>
              {open === item.id && <InboxActions caseId={item.id} onChanged={inbox.reload} />}
            </li>
          );
        })}
      </ul>
      {cursor && (
        <button type="button" onClick={() => void more()}>
          {t.inbox.more}
        </button>
      )}
    </section>
  );
}

function InboxActions({ caseId, onChanged }: { caseId: string; onChanged: () => void }) {
  const { t } = useApp();
  const [done, setDone] = useState<string | undefined>(undefined);
  const menu = useFetch(caseId, () => api.get<ActionMenu>(`/cases/${encodeURIComponent(caseId)}/actions`));
  return (
    <div class="inbox-actions">
      <p role="status" class="done">
        {done ? fill(t.case.done, { action: t.actions[done] ?? done }) : ''}
      </p>
      {menu.error && <ErrorMessage error={menu.error} onRetry={menu.reload} />}
      {menu.data ? (
        <ActionPanel
          menu={menu.data}
          onDone={(action) => {
            setDone(action);
            menu.reload();
            onChanged();
          }}
        />
      ) : (
        !menu.error && <Loading />
      )}
    </div>
  );
}
