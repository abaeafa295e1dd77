/**
 * @switchboard/handlers: the reference application's Lambda functions (bundled to
 * `dist/functions/<name>/index.mjs`), its manifest (`dist/manifest.json`) and the notify
 * workflow builder. The manifest format is also on the `./manifest` subpath.
 */
export * from './manifest/index.js';
export {
  buildNotifyWorkflow,
  type NotifyWorkflowOptions,
  notifyStates,
  type StateMachineDefinition,
  workflowFunctions,
} from './workflow/notify-workflow.js';
export type {
  CaughtError,
  DoWorkOutput,
  GetConnectionsOutput,
  NotifyExecutionInput,
  NotifyInput,
  NotifyOutput,
} from './workflow/types.js';
