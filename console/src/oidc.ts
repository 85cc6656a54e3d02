/**
 * Sign-in through a hosted login page (Amazon Cognito's, or any OpenID Connect issuer): the authorization
 * code flow with PKCE, which needs no client secret in the browser. The verifier and state wait in
 * sessionStorage while the browser is at the login page.
 */
import type { OidcConfig } from './config.js';

const PENDING = 'civic-loop.oidc';

const base64url = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
const randomString = () => base64url(crypto.getRandomValues(new Uint8Array(32)));
const redirectUriOf = (config: OidcConfig) => config.redirectUri ?? `${location.origin}${location.pathname}`;

export async function authorizationUrl(config: OidcConfig): Promise<string> {
  const verifier = randomString();
  const state = randomString();
  sessionStorage.setItem(PENDING, JSON.stringify({ verifier, state }));
  const challenge = base64url(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier))));
  const url = new URL(config.authorizeUrl);
  url.search = new URLSearchParams({
    response_type: 'code',
    client_id: config.clientId,
    redirect_uri: redirectUriOf(config),
    scope: config.scope ?? 'openid profile email',
    state,
    code_challenge: challenge,
    code_challenge_method: 'S256',
  }).toString();
  return url.toString();
}

/** After the login page sent the browser back with `?code=…&state=…`: the token, or undefined when this is not such a return. */
export async function completeSignIn(config: OidcConfig): Promise<string | undefined> {
  const params = new URLSearchParams(location.search);
  const code = params.get('code');
  if (!code) return undefined;
  const pending = JSON.parse(sessionStorage.getItem(PENDING) ?? 'null') as { verifier: string; state: string } | null;
  sessionStorage.removeItem(PENDING);
  // Drop the code from the address bar whatever happens: it is single use.
  history.replaceState(null, '', `${location.pathname}${location.hash}`);
  if (!pending || pending.state !== params.get('state')) throw new Error('the sign-in answer does not match the request (state)');
  const response = await fetch(config.tokenUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'authorization_code', client_id: config.clientId, code, redirect_uri: redirectUriOf(config), code_verifier: pending.verifier }),
  });
  if (!response.ok) throw new Error(`the token endpoint answered ${response.status}`);
  const tokens = (await response.json()) as { id_token?: string; access_token?: string };
  const token = tokens[config.useToken ?? 'id_token'];
  if (!token) throw new Error(`the token endpoint gave no ${config.useToken ?? 'id_token'}`);
  return token;
}
