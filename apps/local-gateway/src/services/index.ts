export { type StartedDynamoService, startDynamo, type TableStartResult } from './dynamo.js';
export {
  DynamoStartError,
  ServiceError,
  StateMachineDefinitionError,
  StepFunctionsApiError,
} from './errors.js';
export { collectTaskStates, invokeFunctionWith, TaskFailure } from './sfn-tasks.js';
export {
  type StartedStepFunctionsService,
  type StartStepFunctionsOptions,
  startStepFunctions,
} from './step-functions.js';
