/**
 * Every Lambda entry point, with what it touches. The CDK construct makes one function per entry and
 * derives each function's environment and IAM permissions from `uses`, so a function is given exactly
 * what its code reaches for; `test/infra` checks every file here exists and every route has one.
 */
import type { RouteSpec } from '../http/routes.js';

export type Resource =
  /** Reads the table (GetItem, Query, BatchGetItem). */
  | 'tableRead'
  /** Writes the table (PutItem, UpdateItem, DeleteItem, BatchWriteItem). */
  | 'tableWrite'
  /** Starts supervision executions on the alias. */
  | 'startExecution'
  /** Completes a workflow's wait (SendTaskSuccess), which every commit to a case may do. */
  | 'completeWait'
  /** Lists and describes the state machine's executions. */
  | 'readExecutions'
  /** Publishes SMS and email notices. */
  | 'notify'
  /** Reads the runtime city file shipped beside the bundle. */
  | 'city'
  /**
   * Locates points in grids or draws them: the entry imports `city-grids.ts`, so its city opens the grids
   * file (shipped beside every bundle that reads the city) with the grid index, whose code no other
   * function bundles (`city.ts`).
   */
  | 'boundaries'
  /** Knows the API's public URL. */
  | 'apiUrl'
  /** Serves the API's OpenAPI description, made at build and shipped beside the bundle (`api-description.ts`). */
  | 'apiDescription'
  /** Holds the Open311 clients' key digests. */
  | 'open311Clients';

export interface EntryPoint {
  /** File name under `functions/aws/entries/` (without `.ts`) and the function's logical name. */
  name: string;
  kind: 'http' | 'task' | 'job';
  /** For HTTP entries: the `handler` of the routes it serves. */
  route?: RouteSpec['handler'];
  /** For task entries: the ASL DefinitionSubstitution that names it. */
  substitution?: string;
  uses: readonly Resource[];
  /** Seconds; the API waits at most 30. */
  timeout: number;
  memoryMb: number;
}

const COMMITS: readonly Resource[] = ['tableRead', 'tableWrite', 'completeWait', 'city'];

export const ENTRY_POINTS: readonly EntryPoint[] = [
  { name: 'health', kind: 'http', route: 'health', uses: [], timeout: 3, memoryMb: 256 },
  { name: 'intake', kind: 'http', route: 'intake', uses: [...COMMITS, 'startExecution', 'boundaries'], timeout: 29, memoryMb: 1024 },
  { name: 'get-case', kind: 'http', route: 'getCase', uses: ['tableRead', 'city'], timeout: 29, memoryMb: 1024 },
  // A reopened duplicate starts a new line of executions: `act` may start one.
  { name: 'act', kind: 'http', route: 'act', uses: [...COMMITS, 'startExecution'], timeout: 29, memoryMb: 1024 },
  { name: 'inbox', kind: 'http', route: 'inbox', uses: ['tableRead', 'city'], timeout: 29, memoryMb: 1024 },
  { name: 'board', kind: 'http', route: 'board', uses: ['tableRead', 'city'], timeout: 29, memoryMb: 1024 },
  { name: 'appraisal', kind: 'http', route: 'appraisal', uses: ['tableRead', 'city'], timeout: 29, memoryMb: 1024 },
  { name: 'openapi', kind: 'http', route: 'openapi', uses: ['apiUrl', 'apiDescription'], timeout: 10, memoryMb: 512 },
  { name: 'docs', kind: 'http', route: 'docs', uses: ['apiUrl', 'apiDescription'], timeout: 10, memoryMb: 512 },
  { name: 'follow', kind: 'http', route: 'follow', uses: ['tableRead', 'city'], timeout: 29, memoryMb: 1024 },
  { name: 'rate', kind: 'http', route: 'rate', uses: [...COMMITS, 'startExecution'], timeout: 29, memoryMb: 1024 },
  { name: 'board-summary', kind: 'http', route: 'boardSummary', uses: ['tableRead', 'city'], timeout: 29, memoryMb: 1024 },
  { name: 'board-map', kind: 'http', route: 'boardMap', uses: ['tableRead', 'city'], timeout: 29, memoryMb: 1024 },
  { name: 'escalations', kind: 'http', route: 'escalations', uses: ['tableRead', 'city'], timeout: 29, memoryMb: 1024 },
  { name: 'city-directory', kind: 'http', route: 'cityDirectory', uses: ['city'], timeout: 10, memoryMb: 1024 },
  { name: 'city-outlines', kind: 'http', route: 'cityOutlines', uses: ['city', 'boundaries'], timeout: 10, memoryMb: 1024 },
  { name: 'case-actions', kind: 'http', route: 'caseActions', uses: ['tableRead', 'city'], timeout: 29, memoryMb: 1024 },
  { name: 'open311', kind: 'http', route: 'open311', uses: [...COMMITS, 'startExecution', 'apiUrl', 'open311Clients', 'boundaries'], timeout: 29, memoryMb: 1024 },
  { name: 'route-case', kind: 'task', substitution: 'RouteCaseFunctionArn', uses: [...COMMITS, 'startExecution', 'boundaries'], timeout: 60, memoryMb: 1024 },
  // The workflow's own steps that wait and answer: they bring the projection up to date without waking the
  // workflow, so they carry no Step Functions client (`service-without-workflow.ts`).
  { name: 'await-change', kind: 'task', substitution: 'AwaitChangeFunctionArn', uses: ['tableRead', 'tableWrite', 'city', 'notify'], timeout: 120, memoryMb: 1024 },
  { name: 'apply-milestone', kind: 'task', substitution: 'ApplyMilestoneFunctionArn', uses: COMMITS, timeout: 60, memoryMb: 1024 },
  { name: 'finish', kind: 'task', substitution: 'FinishFunctionArn', uses: ['tableRead', 'tableWrite', 'city', 'notify'], timeout: 120, memoryMb: 1024 },
  { name: 'hand-over', kind: 'task', substitution: 'HandOverFunctionArn', uses: ['startExecution'], timeout: 30, memoryMb: 256 },
  { name: 'reconcile', kind: 'job', uses: ['tableRead', 'startExecution', 'readExecutions'], timeout: 900, memoryMb: 1024 },
  { name: 'digest', kind: 'job', uses: ['tableRead', 'notify', 'city'], timeout: 300, memoryMb: 1024 },
];
