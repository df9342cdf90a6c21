// Fixture: answers initialize properly, then lists one tool whose inputSchema
// nests 200,000 arrays deep: parsing or printing that recursively would
// overflow the client's stack. Written without the SDK, which would not send it.
import { createInterface } from "node:readline";

const send = (m) => process.stdout.write(m + "\n");
createInterface({ input: process.stdin }).on("line", (line) => {
  const m = JSON.parse(line);
  if (m.method === "initialize") {
    send(JSON.stringify({
      jsonrpc: "2.0", id: m.id,
      result: { protocolVersion: "2025-06-18", capabilities: { tools: {} }, serverInfo: { name: "deep", version: "1" } },
    }));
  } else if (m.method === "tools/list") {
    const depth = 200000;
    const schema = "[".repeat(depth) + "]".repeat(depth);
    send(`{"jsonrpc":"2.0","id":${m.id},"result":{"tools":[{"name":"deep","inputSchema":${schema}}]}}`);
  }
});
