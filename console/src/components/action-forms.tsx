/**
 * One form per action the API offers for a case (`GET /cases/{id}/actions`). Each sends exactly the fields
 * of its action; what the API refuses comes back as problem+json and each field error is shown next to its
 * field (and announced), the rest above the form.
 */
import { useState } from 'preact/hooks';
import { ApiProblem, api, errorText } from '../api.js';
import { useApp, useNames } from '../app-context.js';
import { fill } from '../i18n/index.js';
import type { ActionMenu } from '../types.js';

type FieldKind = 'text' | 'textarea' | 'datetime' | 'check' | 'unit' | 'unitList' | 'answer' | 'office' | 'urls';
interface FieldSpec {
  name: string;
  kind: FieldKind;
  optional?: boolean;
}

const reason: FieldSpec = { name: 'reason', kind: 'textarea' };
const coHandlers: FieldSpec = { name: 'coHandlerIds', kind: 'unitList', optional: true };

/** The fields of each action (see the ActionBody schemas in /openapi.json). */
export const ACTION_FIELDS: Record<string, FieldSpec[]> = {
  dispatch: [{ name: 'leadId', kind: 'unit' }, coHandlers],
  accept: [],
  return: [reason, { name: 'legalBasis', kind: 'textarea' }],
  arbitrate: [{ name: 'uphold', kind: 'check', optional: true }, { name: 'leadId', kind: 'unit', optional: true }, coHandlers],
  designate: [{ name: 'leadId', kind: 'unit' }, coHandlers],
  requestExtension: [reason, { name: 'requestedDueAt', kind: 'datetime' }],
  approveExtension: [{ name: 'handleDueAt', kind: 'datetime', optional: true }],
  refuseExtension: [reason],
  requestSuspension: [reason],
  suspend: [{ ...reason, optional: true }, { name: 'resumeAt', kind: 'datetime', optional: true }],
  refuseSuspension: [reason],
  resume: [],
  noteProgress: [{ name: 'text', kind: 'textarea' }],
  reportResult: [{ name: 'text', kind: 'textarea' }, { name: 'photoUrls', kind: 'urls', optional: true }],
  verify: [{ name: 'passed', kind: 'check' }, { name: 'note', kind: 'textarea', optional: true }],
  recordCallback: [{ name: 'answer', kind: 'answer' }, { name: 'justified', kind: 'check', optional: true }, { name: 'note', kind: 'textarea', optional: true }],
  close: [{ name: 'answer', kind: 'textarea' }],
  mergeAsDuplicate: [{ name: 'masterCaseId', kind: 'text' }],
  unmerge: [],
  attachDuplicate: [{ name: 'duplicateCaseId', kind: 'text' }],
  detachDuplicate: [{ name: 'duplicateCaseId', kind: 'text' }],
  leaderInstruct: [{ name: 'officeId', kind: 'office' }, { name: 'text', kind: 'textarea' }],
};

/** `2026-12-08T18:00` read as wall time in the city's zone → an ISO instant with that zone's offset. */
export function wallTimeToIso(value: string, timeZone: string): string {
  const asUtc = Date.parse(`${value}:00Z`);
  const offsetAt = (instant: number) => {
    const parts = Object.fromEntries(
      new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' })
        .formatToParts(instant)
        .map((part) => [part.type, part.value]),
    );
    return Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute), Number(parts.second)) - instant;
  };
  const offset = offsetAt(asUtc - offsetAt(asUtc));
  const sign = offset >= 0 ? '+' : '-';
  const minutes = Math.abs(offset) / 60_000;
  return `${value}:00${sign}${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

function bodyOf(fields: FieldSpec[], form: FormData, timeZone: string): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  const answer = form.get('answer');
  for (const field of fields) {
    const raw = form.get(field.name);
    const text = typeof raw === 'string' ? raw.trim() : '';
    switch (field.kind) {
      case 'check':
        // `justified` only goes with an unsatisfied answer; an optional check (uphold) only when ticked.
        if (field.name === 'justified') {
          if (answer === 'unsatisfied') body.justified = raw === 'on';
        } else if (!field.optional || raw === 'on') body[field.name] = raw === 'on';
        break;
      case 'unitList':
        if (text) body[field.name] = text.split(/[\s,，]+/).filter(Boolean);
        break;
      case 'urls':
        if (text) body[field.name] = text.split(/\s+/).filter(Boolean);
        break;
      case 'datetime':
        if (text) body[field.name] = wallTimeToIso(text, timeZone);
        break;
      default:
        // An empty required field is sent empty: the API names what is missing, next to the field.
        if (text || !field.optional) body[field.name] = text;
    }
  }
  return body;
}

export function ActionForm({ caseId, action, onDone }: { caseId: string; action: string; onDone: (action: string) => void }) {
  const { t, directory, timeZone, lang } = useApp();
  const names = useNames();
  const [problem, setProblem] = useState<{ detail: string; fields: Record<string, string> } | undefined>(undefined);
  const [sending, setSending] = useState(false);
  const fields = ACTION_FIELDS[action] ?? [];
  const formId = `form-${caseId}-${action}`;
  const title = t.actions[action] ?? action;

  const submit = async (event: Event) => {
    event.preventDefault();
    setSending(true);
    setProblem(undefined);
    try {
      await api.post(`/cases/${encodeURIComponent(caseId)}/actions/${action}`, bodyOf(fields, new FormData(event.currentTarget as HTMLFormElement), timeZone));
      onDone(action);
    } catch (error) {
      setProblem(error instanceof ApiProblem ? { detail: error.detail, fields: error.byField() } : { detail: errorText(error), fields: {} });
    } finally {
      setSending(false);
    }
  };

  const unitOptions = [...(directory?.departments ?? []), ...(directory?.units ?? [])];
  return (
    <form class="action-form" id={formId} aria-labelledby={`${formId}-title`} onSubmit={(event) => void submit(event)} noValidate>
      <h4 id={`${formId}-title`}>{title}</h4>
      {problem && (
        <p role="alert" class="error">
          {fill(t.form.problem, { detail: problem.detail })}
        </p>
      )}
      {fields.map((field) => {
        const id = `${formId}-${field.name}`;
        const error = problem?.fields[field.name];
        const describedBy = error ? `${id}-error` : undefined;
        const label = (
          <label for={id}>
            {t.fields[field.name] ?? field.name}
            {!field.optional && field.kind !== 'check' && <span class="muted"> ({t.form.required})</span>}
          </label>
        );
        let control;
        switch (field.kind) {
          case 'textarea':
          case 'urls':
            control = <textarea id={id} name={field.name} rows={field.kind === 'urls' ? 2 : 3} aria-invalid={error ? true : undefined} aria-describedby={describedBy} />;
            break;
          case 'datetime':
            control = <input id={id} name={field.name} type="datetime-local" aria-invalid={error ? true : undefined} aria-describedby={describedBy} />;
            break;
          case 'check':
            control = <input id={id} name={field.name} type="checkbox" aria-invalid={error ? true : undefined} aria-describedby={describedBy} />;
            break;
          case 'answer':
            control = (
              <select id={id} name={field.name} aria-invalid={error ? true : undefined} aria-describedby={describedBy}>
                <option value="">{t.form.choose}</option>
                {Object.entries(t.callbackAnswers).map(([value, text]) => (
                  <option value={value}>{text}</option>
                ))}
              </select>
            );
            break;
          case 'office':
            control = (
              <select id={id} name={field.name} aria-invalid={error ? true : undefined} aria-describedby={describedBy}>
                <option value="">{t.form.choose}</option>
                {(directory?.offices ?? []).map((office) => (
                  <option value={office.id}>{lang === 'zh-CN' ? office.name.zh : office.name.en}</option>
                ))}
              </select>
            );
            break;
          case 'unit':
          case 'unitList':
            control = <input id={id} name={field.name} type="text" list={`${formId}-units`} autocomplete="off" aria-invalid={error ? true : undefined} aria-describedby={describedBy} />;
            break;
          default:
            control = <input id={id} name={field.name} type="text" aria-invalid={error ? true : undefined} aria-describedby={describedBy} />;
        }
        return (
          <div class={`field field-${field.kind}`} key={field.name}>
            {field.kind === 'check' ? (
              <>
                {control}
                {label}
              </>
            ) : (
              <>
                {label}
                {control}
              </>
            )}
            {error && (
              <p id={`${id}-error`} class="field-error">
                {error}
              </p>
            )}
          </div>
        );
      })}
      {fields.some((field) => field.kind === 'unit' || field.kind === 'unitList') && (
        <datalist id={`${formId}-units`}>
          {unitOptions.map((unit) => (
            <option value={unit.id}>{names.unit(unit.id)}</option>
          ))}
        </datalist>
      )}
      <button type="submit" disabled={sending}>
        {sending ? t.form.sending : title}
      </button>
    </form>
  );
}

export function ActionPanel({ menu, onDone }: { menu: ActionMenu; onDone: (action: string) => void }) {
  const { t } = useApp();
  if (menu.actions.length === 0) return <p class="muted">{t.case.noActions}</p>;
  return (
    <div class="action-forms">
      {menu.actions.map(({ action }) => (
        <ActionForm key={`${menu.version}-${action}`} caseId={menu.caseId} action={action} onDone={onDone} />
      ))}
    </div>
  );
}
