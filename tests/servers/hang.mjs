// Fixture: starts, reads stdin, never answers anything.
process.stdin.resume();
setInterval(() => {}, 1 << 30);
