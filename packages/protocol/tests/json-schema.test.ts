// The JSON Schema that the build writes to dist/protocol.schema.json, checked with ajv, an
// independent validator, against the same samples the valibot schemas accept and refuse.
import { Ajv } from 'ajv';
import { clientActions, serverMessageTypes } from '../src/index.js';
import { buildProtocolJsonSchema } from '../src/json-schema.js';
import { invalidClientMessages, validClientMessages, validServerMessages } from './fixtures.js';

const schema = buildProtocolJsonSchema();
const ajv = new Ajv({ strict: true, allErrors: true });
ajv.addSchema(schema);
const validator = (pointer: string) => {
  const validate = ajv.getSchema(`${schema.$id}#${pointer}`);
  if (!validate) throw new Error(`no schema at ${pointer}`);
  return validate;
};
const anyMessage = validator('');
const clientMessage = validator('/definitions/ClientMessage');
const serverMessage = validator('/definitions/ServerMessage');

describe('protocol JSON Schema', () => {
  it('defines every client and server message', () => {
    const names = Object.keys(schema.definitions ?? {});
    expect(names).toEqual(
      expect.arrayContaining([
        ...clientActions.map((action) => `client.${action}`),
        ...serverMessageTypes.map((type) => `server.${type}`),
      ]),
    );
  });

  it.each(clientActions)('accepts a valid %s client message', (action) => {
    expect(clientMessage(validClientMessages[action])).toBe(true);
    expect(anyMessage(validClientMessages[action])).toBe(true);
  });

  it.each(serverMessageTypes)('accepts a valid %s server message', (type) => {
    expect(serverMessage(validServerMessages[type])).toBe(true);
    expect(anyMessage(validServerMessages[type])).toBe(true);
  });

  it.each(invalidClientMessages)('refuses a client message with $name', ({ message }) => {
    expect(clientMessage(message)).toBe(false);
  });

  it('refuses unknown actions and types, and out-of-range values', () => {
    expect(anyMessage({ action: 'shout', room: 'lobby' })).toBe(false);
    expect(anyMessage({ type: 'typing' })).toBe(false);
    expect(serverMessage({ type: 'jobProgress', jobId: 'j', percent: 101 })).toBe(false);
    expect(serverMessage({ type: 'error', code: 'oops', message: '' })).toBe(false);
  });
});
