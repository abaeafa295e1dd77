import { AcmCertificate } from '@cdktf/provider-aws/lib/acm-certificate/index.js';
import { AcmCertificateValidation } from '@cdktf/provider-aws/lib/acm-certificate-validation/index.js';
import { Apigatewayv2ApiMapping } from '@cdktf/provider-aws/lib/apigatewayv2-api-mapping/index.js';
import { Apigatewayv2DomainName } from '@cdktf/provider-aws/lib/apigatewayv2-domain-name/index.js';
import { Route53Record } from '@cdktf/provider-aws/lib/route53-record/index.js';
import { Construct } from 'constructs';
import type { CustomDomainConfig, ProductionOptions } from '../config/environments.js';
import type { WebSocketApi } from './websocket-api.js';

export interface CustomDomainProps {
  config: CustomDomainConfig;
  api: WebSocketApi;
  ipAddressType: NonNullable<ProductionOptions['ipAddressType']>;
}

/**
 * A stable name for the API (`wss://ws.example.com`): clients keep it when the API is recreated.
 * The regional domain needs a certificate in the stack's Region: an existing one, or one this
 * construct requests and validates by DNS. With a hosted zone, it also writes the validation
 * record and the alias records; without one, the outputs say which records to add.
 */
export class CustomDomain extends Construct {
  readonly domainName: string;
  /** `wss://<domain>`: the stage is mapped at the root, so there is no path. */
  readonly websocketUrl: string;
  /** `https://<domain>`: the `@connections` endpoint through the custom domain. */
  readonly connectionsUrl: string;
  /** What a CNAME or alias must point at when the stack writes no DNS record. */
  readonly targetDomainName: string;
  readonly certificate: AcmCertificate | undefined;
  readonly domain: Apigatewayv2DomainName;

  constructor(scope: Construct, id: string, props: CustomDomainProps) {
    super(scope, id);
    const { config } = props;
    this.domainName = config.domainName;
    this.certificate = config.certificateArn ? undefined : this.requestCertificate(config);
    const certificateArn = config.certificateArn ?? this.validateCertificate(config, this.certificate!);
    this.domain = new Apigatewayv2DomainName(this, 'domain', {
      domainName: config.domainName,
      domainNameConfiguration: {
        certificateArn,
        endpointType: 'REGIONAL',
        securityPolicy: 'TLS_1_2',
        ipAddressType: props.ipAddressType,
      },
    });
    new Apigatewayv2ApiMapping(this, 'mapping', {
      apiId: props.api.apiId,
      domainName: this.domain.id,
      stage: props.api.stage.id,
    });
    this.targetDomainName = this.domain.domainNameConfiguration.targetDomainName;
    if (config.hostedZoneId) this.createAliasRecords(config.hostedZoneId, props.ipAddressType);
    this.websocketUrl = `wss://${config.domainName}`;
    this.connectionsUrl = `https://${config.domainName}`;
  }

  private requestCertificate(config: CustomDomainConfig): AcmCertificate {
    return new AcmCertificate(this, 'certificate', {
      domainName: config.domainName,
      validationMethod: 'DNS',
      // A replacement certificate must be issued before the domain lets go of the old one.
      lifecycle: { createBeforeDestroy: true },
    });
  }

  /** Waits until ACM has issued the certificate; writes the DNS record it checks when it can. */
  private validateCertificate(config: CustomDomainConfig, certificate: AcmCertificate): string {
    const option = certificate.domainValidationOptions.get(0);
    const record = config.hostedZoneId
      ? new Route53Record(this, 'validation-record', {
          zoneId: config.hostedZoneId,
          name: option.resourceRecordName,
          type: option.resourceRecordType,
          records: [option.resourceRecordValue],
          ttl: 300,
          allowOverwrite: true,
        })
      : undefined;
    const validation = new AcmCertificateValidation(this, 'validation', {
      certificateArn: certificate.arn,
      ...(record ? { validationRecordFqdns: [record.fqdn] } : {}),
    });
    return validation.certificateArn;
  }

  private createAliasRecords(zoneId: string, ipAddressType: CustomDomainProps['ipAddressType']): void {
    const alias = {
      name: this.domain.domainNameConfiguration.targetDomainName,
      zoneId: this.domain.domainNameConfiguration.hostedZoneId,
      evaluateTargetHealth: false,
    };
    const types = ipAddressType === 'dualstack' ? (['A', 'AAAA'] as const) : (['A'] as const);
    for (const type of types) {
      new Route53Record(this, `alias-${type.toLowerCase()}`, { zoneId, name: this.domainName, type, alias });
    }
  }
}
