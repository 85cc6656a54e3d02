/**
 * Functional departments (条), grouped by the platform of 一中心四平台 they serve. City bureaus answer to
 * the city; each urban district has its own urban-management bureau that answers to the district.
 * Names are generic Chinese bureau names (the demo names no real company); heads are generated.
 */
import type { CityConfigInput, Platform } from '../../functions/domain/city/schema.js';
import { mailbox, type PhoneBooks } from './contacts.js';
import type { DistrictSpec } from './districts.js';
import { personName } from './names.js';
import { randomFor } from './random.js';
import { CITY_ID } from './territory.js';

export type DepartmentInput = CityConfigInput['departments'][number];

interface DepartmentSpec {
  slug: string;
  zh: string;
  en: string;
  platform: Platform;
  headTitle: readonly [zh: string, en: string];
}

const BUREAU_CHIEF = ['局长', 'Director'] as const;
const MANAGER = ['总经理', 'General manager'] as const;
const DIRECTOR = ['主任', 'Director'] as const;

const CITY_DEPARTMENTS: readonly DepartmentSpec[] = [
  // 综合治理: order, safety and the people who settle disputes.
  { slug: 'political-legal', zh: '市委政法委办公室', en: 'Office of the Political and Legal Affairs Commission', platform: 'governance', headTitle: DIRECTOR },
  { slug: 'public-security', zh: '市公安局（联络）', en: 'Public Security Bureau (liaison)', platform: 'governance', headTitle: BUREAU_CHIEF },
  { slug: 'letters-visits', zh: '市信访局', en: 'Letters and Visits Bureau', platform: 'governance', headTitle: BUREAU_CHIEF },
  { slug: 'civil-affairs', zh: '市民政局', en: 'Civil Affairs Bureau', platform: 'governance', headTitle: BUREAU_CHIEF },
  { slug: 'emergency-management', zh: '市应急管理局', en: 'Emergency Management Bureau', platform: 'governance', headTitle: BUREAU_CHIEF },
  { slug: 'fire-rescue', zh: '市消防救援支队', en: 'Fire and Rescue Detachment', platform: 'governance', headTitle: ['支队长', 'Commander'] },
  // 执法监管: bureaus with inspection and enforcement powers, and the city's own maintenance services.
  { slug: 'urban-management', zh: '市城市管理局', en: 'Urban Management Bureau', platform: 'enforcement', headTitle: BUREAU_CHIEF },
  { slug: 'housing-construction', zh: '市住房和城乡建设局', en: 'Housing and Urban-Rural Development Bureau', platform: 'enforcement', headTitle: BUREAU_CHIEF },
  { slug: 'ecology-environment', zh: '市生态环境局', en: 'Ecology and Environment Bureau', platform: 'enforcement', headTitle: BUREAU_CHIEF },
  { slug: 'market-regulation', zh: '市市场监督管理局', en: 'Market Regulation Administration', platform: 'enforcement', headTitle: BUREAU_CHIEF },
  { slug: 'transport', zh: '市交通运输局', en: 'Transport Bureau', platform: 'enforcement', headTitle: BUREAU_CHIEF },
  { slug: 'water-resources', zh: '市水利局', en: 'Water Resources Bureau', platform: 'enforcement', headTitle: BUREAU_CHIEF },
  { slug: 'natural-resources', zh: '市自然资源和规划局', en: 'Natural Resources and Planning Bureau', platform: 'enforcement', headTitle: BUREAU_CHIEF },
  { slug: 'traffic-police', zh: '市公安局交通警察支队', en: 'Traffic Police Detachment', platform: 'enforcement', headTitle: ['支队长', 'Commander'] },
  { slug: 'landscaping', zh: '市园林绿化管理中心', en: 'Landscaping and Greening Centre', platform: 'enforcement', headTitle: DIRECTOR },
  { slug: 'sanitation', zh: '市环境卫生管理中心', en: 'Sanitation Centre', platform: 'enforcement', headTitle: DIRECTOR },
  // 便民服务: utilities and the bureaus citizens call about daily life.
  { slug: 'water-supply', zh: '市供水公司', en: 'Water Supply Company', platform: 'service', headTitle: MANAGER },
  { slug: 'gas', zh: '市燃气公司', en: 'Gas Company', platform: 'service', headTitle: MANAGER },
  { slug: 'power-supply', zh: '市供电公司', en: 'Power Supply Company', platform: 'service', headTitle: MANAGER },
  { slug: 'heating', zh: '市热力公司', en: 'District Heating Company', platform: 'service', headTitle: MANAGER },
  { slug: 'telecom', zh: '市通信运营商联络办公室', en: 'Telecom Operators Liaison Office', platform: 'service', headTitle: DIRECTOR },
  { slug: 'health', zh: '市卫生健康委员会', en: 'Health Commission', platform: 'service', headTitle: DIRECTOR },
  { slug: 'human-resources', zh: '市人力资源和社会保障局', en: 'Human Resources and Social Security Bureau', platform: 'service', headTitle: BUREAU_CHIEF },
  { slug: 'medical-security', zh: '市医疗保障局', en: 'Medical Security Bureau', platform: 'service', headTitle: BUREAU_CHIEF },
  { slug: 'education', zh: '市教育局', en: 'Education Bureau', platform: 'service', headTitle: BUREAU_CHIEF },
  { slug: 'culture-tourism', zh: '市文化广电和旅游局', en: 'Culture, Radio, Television and Tourism Bureau', platform: 'service', headTitle: BUREAU_CHIEF },
  { slug: 'sports', zh: '市体育局', en: 'Sports Bureau', platform: 'service', headTitle: BUREAU_CHIEF },
  { slug: 'agriculture', zh: '市农业农村局', en: 'Agriculture and Rural Affairs Bureau', platform: 'service', headTitle: BUREAU_CHIEF },
  { slug: 'commerce', zh: '市商务局', en: 'Commerce Bureau', platform: 'service', headTitle: BUREAU_CHIEF },
  { slug: 'government-services', zh: '市政务服务和大数据管理局', en: 'Government Services and Big Data Bureau', platform: 'service', headTitle: BUREAU_CHIEF },
  // 综合监督: the hotline that calls citizens back, and the bodies that watch the watchers.
  { slug: 'hotline-12345', zh: '市12345政务服务便民热线中心', en: '12345 Government Service Hotline Centre', platform: 'oversight', headTitle: DIRECTOR },
  { slug: 'discipline-inspection', zh: '市纪委监委', en: 'Commission for Discipline Inspection and Supervision', platform: 'oversight', headTitle: ['书记', 'Secretary'] },
  { slug: 'cyberspace', zh: '市委网信办', en: 'Cyberspace Affairs Office (online public opinion)', platform: 'oversight', headTitle: DIRECTOR },
  { slug: 'audit', zh: '市审计局', en: 'Audit Bureau', platform: 'oversight', headTitle: BUREAU_CHIEF },
];

/** Department ids every other module may name; a typo fails the build here rather than in routing. */
export const deptId = (slug: string): string => {
  if (!CITY_DEPARTMENTS.some((d) => d.slug === slug)) throw new Error(`no city department "${slug}"`);
  return `dept-${slug}`;
};
export const districtUrbanManagementId = (districtId: string): string => `dept-${districtId}-urban-management`;

export function buildDepartments(districts: readonly DistrictSpec[], phones: PhoneBooks): DepartmentInput[] {
  const city = CITY_DEPARTMENTS.map((spec): DepartmentInput => ({
    id: `dept-${spec.slug}`,
    name: { zh: spec.zh, en: spec.en },
    level: 'city',
    platform: spec.platform,
    supervisorId: CITY_ID,
    contacts: { email: [mailbox('office', spec.slug)], sms: [phones.departments.take()] },
    head: departmentHead(`dept-${spec.slug}`, spec.headTitle, phones),
  }));
  // Street cleaning and enforcement in the urban districts are run by each district's own bureau.
  const branches = districts
    .filter((d) => d.kind === 'urbanDistrict')
    .map((d): DepartmentInput => ({
      id: districtUrbanManagementId(d.id),
      name: { zh: `${d.zh}城市管理局`, en: `${d.en} Urban Management Bureau` },
      level: 'district',
      platform: 'enforcement',
      supervisorId: d.id,
      contacts: { email: [mailbox('office', 'urban-management', d.id)], sms: [phones.departments.take()] },
      head: departmentHead(districtUrbanManagementId(d.id), BUREAU_CHIEF, phones),
    }));
  return [...city, ...branches];
}

function departmentHead(id: string, title: readonly [string, string], phones: PhoneBooks) {
  return { name: personName(randomFor(`person:${id}`)), title: { zh: title[0], en: title[1] }, phone: phones.departments.take() };
}
