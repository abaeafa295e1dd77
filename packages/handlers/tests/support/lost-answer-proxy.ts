/**
 * A real HTTP proxy in front of dynalite that applies chosen requests and then answers them
 * 500 InternalServerError, as DynamoDB may (its docs: the request may or may not have
 * succeeded). The SDK retries such a request, and the retry meets the write it already made.
 */
import { createServer, type IncomingMessage, request } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface LostAnswerProxy {
  endpoint: string;
  /** Requests still to be applied and then answered 500, by a test on operation and body. */
  loseAnswerOf(match: (operation: string, body: string) => boolean): void;
  /** How many answers were lost. */
  lost: number;
  close(): Promise<void>;
}

function readBody(stream: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.on('end', () => resolve(Buffer.concat(chunks)));
    stream.on('error', reject);
  });
}

export async function startLostAnswerProxy(target: string): Promise<LostAnswerProxy> {
  const { hostname, port: targetPort } = new URL(target);
  const matchers: Array<(operation: string, body: string) => boolean> = [];
  const proxy: LostAnswerProxy = {
    endpoint: '',
    lost: 0,
    loseAnswerOf: (match) => matchers.push(match),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
  const server = createServer(async (req, res) => {
    const body = await readBody(req);
    const operation =
      String(req.headers['x-amz-target'] ?? '')
        .split('.')
        .pop() ?? '';
    const index = matchers.findIndex((match) => match(operation, body.toString('utf8')));
    const upstream = await new Promise<{ status: number; headers: IncomingMessage['headers']; body: Buffer }>(
      (resolve, reject) => {
        const forwarded = request(
          { host: hostname, port: targetPort, path: req.url, method: req.method, headers: req.headers },
          (answer) =>
            readBody(answer).then(
              (data) => resolve({ status: answer.statusCode ?? 500, headers: answer.headers, body: data }),
              reject,
            ),
        );
        forwarded.on('error', reject);
        forwarded.end(body);
      },
    );
    if (index >= 0) {
      matchers.splice(index, 1);
      proxy.lost += 1;
      const error = JSON.stringify({
        __type: 'com.amazonaws.dynamodb.v20120810#InternalServerError',
        message: 'Internal server error',
      });
      res.writeHead(500, { 'content-type': 'application/x-amz-json-1.0' }).end(error);
      return;
    }
    res.writeHead(upstream.status, upstream.headers).end(upstream.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  proxy.endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return proxy;
}
