/**
 * The centre and its offices: the city node of Kaifeng's model (开封市基层社会治理服务保障中心), the
 * supervision office (督查室) and the leading group's office that summons unit heads (约谈), a command
 * centre and a supervision office in every county-level unit, and a command room in every street.
 */
import type { CityConfigInput } from '../../functions/domain/city/schema.js';
import { mailbox, type PhoneBooks } from './contacts.js';
import { CITY_ID, type Territory } from './territory.js';

export type OfficeInput = NonNullable<CityConfigInput['offices']>[number];

export function buildOffices(territory: Territory, phones: PhoneBooks): OfficeInput[] {
  const office = (id: string, role: OfficeInput['role'], unitId: string, zh: string, en: string, local: string, ...labels: string[]): OfficeInput => ({
    id,
    role,
    unitId,
    name: { zh, en },
    contacts: { email: [mailbox(local, ...labels)], sms: [phones.departments.take()] },
  });

  const offices: OfficeInput[] = [
    office('office-kaifeng-command', 'commandCentre', CITY_ID, '开封市基层社会治理服务保障中心', 'Kaifeng Grassroots Social Governance Service Centre (city command centre)', 'command', CITY_ID),
    office('office-kaifeng-supervision', 'supervisionOffice', CITY_ID, '市委市政府督查室', 'Municipal Supervision Office', 'supervision', CITY_ID),
    office('office-kaifeng-leaders', 'leaderOffice', CITY_ID, '市“一中心四平台”工作领导小组办公室', 'Office of the "One Centre, Four Platforms" Leading Group', 'leaders', CITY_ID),
  ];
  for (const district of territory.districts) {
    offices.push(
      office(`office-${district.id}-command`, 'commandCentre', district.id, `${district.zh}综合指挥中心`, `${district.en} Command Centre`, 'command', district.id),
      office(`office-${district.id}-supervision`, 'supervisionOffice', district.id, `${district.zh}督查室`, `${district.en} Supervision Office`, 'supervision', district.id),
    );
  }
  for (const sub of territory.subdistricts) {
    offices.push(
      office(`office-${sub.id}-command`, 'commandCentre', sub.id, `${sub.name.zh}综合指挥室`, `${sub.name.en} Command Room`, 'command', sub.slug, sub.districtId),
    );
  }
  return offices;
}
