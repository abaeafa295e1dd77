import { GatewayConfigError, SelectionExpressionError } from '../src/errors.js';
import { createGateway } from '../src/index.js';
import { RouteTable } from '../src/routing/route-table.js';
import { evaluateSelectionExpression, parseSelectionExpression } from '../src/routing/selection.js';

const evaluate = (expression: string, body: string) =>
  evaluateSelectionExpression(parseSelectionExpression(expression), body);

describe('route selection expressions', () => {
  it('reads a nested body path', () => {
    expect(evaluate('$request.body.a.b', '{"a":{"b":"join"}}')).toBe('join');
    expect(evaluate('$request.body.items[1]', '{"items":["x","y"]}')).toBe('y');
  });

  it('stringifies numbers, booleans and arrays as API Gateway documents', () => {
    expect(evaluate('$request.body.action', '{"action":42}')).toBe('42');
    expect(evaluate('$request.body.action', '{"action":true}')).toBe('true');
    expect(evaluate('$request.body.action', '{"action":["item1","item2"]}')).toBe('[item1, item2]');
  });

  it('combines braced variables with static text; a missing path is ""', () => {
    // biome-ignore lint/suspicious/noTemplateCurlyInString: API Gateway's own ${} syntax.
    const expr = '${request.body.service}/${request.body.action}';
    expect(evaluate(expr, '{"service":"chat","action":"join"}')).toBe('chat/join');
    // biome-ignore lint/suspicious/noTemplateCurlyInString: API Gateway's own ${} syntax.
    expect(evaluate('${request.body.action}-${request.body.invalidPath}', '{"action":"join"}')).toBe('join-');
  });

  it('treats \\$default and static expressions literally', () => {
    expect(evaluate('\\$default', '{}')).toBe('$default');
    expect(evaluate('static', 'not json')).toBe('static');
  });

  it('cannot evaluate a body expression against non-JSON', () => {
    expect(evaluate('$request.body.action', 'hello')).toBeUndefined();
  });

  it('refuses variables other than $request.body', () => {
    expect(() => parseSelectionExpression('$context.routeKey')).toThrow(SelectionExpressionError);
  });

  it('is a configuration error of the gateway, so the CLI prints it without a stack', () => {
    const loaded = {
      manifest: { routeSelectionExpression: '$context.routeKey', tables: [], functions: {} },
      baseDir: __dirname,
      path: `${__dirname}/manifest.json`,
    };
    expect(() => createGateway({ manifest: loaded, port: 0 })).toThrow(GatewayConfigError);
  });
});

describe('RouteTable.select', () => {
  const manifest = (routes: Record<string, string[]>) => ({
    routeSelectionExpression: '$request.body.action',
    tables: [],
    functions: Object.fromEntries(
      Object.entries(routes).map(([fn, r]) => [fn, { handler: `${fn}.handler`, routes: r }]),
    ),
  });

  it('picks the exact route, else $default', () => {
    const table = new RouteTable(
      manifest({ rooms: ['join'], fallback: ['$default'], connect: ['$connect'] }),
    );
    expect(table.select('{"action":"join"}')?.functionName).toBe('rooms');
    expect(table.select('{"action":"JOIN"}')?.functionName).toBe('fallback');
    expect(table.select('plain text')?.functionName).toBe('fallback');
    // $connect is never selected by the expression.
    expect(table.select('{"action":"$connect"}')?.functionName).toBe('fallback');
  });

  it('selects nothing without a match or $default', () => {
    const table = new RouteTable(manifest({ rooms: ['join'] }));
    expect(table.select('{"action":"leave"}')).toBeUndefined();
  });
});
