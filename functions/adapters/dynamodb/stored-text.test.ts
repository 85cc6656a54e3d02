/**
 * Projections and commits are written as JSON text, and items written before (nested maps) still read:
 * a store upgraded under a running city must not lose the cases it already holds.
 */
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { CaseRun, LEAD, actors, at, routeTo } from '../../domain/case/test-support.js';
import { freshStore, useDynalite } from './dynalite.fixture.js';
import { indexAttributes } from './index-keys.js';
import { caseKey, commitKey } from './table.js';

const dynamo = useDynalite();

describe('projections and events as JSON text', () => {
  it('writes both as text, and reads them back equal to what was written', async () => {
    const { store, ctx } = await freshStore(dynamo);
    const run = new CaseRun(at('2026-09-14T09:00:00'), undefined, undefined, 'case-text');
    const projectionOf = () => ({ state: run.state, supervisingUnitId: 'tieta', ...(run.state.handleDueAt ? { nextDueAt: run.state.handleDueAt } : {}) });
    await store.createCase(run.events, projectionOf());
    const version = run.state.version;
    await store.appendEvents('case-text', version, run.do(routeTo(), actors.router));
    await store.saveProjection(projectionOf());
    const commits = [commitKey('case-text', 1), commitKey('case-text', version + 1)];
    for (const key of commits) expect(typeof (await ctx.doc.send(new GetCommand({ TableName: ctx.table, Key: key }))).Item?.events).toBe('string');
    expect(typeof (await ctx.doc.send(new GetCommand({ TableName: ctx.table, Key: caseKey('case-text') }))).Item?.projection).toBe('string');
    expect(await store.loadEvents('case-text')).toEqual(JSON.parse(JSON.stringify(run.events)));
    expect(await store.getProjection('case-text')).toEqual(JSON.parse(JSON.stringify(projectionOf())));
    expect((await store.unitInbox(LEAD)).items).toEqual([JSON.parse(JSON.stringify(projectionOf()))]);
  });

  it('reads a case whose commit and projection were stored as maps, and appends to it', async () => {
    const { store, ctx } = await freshStore(dynamo);
    const run = new CaseRun(at('2026-09-14T09:00:00'), undefined, undefined, 'case-map');
    run.do(routeTo(), actors.router);
    const projection = { state: run.state, supervisingUnitId: 'tieta', ...(run.state.handleDueAt ? { nextDueAt: run.state.handleDueAt } : {}) };
    const indexed = Object.fromEntries(Object.entries(indexAttributes(projection)).filter(([, value]) => value !== undefined));
    await ctx.doc.send(new PutCommand({ TableName: ctx.table, Item: { ...commitKey('case-map', 1), caseId: 'case-map', firstSeq: 1, lastSeq: run.events.length, events: run.events } }));
    await ctx.doc.send(new PutCommand({ TableName: ctx.table, Item: { ...caseKey('case-map'), projection, version: run.state.version, ...indexed } }));
    expect(await store.loadEvents('case-map')).toEqual(JSON.parse(JSON.stringify(run.events)));
    expect(await store.getProjection('case-map')).toEqual(JSON.parse(JSON.stringify(projection)));
    expect((await store.unitInbox(LEAD)).items.map((item) => item.state.id)).toEqual(['case-map']);
    expect((await store.casesReceived({ from: '2026-09-13T00:00:00Z', to: '2026-09-15T00:00:00Z' })).items.map((item) => item.state.id)).toEqual(['case-map']);
    // A retried append of the map-stored commit is recognised as the same commit, not a conflict.
    await store.appendEvents('case-map', 0, run.events);
    const version = run.state.version;
    const accepted = run.do({ type: 'accept' }, actors.lead);
    await store.appendEvents('case-map', version, accepted);
    expect((await store.loadEvents('case-map')).map((event) => event.type)).toEqual(run.events.map((event) => event.type));
  });
});

describe('damaged text', () => {
  it('is a corrupt history or a named error, not a SyntaxError', async () => {
    const { store, ctx } = await freshStore(dynamo);
    await ctx.doc.send(new PutCommand({ TableName: ctx.table, Item: { ...commitKey('case-bad', 1), caseId: 'case-bad', firstSeq: 1, lastSeq: 1, events: '[{"seq":1,' } }));
    await ctx.doc.send(new PutCommand({ TableName: ctx.table, Item: { ...caseKey('case-bad'), projection: '{"state":', version: 1 } }));
    await expect(store.loadEvents('case-bad')).rejects.toMatchObject({ name: 'CorruptHistory' });
    await expect(store.getProjection('case-bad')).rejects.toThrow('a stored projection is not the JSON text this store writes');
  });
});
