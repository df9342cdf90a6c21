// Fixture: floods stdout with one endless line, as fast as the pipe takes it.
const chunk = "x".repeat(1 << 16);
function pump() {
  while (process.stdout.write(chunk)) {}
  process.stdout.once("drain", pump);
}
process.stdin.resume();
pump();
