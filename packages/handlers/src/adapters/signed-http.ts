/**
 * SigV4-signed HTTP requests with the AWS SDK's own signer (`@smithy/signature-v4`) over one
 * keep-alive agent, without an SDK client's middleware stack. A fan-out posts thousands of small
 * requests: the client's per-call middleware (serialisers, retry strategy, endpoint rules,
 * user-agent) costs several times the signing itself (see docs/fan-out.md, "CPU per post").
 * Failures become errors named as SDK v3 names them (from `x-amzn-ErrorType` or a JSON `__type`),
 * with `$fault` and `$metadata.httpStatusCode`, so callers keep the SDK's error semantics.
 */
import http from 'node:http';
import https from 'node:https';
import { Hash } from '@smithy/hash-node';
import { SignatureV4 } from '@smithy/signature-v4';
import { ConfigError } from '../errors.js';

export interface SignedRequest {
  method: 'GET' | 'POST' | 'DELETE';
  url: URL;
  headers?: Record<string, string>;
  body?: string | Uint8Array;
}

export interface SignedResponse {
  status: number;
  body: string;
}

export type SignedHttp = (request: SignedRequest) => Promise<SignedResponse>;

export interface SignedHttpOptions {
  /** The signing name: `execute-api`, `states`. */
  service: string;
  region: string;
  credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
  /** Sockets kept open per host. @default 64 */
  maxSockets?: number;
}

/** The Lambda runtime's credentials and Region, from the environment it sets. */
export function credentialsFromEnv(env: Readonly<Record<string, string | undefined>>) {
  const { AWS_ACCESS_KEY_ID: accessKeyId, AWS_SECRET_ACCESS_KEY: secretAccessKey } = env;
  if (!accessKeyId || !secretAccessKey)
    throw new ConfigError('AWS_ACCESS_KEY_ID', 'is not set (nor AWS_SECRET_ACCESS_KEY)');
  const region = env.AWS_REGION ?? env.AWS_DEFAULT_REGION;
  if (!region) throw new ConfigError('AWS_REGION', 'is not set');
  const sessionToken = env.AWS_SESSION_TOKEN;
  return { region, credentials: { accessKeyId, secretAccessKey, ...(sessionToken ? { sessionToken } : {}) } };
}

/**
 * @example
 * const send = createSignedHttp({ service: 'execute-api', ...credentialsFromEnv(process.env) });
 * await send({ method: 'POST', url: new URL('https://…/prod/@connections/abc%3D'), body: '{}' });
 */
export function createSignedHttp(options: SignedHttpOptions): SignedHttp {
  const signer = new SignatureV4({
    service: options.service,
    region: options.region,
    credentials: options.credentials,
    sha256: Hash.bind(null, 'sha256'),
  });
  const agentOptions = { keepAlive: true, maxSockets: options.maxSockets ?? 64 };
  const agents = { 'http:': new http.Agent(agentOptions), 'https:': new https.Agent(agentOptions) };
  return async ({ method, url, headers = {}, body }) => {
    const bytes = body === undefined ? undefined : typeof body === 'string' ? Buffer.from(body) : body;
    const signed = await signer.sign({
      method,
      protocol: url.protocol,
      hostname: url.hostname,
      ...(url.port ? { port: Number(url.port) } : {}),
      path: url.pathname,
      query: {},
      headers: {
        ...headers,
        host: url.host,
        ...(bytes ? { 'content-length': String(bytes.byteLength) } : {}),
      },
      ...(bytes ? { body: bytes } : {}),
    });
    const agent = agents[url.protocol as 'http:' | 'https:'];
    if (!agent) throw new ConfigError('endpoint', `not an http(s) URL: ${url.href}`);
    const response = await send(url, method, signed.headers, bytes, agent);
    if (response.status >= 300) throw serviceError(response);
    return { status: response.status, body: response.body };
  };
}

interface RawResponse extends SignedResponse {
  errorType: string | undefined;
}

function send(
  url: URL,
  method: string,
  headers: Record<string, string>,
  body: Uint8Array | undefined,
  agent: http.Agent,
): Promise<RawResponse> {
  const transport = url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const req = transport.request(url, { method, headers, agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('error', reject);
      res.on('end', () => {
        const type = res.headers['x-amzn-errortype'];
        resolve({
          status: res.statusCode ?? 0,
          body: Buffer.concat(chunks).toString('utf8'),
          errorType: Array.isArray(type) ? type[0] : type,
        });
      });
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** An error as SDK v3 would throw it: `name` from the service, `$fault`, `$metadata`. */
function serviceError(response: RawResponse): Error {
  let parsed: { message?: string; Message?: string; __type?: string } = {};
  try {
    parsed = JSON.parse(response.body || '{}');
  } catch {
    // A non-JSON body (a proxy's page): the status is all there is.
  }
  // `x-amzn-ErrorType: GoneException:http://…` and `__type: "com.amazonaws…#Name"`: the name only.
  const raw = response.errorType ?? parsed.__type ?? `Http${response.status}`;
  const name = raw.split(':')[0]!.split('#').pop()!;
  const error = new Error(parsed.message ?? parsed.Message ?? `${name} (HTTP ${response.status})`);
  error.name = name;
  Object.assign(error, {
    $fault: response.status >= 500 ? 'server' : 'client',
    $metadata: { httpStatusCode: response.status },
  });
  return error;
}
