/**
 * The command-centre console as a static site: a private S3 bucket read only by CloudFront through origin
 * access control (no public bucket, no website endpoint), the built console (`npm run build:console` →
 * console/dist) deployed into it with its `config.json` (where the API is, how people sign in), and
 * security headers on every answer (a CSP that lets the page talk to the API and the login's token endpoint
 * and nothing else). `CivicLoop` creates it with the API's URL and the hosted-login settings (see
 * docs/console.md); it can also stand alone in front of any API.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Duration, Lazy, RemovalPolicy, Token } from 'aws-cdk-lib';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import * as iam from 'aws-cdk-lib/aws-iam';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as s3deploy from 'aws-cdk-lib/aws-s3-deployment';
import { Construct } from 'constructs';

/** What the console reads from config.json (console/src/config.ts). */
export interface ConsoleSiteConfig {
  /** The HTTP API's base URL, e.g. `https://abc.execute-api.ap-east-1.amazonaws.com`. */
  apiUrl: string;
  auth: {
    mode: 'oidc';
    authorizeUrl: string;
    tokenUrl: string;
    clientId: string;
    scope?: string;
    redirectUri?: string;
    useToken?: 'id_token' | 'access_token';
    logoutUrl?: string;
  };
  pollSeconds?: number;
}

export interface ConsoleSiteProps {
  /** The config.json; or made from the site's own URL (`https://<distribution domain>`), e.g. for a sign-out URL that returns to it. */
  config: ConsoleSiteConfig | ((siteUrl: string) => ConsoleSiteConfig);
  /** The built console; default console/dist (build it first: `npm run build:console`). */
  distDir?: string;
  /** Default RETAIN: a stack deletion must not take a city's site with it unless it says so. */
  removalPolicy?: RemovalPolicy;
  /** CloudFront access logs, when the city keeps them (recommended). */
  logBucket?: s3.IBucket;
  /** Default PRICE_CLASS_ALL: mainland-adjacent edge locations (Hong Kong, Taipei) are only in the full class. */
  priceClass?: cloudfront.PriceClass;
  /**
   * The CSP source the page may fetch the API from; default the origin of `apiUrl`. `CivicLoop` gives a
   * pattern for an execute-api URL (`https://*.execute-api.<region>.amazonaws.com`): the exact host would
   * make the API (whose CORS names the distribution) and the distribution (whose CSP would name the API)
   * depend on each other, a cycle CloudFormation refuses.
   */
  apiSource?: string;
  /** The key of the deployment handler's log group (default: CloudWatch Logs' own encryption). */
  logsKey?: IKey;
  /** How long the deployment handler's logs are kept; default one year. */
  logRetention?: logs.RetentionDays;
}

/** Where `npm run build:console` (console/build.ts, Vite's outDir) puts the console. */
export const DEFAULT_CONSOLE_DIST = fileURLToPath(new URL('../console/dist', import.meta.url));

/**
 * `https://host[:port]` of a URL. Works on URLs holding CloudFormation tokens too (a token's text has no
 * `/`), so a URL made of a resource's attributes keeps them. A URL that is one CloudFormation value as a
 * whole (an API's `ApiEndpoint` attribute) is taken as it is: such attributes are origins.
 */
export function originOf(url: string): string {
  if (!Token.isUnresolved(url)) return new URL(url).origin;
  return /^https:\/\/[^/?#]+/.exec(url)?.[0] ?? url;
}

/** The origins the page may fetch from: the API (or `apiSource`) and the login's token endpoint, whatever their paths. */
export function connectSources(config: ConsoleSiteConfig, apiSource?: string): string[] {
  return [...new Set([apiSource ?? originOf(config.apiUrl), originOf(config.auth.tokenUrl)])];
}

/** Stops synth with what to do when the console has not been built. */
export function assertConsoleBuilt(dist: string): void {
  if (existsSync(join(dist, 'index.html'))) return;
  throw new Error(
    `The console is not built (${join(dist, 'index.html')} is missing). Run \`npm run build:console\` before synth ` +
      '(`npm run synth`, `cdk synth`/`deploy` through infra/app.ts and the tests build it when missing), ' +
      'or leave the console out: CivicLoop props `console: { enabled: false }`, or `-c console=false`.',
  );
}

export class ConsoleSite extends Construct {
  readonly bucket: s3.Bucket;
  readonly distribution: cloudfront.Distribution;
  /** `https://<distribution domain>`; register `<url>/` as the login client's callback and sign-out URL. */
  readonly url: string;
  /** The role of CDK's deployment handler (it copies the build into the bucket and invalidates the cache). */
  readonly deploymentRole: iam.Role;

  constructor(scope: Construct, id: string, props: ConsoleSiteProps) {
    super(scope, id);
    const dist = props.distDir ?? DEFAULT_CONSOLE_DIST;
    assertConsoleBuilt(dist);
    const removalPolicy = props.removalPolicy ?? RemovalPolicy.RETAIN;
    this.bucket = new s3.Bucket(this, 'Bucket', {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      versioned: true,
      removalPolicy,
      autoDeleteObjects: removalPolicy === RemovalPolicy.DESTROY,
    });

    // The config may need the site's URL, known once the distribution exists; the CSP is rendered from it later.
    let config = typeof props.config === 'function' ? undefined : props.config;
    const configured = (): ConsoleSiteConfig => {
      if (!config) throw new Error('unreachable: the config is made once the distribution exists');
      return config;
    };
    const connect = Lazy.string({ produce: () => connectSources(configured(), props.apiSource).join(' ') });
    const formAction = Lazy.string({ produce: () => originOf(configured().auth.authorizeUrl) });
    const headers = new cloudfront.ResponseHeadersPolicy(this, 'Headers', {
      comment: 'Civic Loop console: CSP and security headers',
      securityHeadersBehavior: {
        contentSecurityPolicy: {
          override: true,
          contentSecurityPolicy: [
            "default-src 'self'",
            "script-src 'self'",
            // Leaflet and ECharts position their elements with style attributes.
            "style-src 'self' 'unsafe-inline'",
            "img-src 'self' data: blob:",
            `connect-src 'self' ${connect}`,
            "object-src 'none'",
            "base-uri 'self'",
            "frame-ancestors 'none'",
            `form-action 'self' ${formAction}`,
          ].join('; '),
        },
        contentTypeOptions: { override: true },
        frameOptions: { frameOption: cloudfront.HeadersFrameOption.DENY, override: true },
        referrerPolicy: { referrerPolicy: cloudfront.HeadersReferrerPolicy.NO_REFERRER, override: true },
        strictTransportSecurity: { accessControlMaxAge: Duration.days(365), includeSubdomains: true, override: true },
      },
    });

    this.distribution = new cloudfront.Distribution(this, 'Distribution', {
      comment: 'Civic Loop command-centre console',
      defaultRootObject: 'index.html',
      httpVersion: cloudfront.HttpVersion.HTTP2_AND_3,
      priceClass: props.priceClass ?? cloudfront.PriceClass.PRICE_CLASS_ALL,
      ...(props.logBucket ? { enableLogging: true, logBucket: props.logBucket, logFilePrefix: 'console/' } : {}),
      defaultBehavior: {
        origin: origins.S3BucketOrigin.withOriginAccessControl(this.bucket),
        viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        allowedMethods: cloudfront.AllowedMethods.ALLOW_GET_HEAD,
        cachePolicy: cloudfront.CachePolicy.CACHING_OPTIMIZED,
        responseHeadersPolicy: headers,
        compress: true,
      },
    });
    this.url = `https://${this.distribution.distributionDomainName}`;
    if (typeof props.config === 'function') config = props.config(this.url);

    // CDK's deployment handler, with a role of its own (no managed policy: it writes only its own log
    // group, kept like the platform's) and the grants BucketDeployment adds: read the staged assets, write
    // this bucket, invalidate the distribution.
    const deployLogs = new logs.LogGroup(this, 'DeploymentLogs', {
      retention: props.logRetention ?? logs.RetentionDays.ONE_YEAR,
      removalPolicy,
      ...(props.logsKey ? { encryptionKey: props.logsKey } : {}),
    });
    this.deploymentRole = new iam.Role(this, 'DeploymentRole', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'), description: 'Civic Loop console: copies the build into the site bucket' });
    deployLogs.grantWrite(this.deploymentRole);
    const handler = { role: this.deploymentRole, logGroup: deployLogs, memoryLimit: 512 };
    // Assets are named by content hash and cached for a year; index.html and config.json are re-read on
    // every load, so a deploy takes effect without waiting for caches (the invalidation covers CloudFront).
    new s3deploy.BucketDeployment(this, 'Assets', {
      destinationBucket: this.bucket,
      sources: [s3deploy.Source.asset(dist, { exclude: ['index.html', 'config.json'] })],
      cacheControl: [s3deploy.CacheControl.fromString('public, max-age=31536000, immutable')],
      prune: false,
      ...handler,
    });
    new s3deploy.BucketDeployment(this, 'Entry', {
      destinationBucket: this.bucket,
      sources: [s3deploy.Source.asset(dist, { exclude: ['*', '!index.html'] }), s3deploy.Source.jsonData('config.json', configured())],
      cacheControl: [s3deploy.CacheControl.noCache()],
      prune: false,
      distribution: this.distribution,
      distributionPaths: ['/index.html', '/config.json', '/'],
      ...handler,
    });
  }
}
