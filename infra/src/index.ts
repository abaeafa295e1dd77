/**
 * @switchboard/infra: the cdktf app that deploys the handlers' manifest per environment.
 * `main.ts` is the entry point; these exports are for tests and for other apps built on it.
 */
export { type AuthorizerPlan, planAuthorizer } from './auth.js';
export {
  type AuthConfig,
  type EnvConfig,
  type JwtSettings,
  environments,
  type LogRetentionDays,
  type Stage,
  type StateBackendConfig,
  stages,
} from './config/environments.js';
export { ApiGatewayAccountLogging } from './constructs/api-gateway-account.js';
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
export { BundleNotFoundError, ConfigError, InfraError, ManifestTranslationError } from './errors.js';
export { type PolicyStatement, policyDocument, unscopableActions } from './iam.js';
export {
  defaultManifestPath,
  loadDeployManifest,
  MANIFEST_ENV_VAR,
  resolveManifestPath,
} from './manifest-source.js';
export { createNaming, type Naming, type ResourceKind } from './naming.js';
export { AWS_PROVIDER_VERSION, SwitchboardStack, type SwitchboardStackProps } from './stack.js';
export { type TableShape, toTableShape } from './table-definition.js';
export { type ResolvedWorkflow, resolveWorkflow } from './workflow-definition.js';
export { type CreateAppOptions, createApp } from './app.js';
