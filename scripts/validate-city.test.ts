import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const demo = 'cities/kaifeng-demo.json';

/** Runs `npm run validate-city -- <file>` as a user would, returning exit code and output. */
async function validateCity(file: string): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run('npx', ['tsx', 'scripts/validate-city.ts', file], { timeout: 60_000 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe('npm run validate-city', () => {
  it('summarises the demo city: ≥ 5,000 grids, ≥ 25 departments, ≥ 60 categories', async () => {
    const { code, stdout } = await validateCity(demo);
    expect(code).toBe(0);
    const grids = Number(/grid (\d+)/.exec(stdout)?.[1]);
    const departments = Number(/departments\s+(\d+)/.exec(stdout)?.[1]);
    const categories = Number(/categories\s+(\d+)/.exec(stdout)?.[1]);
    expect(grids).toBeGreaterThanOrEqual(5_000);
    expect(departments).toBeGreaterThanOrEqual(25);
    expect(categories).toBeGreaterThanOrEqual(60);
    expect(stdout).toMatch(/responsibility v1\s+\d+ rows/);
  }, 60_000);

  it('refuses a broken copy of the demo city, listing each problem by path, and exits 1', async () => {
    const city = JSON.parse(readFileSync(demo, 'utf8')) as {
      units: { id: string; level: string; parentId?: string; boundary?: unknown }[];
      categories: { limits: { routine: { handle: { amount: number } } } }[];
      responsibilityList: { versions: { rows: { ownerIds: string[] }[] }[] };
    };
    const grids = city.units.filter((u) => u.level === 'grid');
    grids[1]!.boundary = grids[0]!.boundary; // two grids over the same ground
    delete city.units.find((u) => u.level === 'subdistrict')!.parentId; // a unit with no superior
    city.responsibilityList.versions[0]!.rows[0]!.ownerIds = ['dept-nobody']; // an unknown unit
    city.categories[0]!.limits.routine.handle.amount = 0; // a time limit of zero
    const file = join(mkdtempSync(join(tmpdir(), 'city-')), 'broken.json');
    writeFileSync(file, JSON.stringify(city));

    // A zero limit fails the structural check, which reports before the cross-reference checks run.
    const structural = await validateCity(file);
    expect(structural.code).toBe(1);
    expect(structural.stderr).toContain('categories[0].limits.routine.handle.amount: a time limit must be greater than zero');

    city.categories[0]!.limits.routine.handle.amount = 1;
    writeFileSync(file, JSON.stringify(city));
    const { code, stderr } = await validateCity(file);
    expect(code).toBe(1);
    expect(stderr).toMatch(/problem\(s\)/);
    expect(stderr).toContain('has no superior');
    expect(stderr).toContain('responsibilityList.versions[0].rows[0].ownerIds[0]: unknown unit or department "dept-nobody"');
    expect(stderr).toMatch(new RegExp(`grid "${grids[0]!.id}" overlaps grid "${grids[1]!.id}"|grid "${grids[1]!.id}" overlaps grid "${grids[0]!.id}"`));
  }, 90_000);
});
