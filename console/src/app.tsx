/**
 * The console's frame: landmarks (banner, navigation, main), a skip link, the language switch, the pages
 * the signed-in role has, and the session. The city's directory (names, time zone) is read once per sign-in.
 */
import { useEffect, useMemo, useState } from 'preact/hooks';
import { api, configureApi } from './api.js';
import { AppContext, useApp, type AppState } from './app-context.js';
import type { ConsoleConfig } from './config.js';
import { DICTIONARIES, LANGS, fill, initialLang, pick, rememberLang, type Lang } from './i18n/index.js';
import { AppraisalPage } from './pages/appraisal.js';
import { BoardPage } from './pages/board.js';
import { CasePage } from './pages/case.js';
import { InboxPage } from './pages/inbox.js';
import { OutboxPage } from './pages/outbox.js';
import { SignInPage } from './pages/sign-in.js';
import { href, navigate, useRoute, type Route } from './router.js';
import { clearSession, saveSession, sessionFromToken, storedSession, type Session } from './session.js';
import type { Directory } from './types.js';

const BOARD_ROLES = ['dispatcher', 'supervisor', 'admin'];
const APPRAISAL_ROLES = ['dispatcher', 'supervisor', 'admin', 'unitHead'];
const INBOX_ROLES = ['unitStaff', 'unitHead'];

/** Where a role starts after signing in. */
const homeOf = (session: Session) => (BOARD_ROLES.includes(session.role) ? 'board' : INBOX_ROLES.includes(session.role) ? 'inbox' : 'appraisal');

export function App({ config, initialToken, signInFailure }: { config: ConsoleConfig; initialToken?: string; signInFailure?: string }) {
  const [lang, setLang] = useState<Lang>(initialLang);
  const [session, setSession] = useState<Session | undefined>(() => (initialToken ? sessionFromToken(initialToken) : storedSession()));
  const [directory, setDirectory] = useState<Directory | undefined>(undefined);
  const route = useRoute();
  const t = DICTIONARIES[lang];

  configureApi({ baseUrl: config.apiUrl, token: session?.token });

  useEffect(() => {
    document.documentElement.lang = lang;
    document.title = t.appName;
  }, [lang, t]);

  useEffect(() => {
    if (session) saveSession(session);
    configureApi({ onUnauthorized: () => setSession(undefined) });
  }, [session]);

  useEffect(() => {
    if (!session) {
      setDirectory(undefined);
      return;
    }
    api.get<Directory>('/city').then(setDirectory, () => setDirectory(undefined));
  }, [session?.token]);

  const state: AppState = useMemo(
    () => ({
      lang,
      t,
      config,
      session,
      directory,
      timeZone: directory?.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone,
      signIn: (token: string) => {
        const next = sessionFromToken(token);
        configureApi({ token });
        setSession(next);
        navigate(homeOf(next));
      },
      signOut: () => {
        clearSession();
        setSession(undefined);
        if (config.auth.mode === 'oidc' && config.auth.logoutUrl) location.assign(config.auth.logoutUrl);
        else navigate('sign-in');
      },
    }),
    [lang, t, config, session, directory],
  );

  const changeLang = (next: Lang) => {
    rememberLang(next);
    setLang(next);
  };

  const page = session ? pageFor(route, session) : <SignInPage {...(signInFailure ? { failure: signInFailure } : {})} />;
  const nav: { id: Route['page']; label: string; target: string }[] = [];
  if (session) {
    if (BOARD_ROLES.includes(session.role)) nav.push({ id: 'board', label: t.nav.board, target: href('board') });
    if (INBOX_ROLES.includes(session.role)) nav.push({ id: 'inbox', label: t.nav.inbox, target: href('inbox') });
    if (APPRAISAL_ROLES.includes(session.role)) nav.push({ id: 'appraisal', label: t.nav.appraisal, target: href('appraisal') });
    if (config.auth.mode === 'local') nav.push({ id: 'outbox', label: t.nav.outbox, target: href('outbox') });
  }

  return (
    <AppContext.Provider value={state}>
      <a class="skip-link" href="#main" onClick={(event) => {
        event.preventDefault();
        document.getElementById('main')?.focus();
      }}>
        {t.skipToContent}
      </a>
      <header class="banner">
        <p class="app-name">
          {t.appName}
          {directory && <span class="city-name"> · {pick(lang, directory.name)}</span>}
        </p>
        {session && (
          <nav aria-label={t.nav.label}>
            <ul>
              {nav.map((item) => (
                <li key={item.id}>
                  <a href={item.target} aria-current={route.page === item.id ? 'page' : undefined}>
                    {item.label}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
        )}
        <div class="banner-tools">
          {session && <CaseLookup />}
          <label class="lang">
            <span class="visually-hidden">{t.language}</span>
            <select value={lang} onChange={(event) => changeLang((event.currentTarget).value as Lang)}>
              {LANGS.map((option) => (
                <option value={option.id}>{option.label}</option>
              ))}
            </select>
          </label>
          {session && (
            <>
              <span class="who">{fill(t.signIn.signedInAs, { name: session.name ?? session.userId, role: t.roles[session.role] ?? session.role })}</span>
              <button type="button" onClick={state.signOut}>
                {t.nav.signOut}
              </button>
            </>
          )}
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        {page}
      </main>
    </AppContext.Provider>
  );
}

function pageFor(route: Route, session: Session) {
  switch (route.page) {
    case 'signIn':
      return <SignInPage />;
    case 'board':
      return BOARD_ROLES.includes(session.role) ? <BoardPage /> : INBOX_ROLES.includes(session.role) ? <InboxPage /> : <AppraisalPage />;
    case 'case':
      return <CasePage caseId={route.caseId} />;
    case 'inbox':
      return <InboxPage {...(route.unitId ? { unitId: route.unitId } : {})} />;
    case 'appraisal':
      return <AppraisalPage {...(route.month ? { month: route.month } : {})} {...(route.group ? { group: route.group } : {})} />;
    case 'outbox':
      return <OutboxPage />;
    case 'notFound':
      return <p>{route.path}</p>;
  }
}

function CaseLookup() {
  const { t } = useApp();
  const [caseId, setCaseId] = useState('');
  return (
    <form
      role="search"
      class="case-lookup"
      onSubmit={(event) => {
        event.preventDefault();
        if (caseId.trim()) navigate('case', caseId.trim());
      }}
    >
      <label for="case-lookup">{t.nav.caseId}</label>
      <input id="case-lookup" value={caseId} onInput={(event) => setCaseId((event.currentTarget).value)} />
      <button type="submit">{t.nav.go}</button>
    </form>
  );
}
