/** What every page reads: the language and its dictionary, the session, the city's directory and the config. */
import { createContext } from 'preact';
import { useContext, useMemo } from 'preact/hooks';
import type { ConsoleConfig } from './config.js';
import type { Dictionary, Lang } from './i18n/index.js';
import { pick } from './i18n/index.js';
import type { Session } from './session.js';
import type { Directory } from './types.js';

export interface AppState {
  lang: Lang;
  t: Dictionary;
  config: ConsoleConfig;
  session: Session | undefined;
  directory: Directory | undefined;
  /** The city's IANA time zone (the browser's until the directory arrives). */
  timeZone: string;
  signIn: (token: string) => void;
  signOut: () => void;
}

export const AppContext = createContext<AppState | undefined>(undefined);

export function useApp(): AppState {
  const state = useContext(AppContext);
  if (!state) throw new Error('useApp outside the app');
  return state;
}

/** Names of units, departments, offices and categories from the directory, in the current language. */
export function useNames() {
  const { directory, lang } = useApp();
  const index = useMemo(() => {
    const names = new Map<string, { zh: string; en: string }>();
    for (const unit of directory?.units ?? []) names.set(unit.id, unit.name);
    for (const department of directory?.departments ?? []) names.set(department.id, department.name);
    for (const office of directory?.offices ?? []) names.set(office.id, office.name);
    return { names, categories: new Map((directory?.categories ?? []).map((category) => [category.code, category.name])) };
  }, [directory]);
  return {
    unit: (id: string | undefined) => (id ? pick(lang, index.names.get(id), id) : '—'),
    category: (code: string) => pick(lang, index.categories.get(code), code),
  };
}
