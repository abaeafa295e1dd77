export { createGateway, type Gateway, type GatewayAddress } from './gateway.js';
export { defaults, type GatewayOptions } from './options.js';
export type { GatewayLimits } from './context.js';
export type * from './contracts.js';
export type * from './events/types.js';
export {
  ConnectionApiError,
  GatewayConfigError,
  GatewayError,
  ManifestNotBuiltError,
  SelectionExpressionError,
} from './errors.js';
// The shape of `/@inspector/api/cost`, for clients of the endpoint (switchboard-load --cost).
export type { CostEstimate, CostLine } from './inspect/cost.js';
export { computeFunctionEnvironment } from './local-service-environment.js';
export { gatewayEnvironment, gatewayNodeFlags, relaunchWithGatewayFlags } from './node-flags.js';
// What the default runtime starts each function with (timeout, memory, environment), from the
// options a `createRuntime` seam receives: lets a test compare the gateway with a deployment.
export { type ResolvedFunction, resolveFunctions as resolveLocalFunctions } from './runtime/function-spec.js';
export { errorFrame } from './ws/messages.js';
