/**
 * The console inside `CivicLoop`: one `cdk deploy` serves it (private bucket, CloudFront with origin access
 * control), its config.json names the stack's own API and hosted login, the Cognito client returns to it,
 * the API's CORS lets it in, and none of that closes a dependency cycle CloudFormation would refuse. Also:
 * turned off, with an external issuer, with the API on the city's own domain, and unbuilt.
 */
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, Stack, Token } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { platformPropsFromContext } from '../../infra/app.js';
import { CivicLoop, loginDomainPrefix } from '../../infra/civic-loop.js';
import { assertConsoleBuilt, originOf } from '../../infra/console-site.js';
import type { CivicLoopProps } from '../../infra/props.js';
import { ENV, testStack, tinyCityFile } from './stack.fixture.js';

type Resource = { Type: string; Properties: Record<string, any>; DependsOn?: string | string[] };

/** Every logical id a value refers to (Ref, Fn::GetAtt, Fn::Sub's ${X} and ${X.Attr}), pseudo parameters aside. */
function references(value: unknown, into = new Set<string>()): Set<string> {
  if (Array.isArray(value)) value.forEach((v) => references(v, into));
  else if (value && typeof value === 'object') {
    for (const [key, inner] of Object.entries(value)) {
      if (key === 'Ref' && typeof inner === 'string') into.add(inner);
      else if (key === 'Fn::GetAtt') into.add(Array.isArray(inner) ? String(inner[0]) : String(inner).split('.')[0]!);
      else if (key === 'Fn::Sub') {
        const text = Array.isArray(inner) ? String(inner[0]) : String(inner);
        for (const match of text.matchAll(/\$\{([^}.!]+)[^}]*\}/g)) into.add(match[1]!);
        if (Array.isArray(inner)) references(inner[1], into);
      } else references(inner, into);
    }
  }
  return into;
}

/** A dependency cycle between the template's resources, if there is one (CloudFormation refuses such a template). */
function cycleIn(template: { Resources: Record<string, Resource> }): string[] | undefined {
  const ids = new Set(Object.keys(template.Resources));
  const edges = new Map<string, string[]>();
  for (const [id, resource] of Object.entries(template.Resources)) {
    const on = new Set([...references(resource.Properties ?? {}), ...[resource.DependsOn ?? []].flat()]);
    edges.set(id, [...on].filter((other) => ids.has(other)));
  }
  const state = new Map<string, 'visiting' | 'done'>();
  const path: string[] = [];
  const visit = (id: string): string[] | undefined => {
    if (state.get(id) === 'done') return undefined;
    if (state.get(id) === 'visiting') return [...path.slice(path.indexOf(id)), id];
    state.set(id, 'visiting');
    path.push(id);
    for (const next of edges.get(id) ?? []) {
      const cycle = visit(next);
      if (cycle) return cycle;
    }
    path.pop();
    state.set(id, 'done');
    return undefined;
  };
  for (const id of ids) {
    const cycle = visit(id);
    if (cycle) return cycle;
  }
  return undefined;
}

const resourcesOf = (template: Template, type: string): Resource[] => Object.values(template.findResources(type)) as Resource[];

/** The config.json the deployment writes: its asset in the cloud assembly, with CloudFormation values as markers. */
function deployedConfig(app: App, template: Template): { config: any; markers: Record<string, unknown> } {
  const assembly = app.synth();
  const files = readdirSync(assembly.directory, { recursive: true, encoding: 'utf8' }).filter((path) => path.endsWith('config.json'));
  expect(files).toHaveLength(1);
  const entry = resourcesOf(template, 'Custom::CDKBucketDeployment').find((d) => d.Properties.DistributionPaths !== undefined)!;
  const markers = Object.assign({}, ...(entry.Properties.SourceMarkers as Record<string, unknown>[])) as Record<string, unknown>;
  return { config: JSON.parse(readFileSync(join(assembly.directory, files[0]!), 'utf8')), markers };
}

describe('the console in the default stack', () => {
  const { app, stack } = testStack();
  const template = Template.fromStack(stack);
  const site = stack.platform.console!;
  const id = (construct: { node: { defaultChild?: unknown } }) => stack.getLogicalId(construct.node.defaultChild as never);
  const distribution = id(site.distribution);
  const consoleOrigin = { 'Fn::Join': ['', ['https://', { 'Fn::GetAtt': [distribution, 'DomainName'] }]] };
  const consoleUrl = { 'Fn::Join': ['', ['https://', { 'Fn::GetAtt': [distribution, 'DomainName'] }, '/']] };

  it('serves it from a private, encrypted, TLS-only bucket through CloudFront with origin access control', () => {
    template.resourceCountIs('AWS::CloudFront::Distribution', 1);
    template.resourceCountIs('AWS::CloudFront::CloudFrontOriginAccessIdentity', 0);
    const [oac] = Object.keys(template.findResources('AWS::CloudFront::OriginAccessControl'));
    template.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({
        DefaultRootObject: 'index.html',
        Origins: [Match.objectLike({ DomainName: { 'Fn::GetAtt': [id(site.bucket), 'RegionalDomainName'] }, OriginAccessControlId: { 'Fn::GetAtt': [oac, 'Id'] } })],
        DefaultCacheBehavior: Match.objectLike({ ViewerProtocolPolicy: 'redirect-to-https' }),
      }),
    });
    template.hasResource('AWS::S3::Bucket', {
      DeletionPolicy: 'Retain',
      Properties: Match.objectLike({
        PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
        BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
      }),
    });
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      Bucket: { Ref: id(site.bucket) },
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
          Match.objectLike({ Effect: 'Allow', Principal: { Service: 'cloudfront.amazonaws.com' }, Action: 's3:GetObject', Condition: { StringEquals: { 'AWS:SourceArn': Match.anyValue() } } }),
        ]),
      },
    });
    const policy = resourcesOf(template, 'AWS::S3::BucketPolicy').find((p) => JSON.stringify(p.Properties.Bucket) === JSON.stringify({ Ref: id(site.bucket) }))!;
    // Only this distribution may read (the source ARN names it).
    expect(JSON.stringify(policy.Properties.PolicyDocument)).toContain(`{"Ref":"${distribution}"}`);
  });

  it('registers the console as the Cognito client’s redirect and sign-out URL, with the code flow only', () => {
    template.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      AllowedOAuthFlows: ['code'],
      AllowedOAuthFlowsUserPoolClient: true,
      AllowedOAuthScopes: ['openid', 'profile', 'email'],
      CallbackURLs: [consoleUrl],
      LogoutURLs: [consoleUrl],
      SupportedIdentityProviders: ['COGNITO'],
      GenerateSecret: false,
    });
    template.hasResourceProperties('AWS::Cognito::UserPoolDomain', { Domain: { 'Fn::Join': ['', ['civicloop-platform-', { Ref: 'AWS::AccountId' }]] } });
  });

  it('allows the console’s origin in the API’s CORS, beside the origins given', () => {
    template.hasResourceProperties('AWS::ApiGatewayV2::Api', { CorsConfiguration: Match.objectLike({ AllowOrigins: ['https://console.city.example.org', consoleOrigin] }) });
  });

  it('writes config.json with the stack’s API, hosted login and client, returning to the console', () => {
    const { config, markers } = deployedConfig(app, template);
    const fill = (text: string) => text.replace(/<<marker:0xbaba:\d+>>/g, (marker) => `{${JSON.stringify(markers[marker])}}`);
    const login = `https://{${JSON.stringify({ Ref: id(stack.platform.users!.domain!) })}}.auth.ap-east-1.amazoncognito.com`;
    const client = `{${JSON.stringify({ Ref: id(stack.platform.users!.client) })}}`;
    const site = `https://{${JSON.stringify({ 'Fn::GetAtt': [distribution, 'DomainName'] })}}/`;
    expect(fill(config.apiUrl)).toBe(`{${JSON.stringify({ 'Fn::GetAtt': [id(stack.platform.api.api), 'ApiEndpoint'] })}}`);
    expect({ ...config.auth, authorizeUrl: fill(config.auth.authorizeUrl), tokenUrl: fill(config.auth.tokenUrl), clientId: fill(config.auth.clientId), redirectUri: fill(config.auth.redirectUri), logoutUrl: fill(config.auth.logoutUrl) }).toEqual({
      mode: 'oidc',
      authorizeUrl: `${login}/oauth2/authorize`,
      tokenUrl: `${login}/oauth2/token`,
      clientId: client,
      scope: 'openid profile email',
      useToken: 'id_token',
      redirectUri: site,
      logoutUrl: `${login}/logout?client_id=${client}&logout_uri=${site}`,
    });
  });

  it('lets the page reach the region’s execute-api hosts and the hosted login only', () => {
    const [headers] = resourcesOf(template, 'AWS::CloudFront::ResponseHeadersPolicy');
    const csp = JSON.stringify(headers!.Properties.ResponseHeadersPolicyConfig.SecurityHeadersConfig.ContentSecurityPolicy.ContentSecurityPolicy);
    expect(csp).toContain("connect-src 'self' https://*.execute-api.ap-east-1.");
    expect(csp).toContain(`.auth.ap-east-1.amazoncognito.com; object-src 'none'`);
    expect(csp).toContain(`form-action 'self' https://",{"Ref":"${id(stack.platform.users!.domain!)}"}`);
    // The exact API host would close a cycle (API CORS -> distribution -> CSP -> API).
    expect(csp).not.toContain(id(stack.platform.api.api));
  });

  it('has no dependency cycle among its resources', () => {
    expect(cycleIn(template.toJSON() as never)).toBeUndefined();
  });

  it('deploys the build with a handler role of its own, no managed policy, logging to an encrypted group', () => {
    const role = resourcesOf(template, 'AWS::IAM::Role').find((r) => r.Properties.Description === 'Civic Loop console: copies the build into the site bucket')!;
    expect(role.Properties.ManagedPolicyArns).toBeUndefined();
    const [handler] = resourcesOf(template, 'AWS::Lambda::Function').filter((fn) => !String(fn.Properties.Description).startsWith('Civic Loop '));
    expect(handler!.Properties.Role).toEqual({ 'Fn::GetAtt': [id(site.deploymentRole), 'Arn'] });
    expect(handler!.Properties.LoggingConfig.LogGroup).toBeDefined();
    template.hasResourceProperties('AWS::Logs::LogGroup', { KmsKeyId: { 'Fn::GetAtt': [id(stack.platform.keys.logs), 'Arn'] }, RetentionInDays: 365 });
  });

  it('outputs the console’s URL', () => {
    const outputs = template.toJSON().Outputs as Record<string, { Value: unknown }>;
    const output = Object.entries(outputs).find(([key]) => key.includes('ConsoleUrl'));
    expect(output?.[1].Value).toEqual(consoleUrl);
  });
});

describe('the console turned off', () => {
  const { stack } = testStack({ console: { enabled: false }, corsOrigins: [] });
  const template = Template.fromStack(stack);

  it('leaves out the site, the hosted login and the OAuth flows, and CORS when no origin is given', () => {
    expect(stack.platform.console).toBeUndefined();
    for (const type of ['AWS::CloudFront::Distribution', 'AWS::S3::Bucket', 'Custom::CDKBucketDeployment', 'AWS::Cognito::UserPoolDomain']) template.resourceCountIs(type, 0);
    const [client] = resourcesOf(template, 'AWS::Cognito::UserPoolClient');
    expect(client!.Properties.AllowedOAuthFlows).toBeUndefined();
    expect(client!.Properties.CallbackURLs).toBeUndefined();
    const [api] = resourcesOf(template, 'AWS::ApiGatewayV2::Api');
    expect(api!.Properties.CorsConfiguration).toBeUndefined();
  });
});

describe('the console with an external issuer', () => {
  const issuer = { issuer: 'https://id.city.example.org', audience: ['civic-console'] };

  it('stops synth with what to give when the issuer has no console login', () => {
    expect(() => testStack({ externalIssuer: issuer })).toThrow(/externalIssuer\.consoleLogin must give its authorizeUrl, tokenUrl and clientId.*console: \{ enabled: false \}/);
  });

  it('signs in at the issuer: its endpoints in config.json and the CSP, no Cognito', () => {
    const consoleLogin = { authorizeUrl: 'https://id.city.example.org/oauth2/authorize', tokenUrl: 'https://token.city.example.org/oauth2/token', clientId: 'civic-console' };
    const { app, stack } = testStack({ externalIssuer: { ...issuer, consoleLogin } });
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::Cognito::UserPool', 0);
    template.resourceCountIs('AWS::CloudFront::Distribution', 1);
    const { config } = deployedConfig(app, template);
    expect(config.auth).toMatchObject({ mode: 'oidc', ...consoleLogin });
    const [headers] = resourcesOf(template, 'AWS::CloudFront::ResponseHeadersPolicy');
    const csp = JSON.stringify(headers!.Properties.ResponseHeadersPolicyConfig.SecurityHeadersConfig.ContentSecurityPolicy.ContentSecurityPolicy);
    expect(csp).toContain('https://token.city.example.org;');
    expect(csp).toContain("form-action 'self' https://id.city.example.org");
    expect(cycleIn(template.toJSON() as never)).toBeUndefined();
  });
});

describe('the console with the API on the city’s own domain', () => {
  it('names exactly that origin in the CSP', () => {
    const { stack } = testStack({ customDomain: { domainName: 'api.12345.city.example.org', certificateArn: 'arn:aws:acm:ap-east-1:123456789012:certificate/abc' } });
    const template = Template.fromStack(stack);
    const [headers] = resourcesOf(template, 'AWS::CloudFront::ResponseHeadersPolicy');
    const csp = JSON.stringify(headers!.Properties.ResponseHeadersPolicyConfig.SecurityHeadersConfig.ContentSecurityPolicy.ContentSecurityPolicy);
    expect(csp).toContain("connect-src 'self' https://api.12345.city.example.org https://");
    expect(csp).not.toContain('execute-api');
    expect(cycleIn(template.toJSON() as never)).toBeUndefined();
  });
});

describe('an unbuilt console', () => {
  it('stops synth saying how to build it or leave it out', () => {
    const empty = mkdtempSync(join(tmpdir(), 'no-console-'));
    expect(() => assertConsoleBuilt(empty)).toThrow(/not built.*npm run build:console.*console: \{ enabled: false \}.*-c console=false/s);
    const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
    const stack = new Stack(app, 'CivicLoop', { env: ENV });
    const props: CivicLoopProps = { cityFile: tinyCityFile(), console: { distDir: empty } };
    expect(() => new CivicLoop(stack, 'Platform', props)).toThrow(/The console is not built/);
  });
});

describe('helpers', () => {
  it('reads -c console=false as the console turned off, and deploys it otherwise', () => {
    expect(platformPropsFromContext(new App({ context: { console: 'false' } })).console).toEqual({ enabled: false });
    expect(platformPropsFromContext(new App()).console).toBeUndefined();
  });

  it('makes a Cognito domain prefix without reserved words, ending in the account id', () => {
    const stack = new Stack(new App(), 'S', { env: ENV });
    expect(stack.resolve(loginDomainPrefix('CivicLoop', 'Platform'))).toEqual({ 'Fn::Join': ['', ['civicloop-platform-', { Ref: 'AWS::AccountId' }]] });
    expect(stack.resolve(loginDomainPrefix('MyAwsCognitoStack', 'Amazon_Site'))).toEqual({ 'Fn::Join': ['', ['mystack-site-', { Ref: 'AWS::AccountId' }]] });
  });

  it('takes the origin of a URL made of CloudFormation values', () => {
    expect(originOf('https://api.example.org/v1/x')).toBe('https://api.example.org');
    const stack = new Stack(new App(), 'S', { env: ENV });
    const url = `https://${Token.asString({ Ref: 'Domain' })}.auth.ap-east-1.amazoncognito.com/oauth2/token`;
    expect(stack.resolve(originOf(url))).toEqual({ 'Fn::Join': ['', ['https://', { Ref: 'Domain' }, '.auth.ap-east-1.amazoncognito.com']] });
  });
});
