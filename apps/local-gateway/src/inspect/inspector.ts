/**
 * `/@inspector/`: the inspector page, its live stream, the metrics and cost endpoints, the
 * DynamoDB and Step Functions views and the actions. A stage name cannot start with `@`, so
 * these paths never collide with a stage or its `@connections` API.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { GatewayContext } from '../context.js';
import type { DynamoService } from '../contracts.js';
import { readBody } from '../http/read-body.js';
import { serveStaticFile } from '../http/static-files.js';
import { estimateCost } from './cost.js';
import { DynamoReader } from './dynamo-reader.js';
import { disconnectConnection, postToConnection, replayInvocation } from './inspector-actions.js';
import { resolveInspectorPageDir } from './page-dir.js';
import { isPricedRegion, priceTable } from './price-table.js';
import type { Recorder } from './recorder.js';
import { buildSnapshot, invocationDetail } from './snapshot.js';
import { SnapshotStream } from './snapshot-stream.js';
import { StepFunctionsReader } from './step-functions-reader.js';
import { collectUsage } from './usage.js';

export const INSPECTOR_PREFIX = '/@inspector';
/** Actions must carry this header: a page of another origin cannot send it without CORS. */
export const ACTION_HEADER = 'x-switchboard-inspector';

export interface InspectorParts {
  ctx: GatewayContext;
  recorder: Recorder;
  dynamo: DynamoService;
  stepFunctions: { endpoint: string; stateMachineArns: Record<string, string> };
  settings: Record<string, unknown>;
  credentials: { accessKeyId: string; secretAccessKey: string };
}

export interface Inspector {
  /** Serves `req` when it is an inspector path; false otherwise. */
  handle(req: IncomingMessage, res: ServerResponse): Promise<boolean>;
  close(): void;
}

function sendJson(res: ServerResponse, status: number, body?: unknown): void {
  const text = body === undefined ? '' : JSON.stringify(body);
  const headers: Record<string, string | number> = { 'Content-Length': Buffer.byteLength(text) };
  if (text) headers['Content-Type'] = 'application/json';
  res.writeHead(status, headers).end(text);
}

export function createInspector(parts: InspectorParts): Inspector {
  const { ctx, recorder } = parts;
  const machines = Object.entries(parts.stepFunctions.stateMachineArns).map(([name, arn]) => ({
    arn,
    express: ctx.manifest.stateMachines?.[name]?.type === 'EXPRESS',
  }));
  const sfn = new StepFunctionsReader(parts.stepFunctions.endpoint, machines);
  const dynamo = new DynamoReader(parts.dynamo.endpoint, ctx.api.region, parts.credentials);
  const snapshot = () => buildSnapshot(recorder, parts.settings);
  const stream = new SnapshotStream((onChange) => recorder.onChange(onChange), snapshot);
  const pageDir = resolveInspectorPageDir();

  const cost = async (url: URL) => {
    const region =
      url.searchParams.get('region') ?? (isPricedRegion(ctx.api.region) ? ctx.api.region : 'us-east-1');
    if (!isPricedRegion(region)) {
      const known = Object.keys(priceTable.regions).join(', ');
      return { status: 400, body: { message: `No prices for region "${region}": use one of ${known}.` } };
    }
    const usage = await collectUsage({
      recorder,
      manifest: ctx.manifest,
      dynamo: parts.dynamo,
      stepFunctions: sfn,
    });
    return { status: 200, body: { ...estimateCost(usage, region), usage, sources: priceTable.sources } };
  };

  const api = async (req: IncomingMessage, res: ServerResponse, path: string, url: URL): Promise<void> => {
    const method = req.method ?? 'GET';
    if (method === 'GET' && path === 'events') return stream.add(res);
    if (method === 'GET' && path === 'state') return sendJson(res, 200, snapshot());
    if (method === 'GET' && path === 'metrics') {
      return sendJson(res, 200, {
        periodSeconds: recorder.metrics.periodMs / 1000,
        metrics: recorder.metrics.report(),
      });
    }
    if (method === 'GET' && path === 'cost') {
      const { status, body } = await cost(url);
      return sendJson(res, status, body);
    }
    if (method === 'GET' && path === 'tables')
      return sendJson(res, 200, await dynamo.tables(url.searchParams.get('key') ?? ''));
    if (method === 'GET' && path === 'executions') return sendJson(res, 200, await sfn.executions());
    const invocation = /^invocations\/([^/]+)$/.exec(path);
    if (method === 'GET' && invocation) {
      const kept = recorder.invocations.find((i) => i.id === decodeURIComponent(invocation[1]!));
      return kept
        ? sendJson(res, 200, invocationDetail(recorder, kept))
        : sendJson(res, 404, { message: 'No such invocation is kept' });
    }
    if (method !== 'GET' && !req.headers[ACTION_HEADER]) {
      req.resume();
      return sendJson(res, 403, { message: `Inspector actions need the ${ACTION_HEADER} header` });
    }
    const connection = /^connections\/([^/]+)(\/messages)?$/.exec(path);
    const replay = /^invocations\/([^/]+)\/replay$/.exec(path);
    if (method === 'DELETE' && connection && !connection[2]) {
      const { status, body } = disconnectConnection(ctx, decodeURIComponent(connection[1]!));
      return sendJson(res, status, body);
    }
    if (method === 'POST' && connection?.[2]) {
      const { body: text, tooLarge } = await readBody(req, ctx.limits.maxPostBytes);
      if (tooLarge) return sendJson(res, 413, { message: `Over ${ctx.limits.maxPostBytes} bytes` });
      const { status, body } = postToConnection(ctx, decodeURIComponent(connection[1]!), text);
      return sendJson(res, status, body);
    }
    if (method === 'POST' && replay) {
      req.resume();
      const { status, body } = await replayInvocation(ctx, recorder, decodeURIComponent(replay[1]!));
      return sendJson(res, status, body);
    }
    req.resume();
    sendJson(res, 404, { message: `No inspector endpoint ${method} ${INSPECTOR_PREFIX}/api/${path}` });
  };

  return {
    async handle(req, res) {
      const url = new URL(req.url ?? '/', 'http://local');
      if (url.pathname !== INSPECTOR_PREFIX && !url.pathname.startsWith(`${INSPECTOR_PREFIX}/`)) return false;
      recorder.keep();
      const rest = url.pathname.slice(INSPECTOR_PREFIX.length);
      if (rest === '') {
        res.writeHead(301, { Location: `${INSPECTOR_PREFIX}/` }).end();
        return true;
      }
      if (rest.startsWith('/api/')) {
        await api(req, res, rest.slice('/api/'.length), url);
        return true;
      }
      if (!pageDir) {
        sendJson(res, 503, {
          message: 'The inspector page is not built: run pnpm --filter @switchboard/local-gateway build',
        });
        return true;
      }
      // serveStaticFile resolves the URL against the page folder: hand it the path below the prefix.
      const below = Object.assign(Object.create(req) as IncomingMessage, { url: rest });
      if (!(await serveStaticFile(pageDir, below, res))) sendJson(res, 404, { message: 'Not Found' });
      return true;
    },
    close() {
      stream.close();
      dynamo.close();
    },
  };
}
