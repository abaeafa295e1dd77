/**
 * A real HTTP server standing in for the Step Functions endpoint (AWS JSON 1.0): records each
 * StartExecution the real `@aws-sdk/client-sfn` sends, and can refuse them.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface StepFunctionsStandIn {
  endpoint: string;
  /** `{ target, body }` of every request. */
  requests: Array<{ target: string; body: Record<string, unknown> }>;
  /** When set, every call fails with this error type (HTTP 400). */
  failWith?: string;
  close(): Promise<void>;
}

export async function startStepFunctions(): Promise<StepFunctionsStandIn> {
  const state: StepFunctionsStandIn = {
    endpoint: '',
    requests: [],
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
    state.requests.push({ target: String(req.headers['x-amz-target']), body });
    res.setHeader('content-type', 'application/x-amz-json-1.0');
    if (state.failWith) {
      res.writeHead(400).end(JSON.stringify({ __type: state.failWith, message: 'refused by the test' }));
      return;
    }
    const executionArn = `arn:aws:states:us-east-1:123456789012:execution:notify:${body.name}`;
    res.writeHead(200).end(JSON.stringify({ executionArn, startDate: Date.now() / 1000 }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  state.endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return state;
}
