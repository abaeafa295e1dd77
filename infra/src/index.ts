/**
 * @switchboard/infra: the cdktf app that deploys the handlers' manifest per environment.
 * `main.ts` is the entry point; these exports are for tests and for other apps built on it.
 */
export { type AuthorizerPlan, planAuthorizer } from './auth.js';
export type { AlarmNotify, AlarmSettings, AlarmThresholds } from './config/alarm-settings.js';
export {
  DEPLOY_CONFIG_ENV_VAR,
  DEPLOY_CONFIG_FILE,
  type DeploySettings,
  readDeploySettings,
  settingVariables,
  type TargetSettings,
} from './config/deploy-settings.js';
export {
  type AuthConfig,
  type CustomDomainConfig,
  type EnvConfig,
  type EnvironmentDefaults,
  environmentDefaults,
  isStage,
  type JwtSettings,
  type LogRetentionDays,
  type ProductionOptions,
  type Stage,
  type StateBackendConfig,
  stages,
} from './config/environments.js';
export {
  type BootstrapTarget,
  type EnvironmentPlan,
  resolveEnvironments,
} from './config/resolve-environments.js';
export { BootstrapStack } from './bootstrap-stack.js';
export { ApiGatewayAccountLogging } from './constructs/api-gateway-account.js';
export { CustomDomain, type CustomDomainProps } from './constructs/custom-domain.js';
export { OperationalAlarms, type OperationalAlarmsProps } from './constructs/operational-alarms.js';
export { StateBucket } from './constructs/state-bucket.js';
export {
  commandNames,
  type DeployCommandOptions,
  parseDeployArgs,
  runDeployCli,
  runDeployCommand,
} from './deploy/deploy-command.js';
export { planFromSettings, type SynthesizeOptions, synthesizeApp } from './deploy/synthesize.js';
export { runTerraform } from './deploy/terraform.js';
export { ConnectionTable, type ConnectionTableProps } from './constructs/connection-table.js';
export {
  HandlerFunction,
  type HandlerFunctionProps,
  LAMBDA_RUNTIME,
  locateBundle,
} from './constructs/handler-function.js';
export { type AwsScope, NotifyWorkflow, type NotifyWorkflowProps } from './constructs/notify-workflow.js';
export {
  accessLogFormat,
  type RouteTarget,
  WebSocketApi,
  type WebSocketApiProps,
} from './constructs/websocket-api.js';
export { type ApiWiring, hashApiWiring } from './deployment-hash.js';
export {
  BundleNotFoundError,
  ConfigError,
  DeployConfigError,
  EnvironmentNotConfiguredError,
  InfraError,
  ManifestTranslationError,
  TerraformCommandError,
  TerraformNotFoundError,
  UsageError,
} from './errors.js';
export {
  logDeliveryActions,
  type PolicyStatement,
  policyDocument,
  unscopableActions,
  xrayWriteActions,
} from './iam.js';
export {
  defaultManifestPath,
  loadDeployManifest,
  MANIFEST_ENV_VAR,
  resolveManifestPath,
} from './manifest-source.js';
export { bootstrapStackId, createNaming, type Naming, type ResourceKind, stateBucketName } from './naming.js';
export { AWS_PROVIDER_VERSION, configureAwsProvider, configureBackend } from './provider.js';
export { SwitchboardStack, type SwitchboardStackProps } from './stack.js';
export { type TableShape, toTableShape } from './table-definition.js';
export { type ResolvedWorkflow, resolveWorkflow } from './workflow-definition.js';
export { type CreateAppOptions, createApp, type SwitchboardApp } from './app.js';
