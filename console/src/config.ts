/**
 * Where the console finds the API and how people sign in, read at start from `config.json` next to
 * `index.html`. The local server has no such file: the console then runs in local mode against its own
 * origin. A deployment writes one (the CDK construct does), e.g.
 *
 *   { "apiUrl": "https://api.example.city",
 *     "auth": { "mode": "oidc", "authorizeUrl": "https://login.example.city/oauth2/authorize",
 *               "tokenUrl": "https://login.example.city/oauth2/token", "clientId": "abc", "scope": "openid profile" },
 *     "pollSeconds": 10 }
 */
export interface OidcConfig {
  mode: 'oidc';
  /** The hosted login's authorization endpoint (Cognito: https://<domain>/oauth2/authorize). */
  authorizeUrl: string;
  /** Its token endpoint (Cognito: https://<domain>/oauth2/token); the code is exchanged there with PKCE. */
  tokenUrl: string;
  clientId: string;
  /** Default `openid profile email`. */
  scope?: string;
  /** Default: this page's URL without its hash. Must be registered with the client. */
  redirectUri?: string;
  /** Which token the API's JWT authorizer reads; Cognito puts groups and custom attributes in the ID token. Default `id_token`. */
  useToken?: 'id_token' | 'access_token';
  /** Where "sign out" sends the browser (Cognito: https://<domain>/logout?client_id=…&logout_uri=…), if anywhere. */
  logoutUrl?: string;
}

export interface ConsoleConfig {
  /** The API's base URL without a trailing slash; empty for the console's own origin (local server). */
  apiUrl: string;
  auth: { mode: 'local' } | OidcConfig;
  /** How often the board refreshes. */
  pollSeconds: number;
}

const DEFAULTS: ConsoleConfig = { apiUrl: '', auth: { mode: 'local' }, pollSeconds: 5 };

export async function loadConfig(): Promise<ConsoleConfig> {
  let response: Response;
  try {
    response = await fetch(new URL('config.json', document.baseURI), { cache: 'no-store' });
  } catch {
    return DEFAULTS;
  }
  if (!response.ok) return DEFAULTS;
  const given = (await response.json()) as Partial<ConsoleConfig>;
  return {
    apiUrl: (given.apiUrl ?? '').replace(/\/+$/, ''),
    auth: given.auth ?? DEFAULTS.auth,
    pollSeconds: typeof given.pollSeconds === 'number' && given.pollSeconds > 0 ? given.pollSeconds : DEFAULTS.pollSeconds,
  };
}
