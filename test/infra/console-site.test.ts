/** The console's static site in a synthesized template: private bucket behind CloudFront with OAC, headers, config.json. */
import { mkdtempSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { ConsoleSite, connectSources, type ConsoleSiteConfig } from '../../infra/console-site.js';

/** A stand-in build: the construct needs files to deploy, not a real console. */
function fakeDist(): string {
  const dir = mkdtempSync(join(tmpdir(), 'console-dist-'));
  mkdirSync(join(dir, 'assets'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>x</title>');
  writeFileSync(join(dir, 'assets', 'index-abc.js'), 'export {};');
  return dir;
}

const config: ConsoleSiteConfig = {
  apiUrl: 'https://api.kaifeng.example.cn/',
  auth: {
    mode: 'oidc',
    authorizeUrl: 'https://login.kaifeng.example.cn/oauth2/authorize',
    tokenUrl: 'https://login.kaifeng.example.cn/oauth2/token',
    clientId: 'console-client',
  },
  pollSeconds: 10,
};

function synth(props: { removalPolicy?: RemovalPolicy } = {}) {
  process.env.CDK_VALIDATION = 'false';
  const app = new App();
  const stack = new Stack(app, 'ConsoleTest', { env: { account: '111111111111', region: 'ap-east-1' } });
  const site = new ConsoleSite(stack, 'Console', { config, distDir: fakeDist(), ...(props.removalPolicy ? { removalPolicy: props.removalPolicy } : {}) });
  return { template: Template.fromStack(stack), site, stack, app };
}

describe('the console site', () => {
  const { template, app } = synth();

  it('keeps the bucket private, encrypted, TLS-only and retained', () => {
    template.hasResource('AWS::S3::Bucket', {
      DeletionPolicy: 'Retain',
      Properties: Match.objectLike({
        PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
        BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
      }),
    });
    // No website hosting: only CloudFront reads it.
    const bucket = Object.values(template.findResources('AWS::S3::Bucket'))[0] as { Properties: Record<string, unknown> };
    expect(bucket.Properties.WebsiteConfiguration).toBeUndefined();
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
          Match.objectLike({ Effect: 'Allow', Principal: { Service: 'cloudfront.amazonaws.com' }, Action: 's3:GetObject', Condition: { StringEquals: { 'AWS:SourceArn': Match.anyValue() } } }),
        ]),
      },
    });
  });

  it('serves it through CloudFront with origin access control, HTTPS only, index.html at the root', () => {
    template.resourceCountIs('AWS::CloudFront::OriginAccessControl', 1);
    template.hasResourceProperties('AWS::CloudFront::OriginAccessControl', {
      OriginAccessControlConfig: Match.objectLike({ OriginAccessControlOriginType: 's3', SigningBehavior: 'always', SigningProtocol: 'sigv4' }),
    });
    template.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({
        DefaultRootObject: 'index.html',
        Origins: [Match.objectLike({ OriginAccessControlId: Match.anyValue(), S3OriginConfig: { OriginAccessIdentity: '' } })],
        DefaultCacheBehavior: Match.objectLike({ ViewerProtocolPolicy: 'redirect-to-https', AllowedMethods: ['GET', 'HEAD'], Compress: true }),
      }),
    });
    template.resourceCountIs('AWS::CloudFront::CloudFrontOriginAccessIdentity', 0);
  });

  it('sends a CSP that lets the page reach the API and the token endpoint only', () => {
    template.hasResourceProperties('AWS::CloudFront::ResponseHeadersPolicy', {
      ResponseHeadersPolicyConfig: Match.objectLike({
        SecurityHeadersConfig: Match.objectLike({
          ContentSecurityPolicy: {
            Override: true,
            ContentSecurityPolicy: Match.stringLikeRegexp(
              "default-src 'self'; script-src 'self'.*connect-src 'self' https://api.kaifeng.example.cn https://login.kaifeng.example.cn;.*frame-ancestors 'none'",
            ),
          },
          StrictTransportSecurity: Match.objectLike({ AccessControlMaxAgeSec: 31_536_000 }),
          FrameOptions: { FrameOption: 'DENY', Override: true },
        }),
      }),
    });
    expect(connectSources(config)).toEqual(['https://api.kaifeng.example.cn', 'https://login.kaifeng.example.cn']);
  });

  it('deploys the build with its config.json, entry files uncached and invalidated', () => {
    const deployments = Object.values(template.findResources('Custom::CDKBucketDeployment')) as { Properties: Record<string, unknown> }[];
    expect(deployments).toHaveLength(2);
    const entry = deployments.find((deployment) => deployment.Properties.DistributionPaths !== undefined)!;
    expect(entry.Properties.DistributionPaths).toEqual(['/index.html', '/config.json', '/']);
    expect(entry.Properties.SystemMetadata).toEqual({ 'cache-control': 'no-cache' });
    expect(entry.Properties.SourceObjectKeys).toHaveLength(2);
    // config.json travels as its own asset: read it from the cloud assembly.
    const assembly = app.synth();
    const configs = readdirSync(assembly.directory, { recursive: true, encoding: 'utf8' }).filter((path) => path.endsWith('config.json'));
    expect(configs).toHaveLength(1);
    expect(JSON.parse(readFileSync(join(assembly.directory, configs[0]!), 'utf8'))).toEqual(config);
    const assets = deployments.find((deployment) => deployment.Properties.DistributionPaths === undefined)!;
    expect(assets.Properties.SystemMetadata).toEqual({ 'cache-control': 'public, max-age=31536000, immutable' });
  });

  it('empties and deletes the bucket only when told to', () => {
    const { template: disposable } = synth({ removalPolicy: RemovalPolicy.DESTROY });
    disposable.hasResource('AWS::S3::Bucket', { DeletionPolicy: 'Delete' });
    expect(Object.keys(disposable.findResources('Custom::S3AutoDeleteObjects'))).toHaveLength(1);
    expect(Object.keys(template.findResources('Custom::S3AutoDeleteObjects'))).toHaveLength(0);
  });
});
