/**
 * The command-centre console as a static site: a private S3 bucket read only by CloudFront through origin
 * access control (no public bucket, no website endpoint), the built console (`npm run build:console` →
 * console/dist) deployed into it with its `config.json` (where the API is, how people sign in), and
 * security headers on every answer (a CSP that lets the page talk to the API and the login's token endpoint
 * and nothing else). Not wired into the stack here: the stack passes the API URL and the hosted-login
 * settings (see docs/console.md).
 */
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as s3deploy from 'aws-cdk-lib/aws-s3-deployment';
import { Construct } from 'constructs';
import { fileURLToPath } from 'node:url';

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
  config: ConsoleSiteConfig;
  /** The built console; default console/dist (build it first: `npm run build:console`). */
  distDir?: string;
  /** Default RETAIN: a stack deletion must not take a city's site with it unless it says so. */
  removalPolicy?: RemovalPolicy;
  /** CloudFront access logs, when the city keeps them (recommended). */
  logBucket?: s3.IBucket;
  /** Default PRICE_CLASS_ALL: mainland-adjacent edge locations (Hong Kong, Taipei) are only in the full class. */
  priceClass?: cloudfront.PriceClass;
}

const DEFAULT_DIST = fileURLToPath(new URL('../console/dist', import.meta.url));

/** The origins the page may fetch from: the API and the login's token endpoint, whatever their paths. */
export function connectSources(config: ConsoleSiteConfig): string[] {
  return [...new Set([config.apiUrl, config.auth.tokenUrl].map((url) => new URL(url).origin))];
}

export class ConsoleSite extends Construct {
  readonly bucket: s3.Bucket;
  readonly distribution: cloudfront.Distribution;
  /** `https://<distribution domain>`; register `<url>/` as the login client's callback and sign-out URL. */
  readonly url: string;

  constructor(scope: Construct, id: string, props: ConsoleSiteProps) {
    super(scope, id);
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
            `connect-src 'self' ${connectSources(props.config).join(' ')}`,
            "object-src 'none'",
            "base-uri 'self'",
            "frame-ancestors 'none'",
            `form-action 'self' ${new URL(props.config.auth.authorizeUrl).origin}`,
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

    const dist = props.distDir ?? DEFAULT_DIST;
    // Assets are named by content hash and cached for a year; index.html and config.json are re-read on
    // every load, so a deploy takes effect without waiting for caches (the invalidation covers CloudFront).
    new s3deploy.BucketDeployment(this, 'Assets', {
      destinationBucket: this.bucket,
      sources: [s3deploy.Source.asset(dist, { exclude: ['index.html', 'config.json'] })],
      cacheControl: [s3deploy.CacheControl.fromString('public, max-age=31536000, immutable')],
      prune: false,
      memoryLimit: 512,
    });
    new s3deploy.BucketDeployment(this, 'Entry', {
      destinationBucket: this.bucket,
      sources: [s3deploy.Source.asset(dist, { exclude: ['*', '!index.html'] }), s3deploy.Source.jsonData('config.json', props.config)],
      cacheControl: [s3deploy.CacheControl.noCache()],
      prune: false,
      distribution: this.distribution,
      distributionPaths: ['/index.html', '/config.json', '/'],
      memoryLimit: 512,
    });
  }
}
