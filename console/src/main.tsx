/** Start: read the configuration, finish a hosted-login return if this is one, then show the console. */
import { render } from 'preact';
import { App } from './app.js';
import { loadConfig } from './config.js';
import { completeSignIn } from './oidc.js';
import './styles.css';

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
render(<App config={config} {...(token ? { initialToken: token } : {})} {...(failure ? { signInFailure: failure } : {})} />, root);
