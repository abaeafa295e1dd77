export { type StartedDynamoService, startDynamo, type TableStartResult } from './dynamo.js';
export {
  DynamoStartError,
  ServiceError,
  StateMachineDefinitionError,
  StepFunctionsApiError,
} from './errors.js';
