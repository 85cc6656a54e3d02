/**
 * Demo logins, one or more per role, tied to real parts of the demo city so a tester can follow a case
 * from the citizen through the grid worker, the street, the bureau and the centre. Where a user stands for
 * a unit's head or a grid's worker, the name and phone are that person's, so notifications line up.
 */
import type { CityConfigInput } from '../../functions/domain/city/schema.js';
import { mailbox, type PhoneBooks } from './contacts.js';
import type { DepartmentInput } from './departments.js';
import { personName } from './names.js';
import { randomFor } from './random.js';
import { CITY_ID, type UnitInput } from './territory.js';

type UserInput = NonNullable<CityConfigInput['users']>[number];

const email = (id: string): string => mailbox(id.replace(/^user-/, ''), 'users');

export function buildUsers(units: readonly UnitInput[], departments: readonly DepartmentInput[], phones: PhoneBooks): UserInput[] {
  const unit = (id: string): UnitInput => {
    const found = units.find((u) => u.id === id);
    if (!found) throw new Error(`demo users: no unit "${id}"`);
    return found;
  };
  const department = (id: string): DepartmentInput => {
    const found = departments.find((d) => d.id === id);
    if (!found) throw new Error(`demo users: no department "${id}"`);
    return found;
  };
  const invented = (id: string, role: UserInput['role'], more: Partial<UserInput> = {}): UserInput => ({
    id,
    name: personName(randomFor(`person:${id}`)),
    role,
    ...more,
    email: email(id),
    phone: phones.users.take(),
  });
  const headOf = (id: string, holder: UnitInput | DepartmentInput, role: UserInput['role']): UserInput => {
    if (!holder.head?.phone) throw new Error(`demo users: ${holder.id} has no head with a phone`);
    return { id, name: holder.head.name, role, unitId: holder.id, email: email(id), phone: holder.head.phone };
  };

  const grid = unit('longting-beishudian-c01-g001');
  const street = unit('longting-beishudian');
  return [
    invented('user-citizen-1', 'citizen'),
    invented('user-citizen-2', 'citizen'),
    headOf('user-grid-worker-1', grid, 'gridWorker'),
    headOf('user-grid-worker-2', unit('lankao-guyang-c01-g001'), 'gridWorker'),
    invented('user-staff-longting-beishudian', 'unitStaff', { unitId: street.id }),
    headOf('user-head-longting-beishudian', street, 'unitHead'),
    invented('user-staff-urban-management', 'unitStaff', { unitId: 'dept-urban-management' }),
    headOf('user-head-urban-management', department('dept-urban-management'), 'unitHead'),
    invented('user-staff-water-supply', 'unitStaff', { unitId: 'dept-water-supply' }),
    headOf('user-head-water-supply', department('dept-water-supply'), 'unitHead'),
    invented('user-staff-longting-urban-management', 'unitStaff', { unitId: 'dept-longting-urban-management' }),
    headOf('user-head-longting-urban-management', department('dept-longting-urban-management'), 'unitHead'),
    invented('user-dispatcher-city', 'dispatcher', { scopeUnitId: CITY_ID }),
    invented('user-dispatcher-longting', 'dispatcher', { scopeUnitId: 'longting' }),
    invented('user-supervisor-city', 'supervisor', { scopeUnitId: CITY_ID }),
    invented('user-supervisor-longting', 'supervisor', { scopeUnitId: 'longting' }),
    invented('user-admin', 'admin'),
  ];
}
