/**
 * The whole synthesized template (and its nested topic stacks) against a stored copy, with asset hashes
 * masked: it changes only when the infrastructure does. Review the diff, then `npx vitest run
 * test/infra/snapshot.test.ts -u` to accept it.
 */
import { Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { testStack } from './stack.fixture.js';

/** Asset hashes (code bundles, nested templates) and the city file's digest (test data, not infrastructure). */
export function masked(template: unknown): unknown {
  return JSON.parse(
    JSON.stringify(template)
      .replace(/[0-9a-f]{64}/g, '[asset hash]')
      .replace(/city-[0-9a-f]{12}/g, 'city-[digest]'),
  );
}

describe('the synthesized template', () => {
  const { stack } = testStack();

  it('matches the stored snapshot', async () => {
    const templates = {
      stack: masked(Template.fromStack(stack).toJSON()),
      nested: stack.platform.topics.stacks.map((nested) => masked(Template.fromStack(nested).toJSON())),
    };
    await expect(JSON.stringify(templates, null, 1)).toMatchFileSnapshot('./__snapshots__/stack.template.json');
  });
});
