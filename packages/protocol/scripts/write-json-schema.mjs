// Build step: writes dist/protocol.schema.json from the compiled protocol (run after tsc).
import { writeFileSync } from 'node:fs';
import { buildProtocolJsonSchema, PROTOCOL_SCHEMA_FILE } from '../dist/json-schema.js';

const target = new URL(`../dist/${PROTOCOL_SCHEMA_FILE}`, import.meta.url);
writeFileSync(target, `${JSON.stringify(buildProtocolJsonSchema(), null, 2)}\n`);
console.log(`wrote ${target.pathname}`);
