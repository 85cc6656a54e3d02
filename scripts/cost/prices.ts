/**
 * Prices in USD, us-east-1, on-demand, without free tiers, as published on the AWS pricing pages listed
 * with each in 2025 (this machine has no network: check them before budgeting; other regions differ by
 * up to ~30 %, and the China regions are priced in CNY by their operators).
 */
export const PRICES = {
  /** https://aws.amazon.com/step-functions/pricing/ — Standard workflows, per state transition. */
  stepFunctionsTransition: 0.025 / 1000,
  /** https://aws.amazon.com/lambda/pricing/ — Arm, per GB-second (first tier). */
  lambdaArmGbSecond: 0.0000133334,
  /** https://aws.amazon.com/lambda/pricing/ — per request. */
  lambdaRequest: 0.2 / 1_000_000,
  /** https://aws.amazon.com/dynamodb/pricing/on-demand/ — per write request unit (since the November 2024 reduction). */
  dynamoWriteUnit: 0.625 / 1_000_000,
  /** https://aws.amazon.com/dynamodb/pricing/on-demand/ — per read request unit. */
  dynamoReadUnit: 0.125 / 1_000_000,
  /** https://aws.amazon.com/dynamodb/pricing/on-demand/ — table storage per GB-month, and continuous backups (PITR). */
  dynamoStorageGbMonth: 0.25,
  dynamoPitrGbMonth: 0.2,
  /** https://aws.amazon.com/sns/pricing/ — API requests (Publish), per request. */
  snsRequest: 0.5 / 1_000_000,
  /** https://aws.amazon.com/sns/pricing/ — email notifications, per delivery. */
  snsEmail: 2 / 100_000,
  /**
   * https://aws.amazon.com/end-user-messaging/pricing/ — SMS is priced per destination country and
   * message part (plus carrier fees). A placeholder: pass your country's price with --sms-price.
   */
  smsMessage: 0.01,
  /** https://aws.amazon.com/api-gateway/pricing/ — HTTP APIs, per request (first 300 million a month). */
  httpApiRequest: 1 / 1_000_000,
  /** https://aws.amazon.com/cloudwatch/pricing/ — log ingestion per GB (Lambda, API access logs, Step Functions ALL). */
  logsIngestGb: 0.5,
} as const;

/** What the model assumes where nothing measures it; each can be changed on the command line. */
export const ASSUMPTIONS = {
  /** Share of cases by path: most are handled in time; some are returned and arbitrated; a few climb the whole ladder. */
  mix: { happy: 0.85, returned: 0.1, ladder: 0.05 },
  /** API reads per case by people (case views, inbox and board listings that show it), besides the actions. */
  readsPerCase: 12,
  /** Billed Lambda duration per invocation (ms) at the functions' 1,024 MB; cold starts add their init. */
  lambdaMs: 120,
  lambdaMemoryGb: 1,
  /** Share of invocations that are cold starts, and the init they bill (ms; see npm run bench:bundles). */
  coldShare: 0.02,
  coldInitMs: 500,
  /** Bytes logged per Step Functions history event (level ALL with execution data) and per Lambda invocation. */
  stateLogBytes: 1500,
  lambdaLogBytes: 1200,
  /** Days a case stays open on average (how many are open when the reconciler and digest list them). */
  daysOpen: 7,
  /** Size of an open case's entry in the open-case index, which the reconciler reads every run (KB). */
  openIndexEntryKb: 4,
  /** Kept cases (the table keeps every case): months of cases held, for storage. */
  monthsKept: 24,
} as const;
