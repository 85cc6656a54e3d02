/**
 * The monthly league table: every metric of the city's formula, the composite score and standing, the red
 * and black lists, a CSV export of what is shown, and a unit's score over six months as a chart. The chart
 * library (ECharts) is loaded only when a trend is asked for.
 */
import { lazy, Suspense } from 'preact/compat';
import { useState } from 'preact/hooks';
import { api } from '../api.js';
import { useApp, useNames } from '../app-context.js';
import { ErrorMessage, Loading } from '../components/status.js';
import { download, toCsv } from '../csv.js';
import { monthIn } from '../format.js';
import { fill } from '../i18n/index.js';
import { navigate } from '../router.js';
import type { AppraisalResult, UnitAppraisal } from '../types.js';
import { useFetch } from '../use-fetch.js';

const TrendChart = lazy(() => import('../components/trend-chart.js').then((module) => ({ default: module.TrendChart })));

/** The peer groups the API ranks apart: the departments, and the territorial units of each layer. */
const GROUPS = ['departments', 'district', 'subdistrict', 'community', 'grid'];

const METRIC_ORDER = ['onTimeAcceptanceRate', 'completionRate', 'onTimeCompletionRate', 'satisfactionRate', 'returnRate', 'reworkRate', 'extensionRate', 'overdueOpenRate', 'overdueCount', 'reworkCount'];

const formatMetric = (value: number | null | undefined, metric: string) =>
  value === null || value === undefined ? '—' : metric.endsWith('Rate') ? `${(value * 100).toFixed(1)}%` : String(value);

export function AppraisalPage({ month: given, group: givenGroup }: { month?: string; group?: string }) {
  const { t, timeZone, session } = useApp();
  const names = useNames();
  const [trendUnit, setTrendUnit] = useState<string | undefined>(undefined);
  // Without a month the API appraises the platform's current month (its clock may run ahead, locally).
  const group = givenGroup && GROUPS.includes(givenGroup) ? givenGroup : 'departments';
  const table = useFetch(`${given ?? 'current'}|${group}`, () =>
    api.get<AppraisalResult>(`/appraisal?${new URLSearchParams({ ...(given ? { month: given } : {}), group }).toString()}`),
  );
  const month = given ?? table.data?.period?.label ?? monthIn(timeZone);
  if (session && !['dispatcher', 'supervisor', 'admin', 'unitHead'].includes(session.role)) return <p>{t.appraisal.notForRole}</p>;

  const metrics = METRIC_ORDER.filter((metric) => table.data?.units.some((unit) => metric in unit.metrics));
  const standing = (unit: UnitAppraisal) =>
    unit.standing.kind === 'ranked' ? String(unit.standing.rank) : `${t.appraisal.unranked} (${unit.standing.reason === 'tooFewCases' ? t.appraisal.tooFewCases : t.appraisal.notAssessed})`;
  const listOf = (unit: UnitAppraisal) => (unit.standing.kind === 'ranked' && unit.standing.list ? (unit.standing.list === 'red' ? t.appraisal.red : t.appraisal.black) : '');

  const exportCsv = () => {
    if (!table.data) return;
    const header = [t.appraisal.rank, 'unitId', t.appraisal.unit, ...metrics.map((metric) => t.metrics[metric] ?? metric), t.appraisal.score, t.appraisal.list];
    const rows = table.data.units.map((unit) => [
      unit.standing.kind === 'ranked' ? unit.standing.rank : '',
      unit.unitId,
      names.unit(unit.unitId),
      ...metrics.map((metric) => unit.metrics[metric] ?? ''),
      unit.score ?? '',
      listOf(unit),
    ]);
    download(`appraisal-${month}-${group}.csv`, toCsv([header, ...rows]));
  };

  return (
    <section aria-labelledby="appraisal-title">
      <h1 id="appraisal-title">{t.appraisal.title}</h1>
      <form
        class="inline-form"
        onSubmit={(event) => {
          event.preventDefault();
          const form = new FormData(event.currentTarget);
          const value = form.get('month');
          const chosen = form.get('group');
          if (typeof value === 'string' && value) navigate('appraisal', value, typeof chosen === 'string' ? chosen : group);
        }}
      >
        <label for="appraisal-month">{t.appraisal.month}</label>
        <input id="appraisal-month" name="month" type="month" key={month} defaultValue={month} />
        <label for="appraisal-group">{t.appraisal.group}</label>
        <select id="appraisal-group" name="group" key={group} defaultValue={group}>
          {GROUPS.map((id) => (
            <option key={id} value={id}>
              {id === 'departments' ? t.appraisal.departments : t.layers[id]}
            </option>
          ))}
        </select>
        <button type="submit">{t.appraisal.show}</button>
        <button type="button" onClick={exportCsv} disabled={!table.data}>
          {t.appraisal.csv}
        </button>
      </form>
      {table.error && <ErrorMessage error={table.error} onRetry={table.reload} />}
      {!table.data && !table.error && <Loading />}
      {table.data && (
        <>
          <div class="lists">
            <NameList id="red" title={t.appraisal.redList} ids={table.data.redList} />
            <NameList id="black" title={t.appraisal.blackList} ids={table.data.blackList} />
          </div>
          <section class="card" aria-labelledby="league-title">
            <h2 id="league-title">
              {t.appraisal.league} · {group === 'departments' ? t.appraisal.departments : t.layers[group]} · {month}
            </h2>
            <div class="table-wrap">
              <table class="league">
                <thead>
                  <tr>
                    <th scope="col">{t.appraisal.rank}</th>
                    <th scope="col">{t.appraisal.unit}</th>
                    {metrics.map((metric) => (
                      <th scope="col" key={metric}>
                        {t.metrics[metric] ?? metric}
                      </th>
                    ))}
                    <th scope="col">{t.appraisal.score}</th>
                    <th scope="col">{t.appraisal.list}</th>
                    <th scope="col">{t.appraisal.trend}</th>
                  </tr>
                </thead>
                <tbody>
                  {table.data.units.map((unit) => (
                    <tr key={unit.unitId} data-unit={unit.unitId} class={unit.standing.kind === 'ranked' && unit.standing.list ? `list-${unit.standing.list}` : ''}>
                      <td>{standing(unit)}</td>
                      <th scope="row">{names.unit(unit.unitId)}</th>
                      {metrics.map((metric) => (
                        <td key={metric}>{formatMetric(unit.metrics[metric], metric)}</td>
                      ))}
                      <td>{unit.score === null ? '—' : unit.score.toFixed(1)}</td>
                      <td>{listOf(unit)}</td>
                      <td>
                        <button type="button" aria-pressed={trendUnit === unit.unitId} onClick={() => setTrendUnit(unit.unitId)}>
                          <span class="visually-hidden">{fill(t.appraisal.trendFor, { name: names.unit(unit.unitId) })}</span>
                          <span aria-hidden="true">{t.appraisal.trend}</span>
                        </button>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>
          {trendUnit && (
            <section class="card" aria-labelledby="trend-title">
              <h2 id="trend-title">{fill(t.appraisal.trendOf, { name: names.unit(trendUnit) })}</h2>
              <Suspense fallback={<p role="status">{t.appraisal.loadingChart}</p>}>
                <TrendChart unitId={trendUnit} month={month} group={group} />
              </Suspense>
            </section>
          )}
        </>
      )}
    </section>
  );
}

function NameList({ id, title, ids }: { id: string; title: string; ids: string[] }) {
  const { t } = useApp();
  const names = useNames();
  return (
    <section class={`card namelist namelist-${id}`} aria-labelledby={`${id}-list-title`}>
      <h2 id={`${id}-list-title`}>{title}</h2>
      {ids.length === 0 ? (
        <p class="muted">{t.appraisal.emptyList}</p>
      ) : (
        <ol>
          {ids.map((unitId) => (
            <li key={unitId}>{names.unit(unitId)}</li>
          ))}
        </ol>
      )}
    </section>
  );
}
