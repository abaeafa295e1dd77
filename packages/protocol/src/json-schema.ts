/**
 * JSON Schema (draft-07) of every message, for clients in other languages. Build-time only: the
 * build writes it to `dist/protocol.schema.json` (scripts/write-json-schema.mjs); it is not
 * exported from the package entry, so browsers never load the converter.
 */
import { type JSONSchema7, toJsonSchema } from '@valibot/to-json-schema';
import { clientMessageSchemas } from './client-messages.js';
import { serverMessageSchemas } from './server-messages.js';

/** File name of the schema in `dist/`. */
export const PROTOCOL_SCHEMA_FILE = 'protocol.schema.json';

/**
 * The protocol as one JSON Schema document. `definitions` holds `client.<action>` and
 * `server.<type>` for each message plus the unions `ClientMessage` and `ServerMessage`; the root
 * accepts any message of either direction.
 */
export function buildProtocolJsonSchema(): JSONSchema7 {
  const definitions: Record<string, JSONSchema7> = {};
  const clientRefs = Object.entries(clientMessageSchemas).map(([action, schema]) =>
    define(definitions, `client.${action}`, schema),
  );
  const serverRefs = Object.entries(serverMessageSchemas).map(([type, schema]) =>
    define(definitions, `server.${type}`, schema),
  );
  definitions.ClientMessage = {
    description: 'A client-to-server message; `action` is the route key.',
    oneOf: clientRefs,
  };
  definitions.ServerMessage = {
    description: 'A server-to-client message, discriminated on `type`.',
    oneOf: serverRefs,
  };
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: 'https://switchboard.local/protocol.schema.json',
    title: 'Switchboard protocol',
    description: 'Every WebSocket message of Switchboard. Generated from @switchboard/protocol; do not edit.',
    anyOf: [{ $ref: '#/definitions/ClientMessage' }, { $ref: '#/definitions/ServerMessage' }],
    definitions,
  };
}

function define(
  definitions: Record<string, JSONSchema7>,
  name: string,
  schema: Parameters<typeof toJsonSchema>[0],
): JSONSchema7 {
  const { $schema: _draft, ...definition } = toJsonSchema(schema, { errorMode: 'throw' });
  definitions[name] = definition;
  return { $ref: `#/definitions/${name}` };
}
