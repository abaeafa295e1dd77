/**
 * @switchboard/manifest: the manifest that ties an app to its two worlds, the local gateway and
 * infra. The format (`manifestSchema`, types, `parseManifest`, `loadManifest`, JSON Schema) and its
 * one interpretation: the route table, Lambda's defaults, the environment each function gets,
 * where its bundle is, what it may touch. Zod-free names are also on `@switchboard/manifest/names`.
 */
export { type FunctionDefaults, lambdaDefaults } from './defaults.js';
export {
  bundleDirOf,
  bundleExtensions,
  conventionalBundle,
  findBundleFile,
  handlerInBundle,
  splitHandler,
} from './bundles.js';
export {
  type EnvironmentSources,
  functionEnvironment,
  injectedEnvironment,
  injectedVariableNames,
} from './environment.js';
export { ManifestError } from './errors.js';
export {
  type AuthorizerSpec,
  authorizerSpecSchema,
  type FunctionSpec,
  functionSpecSchema,
  type Manifest,
  type ManifestInput,
  manifestJsonSchema,
  manifestSchema,
  type StateMachineSpec,
  stateMachineSpecSchema,
} from './format.js';
export {
  functionsGranted,
  type ResolvedFunctionSpec,
  resolveFunction,
  resolveFunctions,
} from './functions.js';
export { type LoadedManifest, loadManifest } from './load.js';
export {
  authEnv,
  FUNCTION_ARN_PLACEHOLDER_PREFIX,
  functionArnPlaceholder,
  functionNameOfPlaceholder,
  injectedEnv,
  type Permission,
  permissionNames,
} from './names.js';
export { parseManifest } from './parse.js';
export { customRouteKeys, type RouteEntry, reservedRouteKeys, routeTableOf } from './routes.js';
