/**
 * The HTTP API: exactly the routes of `functions/http/routes.ts`, each integrated with its function, the JWT
 * authorizer on the `jwt` routes, stage-wide throttling, access logs to an encrypted log group, CORS for the
 * console, and optionally the city's own domain name.
 */
import { Duration, Lazy, type RemovalPolicy } from 'aws-cdk-lib';
import {
  CorsHttpMethod,
  DomainName,
  HttpApi,
  HttpMethod,
  HttpStage,
  LogGroupLogDestination,
  type HttpRoute,
} from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import { Certificate } from 'aws-cdk-lib/aws-certificatemanager';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { ROUTES, type RouteSpec } from '../functions/http/routes.js';
import type { CustomDomain, ExternalIssuer } from './props.js';

export interface PlatformApiProps {
  issuer: ExternalIssuer;
  /** Origins browsers may call the API from; more can be added by `allowOrigin` (the console's, once it exists). */
  corsOrigins: string[];
  /** Whether to answer CORS preflights at all; default: when `corsOrigins` is not empty. */
  cors?: boolean;
  throttle: { rateLimit: number; burstLimit: number };
  customDomain?: CustomDomain;
  logsKey: IKey;
  logRetention: RetentionDays;
  removalPolicy: RemovalPolicy;
}

export class PlatformApi extends Construct {
  readonly api: HttpApi;
  readonly stage: HttpStage;
  readonly accessLogs: LogGroup;
  readonly routes: HttpRoute[] = [];
  /** The URL clients and the OpenAPI document use: the city's name when it has one, else the execute-api URL. */
  readonly url: string;
  private readonly authorizer: HttpJwtAuthorizer;
  private readonly origins: string[];

  constructor(scope: Construct, id: string, props: PlatformApiProps) {
    super(scope, id);
    this.origins = [...props.corsOrigins];
    const cors = props.cors ?? props.corsOrigins.length > 0;
    this.api = new HttpApi(this, 'Api', {
      description: 'Civic Loop: intake, actions, queries, citizen tracking, Open311',
      createDefaultStage: false,
      // With a custom domain, the execute-api URL is turned off so every caller goes through the one name.
      disableExecuteApiEndpoint: props.customDomain !== undefined,
      ...(cors
        ? {
            corsPreflight: {
              // Read when the template is rendered, so the console's CloudFront origin can be added after the
              // API exists (the console's config needs the API's URL first).
              allowOrigins: Lazy.list({ produce: () => this.origins }),
              allowMethods: [CorsHttpMethod.GET, CorsHttpMethod.POST, CorsHttpMethod.OPTIONS],
              allowHeaders: ['authorization', 'content-type', 'idempotency-key'],
              exposeHeaders: ['retry-after', 'location'],
              maxAge: Duration.hours(1),
            },
          }
        : {}),
    });
    this.accessLogs = new LogGroup(this, 'AccessLogs', { encryptionKey: props.logsKey, retention: props.logRetention, removalPolicy: props.removalPolicy });
    const domain = props.customDomain
      ? new DomainName(this, 'Domain', { domainName: props.customDomain.domainName, certificate: Certificate.fromCertificateArn(this, 'Certificate', props.customDomain.certificateArn) })
      : undefined;
    this.stage = new HttpStage(this, 'Stage', {
      httpApi: this.api,
      stageName: '$default',
      autoDeploy: true,
      throttle: props.throttle,
      accessLogSettings: {
        destination: new LogGroupLogDestination(this.accessLogs),
        format: AccessLogFormat.custom(
          JSON.stringify({
            requestId: '$context.requestId',
            ip: '$context.identity.sourceIp',
            requestTime: '$context.requestTime',
            routeKey: '$context.routeKey',
            status: '$context.status',
            latency: '$context.responseLatency',
            integrationError: '$context.integrationErrorMessage',
            authorizerError: '$context.authorizer.error',
            sub: '$context.authorizer.claims.sub',
          }),
        ),
      },
      ...(domain ? { domainMapping: { domainName: domain } } : {}),
    });
    this.authorizer = new HttpJwtAuthorizer('Jwt', props.issuer.issuer, { jwtAudience: props.issuer.audience, identitySource: ['$request.header.Authorization'] });
    this.url = props.customDomain ? `https://${props.customDomain.domainName}` : this.api.apiEndpoint;
  }

  /** Lets browsers call the API from this origin (`https://host`, no path), e.g. the console's. */
  allowOrigin(origin: string): void {
    this.origins.push(origin);
  }

  /**
   * The routes, once the functions exist (the functions need the API's URL first). Every route of the
   * table, with the authorizer where it says `jwt`.
   */
  addRoutes(handlers: Record<RouteSpec['handler'], IFunction>): void {
    const { authorizer } = this;
    const integrations = new Map<RouteSpec['handler'], HttpLambdaIntegration>();
    for (const route of ROUTES) {
      let integration = integrations.get(route.handler);
      if (!integration) {
        integration = new HttpLambdaIntegration(`${route.handler}-integration`, handlers[route.handler]);
        integrations.set(route.handler, integration);
      }
      this.routes.push(
        ...this.api.addRoutes({
          path: route.path,
          methods: [route.method === 'ANY' ? HttpMethod.ANY : HttpMethod[route.method]],
          integration,
          ...(route.auth === 'jwt' ? { authorizer } : {}),
        }),
      );
    }
  }
}
