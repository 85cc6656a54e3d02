/* eslint-disable @typescript-eslint/no-unsafe-return -- the template is untyped JSON; the assertions say what shape it must have */
/**
 * What the synthesized template promises, beyond cdk-nag: the safety settings issue 5 lists, least
 * privilege, the alias, the routes of the route table, the schedules and alarms. One synth for the file.
 */
import { Match, Template } from 'aws-cdk-lib/assertions';
import { Stack } from 'aws-cdk-lib';
import { describe, expect, it } from 'vitest';
import { tableDefinition } from '../../functions/adapters/dynamodb/table.js';
import { ENTRY_POINTS } from '../../functions/aws/entry-points.js';
import { topicsOfCity } from '../../functions/aws/topics.js';
import { tinyCity } from '../../functions/domain/testing/tiny-city.js';
import { ROUTES } from '../../functions/http/routes.js';
import { testStack } from './stack.fixture.js';

type Resource = { Type: string; Properties: Record<string, any>; DeletionPolicy?: string };

const { stack } = testStack();
const template = Template.fromStack(stack);
const nested = stack.platform.topics.stacks.map((s) => Template.fromStack(s));
const all = [template, ...nested];
const resources = (type: string): Resource[] => all.flatMap((t) => Object.values(t.findResources(type)) as Resource[]);
const allFunctions = Object.values(template.findResources('AWS::Lambda::Function')) as Resource[];
/** The platform's own functions; the one other is aws-cdk-lib's handler that deploys the console (see console-wiring.test.ts). */
const functions = allFunctions.filter((fn) => String(fn.Properties.Description).startsWith('Civic Loop '));
/** Policies of aws-cdk-lib's console deployment handler, whose S3 grants the construct writes (acknowledged in infra/nag.ts). */
const consoleDeployment = stack.getLogicalId(stack.platform.console!.deploymentRole.node.defaultChild as never);
const isConsoleDeployment = (r: Resource) => JSON.stringify(r.Properties.Roles ?? []).includes(`"${consoleDeployment}"`);
const stateMachineName = stack.platform.supervision.name;

describe('the synthesized stack', () => {
  it('has one function per entry point, every one on ARM64 and nodejs24.x, traced, in its own encrypted log group', () => {
    expect(functions).toHaveLength(ENTRY_POINTS.length);
    expect(allFunctions).toHaveLength(ENTRY_POINTS.length + 1);
    for (const fn of functions) {
      expect(fn.Properties.Architectures).toEqual(['arm64']);
      expect(fn.Properties.Runtime).toBe('nodejs24.x');
      expect(fn.Properties.TracingConfig).toEqual({ Mode: 'Active' });
      expect(fn.Properties.LoggingConfig?.LogGroup).toBeDefined();
    }
    for (const group of resources('AWS::Logs::LogGroup')) expect(group.Properties.KmsKeyId, JSON.stringify(group.Properties)).toBeDefined();
  });

  it('grants no IAM statement of the platform a `*` action, and no function a managed policy', () => {
    const documents = [...resources('AWS::IAM::Policy').filter((r) => !isConsoleDeployment(r)), ...resources('AWS::IAM::Role')].flatMap((r) => [r.Properties.PolicyDocument, ...(r.Properties.Policies ?? []).map((p: any) => p.PolicyDocument)].filter(Boolean));
    const actions = documents.flatMap((doc: any) => doc.Statement.flatMap((s: any) => [s.Action].flat()));
    expect(actions.length).toBeGreaterThan(50);
    expect(actions.filter((action: string) => action.includes('*'))).toEqual([]);
    for (const role of resources('AWS::IAM::Role').filter((r) => JSON.stringify(r.Properties.AssumeRolePolicyDocument).includes('lambda.amazonaws.com'))) {
      expect(role.Properties.ManagedPolicyArns).toBeUndefined();
    }
  });

  it('gives each function only the environment and permissions its entry point uses', () => {
    const byDescription = new Map(functions.map((fn) => [String(fn.Properties.Description), fn]));
    for (const entry of ENTRY_POINTS) {
      const fn = byDescription.get(`Civic Loop ${entry.kind} ${entry.name}`);
      expect(fn, entry.name).toBeDefined();
      const env = Object.keys(fn!.Properties.Environment.Variables as object);
      const uses = new Set(entry.uses);
      expect(env.includes('TABLE_NAME'), entry.name).toBe(uses.has('tableRead') || uses.has('tableWrite'));
      expect(env.includes('CITY_FILE'), entry.name).toBe(uses.has('city'));
      expect(env.includes('NOTICE_TOPIC_ARN_PREFIX'), entry.name).toBe(uses.has('notify'));
      expect(env.includes('API_URL'), entry.name).toBe(uses.has('apiUrl'));
    }
    const policyOf = (name: string) => {
      const role = stack.platform.functions.get(name).role!;
      const logicalId = stack.getLogicalId(role.node.findChild('DefaultPolicy').node.defaultChild as never);
      return JSON.stringify(template.toJSON().Resources[logicalId].Properties.PolicyDocument);
    };
    // Readers cannot write; only the notifying functions may publish; the health check touches nothing.
    expect(policyOf('inbox')).not.toContain('dynamodb:PutItem');
    expect(policyOf('intake')).toContain('dynamodb:PutItem');
    expect(policyOf('intake')).not.toContain('sns:Publish');
    expect(policyOf('await-change')).toContain('sns:Publish');
    expect(policyOf('health')).not.toMatch(/dynamodb|states:|sns:/);
    expect(policyOf('hand-over')).toMatch(/states:StartExecution/);
    expect(policyOf('hand-over')).not.toMatch(/dynamodb/);
  });

  it('has the keys and every index the DynamoDB adapter queries, as the local runtime creates them', () => {
    const local = tableDefinition('civic-loop-cases');
    template.hasResourceProperties('AWS::DynamoDB::GlobalTable', {
      KeySchema: [
        { AttributeName: 'pk', KeyType: 'HASH' },
        { AttributeName: 'sk', KeyType: 'RANGE' },
      ],
      GlobalSecondaryIndexes: Match.arrayWith(
        // Each index projects what the local table's does (the adapter reads those attributes from the index).
        (local.GlobalSecondaryIndexes ?? []).map((index) => Match.objectLike({ IndexName: index.IndexName, Projection: index.Projection })),
      ),
    });
    const [table] = resources('AWS::DynamoDB::GlobalTable');
    expect(table?.Properties.GlobalSecondaryIndexes).toHaveLength(local.GlobalSecondaryIndexes?.length ?? 0);
    // No TTL: nothing the store writes expires (intake claims must outlive every retry; docs/data-model.md).
    expect(table?.Properties.TimeToLiveSpecification).toBeUndefined();
  });

  it('keeps the table safe: PITR, deletion protection, a customer-managed key, retained', () => {
    template.hasResource('AWS::DynamoDB::GlobalTable', {
      DeletionPolicy: 'Retain',
      Properties: Match.objectLike({
        Replicas: [Match.objectLike({ PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true }, DeletionProtectionEnabled: true })],
        SSESpecification: { SSEEnabled: true, SSEType: 'KMS' },
      }),
    });
    template.hasResourceProperties('AWS::KMS::Key', { EnableKeyRotation: true });
  });

  it('makes an encrypted, TLS-only email topic per recipient with addresses, subscribed with exactly those addresses', () => {
    const expected = topicsOfCity(tinyCity());
    const topics = resources('AWS::SNS::Topic');
    // The recipients' topics and the alarm topic.
    expect(topics).toHaveLength(expected.length + 1);
    for (const topic of topics) expect(topic.Properties.KmsMasterKeyId).toBeDefined();
    const policies = resources('AWS::SNS::TopicPolicy');
    expect(policies).toHaveLength(topics.length);
    for (const policy of policies) {
      expect(policy.Properties.PolicyDocument.Statement).toContainEqual(
        expect.objectContaining({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
      );
    }
    const emails = resources('AWS::SNS::Subscription').filter((s) => s.Properties.Protocol === 'email').map((s) => s.Properties.Endpoint as string);
    expect(emails.sort()).toEqual([...expected.flatMap((t) => t.emails), 'it@city.example.org'].sort());
    const names = topics.map((t) => t.Properties.TopicName).filter(Boolean);
    expect(names.sort()).toEqual(expected.map((t) => `CivicLoop-Platform-${t.suffix}`).sort());
  });

  it('runs supervision as a Standard machine, logged at ALL to an encrypted group, traced, with a published version and the alias `live`', () => {
    template.hasResourceProperties('AWS::StepFunctions::StateMachine', {
      StateMachineName: stateMachineName,
      StateMachineType: 'STANDARD',
      LoggingConfiguration: Match.objectLike({ Level: 'ALL', IncludeExecutionData: true }),
      TracingConfiguration: { Enabled: true },
    });
    template.hasResource('AWS::StepFunctions::StateMachineVersion', { DeletionPolicy: 'Retain' });
    template.hasResourceProperties('AWS::StepFunctions::StateMachineAlias', {
      Name: 'live',
      RoutingConfiguration: [{ StateMachineVersionArn: { 'Fn::GetAtt': [Match.anyValue(), 'Arn'] }, Weight: 100 }],
    });
  });

  it('starts executions through the alias: the functions hold its ARN, built from the machine’s own name', () => {
    const intake = functions.find((fn) => fn.Properties.Description === 'Civic Loop http intake')!;
    const arn = JSON.stringify(stack.resolve(intake.Properties.Environment.Variables.STATE_MACHINE_ALIAS_ARN));
    expect(arn).toContain(`:stateMachine:${stateMachineName}:live`);
  });

  it('serves exactly the route table, with the JWT authorizer where it says jwt', () => {
    const routes = Object.values(template.findResources('AWS::ApiGatewayV2::Route')) as Resource[];
    expect(routes.map((r) => r.Properties.RouteKey).sort()).toEqual(ROUTES.map((r) => `${r.method} ${r.path}`).sort());
    for (const route of ROUTES) {
      const made = routes.find((r) => r.Properties.RouteKey === `${route.method} ${route.path}`)!;
      expect(made.Properties.AuthorizationType ?? 'NONE', route.path).toBe(route.auth === 'jwt' ? 'JWT' : 'NONE');
    }
    template.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', { AuthorizerType: 'JWT', IdentitySource: ['$request.header.Authorization'] });
  });

  it('throttles the stage, logs access, and allows the console origin', () => {
    template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      DefaultRouteSettings: Match.objectLike({ ThrottlingRateLimit: 100, ThrottlingBurstLimit: 200 }),
      AccessLogSettings: Match.objectLike({ DestinationArn: Match.anyValue() }),
    });
    const distribution = stack.getLogicalId(stack.platform.console!.distribution.node.defaultChild as never);
    template.hasResourceProperties('AWS::ApiGatewayV2::Api', {
      CorsConfiguration: Match.objectLike({ AllowOrigins: ['https://console.city.example.org', { 'Fn::Join': ['', ['https://', { 'Fn::GetAtt': [distribution, 'DomainName'] }]] }] }),
    });
  });

  it('gives every role of the platform a Cognito group, and sign-in MFA', () => {
    const groups = Object.values(template.findResources('AWS::Cognito::UserPoolGroup')) as Resource[];
    expect(groups.map((g) => g.Properties.GroupName).sort()).toEqual(['admin', 'citizen', 'dispatcher', 'gridWorker', 'supervisor', 'unitHead', 'unitStaff'].sort());
    template.hasResourceProperties('AWS::Cognito::UserPool', {
      MfaConfiguration: 'ON',
      Schema: Match.arrayWith([Match.objectLike({ Name: 'unitId' }), Match.objectLike({ Name: 'scopeUnitId' })]),
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
    });
  });

  it('schedules the digest in the city’s time zone and the reconciler, each with a dead-letter queue', () => {
    template.hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: 'cron(0 8 * * ? *)',
      ScheduleExpressionTimezone: tinyCity().calendar.timeZone,
      Target: Match.objectLike({ DeadLetterConfig: { Arn: Match.anyValue() } }),
    });
    template.hasResourceProperties('AWS::Scheduler::Schedule', { ScheduleExpression: 'rate(15 minutes)', Target: Match.objectLike({ DeadLetterConfig: { Arn: Match.anyValue() } }) });
    // The scheduled functions' failures go to a queue after Lambda's retries.
    const configs = Object.values(template.findResources('AWS::Lambda::EventInvokeConfig')) as Resource[];
    expect(configs).toHaveLength(2);
    for (const config of configs) expect(config.Properties.DestinationConfig.OnFailure.Destination).toBeDefined();
  });

  it('alarms on failed supervisions, function errors and throttles, queues, and SMS, all to the alarm topic', () => {
    const alarms = Object.values(template.findResources('AWS::CloudWatch::Alarm')) as Resource[];
    const metrics = alarms.map((a) => a.Properties.MetricName);
    for (const name of ['ExecutionsFailed', 'ExecutionsTimedOut', 'ExecutionsAborted', 'NumberOfNotificationsFailed', 'SMSMonthToDateSpentUSD', 'ApproximateNumberOfMessagesVisible']) expect(metrics).toContain(name);
    expect(metrics.filter((m) => m === 'Errors')).toHaveLength(ENTRY_POINTS.length);
    expect(metrics.filter((m) => m === 'Throttles')).toHaveLength(ENTRY_POINTS.length);
    const alarmTopic = stack.getLogicalId(stack.platform.monitoring.alarmTopic.node.defaultChild as never);
    for (const alarm of alarms) expect(alarm.Properties.AlarmActions).toEqual([{ Ref: alarmTopic }]);
    template.resourceCountIs('AWS::CloudWatch::Dashboard', 1);
  });

  it('outputs what an operator needs after the deploy', () => {
    const outputs = Object.keys(template.toJSON().Outputs as object);
    for (const name of ['ApiUrl', 'StateMachineAliasArn', 'UserPoolId', 'ConsoleUrl', 'AlarmTopicArn']) expect(outputs.some((o) => o.includes(name)), name).toBe(true);
    expect(Stack.of(stack.platform).region).toBe('ap-east-1');
  });
});
