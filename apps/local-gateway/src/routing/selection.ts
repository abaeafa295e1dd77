/**
 * API Gateway's route selection expressions (APIGW-WEBSOCKET.md §1.3): `$request.body.a.b`,
 * `${request.body.service}/${request.body.action}`, static text, `\$default`.
 */
import { SelectionExpressionError } from '../errors.js';

type Part = { kind: 'text'; text: string } | { kind: 'body'; path: PathStep[] };
type PathStep = string | number;

/** A parsed expression; parse once per gateway, evaluate per message. */
export interface SelectionExpression {
  readonly source: string;
  readonly parts: readonly Part[];
  /** True when the value depends on the body (so a non-JSON body cannot be evaluated). */
  readonly readsBody: boolean;
}

// An unbraced variable runs as far as JSONPath characters go: `$request.body.a.b[0]['c']`.
const unbraced = /^\$request\.body((?:\.[A-Za-z0-9_$-]+|\[\d+\]|\['[^']*'\]|\["[^"]*"\])*)/;
const braced = /^\$\{request\.body((?:\.[A-Za-z0-9_$-]+|\[\d+\]|\['[^']*'\]|\["[^"]*"\])*)\}/;

function parsePath(source: string): PathStep[] {
  const steps: PathStep[] = [];
  const step = /\.([A-Za-z0-9_$-]+)|\[(\d+)\]|\['([^']*)'\]|\["([^"]*)"\]/g;
  for (const m of source.matchAll(step)) {
    if (m[1] !== undefined) steps.push(m[1]);
    else if (m[2] !== undefined) steps.push(Number(m[2]));
    else steps.push(m[3] ?? m[4] ?? '');
  }
  return steps;
}

/**
 * Parses a route selection expression.
 * @example parseSelectionExpression('$request.body.action')
 */
export function parseSelectionExpression(source: string): SelectionExpression {
  const parts: Part[] = [];
  let rest = source;
  let text = '';
  while (rest.length > 0) {
    if (rest.startsWith('\\$')) {
      // `\$default` escapes the reserved key: a literal dollar sign.
      text += '$';
      rest = rest.slice(2);
      continue;
    }
    const m = braced.exec(rest) ?? unbraced.exec(rest);
    if (m) {
      if (text) parts.push({ kind: 'text', text });
      text = '';
      parts.push({ kind: 'body', path: parsePath(m[1] ?? '') });
      rest = rest.slice(m[0].length);
      continue;
    }
    if (rest.startsWith('$')) {
      throw new SelectionExpressionError(
        `Unsupported route selection expression "${source}": WebSocket APIs only read $request.body.<path>`,
      );
    }
    text += rest[0];
    rest = rest.slice(1);
  }
  if (text) parts.push({ kind: 'text', text });
  return { source, parts, readsBody: parts.some((p) => p.kind === 'body') };
}

/**
 * Stringifies a selected value as API Gateway does: strings as they are, numbers and booleans
 * as text, arrays as `[item1, item2]` (the documented example); objects as JSON (UNCONFIRMED).
 */
export function stringifySelected(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return `[${value.map(stringifySelected).join(', ')}]`;
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

function select(root: unknown, path: readonly PathStep[]): unknown {
  let node = root;
  for (const step of path) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string | number, unknown>)[step];
  }
  return node;
}

/**
 * Evaluates the expression against a message body: the route key to look up, or undefined when
 * the expression cannot be evaluated (a non-JSON body), which sends the message to `$default`.
 * A missing path resolves to "".
 */
export function evaluateSelectionExpression(expr: SelectionExpression, body: string): string | undefined {
  let json: unknown;
  if (expr.readsBody) {
    try {
      json = JSON.parse(body);
    } catch {
      return undefined;
    }
  }
  let key = '';
  for (const p of expr.parts) key += p.kind === 'text' ? p.text : stringifySelected(select(json, p.path));
  return key;
}
