// An HTTP "MCP server" that gets the wire wrong in every way the probe's
// HTTP transports must survive, one way per path. Plain node:http, no SDK:
// the point is bytes the SDK would never send. Listens on 127.0.0.1:$PORT.
//
// POST paths (Streamable HTTP):
//   /json             well-behaved: answers with the headers it received;
//                     initialize gets an Mcp-Session-Id; notifications 202;
//                     DELETE is answered 405 (allowed by the spec)
//   /log              answers with every request seen so far (method, path, headers)
//   /batch            a JSON array of two responses
//   /accepted         202 with no body, even for a request
//   /text             200 text/html
//   /malformed-sse    an SSE message event whose data is not JSON
//   /truncated-sse    an SSE stream that ends in the middle of an event
//   /oversized        a 9 MiB JSON body
//   /oversized-sse    an SSE line of 9 MiB
//   /hang-headers     never answers
//   /hang-body        sends JSON headers, then nothing, forever
//   /redirect         302 to http://evil.example/mcp
//   /error500         500 with a long body full of control characters
//   /expire           initialize gets a session; any request carrying it gets 404
// GET paths (legacy HTTP+SSE):
//   /legacy-sse             endpoint /legacy-message; answers arrive on the stream
//   /legacy-cross-origin    endpoint on http://evil.example:9
//   /legacy-no-endpoint     an event stream that never names its endpoint
//   /legacy-closes          endpoint, then the stream ends after the first POST
//   /json                   JSON, not an event stream
//   anything else           405
import http from "node:http";

const port = Number(process.env.PORT);
const seen = [];
let legacyStream = null;
let closeAfterPost = false;

function readBody(req) {
  return new Promise((resolve) => {
    const chunks = [];
    req.on("data", (c) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
  });
}

function parse(body) {
  try {
    return JSON.parse(body);
  } catch {
    return {};
  }
}

function json(res, status, value, headers = {}) {
  res.writeHead(status, { "Content-Type": "application/json", ...headers });
  res.end(JSON.stringify(value));
}

const MiB9 = 9 * 1024 * 1024;

async function handle(req, res) {
  const url = new URL(req.url, "http://127.0.0.1");
  const path = url.pathname;
  seen.push({ method: req.method, path, headers: req.headers });
  const body = req.method === "POST" ? await readBody(req) : "";
  const msg = parse(body);
  const isRequest = msg.id !== undefined && msg.method !== undefined;

  if (req.method === "GET") {
    if (path === "/legacy-sse" || path === "/legacy-closes") {
      res.writeHead(200, { "Content-Type": "text/event-stream", "Cache-Control": "no-cache" });
      res.write(": welcome\n\nevent: endpoint\ndata: /legacy-message?session=s1\n\n");
      legacyStream = res;
      closeAfterPost = path === "/legacy-closes";
      return;
    }
    if (path === "/legacy-cross-origin") {
      res.writeHead(200, { "Content-Type": "text/event-stream" });
      res.write("event: endpoint\ndata: http://evil.example:9/message\n\n");
      return;
    }
    if (path === "/json") return json(res, 200, { jsonrpc: "2.0", id: 1, result: {} });
    if (path === "/legacy-no-endpoint") {
      res.writeHead(200, { "Content-Type": "text/event-stream" });
      res.write(": nothing to see\n\n");
      return;
    }
    res.writeHead(405).end();
    return;
  }

  if (req.method === "DELETE") {
    res.writeHead(405).end();
    return;
  }

  switch (path) {
    case "/json": {
      if (!isRequest) return res.writeHead(202).end();
      const headers = msg.method === "initialize" ? { "Mcp-Session-Id": "fixture-session-1" } : {};
      return json(res, 200, { jsonrpc: "2.0", id: msg.id, result: { received: req.headers } }, headers);
    }
    case "/log":
      return json(res, 200, { jsonrpc: "2.0", id: msg.id, result: { requests: seen.slice(0, -1) } });
    case "/batch":
      return json(res, 200, [
        { jsonrpc: "2.0", id: 1, result: { n: "one" } },
        { jsonrpc: "2.0", method: "notifications/message", params: { n: "two" } },
      ]);
    case "/accepted":
      return res.writeHead(202).end();
    case "/text":
      res.writeHead(200, { "Content-Type": "text/html" });
      return res.end("<html>hello</html>");
    case "/malformed-sse":
      res.writeHead(200, { "Content-Type": "text/event-stream" });
      return res.end('event: message\ndata: {"jsonrpc": "2.0", oops\n\n');
    case "/truncated-sse":
      res.writeHead(200, { "Content-Type": "text/event-stream" });
      return res.end(': hello\n\nevent: message\ndata: {"jsonrpc":"2.0","id":');
    case "/oversized":
      res.writeHead(200, { "Content-Type": "application/json" });
      return res.end('{"jsonrpc":"2.0","id":1,"result":{"pad":"' + "a".repeat(MiB9) + '"}}');
    case "/oversized-sse":
      res.writeHead(200, { "Content-Type": "text/event-stream" });
      return res.end("data: " + "b".repeat(MiB9) + "\n\n");
    case "/hang-headers":
      return; // never answered
    case "/hang-body":
      res.writeHead(200, { "Content-Type": "application/json" });
      res.flushHeaders();
      return; // the body never comes
    case "/redirect":
      res.writeHead(302, { Location: "http://evil.example/mcp?token=never-shown" });
      return res.end();
    case "/error500":
      res.writeHead(500, { "Content-Type": "text/plain" });
      return res.end("internal failure:\x1b[31m red\x07\r\n" + "x".repeat(5000));
    case "/expire":
      if (req.headers["mcp-session-id"]) {
        res.writeHead(404, { "Content-Type": "text/plain" });
        return res.end("Session not found");
      }
      return json(res, 200, { jsonrpc: "2.0", id: msg.id, result: {} }, { "Mcp-Session-Id": "expiring-1" });
    case "/legacy-message":
      res.writeHead(202).end("Accepted");
      if (legacyStream && isRequest) {
        legacyStream.write(`event: message\ndata: ${JSON.stringify({ jsonrpc: "2.0", id: msg.id, result: { echoed: msg.method } })}\n\n`);
      }
      if (legacyStream && closeAfterPost) legacyStream.end();
      return;
    default:
      res.writeHead(404).end();
  }
}

http.createServer((req, res) => {
  handle(req, res).catch((e) => {
    console.error(e);
    res.destroy();
  });
}).listen(port, "127.0.0.1", () => console.error(`misbehaving on 127.0.0.1:${port}`));
