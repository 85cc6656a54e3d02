/** The two languages, and `{name}` placeholders filled as text (Preact escapes whatever is rendered). */
import { en, type Dictionary } from './en.js';
import { zhCN } from './zh-CN.js';

export type Lang = 'zh-CN' | 'en';
export const DICTIONARIES: Record<Lang, Dictionary> = { 'zh-CN': zhCN, en };
export const LANGS: { id: Lang; label: string }[] = [
  { id: 'zh-CN', label: '中文' },
  { id: 'en', label: 'English' },
];

const KEY = 'civic-loop.lang';

export function initialLang(): Lang {
  const stored = localStorage.getItem(KEY);
  if (stored === 'zh-CN' || stored === 'en') return stored;
  return navigator.language.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
}

export const rememberLang = (lang: Lang) => localStorage.setItem(KEY, lang);

export function fill(template: string, values: Record<string, string | number> = {}): string {
  return template.replace(/\{(\w+)\}/g, (match, name: string) => (name in values ? String(values[name]) : match));
}

/** A bilingual name from the city configuration in the current language. */
export const pick = (lang: Lang, text: { zh: string; en: string } | undefined, fallback = ''): string => (text ? (lang === 'zh-CN' ? text.zh : text.en) : fallback);

export type { Dictionary };
