/**
 * @switchboard/handlers: the reference application's Lambda functions (bundled to
 * `dist/functions/<name>/index.mjs`), its manifest (`dist/manifest.json`, in the format of
 * `@switchboard/manifest`) and the notify workflow builder.
 */
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
export {
  buildFanOutWorkflow,
  type FanOutExecutionInput,
  type FanOutSliceInput,
  type FanOutSliceOutput,
  type FanOutWorkflowOptions,
  fanOutFunction,
  fanOutStates,
} from './workflow/fan-out-workflow.js';
