import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/** The credentials requests to the `@connections` API must be signed with. */
export interface SigningCredentials {
  accessKeyId: string;
  secretAccessKey: string;
}

const authPattern =
  /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request, ?SignedHeaders=([a-z0-9;-]+), ?Signature=([0-9a-f]{64})$/;

/** Why a request was refused; the text is for the gateway's log, clients see only `Forbidden`. */
export type SignatureProblem = string;

function parseAmzDate(value: string | undefined): Date | undefined {
  const m = value && /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s] = m.map(Number) as number[];
  return new Date(Date.UTC(y!, mo! - 1, d!, h!, mi!, s!));
}

// escapeUri of the AWS SDKs: encodeURIComponent, plus the four characters it leaves alone.
function escapeUri(text: string): string {
  return encodeURIComponent(text).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/**
 * SigV4's canonical URI for every service but S3: dot segments resolved, then each segment
 * encoded again (the path arrives encoded once, so a connection id's `=` is signed as `%253D`).
 */
function canonicalPath(path: string): string {
  const segments: string[] = [];
  for (const segment of path.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') segments.pop();
    else segments.push(segment);
  }
  const trailing = segments.length > 0 && path.endsWith('/') ? '/' : '';
  return `${path.startsWith('/') ? '/' : ''}${segments.map(escapeUri).join('/')}${trailing}`;
}

/** Sorted `key=value` pairs, each encoded; `X-Amz-Signature` left out. */
function canonicalQuery(search: string): string {
  if (search === '') return '';
  const pairs: string[] = [];
  for (const [key, value] of new URLSearchParams(search)) {
    if (key.toLowerCase() === 'x-amz-signature') continue;
    pairs.push(`${escapeUri(key)}=${escapeUri(value)}`);
  }
  return pairs.sort().join('&');
}

const sha256Hex = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');
const hmac = (key: string | Buffer, data: string) => createHmac('sha256', key).update(data).digest();

/**
 * Derives SigV4 signing keys (four HMACs) once per secret, day, region and service: every
 * `@connections` call of a day shares one. Made per gateway, so two gateways never share keys.
 */
export function createSigningKeyCache(): (secret: string, scope: string) => Buffer {
  const keys = new Map<string, Buffer>();
  return (secret, scope) => {
    const cacheKey = `${secret}\n${scope}`;
    let key = keys.get(cacheKey);
    if (!key) {
      const [day = '', region = '', service = ''] = scope.split('/');
      key = hmac(hmac(hmac(hmac(`AWS4${secret}`, day), region), service), 'aws4_request');
      // Scopes change once a day: a small map is enough, cleared rather than evicted.
      if (keys.size >= 16) keys.clear();
      keys.set(cacheKey, key);
    }
    return key;
  };
}

// One key cache per gateway credentials object, so each gateway has its own.
const keyCaches = new WeakMap<SigningCredentials, ReturnType<typeof createSigningKeyCache>>();

function signingKeyFor(credentials: SigningCredentials, scope: string): Buffer {
  let cache = keyCaches.get(credentials);
  if (!cache) {
    cache = createSigningKeyCache();
    keyCaches.set(credentials, cache);
  }
  return cache(credentials.secretAccessKey, scope);
}

/**
 * Checks a request's SigV4 signature (service `execute-api`): rebuilds the canonical request
 * from exactly the headers the client listed in `SignedHeaders`, hashes the body as received,
 * signs with the configured secret and compares. Returns undefined when valid, else the problem.
 */
export function verifySigV4(
  req: IncomingMessage,
  body: Buffer,
  credentials: SigningCredentials,
): SignatureProblem | undefined {
  const m = authPattern.exec(req.headers.authorization ?? '');
  if (!m) return 'missing or malformed SigV4 Authorization header';
  const [, accessKeyId, day, region, service, signedHeaderList, signature] = m as unknown as string[];
  if (service !== 'execute-api') return `signed for service "${service}", expected "execute-api"`;
  if (accessKeyId !== credentials.accessKeyId) return `unknown access key id "${accessKeyId}"`;
  const amzDate = req.headers['x-amz-date'];
  if (typeof amzDate !== 'string' || !parseAmzDate(amzDate)) return 'missing or malformed X-Amz-Date header';
  if (!amzDate.startsWith(day!)) return `credential date ${day} is not the day of X-Amz-Date ${amzDate}`;

  const signedNames = signedHeaderList!.split(';').sort();
  let canonicalHeaders = '';
  for (const name of signedNames) {
    const value = req.headers[name];
    if (value === undefined) return `signed header "${name}" is missing`;
    const text = Array.isArray(value) ? value.join(',') : value;
    canonicalHeaders += `${name}:${text.trim().replace(/\s+/g, ' ')}\n`;
  }
  const payloadHash = sha256Hex(body);
  const declaredHash = req.headers['x-amz-content-sha256'];
  if (typeof declaredHash === 'string' && declaredHash !== payloadHash) {
    return 'X-Amz-Content-Sha256 does not match the body';
  }
  const rawUrl = req.url ?? '/';
  const q = rawUrl.indexOf('?');
  const canonicalRequest = [
    req.method ?? 'GET',
    canonicalPath(q === -1 ? rawUrl : rawUrl.slice(0, q)),
    canonicalQuery(q === -1 ? '' : rawUrl.slice(q + 1)),
    canonicalHeaders,
    signedNames.join(';'),
    payloadHash,
  ].join('\n');
  const scope = `${day}/${region}/${service}/aws4_request`;
  const stringToSign = `AWS4-HMAC-SHA256\n${amzDate}\n${scope}\n${sha256Hex(canonicalRequest)}`;
  const expected = createHmac('sha256', signingKeyFor(credentials, `${day}/${region}/${service}`))
    .update(stringToSign)
    .digest('hex');
  const same = timingSafeEqual(Buffer.from(expected), Buffer.from(signature!));
  return same ? undefined : 'signature does not match (wrong secret access key, or the request was altered)';
}
