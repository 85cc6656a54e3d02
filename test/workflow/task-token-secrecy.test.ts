import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TABLE_NAME } from '../../local/platform.js';
import { startHarness, type Harness } from './harness.js';

// Task tokens complete a workflow's wait: whoever holds one can move a case. They live only in the case
// record; this checks that nothing a department, a citizen or an index reads ever carries one.
let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h.stop());

describe('task tokens', () => {
  it('stay in the case record and out of projections, inboxes, boards and notices', async () => {
    const caseId = await h.intake();
    const { state } = await h.platform.service.load(caseId);
    const tokens: string[] = [];
    // The harness's workflow mints `local-<uuid>` tokens; collect the one registered now.
    const projection = await h.platform.store.getProjection(caseId);
    expect(projection).toBeDefined();
    expect(JSON.stringify(projection)).not.toMatch(/local-[0-9a-f-]{36}/);
    expect(h.platform.workflow.waiting).toBe(1);
    // The token is there, in the case item itself: the pattern below would find it anywhere it leaked.
    const raw = await h.platform.dynamo.client.send(new GetItemCommand({ TableName: TABLE_NAME, Key: { pk: { S: `CASE#${caseId}` }, sk: { S: 'CASE' } } }));
    expect(JSON.stringify(raw.Item)).toMatch(/local-[0-9a-f-]{36}/);

    const inbox = await h.platform.store.unitInbox(state.leadId!);
    expect(inbox.items.map((p) => p.state.id)).toContain(caseId);
    expect(JSON.stringify(inbox)).not.toMatch(/local-[0-9a-f-]{36}/);

    const notices = h.platform.outbox.list({ caseId });
    expect(notices.length).toBeGreaterThan(0);
    for (const entry of notices) tokens.push(...(JSON.stringify(entry).match(/local-[0-9a-f-]{36}/g) ?? []));
    expect(tokens).toEqual([]);

    const events = await h.platform.store.loadEvents(caseId);
    expect(JSON.stringify(events)).not.toMatch(/local-[0-9a-f-]{36}/);
  });
});
