import { DEFAULT_BASE_URL } from "@r9s/node";
import { type ChatServer, createChatServer } from "./chat-server";
import { parseModelList } from "./models";

/**
 * `node dist/server.js`: reads `PORT` (default 3000; the next free one when
 * unset and 3000 is taken), `HOST` (default 127.0.0.1), `R9S_API_KEY`,
 * `R9S_BASE_URL` and `R9S_CHAT_MODELS`, starts the server and prints its URL.
 */
async function main(): Promise<void> {
  const env = process.env;
  const apiKey = env.R9S_API_KEY?.trim() || undefined;
  const host = env.HOST?.trim() || "127.0.0.1";
  const upstream = apiKey
    ? { apiKey, baseURL: env.R9S_BASE_URL?.trim() || undefined, models: parseModelList(env.R9S_CHAT_MODELS) }
    : undefined;
  const log = (line: string) => console.log(`  ${line}`);

  const fixedPort = env.PORT?.trim() ? Number(env.PORT) : undefined;
  if (fixedPort !== undefined && !(Number.isInteger(fixedPort) && fixedPort >= 0 && fixedPort < 65536)) {
    throw new Error(`PORT must be a port number, not "${env.PORT}".`);
  }
  let server: ChatServer | undefined;
  for (let port = fixedPort ?? 3000; !server; port++) {
    try {
      server = await createChatServer({ port, host, upstream, log });
    } catch (error) {
      const inUse = (error as NodeJS.ErrnoException).code === "EADDRINUSE";
      if (!inUse) throw error;
      if (fixedPort !== undefined || port >= 3020) {
        throw new Error(`Port ${port} is in use: set PORT to a free one (PORT=0 picks any).`);
      }
    }
  }

  if (server.mode === "mock") {
    console.log(`offline mode: mock server at ${server.mockServer?.url} (set R9S_API_KEY to talk to r9s)`);
  } else {
    console.log(`relaying to ${upstream?.baseURL ?? DEFAULT_BASE_URL} with the key from R9S_API_KEY`);
  }
  console.log(`\n  r9s chat is running at ${server.url}\n`);

  const running = server;
  const stop = () => {
    running.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
