import {
  type EnvironmentSources,
  functionEnvironment,
  functionsGranted,
  type LoadedManifest,
  type Manifest,
  type Permission,
  permissionNames,
  resolveFunctions,
  routeTableOf,
} from '@switchboard/manifest';
import { TerraformOutput, TerraformStack } from 'cdktf';
import type { Construct } from 'constructs';
import { type AuthorizerPlan, planAuthorizer } from './auth.js';
import type { EnvConfig, Stage } from './config/environments.js';
import { ConnectionTable } from './constructs/connection-table.js';
import { CustomDomain } from './constructs/custom-domain.js';
import { fanOutEnvironment } from './constructs/fan-out-settings.js';
import { HandlerFunction } from './constructs/handler-function.js';
import { NotifyWorkflow } from './constructs/notify-workflow.js';
import { OperationalAlarms } from './constructs/operational-alarms.js';
import { type RouteTarget, WebSocketApi } from './constructs/websocket-api.js';
import { ConfigError, ManifestTranslationError } from './errors.js';
import { createNaming, type Naming } from './naming.js';
import { configureAwsProvider, configureBackend, readAwsScope } from './provider.js';

export { AWS_PROVIDER_VERSION } from './provider.js';

export interface SwitchboardStackProps {
  stage: Stage;
  config: EnvConfig;
  /** The handlers' manifest and the folder its bundles are relative to. */
  loaded: LoadedManifest;
}

/**
 * One environment: everything the manifest describes, deployed, with its alarms. Reads like its
 * table of contents; each step is a construct with readonly outputs. It owns nothing account-wide
 * (the bootstrap stack does) and references no other environment.
 */
export class SwitchboardStack extends TerraformStack {
  readonly naming: Naming;
  readonly tables: readonly ConnectionTable[];
  readonly functions: ReadonlyMap<string, HandlerFunction>;
  readonly workflows: readonly NotifyWorkflow[];
  readonly api: WebSocketApi;
  readonly customDomain: CustomDomain | undefined;
  readonly alarms: OperationalAlarms;

  constructor(scope: Construct, id: string, props: SwitchboardStackProps) {
    super(scope, id);
    const { config, stage } = props;
    const { manifest } = props.loaded;
    this.naming = createNaming(stage);
    configureAwsProvider(this, {
      region: config.region,
      accountIds: config.accountIds,
      tags: { app: 'switchboard', stage },
    });
    configureBackend(this, stage, config.state);
    const aws = readAwsScope(this, config.region);
    const authorizer = planAuthorizer(manifest, config.auth, stage);

    this.tables = manifest.tables.map(
      (definition) =>
        new ConnectionTable(this, `table-${definition.TableName}`, {
          definition,
          naming: this.naming,
          pointInTimeRecovery: config.pointInTimeRecovery,
          deletionProtection: config.deletionProtection,
        }),
    );
    this.functions = this.createFunctions(props);
    this.workflows = Object.entries(manifest.stateMachines ?? {}).map(
      ([name, spec]) =>
        new NotifyWorkflow(this, `workflow-${name}`, {
          manifestName: name,
          spec,
          functions: this.functions,
          naming: this.naming,
          scope: aws,
          logLevel: config.workflowLogLevel,
          logRetentionDays: config.logRetentionDays,
          tracing: config.production.tracing ?? false,
        }),
    );
    this.api = new WebSocketApi(this, 'websocket', {
      naming: this.naming,
      region: config.region,
      stageName: config.stageName,
      routeSelectionExpression: manifest.routeSelectionExpression,
      routes: this.routeTargets(manifest),
      ...this.authorizerOf(authorizer),
      throttling: config.throttling,
      logRetentionDays: config.logRetentionDays,
      ...(config.production.ipAddressType ? { ipAddressType: config.production.ipAddressType } : {}),
    });
    this.customDomain = config.production.customDomain
      ? new CustomDomain(this, 'custom-domain', {
          config: config.production.customDomain,
          api: this.api,
          ipAddressType: config.production.ipAddressType ?? 'ipv4',
        })
      : undefined;
    this.setEnvironment(manifest, config, authorizer);
    this.grantPermissions(manifest);
    this.alarms = new OperationalAlarms(this, 'alarms', {
      naming: this.naming,
      settings: config.alarms,
      api: this.api,
      functions: this.functions.values(),
      workflows: this.workflows,
      tables: this.tables,
    });
    this.createOutputs();
  }

  private createFunctions({ loaded, config }: SwitchboardStackProps): Map<string, HandlerFunction> {
    const functions = new Map<string, HandlerFunction>();
    const reserved = config.production.reservedConcurrency ?? {};
    for (const name of Object.keys(reserved)) {
      if (!(name in loaded.manifest.functions)) {
        throw new ConfigError(
          `reservedConcurrency.${name}: the manifest has no function "${name}" (it has ${Object.keys(loaded.manifest.functions).join(', ')})`,
        );
      }
    }
    // Timeout and memory as the manifest package resolves them, the local gateway's too; only
    // the memory of a function that sets none is this environment's (`lambda.defaultMemoryMb`).
    for (const fn of resolveFunctions(loaded.manifest, { memoryMb: config.lambda.defaultMemoryMb })) {
      const handler = new HandlerFunction(this, `function-${fn.name}`, {
        fn,
        baseDir: loaded.baseDir,
        naming: this.naming,
        architecture: config.lambda.architecture,
        logRetentionDays: config.logRetentionDays,
        ...(reserved[fn.name] !== undefined ? { reservedConcurrency: reserved[fn.name] } : {}),
        tracing: config.production.tracing ?? false,
      });
      functions.set(fn.name, handler);
    }
    return functions;
  }

  private routeTargets(manifest: Manifest): RouteTarget[] {
    return routeTableOf(manifest).map(({ routeKey, functionName, twoWay }) => ({
      routeKey,
      fn: this.functions.get(functionName)!,
      twoWay,
    }));
  }

  private authorizerOf(plan: AuthorizerPlan | undefined) {
    if (!plan) return {};
    const fn = this.functions.get(plan.functionName);
    if (!fn) throw new ManifestTranslationError(`authorizer.function: no function "${plan.functionName}"`);
    return { authorizer: { fn, identitySources: plan.identitySources } };
  }

  /**
   * Each function's environment as `@switchboard/manifest` defines it (its own `environment`,
   * then the injected names), from this stack's table names, API and workflows; the environment's
   * fan-out settings and the authorizer's auth settings go over the manifest's values.
   */
  private setEnvironment(
    manifest: Manifest,
    config: EnvConfig,
    authorizer: AuthorizerPlan | undefined,
  ): void {
    const sources: EnvironmentSources = {
      tableNames: Object.fromEntries(this.tables.map((table) => [table.manifestName, table.tableName])),
      connectionsEndpoint: this.api.connectionsUrl,
      stateMachineArns: Object.fromEntries(
        this.workflows.map((workflow) => [workflow.manifestName, workflow.stateMachineArn]),
      ),
    };
    for (const [name, fn] of this.functions) {
      const variables = {
        ...functionEnvironment(manifest, name, sources),
        ...fanOutEnvironment(config.fanOut, manifest.functions[name]),
        ...(name === authorizer?.functionName ? authorizer.environment : {}),
      };
      for (const [key, value] of Object.entries(variables)) fn.addEnvironment(key, value);
    }
  }

  /** Exactly the manifest's `permissions`, each scoped to this stack's resources. */
  private grantPermissions(manifest: Manifest): void {
    const grant: Record<Permission, (fn: HandlerFunction) => void> = {
      table: (fn) => {
        for (const table of this.tables) table.grantReadWrite(fn);
      },
      connections: (fn) => this.api.grantManageConnections(fn),
      startWorkflow: (fn) => {
        for (const workflow of this.workflows) workflow.grantStartExecution(fn);
      },
    };
    for (const permission of permissionNames) {
      for (const name of functionsGranted(manifest, permission)) grant[permission](this.functions.get(name)!);
    }
  }

  private createOutputs(): void {
    new TerraformOutput(this, 'websocket_url', {
      value: this.api.websocketUrl,
      description: 'What clients connect to (wss://...).',
    });
    new TerraformOutput(this, 'connections_url', {
      value: this.api.connectionsUrl,
      description: 'The @connections management endpoint (https://...); server-side callers only.',
    });
    const [first] = this.tables;
    if (first) new TerraformOutput(this, 'table_name', { value: first.tableName, description: 'The table.' });
    for (const workflow of this.workflows) {
      new TerraformOutput(this, `state_machine_arn_${workflow.manifestName}`, {
        value: workflow.resourceArn,
        description: `ARN of the "${workflow.manifestName}" workflow.`,
      });
    }
    if (this.customDomain) this.createCustomDomainOutputs(this.customDomain);
    if (this.alarms.topicArn) {
      new TerraformOutput(this, 'alarm_topic_arn', {
        value: this.alarms.topicArn,
        description: 'Where alarms notify.',
      });
    }
  }

  private createCustomDomainOutputs(domain: CustomDomain): void {
    new TerraformOutput(this, 'custom_domain_websocket_url', {
      value: domain.websocketUrl,
      description: 'What clients connect to through the custom domain (wss://...).',
    });
    new TerraformOutput(this, 'custom_domain_connections_url', {
      value: domain.connectionsUrl,
      description: 'The @connections endpoint through the custom domain; server-side callers only.',
    });
    new TerraformOutput(this, 'custom_domain_target', {
      value: domain.targetDomainName,
      description: 'Point the domain here (alias or CNAME) when no hosted zone is configured.',
    });
  }
}
