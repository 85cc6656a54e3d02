/**
 * cdk-nag AwsSolutions findings this design accepts, each on the one construct it concerns, with the
 * reason. Nothing else may fail: `test/infra/nag.test.ts` synthesizes with the checks and fails on any
 * finding not listed here, and on any entry here that no longer matches a finding.
 */
import { type CfnElement, Stack, Validations } from 'aws-cdk-lib';
import type { Policy } from 'aws-cdk-lib/aws-iam';
import type { IConstruct } from 'constructs';
import { ENTRY_POINTS } from '../functions/aws/entry-points.js';
import { ROUTES } from '../functions/http/routes.js';
import type { CivicLoop } from './civic-loop.js';
import type { ConsoleSite } from './console-site.js';

export interface NagAcknowledgement {
  construct: IConstruct;
  /** The finding as the plugin names it, e.g. `AwsSolutions-IAM5[Resource::*]`. */
  finding: string;
  reason: string;
}

const XRAY = 'X-Ray PutTraceSegments/PutTelemetryRecords have no resource-level permissions (Resource must be *); added by Tracing.ACTIVE';

/** Why each public route needs no token: the route table says who may call it. */
const PUBLIC_ROUTES: Record<string, string> = {
  health: 'liveness probe: answers {status, version} and touches no data',
  openapi: 'the API description is public so that clients can read it before they have a token',
  docs: 'the API documentation page, public like the OpenAPI document it renders',
  follow: 'citizens follow their case without an account: the handler requires the case id and the last four digits of the reporter phone, and answers only the public timeline',
  rate: 'citizens rate the handling without an account: the handler checks the case id and the reporter phone digits, and accepts one rating in the callback stage only',
  open311: 'Open311 GeoReport v2 has its own model: reads are public, POST requires an api_key the handler checks against deployed SHA-256 digests',
};

export function nagAcknowledgements(platform: CivicLoop): NagAcknowledgement[] {
  const acks: NagAcknowledgement[] = [];
  for (const entry of ENTRY_POINTS) {
    const role = platform.functions.get(entry.name).role;
    if (!role) throw new Error(`function ${entry.name} has no role`);
    const notify = entry.uses.includes('notify');
    acks.push({
      construct: role,
      finding: 'AwsSolutions-IAM5[Resource::*]',
      reason: notify
        ? `${XRAY}; and sns:Publish straight to phone numbers (SMS) has no resource to name, so Publish is allowed on * for this notifying function only`
        : XRAY,
    });
    if (entry.uses.includes('readExecutions')) {
      acks.push({
        construct: role,
        finding: `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:states:<AWS::Region>:<AWS::AccountId>:execution:${platform.supervision.name}:*]`,
        reason: 'the reconciler describes executions of this one state machine by name (one per case, unknown at deploy time); DescribeExecution only',
      });
    }
  }
  acks.push({
    construct: platform.supervision.stateMachine.role,
    finding: 'AwsSolutions-IAM5[Resource::*]',
    reason: `${XRAY}; and the CloudWatch Logs delivery actions (logs:CreateLogDelivery and the like) that Step Functions logging needs, which have no resource-level permissions`,
  });
  const stack = Stack.of(platform);
  for (const name of ['reconcile', 'digest']) {
    const fn = platform.functions.get(name);
    const logicalId = stack.getLogicalId(fn.node.defaultChild as CfnElement);
    acks.push({
      construct: schedulerRoleFor(stack, logicalId),
      finding: `AwsSolutions-IAM5[Resource::<${logicalId}.Arn>:*]`,
      reason: `EventBridge Scheduler's LambdaInvoke target grants lambda:InvokeFunction on the ${name} function and on its qualified ARNs (versions, aliases); that one function only`,
    });
  }
  acks.push(
    { construct: platform.functions.failures, finding: 'AwsSolutions-SQS3', reason: 'this queue is itself the failure destination of the scheduled functions; a dead-letter queue of a dead-letter queue would only move the problem' },
    { construct: platform.jobs.undelivered, finding: 'AwsSolutions-SQS3', reason: 'this queue is itself the dead-letter queue of the EventBridge Scheduler targets' },
  );
  for (const route of ROUTES.filter((r) => r.auth === 'none')) {
    const reason = PUBLIC_ROUTES[route.handler];
    if (!reason) throw new Error(`route ${route.method} ${route.path} has no JWT authorizer and no reason in infra/nag.ts why it may be public`);
    const cfnRoute = platform.api.routes.find((r) => r.node.id === `${route.method}${route.path.replaceAll('/', '--')}`);
    if (!cfnRoute) throw new Error(`no route construct for ${route.method} ${route.path}`);
    acks.push({ construct: cfnRoute, finding: 'AwsSolutions-APIG4', reason: `public by design: ${reason}` });
  }
  if (platform.console) acks.push(...consoleAcknowledgements(platform.console, stack, platform.consoleAccessLogs));
  return acks;
}

/** The console site: a static, public, data-free site; CDK's own deployment handler. */
function consoleAcknowledgements(site: ConsoleSite, stack: Stack, accessLogs: boolean): NagAcknowledgement[] {
  const distribution = site.distribution;
  const acks: NagAcknowledgement[] = [
    {
      construct: distribution,
      finding: 'AwsSolutions-CFR1',
      reason: 'no geo restriction: the console is static code with no data in it, and staff sign in from wherever they work (on duty, on leave, travelling); the API behind the sign-in decides what anyone sees',
    },
    {
      construct: distribution,
      finding: 'AwsSolutions-CFR2',
      reason: 'no WAF web ACL on the console: it serves only static files (GET/HEAD, cached); every data request goes to the API, which is throttled and authorized; a CloudFront web ACL would also have to live in a us-east-1 stack of its own',
    },
    {
      construct: distribution,
      finding: 'AwsSolutions-CFR4',
      reason: 'the distribution uses the default *.cloudfront.net certificate, for which CloudFront fixes the minimum viewer protocol (TLSv1) and allows no other setting; raising it needs a custom domain with an ACM certificate in us-east-1',
    },
    {
      construct: site.bucket,
      finding: 'AwsSolutions-S1',
      reason: 'server access logs would record only CloudFront fetching through origin access control and the deployment writing the build: the bucket is private, blocked from public access, TLS-only, and read by this one distribution',
    },
  ];
  if (!accessLogs) {
    acks.push({
      construct: distribution,
      finding: 'AwsSolutions-CFR3',
      reason: 'viewer logs of the console are off unless the city gives a log bucket (console.accessLogs): the site is the same public static files for everyone, and every data request is logged by the API stage access logs',
    });
  }
  const deployment = 'CDK BucketDeployment copies the built console into the site bucket with `aws s3 sync`, granted by aws-cdk-lib';
  for (const [finding, reason] of [
    ['AwsSolutions-IAM5[Action::s3:GetObject*]', `${deployment}: object reads on the CDK asset bucket and the site bucket only`],
    ['AwsSolutions-IAM5[Action::s3:GetBucket*]', `${deployment}: bucket reads on the CDK asset bucket and the site bucket only`],
    ['AwsSolutions-IAM5[Action::s3:List*]', `${deployment}: listing the CDK asset bucket and the site bucket only (sync compares keys)`],
    ['AwsSolutions-IAM5[Action::s3:DeleteObject*]', `${deployment}: deleting objects of the site bucket only (replaced files)`],
    ['AwsSolutions-IAM5[Action::s3:Abort*]', `${deployment}: aborting its own multipart uploads to the site bucket only`],
    [`AwsSolutions-IAM5[Resource::<${stack.getLogicalId(site.bucket.node.defaultChild as CfnElement)}.Arn>/*]`, `${deployment}: the objects of the site bucket, whose keys are the build's file names`],
    ...assetBucketObjects(site, stack).map((resource) => [`AwsSolutions-IAM5[Resource::${resource}]`, `${deployment}: reading the staged build from the CDK bootstrap asset bucket (keys are content hashes)`] as const),
    ['AwsSolutions-IAM5[Resource::*]', `${deployment}: cloudfront:CreateInvalidation and GetInvalidation (only) on *, as the construct grants them, to refresh index.html and config.json after a deploy`],
  ] as const) {
    acks.push({ construct: site.deploymentRole, finding, reason });
  }
  const handler = stack.node.children.find((child) => child.node.id.startsWith('Custom::CDKBucketDeployment'));
  if (!handler) throw new Error('no BucketDeployment handler at the stack');
  acks.push({
    construct: handler,
    finding: 'AwsSolutions-L1',
    reason: 'the deployment handler is aws-cdk-lib\'s own (Python with the AWS CLI layer), its runtime chosen by the aws-cdk-lib version; it runs only during deploys and holds no platform code',
  });
  return acks;
}

/** The asset bucket's objects as the deployment role's policy names them, written the way cdk-nag writes a resource. */
function assetBucketObjects(site: ConsoleSite, stack: Stack): string[] {
  const policy = site.deploymentRole.node.tryFindChild('DefaultPolicy') as Policy | undefined;
  const document = stack.resolve(policy?.document) as { Statement: { Resource: unknown }[] };
  const render = (value: unknown): string => {
    if (typeof value === 'string') return value;
    const node = value as Record<string, unknown>;
    if ('Fn::Join' in node) {
      const [separator, parts] = node['Fn::Join'] as [string, unknown[]];
      return parts.map(render).join(separator);
    }
    if ('Ref' in node) return `<${String(node.Ref)}>`;
    if ('Fn::GetAtt' in node) return `<${(node['Fn::GetAtt'] as string[]).join('.')}>`;
    return JSON.stringify(value);
  };
  const resources = document.Statement.flatMap((statement) => [statement.Resource].flat().map(render));
  return [...new Set(resources.filter((resource) => resource.endsWith('/*') && resource.includes(':s3:::')))];
}

/** The role EventBridge Scheduler's LambdaInvoke target made at the stack for one function: the one whose policy names it. */
function schedulerRoleFor(stack: Stack, functionLogicalId: string): IConstruct {
  const role = stack.node.children.find(
    (child) => child.node.id.startsWith('SchedulerRoleForTarget-') && JSON.stringify(stack.resolve((child.node.tryFindChild('DefaultPolicy') as Policy | undefined)?.document)).includes(`"${functionLogicalId}"`),
  );
  if (!role) throw new Error(`no EventBridge Scheduler role invokes ${functionLogicalId}`);
  return role;
}

export function applyNagAcknowledgements(platform: CivicLoop): void {
  for (const ack of nagAcknowledgements(platform)) Validations.of(ack.construct).acknowledge({ id: `AwsSolutions::${ack.finding}`, reason: ack.reason });
}
