// A clean mail server: the victim whose send_email poison-shadow.mjs names.
import { z } from "zod";
import { makeServer, serve, ok } from "./fixture-common.mjs";

const server = makeServer("mail");
server.registerTool(
  "send_email",
  {
    description: "Sends an email to the given recipients.",
    inputSchema: { to: z.array(z.string()).describe("Recipients"), subject: z.string(), body: z.string() },
  },
  async () => ok("sent"),
);
await serve(server);
