import { SFNClient } from '@aws-sdk/client-sfn';
import { createWorkflowStarter } from '../adapters/workflow-starter.js';
import { type Env, readNotifyStateMachineArn } from '../config.js';

/** `StartExecution` of the notify state machine (`STATE_MACHINE_ARN_NOTIFY`). */
export function createStartNotifyWorkflow(env: Env) {
  const endpoint = env.AWS_ENDPOINT_URL_SFN;
  return createWorkflowStarter(new SFNClient(endpoint ? { endpoint } : {}), readNotifyStateMachineArn(env));
}
