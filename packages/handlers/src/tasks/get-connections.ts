/** Workflow task `GetConn`: the job owner's live connections (the user index). */
import type { GetConnectionsOutput, NotifyExecutionInput } from '../workflow/types.js';
import { type JobStore, loadJob } from './job-steps.js';

export interface GetConnectionsDeps {
  store: JobStore;
}

export const getConnections =
  (deps: GetConnectionsDeps) =>
  async (input: NotifyExecutionInput): Promise<GetConnectionsOutput> => {
    const job = await loadJob(deps.store, input);
    const connections = await deps.store.connectionsOfUser(job.ownerUserId);
    return { connectionIds: connections.map((c) => c.connectionId) };
  };
