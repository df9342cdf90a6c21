// A recording reverse proxy for the HTTP probe tests: forwards every request
// to the server at $1 (e.g. http://127.0.0.1:4000) and streams the answer
// back unbuffered, so Streamable HTTP and legacy SSE event streams pass
// through. Listens on 127.0.0.1:$PORT.
//
//   PORT=8080 node header-proxy.mjs http://127.0.0.1:4000
//
// For each request it writes one JSON line to stdout when the upstream
// answers: {"method", "path", "status", "authorization"}, where
// "authorization" is the shape of the Authorization header received (its
// first word, its length and its SHA-256; never the value, as spy.mjs), or
// null when there was none. The tests read these lines to see which
// credential the probe sent and that it closed its session (DELETE).
import { createHash } from "node:crypto";
import http from "node:http";

const port = Number(process.env.PORT);
const target = new URL(process.argv[2]);

function shape(value) {
  if (value === undefined) return null;
  return {
    scheme: value.split(" ")[0],
    length: value.length,
    sha256: createHash("sha256").update(value).digest("hex"),
  };
}

http
  .createServer((req, res) => {
    const path = new URL(req.url, "http://127.0.0.1").pathname;
    const upstream = http.request(
      { host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers },
      (answer) => {
        process.stdout.write(
          JSON.stringify({ method: req.method, path, status: answer.statusCode, authorization: shape(req.headers.authorization) }) +
            "\n",
        );
        res.writeHead(answer.statusCode, answer.headers);
        res.flushHeaders();
        answer.pipe(res);
      },
    );
    upstream.on("error", (e) => {
      process.stderr.write(`upstream error: ${e.message}\n`);
      res.destroy();
    });
    // The client hanging up (an SSE stream closed) hangs up upstream too.
    res.on("close", () => upstream.destroy());
    req.pipe(upstream);
  })
  .listen(port, "127.0.0.1", () => process.stderr.write(`proxy on 127.0.0.1:${port} to ${target}\n`));
