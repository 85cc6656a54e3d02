/**
 * What a city decides when it embeds the platform (`new CivicLoop(stack, 'Platform', props)`). Everything
 * else — the table's safety settings, encryption, logging, tracing, least-privilege roles — is not a choice.
 */
import type { Duration, RemovalPolicy } from 'aws-cdk-lib';
import type { PriceClass } from 'aws-cdk-lib/aws-cloudfront';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { IBucket } from 'aws-cdk-lib/aws-s3';

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
  /**
   * How the console signs people in at this issuer (OIDC authorization code with PKCE, a public client).
   * Required while the console is on: synth stops with an error without it, since nothing here can read
   * the issuer's discovery document (synth is offline). Register the stack's `ConsoleUrl` output (with
   * a trailing `/`) as the client's redirect and sign-out URL at the issuer.
   */
  consoleLogin?: ConsoleLogin;
}

/** The endpoints and client the console's sign-in uses (written to its config.json). */
export interface ConsoleLogin {
  /** The authorization endpoint, e.g. `https://id.city.example.org/oauth2/authorize`. */
  authorizeUrl: string;
  /** The token endpoint; the console exchanges the code there from the browser (CORS must allow the console). */
  tokenUrl: string;
  /** The public client's id (no secret); it must be in `audience` when the console sends ID tokens. */
  clientId: string;
  /** Default `openid profile email`. */
  scope?: string;
  /** Which token the console sends to the API: the one carrying the claims the API reads. Default `id_token`. */
  useToken?: 'id_token' | 'access_token';
  /** Where "sign out" sends the browser, if the issuer has such an endpoint. */
  logoutUrl?: string;
}

/** The command-centre console (S3 + CloudFront), deployed with the platform unless turned off. */
export interface ConsoleOptions {
  /** Default true: one `cdk deploy` serves the console too. `false` leaves out the site and the hosted login. */
  enabled?: boolean;
  /**
   * The built console; default console/dist. `npm run synth` (infra/app.ts) and the tests build it when it is
   * missing or stale; a stack of a city's own must build it first (`npm run build:console`), else synth stops
   * with an error saying so.
   */
  distDir?: string;
  /**
   * With the platform's Cognito pool: the hosted login's domain prefix, `https://<prefix>.auth.<region>.amazoncognito.com`,
   * unique in the region across all AWS accounts (lower-case letters, digits, hyphens; not containing
   * `aws`, `amazon` or `cognito`). Default `<stack name>-<construct id>-<account id>`, made to fit.
   */
  loginDomainPrefix?: string;
  /** How often the board refreshes, in seconds; default 5. */
  pollSeconds?: number;
  /** Default PRICE_CLASS_ALL (Hong Kong and Taipei edges are only in the full class). */
  priceClass?: PriceClass;
  /** A bucket for CloudFront's viewer logs (ACLs enabled, as CloudFront's standard logging needs); default none. */
  accessLogs?: IBucket;
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
  /**
   * Origins allowed to call the API from a browser besides the deployed console, whose CloudFront origin
   * is always allowed (e.g. a console hosted elsewhere, or a custom domain in front of it). Default: none.
   */
  corsOrigins?: string[];
  /** The command-centre console: on by default; `{ enabled: false }` to leave it out. */
  console?: ConsoleOptions;
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
