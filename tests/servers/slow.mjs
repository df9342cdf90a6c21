// Fixture: a server that takes $SLOW_MS (default 2000) milliseconds to start
// answering, like one that loads a model or logs in first.
import { setTimeout as sleep } from "node:timers/promises";
import { Server } from "@modelcontextprotocol/sdk/server/index.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { ListToolsRequestSchema } from "@modelcontextprotocol/sdk/types.js";

await sleep(Number(process.env.SLOW_MS ?? 2000));
const server = new Server({ name: "slow", version: "1.0.0" }, { capabilities: { tools: {} } });
server.setRequestHandler(ListToolsRequestSchema, async () => ({
  tools: [{ name: "wait", description: "Waits.", inputSchema: { type: "object" } }],
}));
await server.connect(new StdioServerTransport());
