/**
 * A case: what was reported and by whom, who leads it, the supervising layer, the running deadlines with
 * the time left on the city's working calendar, duplicates, every event of its timeline (who, what, when,
 * why), and the forms of the actions the signed-in user may take now.
 */
import { useState } from 'preact/hooks';
import { api } from '../api.js';
import { useApp, useNames } from '../app-context.js';
import { ActionPanel } from '../components/action-forms.js';
import { ErrorMessage, Loading } from '../components/status.js';
import { formatInstant, formatTimeLeft } from '../format.js';
import { fill, pick } from '../i18n/index.js';
import { href } from '../router.js';
import type { ActionMenu, CaseView, TimelineEntry } from '../types.js';
import { useFetch } from '../use-fetch.js';

export function CasePage({ caseId }: { caseId: string }) {
  const { t } = useApp();
  const [done, setDone] = useState<string | undefined>(undefined);
  const view = useFetch(caseId, () => api.get<CaseView>(`/cases/${encodeURIComponent(caseId)}`));
  const menu = useFetch(caseId, () => api.get<ActionMenu>(`/cases/${encodeURIComponent(caseId)}/actions`));
  const onDone = (action: string) => {
    setDone(action);
    view.reload();
    menu.reload();
  };
  if (view.error) return <ErrorMessage error={view.error} onRetry={view.reload} />;
  if (!view.data) return <Loading />;
  const kase = view.data;
  return (
    <article class="case" aria-labelledby="case-title">
      <h1 id="case-title">{fill(t.case.title, { id: kase.id })}</h1>
      <p role="status" class="done">
        {done ? fill(t.case.done, { action: t.actions[done] ?? done }) : ''}
      </p>
      <div class="case-grid">
        <Summary kase={kase} />
        <section class="card" aria-labelledby="deadlines-title">
          <h2 id="deadlines-title">{t.case.deadlines}</h2>
          {menu.data ? <Deadlines menu={menu.data} stage={kase.stage} /> : <Loading />}
          <p class="muted small">{fill(t.case.counters, kase.counters)}</p>
        </section>
        <People kase={kase} />
      </div>
      <section class="card" aria-labelledby="actions-title">
        <h2 id="actions-title">{t.case.actions}</h2>
        {menu.error && <ErrorMessage error={menu.error} onRetry={menu.reload} />}
        {menu.data && <ActionPanel menu={menu.data} onDone={onDone} />}
      </section>
      <Timeline entries={kase.timeline} />
    </article>
  );
}

function Summary({ kase }: { kase: CaseView }) {
  const { t, lang, timeZone } = useApp();
  const names = useNames();
  const rows: [string, string][] = [
    [t.case.category, `${kase.category.code} ${pick(lang, kase.category.name)}`],
    [t.list.stage, t.stages[kase.stage] ?? kase.stage],
    [t.case.lead, kase.lead ? pick(lang, kase.lead.name, kase.lead.id) : '—'],
    [t.case.coHandlers, kase.coHandlers.map((unit) => pick(lang, unit.name, unit.id)).join(', ') || '—'],
    [t.case.supervisingLayer, t.layers[kase.supervisingLayer] ?? kase.supervisingLayer],
    [t.case.channel, kase.channel],
    [t.case.urgency, kase.urgency],
    [t.case.received, formatInstant(kase.receivedAt, lang, timeZone)],
    [t.case.address, kase.address ?? '—'],
    [t.case.grid, kase.gridId ? names.unit(kase.gridId) : '—'],
    [t.case.location, kase.location ? `${kase.location.lat.toFixed(5)}, ${kase.location.lon.toFixed(5)}` : '—'],
  ];
  return (
    <section class="card" aria-labelledby="summary-title">
      <h2 id="summary-title">{t.case.summary}</h2>
      <p class="description">
        <span class="visually-hidden">{t.case.description}: </span>
        {kase.description}
      </p>
      <dl class="facts">
        {rows.map(([term, value]) => (
          <div key={term}>
            <dt>{term}</dt>
            <dd data-fact={term}>{value}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

function Deadlines({ menu, stage }: { menu: ActionMenu; stage: string }) {
  const { t, lang, timeZone } = useApp();
  if (stage === 'suspended') return <p>{t.time.paused}</p>;
  if (menu.deadlines.length === 0) return <p class="muted">{t.case.noDeadline}</p>;
  return (
    <ul class="plain deadlines">
      {menu.deadlines.map((deadline) => (
        <li key={deadline.name} class={deadline.timeLeft.ms < 0 ? 'row-overdue' : ''} data-deadline={deadline.name}>
          <strong>{t.case.deadlineNames[deadline.name] ?? deadline.name}</strong>: {formatInstant(deadline.dueAt, lang, timeZone)} — {formatTimeLeft(deadline.timeLeft, t)}
        </li>
      ))}
    </ul>
  );
}

/** Duplicates from the timeline: attached minus detached; the master if this case was merged into one. */
function duplicatesOf(timeline: TimelineEntry[]) {
  const duplicates = new Set<string>();
  let master: string | undefined;
  for (const entry of timeline) {
    const other = typeof entry.data.duplicateCaseId === 'string' ? entry.data.duplicateCaseId : undefined;
    if (entry.type === 'duplicateAttached' && other) duplicates.add(other);
    if (entry.type === 'duplicateDetached' && other) duplicates.delete(other);
    if (entry.type === 'mergedAsDuplicate' && typeof entry.data.masterCaseId === 'string') master = entry.data.masterCaseId;
    if (entry.type === 'unmerged') master = undefined;
  }
  return { duplicates: [...duplicates], master };
}

function People({ kase }: { kase: CaseView }) {
  const { t } = useApp();
  const { duplicates, master } = duplicatesOf(kase.timeline);
  const reporter = kase.reporter;
  return (
    <section class="card" aria-labelledby="people-title">
      <h2 id="people-title">{t.case.reporter}</h2>
      {reporter ? (
        <p data-reporter>{[reporter.name, reporter.phone, reporter.email].filter(Boolean).join(' · ')}</p>
      ) : (
        <p class="muted">{t.case.noReporter}</p>
      )}
      <h3>{t.case.duplicates}</h3>
      {master && (
        <p>
          <a href={href('case', master)}>{fill(t.case.mergedInto, { id: master })}</a>
        </p>
      )}
      {duplicates.length === 0 ? (
        <p class="muted">{t.case.noDuplicates}</p>
      ) : (
        <ul>
          {duplicates.map((id) => (
            <li key={id}>
              <a href={href('case', id)}>{id}</a>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** The event's own facts, as text: nested values as compact JSON (rendered as text, never as markup). */
function details(entry: TimelineEntry): string {
  const skip = new Set(['description', 'reporter', 'territory']);
  return Object.entries(entry.data)
    .filter(([key, value]) => !skip.has(key) && value !== undefined)
    .map(([key, value]) => `${key}: ${typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? String(value) : JSON.stringify(value)}`)
    .join(' · ');
}

function Timeline({ entries }: { entries: TimelineEntry[] }) {
  const { t, lang, timeZone } = useApp();
  const names = useNames();
  return (
    <section class="card" aria-labelledby="timeline-title">
      <h2 id="timeline-title">{t.case.timeline}</h2>
      <div class="table-wrap">
        <table class="timeline">
          <thead>
            <tr>
              <th scope="col">#</th>
              <th scope="col">{t.case.when}</th>
              <th scope="col">{t.case.what}</th>
              <th scope="col">{t.case.who}</th>
              <th scope="col">{t.case.why}</th>
              <th scope="col">{t.case.details}</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((entry) => (
              <tr key={entry.seq} data-event={entry.type}>
                <td>{entry.seq}</td>
                <td>
                  <time dateTime={entry.at}>{formatInstant(entry.at, lang, timeZone)}</time>
                </td>
                <td>{t.events[entry.type] ?? entry.type}</td>
                <td>
                  {t.roles[entry.actor.kind] ?? entry.actor.kind} {entry.actor.id}
                  {entry.actor.unitId && <span class="muted"> ({names.unit(entry.actor.unitId)})</span>}
                </td>
                <td>{entry.reason ?? (typeof entry.data.reason === 'string' ? entry.data.reason : '')}</td>
                <td class="small">{details(entry)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
