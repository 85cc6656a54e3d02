import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);

describe('npm start', () => {
  it('starts the local platform on the demo city, on disk, and reports what it runs', async () => {
    const data = mkdtempSync(join(tmpdir(), 'civic-loop-start-'));
    const { stdout } = await run('npx', ['tsx', 'local/start.ts', '--data', data, '--check'], { timeout: 60_000 });
    expect(stdout).toContain('cities/kaifeng-demo.json: valid');
    expect(stdout).toMatch(/DynamoDB\s+dynalite at http:\/\/127\.0\.0\.1:\d+, on disk/);
    expect(stdout).toContain('statemachines/case-supervision.asl.json on the local engine');
    expect(stdout).toMatch(/open cases\s+0 resumed/);
    // The scaled clock's position is kept, so a restart never writes events before older ones.
    expect(Date.parse((JSON.parse(readFileSync(join(data, 'clock.json'), 'utf8')) as { now: string }).now)).toBeGreaterThan(0);
  }, 60_000);

  it('refuses a bad speed with the reason', async () => {
    const failed = await run('npx', ['tsx', 'local/start.ts', '--in-memory', '--speed', 'fast', '--check'], { timeout: 60_000 }).catch((error: unknown) => error as { code: number; stderr: string });
    expect(failed).toMatchObject({ code: 2 });
    expect((failed as { stderr: string }).stderr).toContain('--speed must be a positive number');
  }, 60_000);
});
