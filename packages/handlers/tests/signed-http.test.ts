import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { isGone, isRetryablePostError } from '../src/adapters/post-errors.js';
import { signedPostToConnection, signedStartExecution } from '../src/adapters/signed-calls.js';
import { createSignedHttp } from '../src/adapters/signed-http.js';

// The signed path's errors as SDK v3 names them, from a real HTTP server answering as AWS does.
describe('createSignedHttp errors', () => {
  let server: Server;
  let base: string;
  let answer: { status: number; headers?: Record<string, string>; body?: string };
  const seen: Array<{ url?: string; authorization?: string; target?: string }> = [];
  const send = createSignedHttp({
    service: 'execute-api',
    region: 'eu-west-1',
    credentials: { accessKeyId: 'AKID', secretAccessKey: 'secret', sessionToken: 'token' },
  });

  beforeAll(async () => {
    server = createServer((req, res) => {
      seen.push({
        url: req.url,
        authorization: req.headers.authorization,
        target: req.headers['x-amz-target'] as string,
      });
      req.resume();
      req.on('end', () => res.writeHead(answer.status, answer.headers).end(answer.body ?? ''));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('signs with SigV4 for the service and Region, the id URI-encoded in the path', async () => {
    answer = { status: 200 };
    await signedPostToConnection(send, `${base}/prod`)('abc=', new Uint8Array([1]));
    expect(seen.at(-1)?.url).toBe('/prod/@connections/abc%3D');
    expect(seen.at(-1)?.authorization).toMatch(
      /^AWS4-HMAC-SHA256 Credential=AKID\/\d{8}\/eu-west-1\/execute-api\/aws4_request/,
    );
  });

  it('names a 410 GoneException from x-amzn-ErrorType, and a 429 and a 503 as retryable', async () => {
    const post = signedPostToConnection(send, `${base}/prod`);
    answer = {
      status: 410,
      headers: { 'x-amzn-ErrorType': 'GoneException:http://internal/' },
      body: '{"message":"Gone"}',
    };
    const gone = await post('a', new Uint8Array()).catch((e: unknown) => e);
    expect(gone).toMatchObject({
      name: 'GoneException',
      message: 'Gone',
      $fault: 'client',
      $metadata: { httpStatusCode: 410 },
    });
    expect(isGone(gone)).toBe(true);
    answer = { status: 429, headers: { 'x-amzn-ErrorType': 'LimitExceededException' } };
    expect(isRetryablePostError(await post('a', new Uint8Array()).catch((e: unknown) => e))).toBe(true);
    answer = { status: 503, body: 'not json' };
    const fault = await post('a', new Uint8Array()).catch((e: unknown) => e);
    expect(fault).toMatchObject({ name: 'Http503', $fault: 'server' });
    expect(isRetryablePostError(fault)).toBe(true);
    answer = { status: 403, headers: { 'x-amzn-ErrorType': 'ForbiddenException' } };
    expect(isRetryablePostError(await post('a', new Uint8Array()).catch((e: unknown) => e))).toBe(false);
  });

  it("StartExecution: the JSON protocol's __type names the error, wrapped in WorkflowStartError", async () => {
    answer = {
      status: 400,
      body: JSON.stringify({
        __type: 'com.amazonaws.swf.service.v2.model#StateMachineDoesNotExist',
        message: 'no',
      }),
    };
    const start = signedStartExecution(send, base, 'arn:aws:states:eu-west-1:1:stateMachine:x');
    const error = await start({ room: 'r' }, 'm1').catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'WorkflowStartError', cause: { name: 'StateMachineDoesNotExist' } });
    expect(seen.at(-1)?.target).toBe('AWSStepFunctions.StartExecution');
  });
});
