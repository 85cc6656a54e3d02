/**
 * Sign-in. Local platform: the demo users of every role, each signed in with a real token from the local
 * issuer (`POST /local/token`). Deployed: the city's hosted login page (OIDC / Cognito), configured in
 * config.json.
 */
import { useState } from 'preact/hooks';
import { api, errorText } from '../api.js';
import { useApp } from '../app-context.js';
import { ErrorMessage, Loading } from '../components/status.js';
import { fill } from '../i18n/index.js';
import { authorizationUrl } from '../oidc.js';
import { useFetch } from '../use-fetch.js';

interface DemoUser {
  id: string;
  name: string;
  role: string;
  unitId?: string;
  scopeUnitId?: string;
}

const ROLE_ORDER = ['dispatcher', 'supervisor', 'unitStaff', 'unitHead', 'gridWorker', 'citizen', 'admin'];

export function SignInPage({ failure }: { failure?: string }) {
  const { t, config } = useApp();
  return (
    <section aria-labelledby="sign-in-title" class="sign-in">
      <h1 id="sign-in-title">{t.signIn.title}</h1>
      {failure && <ErrorMessage error={fill(t.signIn.failed, { detail: failure })} />}
      {config.auth.mode === 'local' ? <LocalUsers /> : <HostedLogin />}
    </section>
  );
}

function HostedLogin() {
  const { t, config } = useApp();
  const start = async () => {
    if (config.auth.mode === 'oidc') location.assign(await authorizationUrl(config.auth));
  };
  return (
    <>
      <p>{t.signIn.oidcIntro}</p>
      <button type="button" class="primary" onClick={() => void start()}>
        {t.signIn.oidcButton}
      </button>
    </>
  );
}

function LocalUsers() {
  const { t, signIn } = useApp();
  const users = useFetch('users', () => api.get<DemoUser[]>('/local/users', { auth: false }));
  const [failure, setFailure] = useState<string | undefined>(undefined);
  const choose = async (userId: string) => {
    setFailure(undefined);
    try {
      const { token } = await api.post<{ token: string }>('/local/token', { userId }, { auth: false });
      signIn(token);
    } catch (error) {
      setFailure(errorText(error));
    }
  };
  if (users.error) return <ErrorMessage error={users.error} onRetry={users.reload} />;
  if (!users.data) return <Loading />;
  const byRole = ROLE_ORDER.map((role) => ({ role, users: users.data!.filter((user) => user.role === role) })).filter((group) => group.users.length > 0);
  return (
    <>
      <p>{t.signIn.localIntro}</p>
      {failure && <ErrorMessage error={fill(t.signIn.failed, { detail: failure })} />}
      <div class="user-groups">
        {byRole.map((group) => (
          <section class="card" aria-labelledby={`role-${group.role}`} key={group.role}>
            <h2 id={`role-${group.role}`}>{t.roles[group.role] ?? group.role}</h2>
            <ul class="plain">
              {group.users.map((user) => (
                <li key={user.id}>
                  <button type="button" data-user={user.id} onClick={() => void choose(user.id)}>
                    {fill(t.signIn.as, { name: user.name })}
                  </button>
                  <span class="muted small"> {user.unitId ?? user.scopeUnitId ?? ''}</span>
                </li>
              ))}
            </ul>
          </section>
        ))}
      </div>
    </>
  );
}
