// Shared by the poisoning fixture servers: serve an McpServer over stdio.
// McpServer declares tools.listChanged on its own; every fixture but
// poison-listchanged.mjs turns it off, so each triggers only its own check.
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";

export function makeServer(name, options = {}) {
  return new McpServer({ name, version: "1.0.0" }, options);
}

export async function serve(server, { listChanged = false } = {}) {
  if (!listChanged) server.server.registerCapabilities({ tools: { listChanged: false } });
  await server.connect(new StdioServerTransport());
}

export const ok = (text) => ({ content: [{ type: "text", text }] });
