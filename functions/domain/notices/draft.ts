/**
 * Plain-text notices in two languages written side by side, so the Chinese and the English can never say
 * different things: every line is added to both at once.
 */
import type { LocalizedText } from '../city/schema.js';
import type { CaseFacts } from './facts.js';

export interface NoticeText {
  subject: LocalizedText;
  body: LocalizedText;
}

export type Value = string | LocalizedText | undefined;

const zhOf = (value: string | LocalizedText): string => (typeof value === 'string' ? value : value.zh);
const enOf = (value: string | LocalizedText): string => (typeof value === 'string' ? value : value.en);

/** `【tag】id category：tail` / `[tag] id category: tail`. */
export function subjectLine(tag: LocalizedText, facts: CaseFacts, tail?: LocalizedText): LocalizedText {
  return {
    zh: `【${tag.zh}】${facts.caseId} ${facts.category.zh}${tail ? `：${tail.zh}` : ''}`,
    en: `[${tag.en}] ${facts.caseId} ${facts.category.en}${tail ? `: ${tail.en}` : ''}`,
  };
}

export class Draft {
  private readonly zh: string[] = [];
  private readonly en: string[] = [];

  constructor(private readonly facts: CaseFacts) {}

  /** A sentence. */
  say(zh: string, en: string): this {
    this.zh.push(zh);
    this.en.push(en);
    return this;
  }

  /** `标签：值` / `Label: value`; skipped when the value is absent, so optional facts leave no empty lines. */
  field(zhLabel: string, enLabel: string, value: Value): this {
    if (value === undefined || (typeof value === 'string' && value.trim() === '')) return this;
    this.zh.push(`${zhLabel}：${zhOf(value)}`);
    this.en.push(`${enLabel}: ${enOf(value)}`);
    return this;
  }

  /** A deadline on the city's clock. */
  due(zhLabel: string, enLabel: string, instant: string | undefined): this {
    return this.field(zhLabel, enLabel, instant === undefined ? undefined : this.facts.time(instant));
  }

  /** The case id, category and place every notice repeats. */
  caseLines(): this {
    return this.field('案件编号', 'Case', this.facts.caseId).field('类别', 'Category', this.facts.category).field('地点', 'Location', this.facts.place);
  }

  done(subject: LocalizedText): NoticeText {
    return { subject, body: { zh: this.zh.join('\n'), en: this.en.join('\n') } };
  }
}

/** Names joined as a list in each language (`甲、乙` / `A, B`). */
export const nameList = (names: readonly LocalizedText[]): LocalizedText | undefined =>
  names.length === 0 ? undefined : { zh: names.map((n) => n.zh).join('、'), en: names.map((n) => n.en).join(', ') };
