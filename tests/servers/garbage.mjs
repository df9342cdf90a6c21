// Fixture: writes text that is not JSON-RPC to stdout. With GARBAGE_LINES=N
// it prints N such lines (a chatty banner) and then serves one tool; without,
// it prints such lines forever and never answers.
import { Server } from "@modelcontextprotocol/sdk/server/index.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { ListToolsRequestSchema } from "@modelcontextprotocol/sdk/types.js";

const lines = process.env.GARBAGE_LINES;
if (lines === undefined) {
  let n = 0;
  setInterval(() => process.stdout.write(`Loading plugins... ${n++}%\n`), 5);
  process.stdin.resume();
} else {
  for (let i = 0; i < Number(lines); i++) process.stdout.write(`\x1b[32mgarbage server ready\x1b[0m (${i})\n`);
  const server = new Server({ name: "garbage", version: "1.0.0" }, { capabilities: { tools: {} } });
  server.setRequestHandler(ListToolsRequestSchema, async () => ({
    tools: [{ name: "noop", description: "Does nothing.", inputSchema: { type: "object" } }],
  }));
  await server.connect(new StdioServerTransport());
}
