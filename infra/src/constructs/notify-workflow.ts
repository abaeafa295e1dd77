import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group/index.js';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role/index.js';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy/index.js';
import { SfnStateMachine } from '@cdktf/provider-aws/lib/sfn-state-machine/index.js';
import type { StateMachineSpec } from '@switchboard/manifest';
import { Construct } from 'constructs';
import type { EnvConfig, LogRetentionDays } from '../config/environments.js';
import {
  assumeRolePolicy,
  logDeliveryActions,
  type PolicyStatement,
  policyDocument,
  xrayWriteStatement,
} from '../iam.js';
import type { Naming } from '../naming.js';
import { resolveWorkflow } from '../workflow-definition.js';
import type { HandlerFunction } from './handler-function.js';

/** Partition, account and Region: what an ARN is built from. */
export interface AwsScope {
  partition: string;
  accountId: string;
  region: string;
}

export interface NotifyWorkflowProps {
  /** The state machine's key in the manifest (`notify`). */
  manifestName: string;
  spec: StateMachineSpec;
  /** Every manifest function, by manifest name: the ASL's placeholders name them. */
  functions: ReadonlyMap<string, HandlerFunction>;
  naming: Naming;
  scope: AwsScope;
  logLevel: EnvConfig['workflowLogLevel'];
  logRetentionDays: LogRetentionDays;
  /** X-Ray tracing of executions. @default false */
  tracing?: boolean;
}

/**
 * A manifest state machine (the notify workflow: DoWork, GetConn, Notify) with the real Lambda
 * ARNs in its definition, a role that may invoke exactly those functions, and execution logs.
 */
export class NotifyWorkflow extends Construct {
  readonly manifestName: string;
  readonly stateMachineName: string;
  /**
   * The ARN, built from partition, Region, account and name rather than read from the resource.
   * Functions get it in their environment, and the workflow references functions: with the
   * resource attribute, a function that is both a task of the workflow and given its ARN would
   * make a Terraform dependency cycle (function -> state machine -> function).
   */
  readonly stateMachineArn: string;
  /** The resource's own `arn` attribute, for outputs (equal to `stateMachineArn`). */
  readonly resourceArn: string;
  readonly invokedFunctions: readonly string[];
  readonly stateMachine: SfnStateMachine;
  readonly role: IamRole;
  readonly logGroup: CloudwatchLogGroup | undefined;

  constructor(scope: Construct, id: string, props: NotifyWorkflowProps) {
    super(scope, id);
    const { naming, scope: aws } = props;
    this.manifestName = props.manifestName;
    this.stateMachineName = naming.name('stateMachine', props.manifestName);
    this.stateMachineArn = `arn:${aws.partition}:states:${aws.region}:${aws.accountId}:stateMachine:${this.stateMachineName}`;
    const resolved = resolveWorkflow(
      props.manifestName,
      props.spec.definition,
      (fn) => props.functions.get(fn)?.arn,
    );
    this.invokedFunctions = resolved.invokedFunctions;

    this.role = new IamRole(this, 'role', {
      name: naming.name('role', 'workflow', props.manifestName),
      assumeRolePolicy: assumeRolePolicy('states.amazonaws.com'),
    });
    this.logGroup =
      props.logLevel === 'OFF'
        ? undefined
        : new CloudwatchLogGroup(this, 'logs', {
            name: naming.name('workflowLogGroup', props.manifestName),
            retentionInDays: props.logRetentionDays,
          });
    const statements = this.roleStatements(props);
    // IAM rejects a policy without statements (a workflow with no task and no logs needs none).
    const policy = statements.length
      ? new IamRolePolicy(this, 'policy', {
          name: 'workflow',
          role: this.role.id,
          policy: policyDocument(statements),
        })
      : undefined;
    this.stateMachine = new SfnStateMachine(this, 'state-machine', {
      name: this.stateMachineName,
      // EXPRESS for the fan-out (short, frequent, at-least-once); STANDARD unless the manifest says.
      type: props.spec.type ?? 'STANDARD',
      roleArn: this.role.arn,
      definition: resolved.definition,
      ...(this.logGroup
        ? {
            loggingConfiguration: {
              level: props.logLevel,
              includeExecutionData: props.logLevel === 'ALL',
              logDestination: `${this.logGroup.arn}:*`,
            },
          }
        : {}),
      ...(props.tracing ? { tracingConfiguration: { enabled: true } } : {}),
      // Step Functions checks the role's permissions when the machine is created.
      dependsOn: policy ? [policy] : [],
    });
    this.resourceArn = this.stateMachine.arn;
  }

  /** Lets a function start executions of this state machine (and nothing else). */
  grantStartExecution(fn: HandlerFunction): void {
    fn.addPolicy(`start-${this.manifestName}`, [
      { sid: 'StartWorkflow', actions: ['states:StartExecution'], resources: [this.stateMachineArn] },
    ]);
  }

  private roleStatements(props: NotifyWorkflowProps): PolicyStatement[] {
    const statements: PolicyStatement[] = [];
    const arns = this.invokedFunctions.map((name) => props.functions.get(name)!.arn);
    if (arns.length) {
      statements.push({ sid: 'InvokeTasks', actions: ['lambda:InvokeFunction'], resources: arns });
    }
    if (this.logGroup) {
      // Step Functions delivers logs through the CloudWatch Logs delivery APIs, which take no
      // resource: "*" is the only value AWS accepts for them.
      statements.push({ sid: 'DeliverLogs', actions: [...logDeliveryActions], resources: ['*'] });
    }
    if (props.tracing) statements.push(xrayWriteStatement);
    return statements;
  }
}
