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
export { computeFunctionEnvironment } from './local-service-environment.js';
export { gatewayEnvironment, gatewayNodeFlags, relaunchWithGatewayFlags } from './node-flags.js';
export { errorFrame } from './ws/messages.js';
