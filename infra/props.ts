/**
 * What a city decides when it embeds the platform (`new CivicLoop(stack, 'Platform', props)`). Everything
 * else — the table's safety settings, encryption, logging, tracing, least-privilege roles — is not a choice.
 */
import type { Duration, RemovalPolicy } from 'aws-cdk-lib';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';

export interface SmsSettings {
  /** 3-11 letters and digits, shown where the destination country supports sender IDs. */
  senderId?: string;
  /** An E.164 number the account owns (an origination identity), required for SMS in many countries. */
  originationNumber?: string;
  /** The language of SMS texts (email carries both); default Chinese. */
  language?: 'zh' | 'en';
  /**
   * The account's monthly SMS spend limit in USD, as set in SNS (it is an account setting, not a stack
   * resource; see docs/deploy.md). The spend alarm fires at 80 % of it. Default 1, the sandbox's limit.
   */
  monthlySpendLimitUsd?: number;
}

export interface ExternalIssuer {
  /** The issuer URL (`iss`), whose `/.well-known/openid-configuration` API Gateway reads. */
  issuer: string;
  /** Accepted `aud` (or `client_id`) values. */
  audience: string[];
}

export interface CustomDomain {
  domainName: string;
  /** An ACM certificate for the name, in the stack's region. */
  certificateArn: string;
}

export interface Open311Client {
  clientName: string;
  /** SHA-256 (hex) of the client's api_key: `printf %s "$KEY" | sha256sum`. The key itself is never deployed. */
  keySha256: string;
}

export interface CivicLoopProps {
  /** The city configuration file (JSON or YAML); validated in full at synth. */
  cityFile: string;
  /** SMS delivery settings; email goes to per-recipient topics built from the city's contacts. */
  sms?: SmsSettings;
  /** Who hears of alarms: email addresses (confirmed by each recipient) and E.164 phone numbers. */
  alarmContacts?: { emails?: string[]; phones?: string[] };
  /** Serve the API on the city's own name instead of the execute-api URL. */
  customDomain?: CustomDomain;
  /**
   * What happens to the data (table, keys, logs) when the stack is deleted: RETAIN by default, so deleting
   * the stack never deletes cases. DESTROY is for throwaway test stacks only (the table also has deletion
   * protection, which must be turned off first).
   */
  removalPolicy?: RemovalPolicy;
  /** Use the city's own identity provider instead of the Cognito user pool this construct creates. */
  externalIssuer?: ExternalIssuer;
  /** Origins allowed to call the API from a browser (the console's URL). Default: none. */
  corsOrigins?: string[];
  /** Open311 clients and their key digests. */
  open311Clients?: Open311Client[];
  /** Stage-wide throttling; default 100 requests/s with bursts of 200. */
  throttle?: { rateLimit: number; burstLimit: number };
  /** When the supervisors' digest is sent, in the city's time zone (cron hour and minute); default 08:00. */
  digestAt?: { hour: number; minute: number };
  /** How often the reconciler looks for unsupervised cases; default every 15 minutes. */
  reconcileEvery?: Duration;
  /** How long logs are kept; default one year. */
  logRetention?: RetentionDays;
  /** Email topics per nested stack (each with its policy and subscriptions): CloudFormation allows 500 resources a stack. Default 100. */
  topicsPerNestedStack?: number;
}
