/**
 * Who may call the API: a Cognito user pool made for the platform (the default), or the city's own OpenID
 * issuer. The API reads the claims `functions/http/principal.ts` names: the role from `cognito:groups`
 * (one group per role), the unit from `custom:unitId`, a dispatcher's or supervisor's territory from
 * `custom:scopeUnitId`. Cognito puts custom attributes in ID tokens only, so clients send the ID token.
 *
 * Safe by default: no self sign-up (an admin creates each account), strong passwords, MFA by
 * authenticator app required, Plus tier with threat protection enforced (compromised credentials and
 * risky sign-ins are blocked).
 */
import { Aws, Duration, Lazy, type RemovalPolicy } from 'aws-cdk-lib';
import {
  AccountRecovery,
  CfnUserPoolGroup,
  FeaturePlan,
  Mfa,
  OAuthScope,
  StandardThreatProtectionMode,
  UserPoolClientIdentityProvider,
  StringAttribute,
  UserPool,
  type UserPoolDomain,
  type UserPoolClient,
} from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import { ROLES } from '../functions/domain/city/schema.js';
import type { ConsoleLogin, ExternalIssuer } from './props.js';

export interface PlatformUsersProps {
  removalPolicy: RemovalPolicy;
  /**
   * The hosted login for the console (a Cognito domain with this prefix, and the authorization code flow
   * on the client); without it the client signs in with SRP only and has no OAuth flow at all.
   */
  hostedLogin?: { domainPrefix: string };
}

export class PlatformUsers extends Construct {
  readonly userPool: UserPool;
  readonly client: UserPoolClient;
  readonly issuer: ExternalIssuer;
  /** The hosted login's domain, when there is one. */
  readonly domain: UserPoolDomain | undefined;
  /** Redirect and sign-out URLs of the console client, given once the console exists (`addConsoleUrl`). */
  private readonly consoleUrls: string[] = [];

  constructor(scope: Construct, id: string, props: PlatformUsersProps) {
    super(scope, id);
    this.userPool = new UserPool(this, 'Pool', {
      selfSignUpEnabled: false,
      signInAliases: { username: true, email: true },
      signInCaseSensitive: false,
      customAttributes: {
        unitId: new StringAttribute({ mutable: true, maxLen: 80 }),
        scopeUnitId: new StringAttribute({ mutable: true, maxLen: 80 }),
      },
      passwordPolicy: { minLength: 12, requireLowercase: true, requireUppercase: true, requireDigits: true, requireSymbols: true, tempPasswordValidity: Duration.days(3) },
      mfa: Mfa.REQUIRED,
      mfaSecondFactor: { otp: true, sms: false },
      accountRecovery: AccountRecovery.EMAIL_ONLY,
      featurePlan: FeaturePlan.PLUS,
      standardThreatProtectionMode: StandardThreatProtectionMode.FULL_FUNCTION,
      deletionProtection: true,
      removalPolicy: props.removalPolicy,
    });
    for (const role of ROLES) {
      new CfnUserPoolGroup(this, `Group-${role}`, { userPoolId: this.userPool.userPoolId, groupName: role, description: `Civic Loop role ${role}` });
    }
    // The console signs in through the hosted login: authorization code with PKCE, a public client (no
    // secret in a browser), no implicit grant; tokens are short-lived. The redirect URLs are the console's
    // CloudFront URL, known only once the site exists: read when the template is rendered. They live on
    // the client, which the distribution does not reference, so no dependency cycle (only the CSP refers to
    // the login, through the domain).
    this.domain = props.hostedLogin ? this.userPool.addDomain('Login', { cognitoDomain: { domainPrefix: props.hostedLogin.domainPrefix } }) : undefined;
    const consoleUrls = Lazy.list({ produce: () => this.consoleUrls });
    this.client = this.userPool.addClient('Console', {
      authFlows: { userSrp: true },
      ...(props.hostedLogin
        ? {
            oAuth: { flows: { authorizationCodeGrant: true }, scopes: [OAuthScope.OPENID, OAuthScope.PROFILE, OAuthScope.EMAIL], callbackUrls: consoleUrls, logoutUrls: consoleUrls },
            supportedIdentityProviders: [UserPoolClientIdentityProvider.COGNITO],
          }
        : { disableOAuth: true }),
      generateSecret: false,
      preventUserExistenceErrors: true,
      idTokenValidity: Duration.hours(1),
      accessTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.days(1),
    });
    // amazonaws.com, or amazonaws.com.cn in the China regions.
    this.issuer = { issuer: `https://cognito-idp.${this.userPool.stack.region}.${Aws.URL_SUFFIX}/${this.userPool.userPoolId}`, audience: [this.client.userPoolClientId] };
    this.node.addValidation({
      validate: () => (this.domain && this.consoleUrls.length === 0 ? ['the hosted login has no console URL to return to: call addConsoleUrl()'] : []),
    });
  }

  /** Registers a console (its URL without a trailing slash) as the client's redirect and sign-out URL `<url>/`. */
  addConsoleUrl(url: string): void {
    this.consoleUrls.push(`${url}/`);
  }

  /** The console's sign-in settings at the hosted login (for its config.json). */
  consoleLogin(consoleUrl: string): ConsoleLogin {
    if (!this.domain) throw new Error('the user pool has no hosted login (PlatformUsers hostedLogin)');
    const base = this.domain.baseUrl();
    return {
      authorizeUrl: `${base}/oauth2/authorize`,
      tokenUrl: `${base}/oauth2/token`,
      clientId: this.client.userPoolClientId,
      scope: 'openid profile email',
      useToken: 'id_token',
      // Cognito signs out only to a registered sign-out URL, given exactly.
      logoutUrl: `${base}/logout?client_id=${this.client.userPoolClientId}&logout_uri=${consoleUrl}/`,
    };
  }
}
