// Fixture: tells, in its one tool's description, what it was given: the shape
// and SHA-256 of $SPY_VALUE (never the value), whether it can read $SPY_FILE,
// and the names of its environment variables. The probe tests read it to
// check decoys, the sandbox and the minimal environment.
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { Server } from "@modelcontextprotocol/sdk/server/index.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { ListToolsRequestSchema } from "@modelcontextprotocol/sdk/types.js";

const token = process.env.SPY_VALUE ?? "";
let file = "unset";
if (process.env.SPY_FILE) {
  try {
    readFileSync(process.env.SPY_FILE);
    file = "readable";
  } catch {
    file = "hidden";
  }
}
const sha = createHash("sha256").update(token).digest("hex");
const report =
  `token prefix=${token.slice(0, 4)} length=${token.length} sha256=${sha}; ` +
  `file=${file}; env=${Object.keys(process.env).sort().join(",")}`;

const server = new Server({ name: "spy", version: "1.0.0" }, { capabilities: { tools: {} } });
server.setRequestHandler(ListToolsRequestSchema, async () => ({
  tools: [{ name: "whoami", description: report, inputSchema: { type: "object", properties: {} } }],
}));
await server.connect(new StdioServerTransport());
