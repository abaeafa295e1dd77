import { stages } from '../src/config/environments.js';
import type { EnvConfig, ProductionOptions } from '../src/config/environments.js';
import { testEnvironments as environments } from './support/environments.js';
import {
  type Block,
  lambdaNamed,
  onlyResource,
  policyStatements,
  resourcesOf,
  synthStack,
} from './support/synth.js';

const withOptions = (production: ProductionOptions, base: EnvConfig = environments.prod): EnvConfig => ({
  ...base,
  production,
});

describe.each(stages)('production options in %s by default', (stage) => {
  const json = synthStack(stage);

  it('are all off: no custom domain, no reserved concurrency, IPv4 only, no tracing', () => {
    for (const type of [
      'aws_acm_certificate',
      'aws_apigatewayv2_domain_name',
      'aws_apigatewayv2_api_mapping',
      'aws_route53_record',
    ]) {
      expect(json.resource[type]).toBeUndefined();
    }
    for (const [, fn] of resourcesOf(json, 'aws_lambda_function')) {
      expect(fn).not.toHaveProperty('reserved_concurrent_executions');
      expect(fn).not.toHaveProperty('tracing_config');
    }
    expect(onlyResource(json, 'aws_apigatewayv2_api')).not.toHaveProperty('ip_address_type');
    expect(onlyResource(json, 'aws_sfn_state_machine')).not.toHaveProperty('tracing_configuration');
    expect(Object.keys(json.output).filter((o) => o.startsWith('custom_domain'))).toEqual([]);
  });
});

describe('custom domain', () => {
  const domain = { domainName: 'ws.example.org', hostedZoneId: 'Z0123456789ABC' };

  it('requests a certificate, validates it in the hosted zone, maps the stage and writes the alias', () => {
    const json = synthStack('prod', undefined, withOptions({ customDomain: domain }));
    expect(onlyResource(json, 'aws_acm_certificate')).toMatchObject({
      domain_name: 'ws.example.org',
      validation_method: 'DNS',
    });
    const records = resourcesOf(json, 'aws_route53_record');
    const validation = records.find(([id]) => id.includes('validation'))![1];
    expect(validation).toMatchObject({
      zone_id: 'Z0123456789ABC',
      name: expect.stringContaining('resource_record_name'),
    });
    expect(onlyResource(json, 'aws_acm_certificate_validation').validation_record_fqdns).toEqual([
      expect.stringMatching(/^\$\{aws_route53_record\.[^.]+validation[^.]+\.fqdn\}$/),
    ]);
    expect(onlyResource(json, 'aws_apigatewayv2_domain_name')).toMatchObject({
      domain_name: 'ws.example.org',
      domain_name_configuration: {
        certificate_arn: expect.stringMatching(/aws_acm_certificate_validation\..+\.certificate_arn/),
        endpoint_type: 'REGIONAL',
        security_policy: 'TLS_1_2',
        ip_address_type: 'ipv4',
      },
    });
    expect(onlyResource(json, 'aws_apigatewayv2_api_mapping')).toMatchObject({
      api_id: expect.stringMatching(/aws_apigatewayv2_api\./),
      stage: expect.stringMatching(/aws_apigatewayv2_stage\./),
    });
    const aliases = records.filter(([id]) => id.includes('alias')).map(([, r]) => r);
    expect(aliases.map((r) => [r.type, r.name])).toEqual([['A', 'ws.example.org']]);
    expect(aliases[0]!.alias).toMatchObject({ evaluate_target_health: false });
  });

  it('outputs the custom domain URLs', () => {
    const json = synthStack('prod', undefined, withOptions({ customDomain: domain }));
    expect(json.output.custom_domain_websocket_url!.value).toBe('wss://ws.example.org');
    expect(json.output.custom_domain_connections_url!.value).toBe('https://ws.example.org');
    expect(json.output.custom_domain_target!.value).toMatch(/target_domain_name/);
  });

  it('uses a given certificate and writes no DNS record without a hosted zone', () => {
    const certificateArn = 'arn:aws:acm:eu-west-1:333333333333:certificate/abc';
    const json = synthStack(
      'prod',
      undefined,
      withOptions({ customDomain: { domainName: 'ws.example.org', certificateArn } }),
    );
    expect(json.resource.aws_acm_certificate).toBeUndefined();
    expect(json.resource.aws_route53_record).toBeUndefined();
    expect(
      (onlyResource(json, 'aws_apigatewayv2_domain_name').domain_name_configuration as Block).certificate_arn,
    ).toBe(certificateArn);
  });
});

describe('dual-stack', () => {
  it('sets ip_address_type on the API and the domain, and adds an AAAA alias', () => {
    const json = synthStack(
      'prod',
      undefined,
      withOptions({
        ipAddressType: 'dualstack',
        customDomain: { domainName: 'ws.example.org', hostedZoneId: 'Z0123456789ABC' },
      }),
    );
    expect(onlyResource(json, 'aws_apigatewayv2_api').ip_address_type).toBe('dualstack');
    expect(
      (onlyResource(json, 'aws_apigatewayv2_domain_name').domain_name_configuration as Block).ip_address_type,
    ).toBe('dualstack');
    const aliasTypes = resourcesOf(json, 'aws_route53_record')
      .filter(([id]) => id.includes('alias'))
      .map(([, r]) => r.type);
    expect(aliasTypes.sort()).toEqual(['A', 'AAAA']);
  });
});

describe('reserved concurrency', () => {
  it('reserves exactly what is configured, per function', () => {
    const json = synthStack(
      'prod',
      undefined,
      withOptions({ reservedConcurrency: { rooms: 50, notify: 10 } }),
    );
    expect(lambdaNamed(json, 'switchboard-prod-rooms').reserved_concurrent_executions).toBe(50);
    expect(lambdaNamed(json, 'switchboard-prod-notify').reserved_concurrent_executions).toBe(10);
    expect(lambdaNamed(json, 'switchboard-prod-ping')).not.toHaveProperty('reserved_concurrent_executions');
  });

  it('refuses a function the manifest does not have', () => {
    expect(() => synthStack('prod', undefined, withOptions({ reservedConcurrency: { room: 5 } }))).toThrow(
      /reservedConcurrency\.room: the manifest has no function "room"/,
    );
  });
});

describe('X-Ray tracing', () => {
  const json = synthStack('prod', undefined, withOptions({ tracing: true }));

  it('traces every function and the workflow', () => {
    for (const [, fn] of resourcesOf(json, 'aws_lambda_function'))
      expect(fn.tracing_config).toEqual({ mode: 'Active' });
    expect(onlyResource(json, 'aws_sfn_state_machine').tracing_configuration).toEqual({ enabled: true });
  });

  it('lets each function role and the workflow role write traces, and nothing more', () => {
    const traces = policyStatements(json).filter((s) => s.statement.Sid === 'WriteTraces');
    expect(traces).toHaveLength(resourcesOf(json, 'aws_lambda_function').length + 1);
    for (const { statement } of traces) {
      expect(statement.Resource).toEqual(['*']);
      expect(statement.Action.every((a) => a.startsWith('xray:'))).toBe(true);
    }
  });
});
