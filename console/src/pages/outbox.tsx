/** The local platform's outbox: every SMS and email the platform would have sent, newest first, live. */
import { useState } from 'preact/hooks';
import { api } from '../api.js';
import { useApp } from '../app-context.js';
import { ErrorMessage, Loading } from '../components/status.js';
import { formatInstant } from '../format.js';
import { pick } from '../i18n/index.js';
import { href } from '../router.js';
import type { OutboxEntry } from '../types.js';
import { useFetch } from '../use-fetch.js';

const SHOWN = 300;

export function OutboxPage() {
  const { t, lang, timeZone, config } = useApp();
  const [caseId, setCaseId] = useState('');
  const outbox = useFetch(`outbox|${caseId}`, () => api.get<OutboxEntry[]>(`/local/outbox${caseId ? `?caseId=${encodeURIComponent(caseId)}` : ''}`, { auth: false }), {
    pollMs: config.pollSeconds * 1000,
  });
  if (config.auth.mode !== 'local') return <p>{t.outbox.notLocal}</p>;
  const entries = [...(outbox.data ?? [])].reverse().slice(0, SHOWN);
  return (
    <section aria-labelledby="outbox-title">
      <h1 id="outbox-title">{t.outbox.title}</h1>
      <p class="muted">{t.outbox.intro}</p>
      <div class="inline-form">
        <label for="outbox-case">{t.outbox.filter}</label>
        <input id="outbox-case" value={caseId} onChange={(event) => setCaseId((event.currentTarget).value.trim())} />
      </div>
      {outbox.error && <ErrorMessage error={outbox.error} onRetry={outbox.reload} />}
      {!outbox.data && !outbox.error && <Loading />}
      {outbox.data && entries.length === 0 && <p>{t.outbox.empty}</p>}
      {entries.length > 0 && (
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t.outbox.when}</th>
                <th scope="col">{t.outbox.case}</th>
                <th scope="col">{t.outbox.topic}</th>
                <th scope="col">{t.outbox.to}</th>
                <th scope="col">{t.outbox.channels}</th>
                <th scope="col">{t.outbox.subject}</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((entry) => (
                <tr key={entry.position} data-topic={entry.notice.topic}>
                  <td>{formatInstant(entry.recordedAt, lang, timeZone)}</td>
                  <td>
                    <a href={href('case', entry.notice.caseId)}>{entry.notice.caseId}</a>
                  </td>
                  <td>
                    {entry.notice.topic}
                    {entry.redelivery && <span class="muted"> ({t.outbox.redelivery})</span>}
                  </td>
                  <td>{pick(lang, entry.notice.recipient.name, entry.notice.recipient.id)}</td>
                  <td class="small">{[...entry.notice.recipient.sms, ...(entry.notice.recipient.email ?? [])].join(', ')}</td>
                  <td>
                    <details>
                      <summary>{pick(lang, entry.notice.subject)}</summary>
                      <p class="pre">{pick(lang, entry.notice.body)}</p>
                    </details>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
