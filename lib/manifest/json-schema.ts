/**
 * Validation of manifest documents against the JSON Schema shipped in `schema/`.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import Ajv, { ErrorObject, ValidateFunction } from 'ajv';

/** File name of the manifest JSON Schema inside the package's `schema/` directory. */
export const MANIFEST_SCHEMA_FILE = 'manifest.schema.json';

/** Which document a file holds. */
export type ManifestDocument = 'Assembly' | 'Pipeline';

/** Finds `schema/manifest.schema.json` by walking up from this file to the package root. */
export function manifestSchemaPath(): string {
  let dir = __dirname;
  for (;;) {
    const candidate = path.join(dir, 'schema', MANIFEST_SCHEMA_FILE);
    if (fs.existsSync(candidate)) {
      return candidate;
    }
    const parent = path.dirname(dir);
    if (parent === dir) {
      throw new Error(`cannot find schema/${MANIFEST_SCHEMA_FILE} above ${__dirname}; the package is incomplete`);
    }
    dir = parent;
  }
}

let validators: Record<ManifestDocument, ValidateFunction> | undefined;

function compile(): Record<ManifestDocument, ValidateFunction> {
  const schema = JSON.parse(fs.readFileSync(manifestSchemaPath(), 'utf8')) as { $id: string };
  const ajv = new Ajv({ allErrors: true, strict: true });
  ajv.addSchema(schema);
  return {
    Assembly: ajv.getSchema(`${schema.$id}#/definitions/Assembly`) as ValidateFunction,
    Pipeline: ajv.getSchema(`${schema.$id}#/definitions/Pipeline`) as ValidateFunction,
  };
}

function describe(error: ErrorObject): string {
  const where = error.instancePath === '' ? '(root)' : error.instancePath;
  const extra = error.keyword === 'additionalProperties'
    ? ` '${String((error.params as { additionalProperty: string }).additionalProperty)}'`
    : '';
  return `${where}: ${error.message ?? error.keyword}${extra}`;
}

/** Checks `document` against the schema; returns one line per problem (empty when valid). */
export function schemaProblems(kind: ManifestDocument, document: unknown): string[] {
  validators ??= compile();
  const validate = validators[kind];
  return validate(document) ? [] : (validate.errors ?? []).map(describe);
}
