import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group/index.js';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role/index.js';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy/index.js';
import { LambdaFunction } from '@cdktf/provider-aws/lib/lambda-function/index.js';
import {
  bundleExtensions,
  findBundleFile,
  handlerInBundle,
  type ResolvedFunctionSpec,
  splitHandler,
} from '@switchboard/manifest';
import { AssetType, Lazy, TerraformAsset } from 'cdktf';
import { Construct } from 'constructs';
import type { LogRetentionDays } from '../config/environments.js';
import { BundleNotFoundError, ConfigError } from '../errors.js';
import {
  assumeRolePolicy,
  logWriteStatement,
  type PolicyStatement,
  policyDocument,
  xrayWriteStatement,
} from '../iam.js';
import type { Naming } from '../naming.js';

/**
 * Lambda runtime of every function. The AWS provider accepts `nodejs24.x` from v6.19 (its SDK
 * enum gained it); the bindings here are generated for provider 6.25.0, which the stack pins.
 */
export const LAMBDA_RUNTIME = 'nodejs24.x';

export interface HandlerFunctionProps {
  /**
   * The manifest function as `@switchboard/manifest` resolves it (`resolveFunctions`): its
   * timeout and memory with the defaults applied, its bundle folder and handler.
   */
  fn: ResolvedFunctionSpec;
  /** Folder the manifest's `handler` paths are relative to (the manifest's folder). */
  baseDir: string;
  naming: Naming;
  /** @default 'arm64' */
  architecture?: 'arm64' | 'x86_64';
  logRetentionDays: LogRetentionDays;
  /** Reserved concurrency (also its ceiling). @default unreserved */
  reservedConcurrency?: number;
  /** X-Ray active tracing. @default false */
  tracing?: boolean;
}

/** Where a manifest function's bundle lives and what Lambda's `handler` setting must be. */
export function locateBundle(
  fn: Pick<ResolvedFunctionSpec, 'name' | 'handler' | 'bundleDir'>,
  baseDir: string,
) {
  const bundleDir = resolve(baseDir, fn.bundleDir);
  // The whole folder is uploaded: a handler at the manifest's root would ship every function.
  if (bundleDir === resolve(baseDir)) {
    throw new ConfigError(`functions.${fn.name}.handler: "${fn.handler}" must sit in its own folder`);
  }
  if (!existsSync(bundleDir) || !statSync(bundleDir).isDirectory()) {
    throw new BundleNotFoundError(fn.name, bundleDir, 'no such folder');
  }
  if (!findBundleFile(baseDir, fn.handler)) {
    // The module's file name inside the folder; it may itself contain dots (index.min).
    const file = splitHandler(handlerInBundle(fn.handler)).modulePath;
    const names = bundleExtensions.map((ext) => `${file}${ext}`);
    throw new BundleNotFoundError(
      fn.name,
      bundleDir,
      `no ${names.slice(0, -1).join(', ')} or ${names.at(-1)}`,
    );
  }
  return { bundleDir, lambdaHandler: handlerInBundle(fn.handler) };
}

/**
 * One manifest function: its bundle folder as a Terraform archive asset, a role that can write
 * its own log group and nothing else until granted, and a log group with retention.
 * Environment and grants can be added after construction, because the API and the workflow that
 * supply them are built from the functions.
 */
export class HandlerFunction extends Construct {
  readonly manifestName: string;
  readonly functionName: string;
  readonly arn: string;
  readonly invokeArn: string;
  readonly roleName: string;
  readonly lambda: LambdaFunction;
  readonly role: IamRole;
  readonly logGroup: CloudwatchLogGroup;
  private readonly environment: Record<string, string>;

  constructor(scope: Construct, id: string, props: HandlerFunctionProps) {
    super(scope, id);
    const { fn, naming } = props;
    this.manifestName = fn.name;
    this.functionName = naming.name('function', fn.name);
    // Set by the stack once the table, API and workflows that supply the values exist.
    this.environment = {};

    this.logGroup = new CloudwatchLogGroup(this, 'logs', {
      name: naming.name('lambdaLogGroup', fn.name),
      retentionInDays: props.logRetentionDays,
    });
    this.role = new IamRole(this, 'role', {
      name: naming.name('role', fn.name),
      assumeRolePolicy: assumeRolePolicy('lambda.amazonaws.com'),
    });
    this.roleName = this.role.name;
    const logsPolicy = this.addPolicy('logs', [logWriteStatement(this.logGroup.arn)]);
    if (props.tracing) this.addPolicy('xray', [xrayWriteStatement]);
    this.lambda = this.createFunction(props, [this.logGroup, logsPolicy]);
    this.arn = this.lambda.arn;
    this.invokeArn = this.lambda.invokeArn;
  }

  /** Adds (or overrides) an environment variable; the last value set wins. */
  addEnvironment(name: string, value: string): void {
    this.environment[name] = value;
  }

  /** Attaches an inline policy to the function's role. */
  addPolicy(id: string, statements: readonly PolicyStatement[]): IamRolePolicy {
    return new IamRolePolicy(this, `policy-${id}`, {
      name: id,
      role: this.role.id,
      policy: policyDocument(statements),
    });
  }

  private createFunction(props: HandlerFunctionProps, dependsOn: [CloudwatchLogGroup, IamRolePolicy]) {
    const { bundleDir, lambdaHandler } = locateBundle(props.fn, props.baseDir);
    const bundle = new TerraformAsset(this, 'bundle', { path: bundleDir, type: AssetType.ARCHIVE });
    return new LambdaFunction(this, 'function', {
      functionName: this.functionName,
      role: this.role.arn,
      filename: bundle.path,
      // The content hash of the folder, not of the zip: the zip embeds file times, so hashing it
      // would update every function after each rebuild even when no byte of code changed.
      sourceCodeHash: bundle.assetHash,
      handler: lambdaHandler,
      runtime: LAMBDA_RUNTIME,
      architectures: [props.architecture ?? 'arm64'],
      timeout: props.fn.timeoutSeconds,
      memorySize: props.fn.memoryMb,
      environment: {
        // Resolved at synth time, after every addEnvironment call.
        variables: Lazy.anyValue({ produce: () => ({ ...this.environment }) }) as unknown as Record<
          string,
          string
        >,
      },
      loggingConfig: { logFormat: 'JSON', logGroup: this.logGroup.name },
      ...(props.reservedConcurrency !== undefined
        ? { reservedConcurrentExecutions: props.reservedConcurrency }
        : {}),
      ...(props.tracing ? { tracingConfig: { mode: 'Active' } } : {}),
      // The log group exists (with retention) and the role may write it before the first call.
      dependsOn,
    });
  }
}
