// Validates SARIF files against the OASIS SARIF 2.1.0 JSON schema with ajv.
// Usage: node validate-sarif.mjs SCHEMA FILE...   exit 0: all valid; 1: not
// (each error printed as "FILE: instancePath message"); 2: usage or I/O.
import { readFileSync } from "node:fs";
import Ajv from "ajv";  // the schema is draft-07: Ajv's default class
import addFormats from "ajv-formats";

const [schemaPath, ...files] = process.argv.slice(2);
if (!schemaPath || files.length === 0) {
  console.error("usage: node validate-sarif.mjs SCHEMA FILE...");
  process.exit(2);
}
let validate;
try {
  const schema = JSON.parse(readFileSync(schemaPath, "utf8"));
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  validate = ajv.compile(schema);
} catch (e) {
  console.error(`${schemaPath}: ${e.message}`);
  process.exit(2);
}
let ok = true;
for (const file of files) {
  let doc;
  try {
    doc = JSON.parse(readFileSync(file, "utf8"));
  } catch (e) {
    console.error(`${file}: ${e.message}`);
    process.exit(2);
  }
  if (!validate(doc)) {
    ok = false;
    for (const err of validate.errors) console.error(`${file}: ${err.instancePath || "/"} ${err.message}`);
  }
}
process.exit(ok ? 0 : 1);
