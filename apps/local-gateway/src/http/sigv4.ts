import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { Hash } from '@smithy/hash-node';
import { SignatureV4 } from '@smithy/signature-v4';

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

function queryOf(search: URLSearchParams): Record<string, string | string[]> {
  const query: Record<string, string | string[]> = {};
  for (const [key, value] of search) {
    const prev = query[key];
    query[key] = prev === undefined ? value : [...(Array.isArray(prev) ? prev : [prev]), value];
  }
  return query;
}

// One signer per gateway credentials and region: SignatureV4 caches the derived signing key, so
// reusing it saves four HMACs on every @connections call. Keyed weakly by the gateway's own
// credentials object, so two gateways never share one and a closed gateway's signers go away.
const signersByCredentials = new WeakMap<SigningCredentials, Map<string, SignatureV4>>();

function signerFor(credentials: SigningCredentials, region: string): SignatureV4 {
  let byRegion = signersByCredentials.get(credentials);
  if (!byRegion) {
    byRegion = new Map();
    signersByCredentials.set(credentials, byRegion);
  }
  let signer = byRegion.get(region);
  if (!signer) {
    signer = new SignatureV4({
      credentials,
      region,
      service: 'execute-api',
      sha256: Hash.bind(null, 'sha256'),
      // Sign exactly what the client signed: never add an X-Amz-Content-Sha256 header of our own
      // (botocore and others sign execute-api requests without one).
      applyChecksum: false,
    });
    byRegion.set(region, signer);
  }
  return signer;
}

/**
 * Checks a request's SigV4 signature (service `execute-api`) with `@smithy/signature-v4`: signs
 * the same request again, with exactly the headers the client listed in `SignedHeaders` and the
 * body as received, using the configured secret, and compares. Undefined when valid, else why not.
 */
export async function verifySigV4(
  req: IncomingMessage,
  body: Buffer,
  credentials: SigningCredentials,
): Promise<SignatureProblem | undefined> {
  const m = authPattern.exec(req.headers.authorization ?? '');
  if (!m) return 'missing or malformed SigV4 Authorization header';
  const [, accessKeyId, day, region, service, signedHeaderList, signature] = m as unknown as string[];
  if (service !== 'execute-api') return `signed for service "${service}", expected "execute-api"`;
  if (accessKeyId !== credentials.accessKeyId) return `unknown access key id "${accessKeyId}"`;
  const amzDate = req.headers['x-amz-date'];
  const signingDate = typeof amzDate === 'string' ? parseAmzDate(amzDate) : undefined;
  if (!signingDate) return 'missing or malformed X-Amz-Date header';
  if (!(amzDate as string).startsWith(day!))
    return `credential date ${day} is not the day of X-Amz-Date ${amzDate}`;
  const declaredHash = req.headers['x-amz-content-sha256'];
  if (typeof declaredHash === 'string' && declaredHash !== createHash('sha256').update(body).digest('hex')) {
    return 'X-Amz-Content-Sha256 does not match the body';
  }

  const signedNames = signedHeaderList!.split(';');
  const headers: Record<string, string> = {};
  for (const name of signedNames) {
    const value = req.headers[name];
    if (value === undefined) return `signed header "${name}" is missing`;
    headers[name] = Array.isArray(value) ? value.join(',') : value;
  }
  const rawUrl = req.url ?? '/';
  const q = rawUrl.indexOf('?');
  const [hostname = '', port] = (req.headers.host ?? '').split(':');
  const signed = await signerFor(credentials, region!).sign(
    {
      method: req.method ?? 'GET',
      protocol: 'http:',
      hostname,
      port: port ? Number(port) : undefined,
      path: q === -1 ? rawUrl : rawUrl.slice(0, q),
      query: queryOf(new URLSearchParams(q === -1 ? '' : rawUrl.slice(q + 1))),
      headers,
      body,
    },
    { signingDate, signableHeaders: new Set(signedNames) },
  );
  const expected = /Signature=([0-9a-f]{64})$/.exec(String(signed.headers.authorization))?.[1] ?? '';
  const same =
    expected.length === signature!.length && timingSafeEqual(Buffer.from(expected), Buffer.from(signature!));
  return same ? undefined : 'signature does not match (wrong secret access key, or the request was altered)';
}
