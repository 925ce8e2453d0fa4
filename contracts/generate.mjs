// Turns the server's exported contract (server/contract.py) into the clients' wire.ts.
// Usage: node generate.mjs SCHEMA_DIR OUT_FILE...   (make wire-types passes the real paths)
import { readFile, writeFile, mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { compile } from 'json-schema-to-typescript';

const BANNER = `/* eslint-disable */
/**
 * The wire contract: generated, do not edit.
 * Source: the server's pydantic models (server/contract.py); regenerate with \`make wire-types\`.
 */`;

async function main() {
  const [schemaDir, ...outputs] = process.argv.slice(2);
  if (!schemaDir || outputs.length === 0) throw new Error('usage: generate.mjs SCHEMA_DIR OUT_FILE...');
  const schema = JSON.parse(await readFile(`${schemaDir}/wire.schema.json`, 'utf8'));
  const catalog = JSON.parse(await readFile(`${schemaDir}/catalog.json`, 'utf8'));
  const types = await compile(schema, 'WireContract', {
    bannerComment: BANNER,
    additionalProperties: false,
    strictIndexSignatures: true,
    unreachableDefinitions: true,
    ignoreMinAndMaxItems: true,
    style: { singleQuote: true, printWidth: 120 },
  });
  const constants = [
    '',
    '/** GET /api/v1/catalog as of this build (the endpoint serves the same tables). */',
    `export const CATALOG: Catalog = ${JSON.stringify(catalog, null, 2)};`,
    '',
  ].join('\n');
  for (const output of outputs) {
    await mkdir(dirname(output), { recursive: true });
    await writeFile(output, types + constants);
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
