/**
 * `GET services` and `GET services/{code}`: the city's categories as Open311 services, and each
 * category's fields as the service definition's attributes.
 */
import type { CityContext } from '../../app/city-context.js';
import type { Category, CategoryField } from '../../domain/city/schema.js';
import { notFound } from './errors.js';
import { pick, type Language } from './language.js';
import { durationText, handlingLimit, kindText } from './names.js';
import type { Value } from './render.js';

/** Keywords are a comma-separated list: a comma inside one name would split it. */
const keyword = (text: string): string => text.replaceAll(',', ' ').replaceAll('，', ' ').trim();

export function serviceRecord(category: Category, language: Language): Record<string, Value> {
  const limit = durationText(handlingLimit(category), language);
  return {
    service_code: category.code,
    service_name: pick(category.name, language),
    description:
      language === 'zh'
        ? `${kindText(category, language)}，${pick(category.group, language)}；派遣后一般${limit}内办结`
        : `${kindText(category, language)}, ${pick(category.group, language)}; usually handled within ${limit} of dispatch`,
    metadata: category.fields.length > 0,
    // The case exists the moment the POST is answered: no tokens, no batch.
    type: 'realtime',
    // Both languages, so a search finds the service whatever the client's language.
    keywords: [...new Set([category.name.zh, category.name.en, category.group.zh, category.group.en, category.code].map(keyword))].join(','),
    group: pick(category.group, language),
  };
}

export function services(city: CityContext, language: Language): Value[] {
  return city.city.categories.map((category) => serviceRecord(category, language));
}

const DATATYPE_DESCRIPTIONS: Record<CategoryField['datatype'], Record<Language, string>> = {
  string: { en: 'A short text', zh: '简短文字' },
  text: { en: 'A text of any length', zh: '文字，长度不限' },
  number: { en: 'A number, such as 12 or 3.5', zh: '数字，如 12 或 3.5' },
  datetime: { en: 'A date and time in ISO 8601 with an offset, such as 2026-12-01T09:30:00+08:00', zh: '日期时间（ISO 8601，带时区），如 2026-12-01T09:30:00+08:00' },
  singlevaluelist: { en: 'One key from the values', zh: '从可选值中选一项，提交其 key' },
  multivaluelist: { en: 'One or more keys from the values, each as attribute[code][]', zh: '从可选值中选一项或多项，每项以 attribute[code][] 提交' },
};

export function serviceDefinition(city: CityContext, code: string, language: Language): Record<string, Value> {
  const category = city.routing.categoriesByCode.get(code);
  if (!category) throw notFound(`service_code '${code}' is not a service of this jurisdiction`);
  return {
    service_code: category.code,
    attributes: category.fields.map((field, index) => ({
      // Every field asks the reporter for input; none is an information-only text.
      variable: true,
      code: field.code,
      datatype: field.datatype,
      required: field.required,
      datatype_description: DATATYPE_DESCRIPTIONS[field.datatype][language],
      order: index + 1,
      description: pick(field.description, language),
      ...(field.values ? { values: field.values.map((value) => ({ key: value.key, name: pick(value.name, language) })) } : {}),
    })),
  };
}
