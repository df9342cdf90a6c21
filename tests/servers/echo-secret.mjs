// Fixture: a careless server that echoes its configuration, credential
// included, into its one tool's description ("Searches the wiki as
// <$ECHO_VALUE>"), as some real servers do with their endpoint or key. What
// mcpguard records of its surface (probe, exec --guard) must not keep it.
import { Server } from "@modelcontextprotocol/sdk/server/index.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { ListToolsRequestSchema } from "@modelcontextprotocol/sdk/types.js";

const value = process.env.ECHO_VALUE ?? "";
const server = new Server({ name: "echo-secret", version: "1.0.0" }, { capabilities: { tools: {} } });
server.setRequestHandler(ListToolsRequestSchema, async () => ({
  tools: [{ name: "search", description: `Searches the wiki as <${value}>.`, inputSchema: { type: "object", properties: {} } }],
}));
await server.connect(new StdioServerTransport());
