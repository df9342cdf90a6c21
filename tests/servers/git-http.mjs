// A git smart-HTTP server on loopback for the push/fetch tests: node:http in
// front of the real `git http-backend` (CGI), with HTTP Basic auth, so
// mcpguard's https/http remotes are tested against git's own server side.
//
//   PORT=8080 node git-http.mjs /srv/git user:password
//
// Requests without the right Authorization get 401 + WWW-Authenticate, as
// GitHub and friends answer. Every request is logged to stderr (method, path,
// status) — never the Authorization header.
import { createServer } from "node:http";
import { spawn } from "node:child_process";

const port = Number(process.env.PORT);
const [root, auth] = process.argv.slice(2);
const expected = "Basic " + Buffer.from(auth).toString("base64");

const server = createServer((req, res) => {
  const url = new URL(req.url, "http://127.0.0.1");
  if (req.headers.authorization !== expected) {
    process.stderr.write(`${req.method} ${url.pathname} 401\n`);
    res.writeHead(401, { "WWW-Authenticate": 'Basic realm="mcpguard-test"', "Content-Type": "text/plain" });
    res.end("authentication required\n");
    req.resume();
    return;
  }
  const env = {
    PATH: process.env.PATH,
    GIT_PROJECT_ROOT: root,
    GIT_HTTP_EXPORT_ALL: "1",
    REQUEST_METHOD: req.method,
    PATH_INFO: decodeURIComponent(url.pathname),
    QUERY_STRING: url.search.slice(1),
    CONTENT_TYPE: req.headers["content-type"] ?? "",
    REMOTE_USER: auth.split(":")[0], // enables receive-pack (push)
    REMOTE_ADDR: "127.0.0.1",
  };
  if (req.headers["content-length"]) env.CONTENT_LENGTH = req.headers["content-length"];
  if (req.headers["content-encoding"]) env.HTTP_CONTENT_ENCODING = req.headers["content-encoding"];
  if (req.headers["git-protocol"]) env.GIT_PROTOCOL = req.headers["git-protocol"];
  const cgi = spawn("git", ["http-backend"], { env, stdio: ["pipe", "pipe", "inherit"] });
  req.pipe(cgi.stdin);
  let head = Buffer.alloc(0);
  let headersDone = false;
  cgi.stdout.on("data", (chunk) => {
    if (headersDone) return void res.write(chunk);
    head = Buffer.concat([head, chunk]);
    const end = head.indexOf("\r\n\r\n");
    if (end < 0) return;
    headersDone = true;
    let status = 200;
    const headers = {};
    for (const line of head.subarray(0, end).toString("latin1").split("\r\n")) {
      const colon = line.indexOf(":");
      const name = line.slice(0, colon).trim();
      const value = line.slice(colon + 1).trim();
      if (name.toLowerCase() === "status") status = parseInt(value, 10);
      else headers[name] = value;
    }
    process.stderr.write(`${req.method} ${url.pathname} ${status}\n`);
    res.writeHead(status, headers);
    res.write(head.subarray(end + 4));
  });
  cgi.on("close", () => res.end());
});
server.listen(port, "127.0.0.1");
