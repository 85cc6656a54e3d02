/** Start: read the configuration, finish a hosted-login return if this is one, then show the console. */
import { render } from 'preact';
import { api, configureApi } from './api.js';
import { App } from './app.js';
import { boardPaths, OUTLINE_LEVELS, outlinePath } from './board-reads.js';
import { loadConfig, type ConsoleConfig } from './config.js';
import { completeSignIn } from './oidc.js';
import { parseRoute } from './router.js';
import { storedSession } from './session.js';
import './styles.css';

const BOARD_ROLES = ['dispatcher', 'supervisor'];

/**
 * A signed-in dispatcher or supervisor opening the board: its reads, the city's names and the map's code go
 * out now, alongside the first render, instead of one after the other once each component has mounted.
 * (An admin's board scope is the city, known only from `/city`, so only that is started for them.)
 */
function startBoardReads(config: ConsoleConfig) {
  const session = storedSession();
  if (!session || parseRoute(location.hash).page !== 'board') return;
  configureApi({ baseUrl: config.apiUrl, token: session.token });
  api.prefetch('/city');
  if (!BOARD_ROLES.includes(session.role) || !session.scopeUnitId) return;
  const paths = boardPaths(session.scopeUnitId, config);
  for (const path of [paths.summary, paths.escalations, paths.map, ...OUTLINE_LEVELS.map(outlinePath)]) api.prefetch(path);
  void import('./components/board-map.js').catch(() => undefined);
}

const root = document.getElementById('app')!;
const config = await loadConfig();
let token: string | undefined;
let failure: string | undefined;
if (config.auth.mode === 'oidc') {
  try {
    token = await completeSignIn(config.auth);
  } catch (error) {
    failure = error instanceof Error ? error.message : String(error);
  }
}
if (!token && !failure) startBoardReads(config);
render(<App config={config} {...(token ? { initialToken: token } : {})} {...(failure ? { signInFailure: failure } : {})} />, root);
