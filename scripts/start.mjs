#!/usr/bin/env node
// `pnpm start`: builds the example chat app (apps/chat) and the packages it
// needs, then starts its server, which prints the URL. Without R9S_API_KEY the
// app answers from the bundled mock server, so this works offline.
import { spawn, spawnSync } from "node:child_process";
import { delimiter, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
// `node scripts/start.mjs` works too, not only through `pnpm start`.
const env = { ...process.env, PATH: `${join(root, "node_modules", ".bin")}${delimiter}${process.env.PATH}` };

const buildArgs = ["run", "build", "--filter=@r9s/chat-app...", "--output-logs=errors-only"];
console.log(`▶ building the chat app and its packages: turbo ${buildArgs.join(" ")}`);
const build = spawnSync("turbo", buildArgs, {
  cwd: root,
  env,
  stdio: "inherit",
  shell: process.platform === "win32",
});
if (build.status !== 0) {
  console.error(`\n✖ the build failed (exit ${build.status ?? build.signal}).`);
  process.exit(build.status ?? 1);
}

console.log("▶ starting the chat app (Ctrl+C stops it)");
const server = spawn(process.execPath, [join(root, "apps", "chat", "dist", "server.js")], {
  cwd: root,
  env: process.env,
  stdio: "inherit",
});
// Ctrl+C reaches the server too (same process group); a signal sent to this
// process alone is passed on. Either way this process ends when the server does.
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) {
  process.on(signal, () => {
    if (server.exitCode === null) server.kill(signal);
  });
}
server.on("exit", (code, signal) => process.exit(code ?? (signal ? 0 : 1)));
