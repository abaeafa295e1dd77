export { type StartedDynamoService, startDynamo, type TableStartResult } from './dynamo.js';
export {
  DynamoStartError,
  ServiceError,
  StateMachineDefinitionError,
  StepFunctionsApiError,
} from './errors.js';
export { collectTaskStates, invokeFunctionWith, TaskFailure } from './step-functions/tasks.js';
export {
  type StartedStepFunctionsService,
  type StartStepFunctionsOptions,
  startStepFunctions,
} from './step-functions/service.js';
