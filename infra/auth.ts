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
import { Aws, Duration, type RemovalPolicy } from 'aws-cdk-lib';
import {
  AccountRecovery,
  CfnUserPoolGroup,
  FeaturePlan,
  Mfa,
  StandardThreatProtectionMode,
  StringAttribute,
  UserPool,
  type UserPoolClient,
} from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import { ROLES } from '../functions/domain/city/schema.js';
import type { ExternalIssuer } from './props.js';

export class PlatformUsers extends Construct {
  readonly userPool: UserPool;
  readonly client: UserPoolClient;
  readonly issuer: ExternalIssuer;

  constructor(scope: Construct, id: string, props: { removalPolicy: RemovalPolicy }) {
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
    // The console signs in with SRP (no client secret in a browser); tokens are short-lived.
    this.client = this.userPool.addClient('Console', {
      authFlows: { userSrp: true },
      generateSecret: false,
      preventUserExistenceErrors: true,
      idTokenValidity: Duration.hours(1),
      accessTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.days(1),
    });
    // amazonaws.com, or amazonaws.com.cn in the China regions.
    this.issuer = { issuer: `https://cognito-idp.${this.userPool.stack.region}.${Aws.URL_SUFFIX}/${this.userPool.userPoolId}`, audience: [this.client.userPoolClientId] };
  }
}
