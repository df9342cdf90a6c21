// Starts one MCP server over stdio with the SDK's own client and prints what
// it serves as JSON: serverInfo, protocolVersion, capabilities, instructions,
// tools, prompts, resources and resourceTemplates (every page). The
// poisoning tests read this, independently of mcpguard's own probe.
//
//   node dump-surface.mjs COMMAND [ARG...]
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";

const [command, ...args] = process.argv.slice(2);
if (!command) {
  console.error("usage: node dump-surface.mjs COMMAND [ARG...]");
  process.exit(2);
}

const transport = new StdioClientTransport({ command, args, stderr: "ignore" });
const client = new Client({ name: "mcpguard-dump-surface", version: "1.0.0" });

async function all(method, key) {
  const items = [];
  let cursor;
  do {
    const page = await client[method](cursor ? { cursor } : {});
    items.push(...page[key]);
    cursor = page.nextCursor;
  } while (cursor);
  return items;
}

try {
  await client.connect(transport);
  const caps = client.getServerCapabilities() ?? {};
  const out = {
    serverInfo: client.getServerVersion() ?? {},
    capabilities: caps,
    instructions: client.getInstructions() ?? null,
    tools: caps.tools ? await all("listTools", "tools") : [],
    prompts: caps.prompts ? await all("listPrompts", "prompts") : [],
    resources: caps.resources ? await all("listResources", "resources") : [],
    resourceTemplates: caps.resources ? await all("listResourceTemplates", "resourceTemplates") : [],
  };
  process.stdout.write(JSON.stringify(out) + "\n");
  await client.close();
  process.exit(0);
} catch (e) {
  console.error(`dump-surface: ${e.message}`);
  process.exit(1);
}
