// A clean tool on a server that declares tools.listChanged (the McpServer
// default): it may replace its tools mid-session.
import { z } from "zod";
import { makeServer, serve, ok } from "./fixture-common.mjs";

const server = makeServer("poison-listchanged");
server.registerTool(
  "echo",
  { description: "Echoes the message back.", inputSchema: { message: z.string() } },
  async ({ message }) => ok(message),
);
await serve(server, { listChanged: true });
