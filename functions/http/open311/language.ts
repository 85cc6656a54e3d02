/**
 * Which of the city's two languages an answer is written in. The configuration names everything in
 * Chinese and English; an Open311 client asks with `Accept-Language` (a Kaifeng app says `zh-CN`), and
 * everyone else gets English, the language of the Open311 ecosystem's clients and of its spec.
 */
import type { LocalizedText } from '../../domain/city/schema.js';

export type Language = 'en' | 'zh';

/** The first of zh/en in the client's order of preference (q values honoured); English when neither is named. */
export function languageOf(headers: Record<string, string>): Language {
  const header = headers['accept-language'];
  if (!header) return 'en';
  const ranked = header
    .split(',')
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().toLowerCase().split(';');
      const q = params.map((param) => /^\s*q=([0-9.]+)\s*$/.exec(param)?.[1]).find((value) => value !== undefined);
      return { tag: tag.trim(), q: q === undefined ? 1 : Number(q), index };
    })
    .filter((entry) => entry.q > 0 && !Number.isNaN(entry.q))
    .sort((a, b) => b.q - a.q || a.index - b.index);
  for (const { tag } of ranked) {
    if (tag === 'zh' || tag.startsWith('zh-')) return 'zh';
    if (tag === 'en' || tag.startsWith('en-')) return 'en';
  }
  return 'en';
}

export const pick = (text: LocalizedText, language: Language): string => text[language];
