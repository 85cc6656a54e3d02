import { readFileSync } from 'node:fs';
import validator from 'asl-validator';
import { describe, expect, it } from 'vitest';
import { DEFINITION_FILE, LOCAL_SUBSTITUTIONS, forLocalEngine, substitute, type Definition } from '../../local/local-workflow.js';

const text = readFileSync(DEFINITION_FILE, 'utf8');
const raw = JSON.parse(text) as { QueryLanguage?: string; States: Record<string, { Type: string; Resource?: string; Parameters?: { FunctionName?: string } }> };

describe('the case supervision definition', () => {
  it('is valid Amazon States Language once its substitutions are filled', () => {
    const result = validator(substitute(text, LOCAL_SUBSTITUTIONS), { checkArn: true, checkPaths: true });
    expect(result.errors).toEqual([]);
    expect(result.isValid).toBe(true);
  });

  it('uses JSONPath only (no JSONata), which the local engine requires', () => {
    expect(raw.QueryLanguage ?? 'JSONPath').toBe('JSONPath');
    expect(text).not.toMatch(/\{%/);
  });

  it('runs locally with no task timeout AWS would not have: none of the engine’s 60 s defaults is left', () => {
    const local = forLocalEngine(substitute(text, LOCAL_SUBSTITUTIONS) as Definition);
    const tasks = Object.entries(local.States).filter(([, state]) => state.Type === 'Task');
    for (const [name, state] of tasks) expect(state.TimeoutSeconds, name).toBeGreaterThan(24 * 3600);
    // The file itself is unchanged: only the local copy is.
    expect(Object.values(raw.States).some((state) => 'TimeoutSeconds' in state)).toBe(false);
  });

  it('names every function through a DefinitionSubstitution, so the deployed file is this file', () => {
    const tasks = Object.entries(raw.States).filter(([, state]) => state.Type === 'Task');
    expect(tasks.length).toBeGreaterThan(0);
    for (const [name, state] of tasks) {
      expect(state.Parameters?.FunctionName, name).toMatch(/^\$\{\w+FunctionArn\}$/);
    }
    const used = [...text.matchAll(/\$\{(\w+)\}/g)].map((m) => m[1]);
    expect(new Set(used)).toEqual(new Set(Object.keys(LOCAL_SUBSTITUTIONS)));
  });

  it('refuses to run with a substitution missing', () => {
    expect(() => substitute(text, { ...LOCAL_SUBSTITUTIONS, FinishFunctionArn: undefined as unknown as string })).toThrow(/FinishFunctionArn/);
  });
});
