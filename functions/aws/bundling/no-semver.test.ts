import { describe, expect, it } from 'vitest';
import { gte } from './no-semver.js';

describe('semver in the bundles', () => {
  it('is refused by name, should the X-Ray SDK ever be handed an AWS SDK v2', () => {
    expect(() => gte()).toThrow(/civic-loop: semver is not bundled.*no-semver\.ts/);
  });
});
