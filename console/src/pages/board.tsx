/**
 * The command board of the signed-in dispatcher's or supervisor's territory: open cases counted by time
 * status, stage and supervising layer; the warning and overdue lists coloured by time left; the map; the
 * escalation feed. Everything refreshes by polling (`pollSeconds` in config.json). The map (Leaflet) is
 * loaded after the counts, so the board is readable before the map library has arrived.
 */
import { lazy, memo, Suspense } from 'preact/compat';
import { api } from '../api.js';
import { useApp, useNames } from '../app-context.js';
import { boardPaths } from '../board-reads.js';
import { ErrorMessage, Loading, StatusBadge } from '../components/status.js';
import { formatInstant, formatTimeLeft } from '../format.js';
import { fill } from '../i18n/index.js';
import { href } from '../router.js';
import type { BoardItem, BoardMapPoints, BoardSummary, EscalationItem } from '../types.js';
import { useFetch } from '../use-fetch.js';

const BoardMap = lazy(() => import('../components/board-map.js').then((module) => ({ default: module.BoardMap })));

const LAYERS = ['city', 'district', 'subdistrict', 'community', 'grid'];

export function BoardPage() {
  const { t, session, directory, config, lang } = useApp();
  const names = useNames();
  const cityId = directory?.units.find((unit) => unit.level === 'city')?.id;
  const scopeId = session?.scopeUnitId ?? cityId;
  const pollMs = config.pollSeconds * 1000;
  const paths = scopeId ? boardPaths(scopeId, config) : undefined;
  const summary = useFetch(paths?.key, () => api.get<BoardSummary>(paths!.summary), { pollMs });
  const feed = useFetch(paths?.key, () => api.get<{ items: EscalationItem[] }>(paths!.escalations), { pollMs });
  // Asked for with the counts, not when the map's code has arrived: the three requests then share one
  // read of the open cases on the server.
  const points = useFetch(paths?.key, () => api.get<BoardMapPoints>(paths!.map), { pollMs });

  if (!scopeId) return <Loading />;
  return (
    <div class="board">
      <h1>{t.board.title}</h1>
      <p class="muted">
        {fill(t.board.scope, { name: names.unit(scopeId) })}
        {summary.data && <> · {fill(t.board.updated, { time: formatInstant(summary.data.asOf, lang, summary.data.timeZone), seconds: config.pollSeconds })}</>}
      </p>
      {summary.error && <ErrorMessage error={summary.error} onRetry={summary.reload} />}
      {!summary.data && !summary.error && <Loading />}
      {summary.data && <Counts summary={summary.data} />}
      <div class="board-grid">
        <section aria-labelledby="map-title" class="card map-card">
          <h2 id="map-title">{t.board.map}</h2>
          <p class="muted small" id="map-help">
            {t.board.mapHelp}
          </p>
          <Suspense fallback={<Loading />}>
            <BoardMap points={points.data} />
          </Suspense>
        </section>
        <section aria-labelledby="feed-title" class="card feed">
          <h2 id="feed-title">{t.board.escalations}</h2>
          {feed.error && <ErrorMessage error={feed.error} onRetry={feed.reload} />}
          {feed.data && <EscalationFeed items={feed.data.items} />}
        </section>
      </div>
      {summary.data && (
        <div class="lists">
          <CaseList id="overdue" title={t.board.overdueList} items={summary.data.overdue} />
          <CaseList id="warning" title={t.board.warningList} items={summary.data.warning} />
        </div>
      )}
    </div>
  );
}

// The parts below are memoised: the page re-renders as each of its reads arrives (10,000 map points among
// them), and a part whose answer has not changed need not be rebuilt; a language change still reaches
// them through the app's context.
const Counts = memo(function Counts({ summary }: { summary: BoardSummary }) {
  const { t } = useApp();
  const stages = Object.keys(summary.byStage).filter((stage) => stage !== 'closed' && stage !== 'mergedAsDuplicate');
  const cell = (stage: string, layer: string) => summary.byStageAndLayer.find((entry) => entry.stage === stage && entry.layer === layer)?.count ?? 0;
  return (
    <>
      <ul class="tiles" aria-label={t.board.total}>
        <li class="tile">
          <span class="tile-number" data-count="total">{summary.total}</span>
          <span>{t.board.total}</span>
        </li>
        {(['onTrack', 'warning', 'overdue'] as const).map((status) => (
          <li class={`tile tile-${status}`} key={status}>
            <span class="tile-number" data-count={status}>
              {summary.byStatus[status]}
            </span>
            <StatusBadge status={status} />
          </li>
        ))}
      </ul>
      <section aria-labelledby="matrix-title" class="card">
        <h2 id="matrix-title">{t.board.byStageAndLayer}</h2>
        <div class="table-wrap">
          <table class="matrix">
            <thead>
              <tr>
                <th scope="col">{t.board.stage}</th>
                {LAYERS.map((layer) => (
                  <th scope="col" key={layer}>
                    {t.layers[layer]}
                  </th>
                ))}
                <th scope="col">{t.board.allLayers}</th>
              </tr>
            </thead>
            <tbody>
              {stages.map((stage) => (
                <tr key={stage}>
                  <th scope="row">{t.stages[stage] ?? stage}</th>
                  {LAYERS.map((layer) => (
                    <td key={layer}>{cell(stage, layer) || ''}</td>
                  ))}
                  <td data-stage-total={stage}>{summary.byStage[stage] ?? 0}</td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row">{t.board.allLayers}</th>
                {LAYERS.map((layer) => (
                  <td key={layer}>{summary.byLayer[layer] ?? 0}</td>
                ))}
                <td>{summary.total}</td>
              </tr>
            </tfoot>
          </table>
        </div>
      </section>
    </>
  );
});

const CaseList = memo(function CaseList({ id, title, items }: { id: string; title: string; items: BoardItem[] }) {
  const { t, lang, timeZone } = useApp();
  const names = useNames();
  return (
    <section aria-labelledby={`${id}-title`} class="card" data-list={id}>
      <h2 id={`${id}-title`}>
        {title} <span class="muted">({items.length})</span>
      </h2>
      {items.length === 0 ? (
        <p class="muted">{t.board.emptyList}</p>
      ) : (
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t.list.case}</th>
                <th scope="col">{t.list.status}</th>
                <th scope="col">{t.list.timeLeft}</th>
                <th scope="col">{t.list.due}</th>
                <th scope="col">{t.list.category}</th>
                <th scope="col">{t.list.lead}</th>
                <th scope="col">{t.list.stage}</th>
                <th scope="col">{t.list.layer}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((item) => (
                <tr key={item.id} class={`row-${item.status}`} data-case={item.id}>
                  <td>
                    <a href={href('case', item.id)}>{item.id}</a>
                  </td>
                  <td>
                    <StatusBadge status={item.status} />
                  </td>
                  <td>{formatTimeLeft(item.timeLeft, t)}</td>
                  <td>{formatInstant(item.nextDueAt, lang, timeZone)}</td>
                  <td>{names.category(item.categoryCode)}</td>
                  <td>{names.unit(item.leadId)}</td>
                  <td>{t.stages[item.stage] ?? item.stage}</td>
                  <td>{t.layers[item.supervisingLayer]}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
});

const EscalationFeed = memo(function EscalationFeed({ items }: { items: EscalationItem[] }) {
  const { t, lang, timeZone } = useApp();
  const names = useNames();
  if (items.length === 0) return <p class="muted">{t.board.noEscalations}</p>;
  return (
    <ol class="plain feed-list">
      {items.map((item) => (
        <li key={item.caseId} class={`feed-item row-${item.status}`} data-case={item.caseId}>
          <time dateTime={item.at}>{formatInstant(item.at, lang, timeZone)}</time> <a href={href('case', item.caseId)}>{item.caseId}</a>{' '}
          <StatusBadge status={item.status} />
          <br />
          <span>
            {fill(t.board.escalationLine, { rung: t.rungs[item.rung] ?? item.rung, layer: t.layers[item.supervisingLayer] ?? item.supervisingLayer })} · {names.unit(item.leadId)} · {names.category(item.categoryCode)}
          </span>
        </li>
      ))}
    </ol>
  );
});
