import { describe, expect, it } from 'vitest';
import { EventStreamSerde, eventStreamSerdeProvider } from './no-event-streams.js';

describe('event streams in the bundles', () => {
  it('are refused by name, should an operation ever reach for them', () => {
    expect(() => new EventStreamSerde()).toThrow(/civic-loop: event streams are not bundled.*no-event-streams\.ts/);
    expect(() => eventStreamSerdeProvider()).toThrow(/event streams are not bundled/);
  });
});
