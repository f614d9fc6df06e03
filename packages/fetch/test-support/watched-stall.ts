import type { MockScenarioContext } from "@r9s/mock-server";

/** A mock scenario that notes which requests' clients went away, and a bounded wait for it. */
export interface WatchedStall {
  /** Register it: `startMockServer({ scenarios: { "watched-stall": watched.scenario } })`. */
  scenario(context: MockScenarioContext): Promise<void>;
  /** Waits (bounded: one second) until the client of request `id` went away; whether it did. */
  clientWentAway(id: string | undefined): Promise<boolean>;
}

/**
 * Stalls until the client goes away, then notes the request id: with
 * `phase=headers` before any response byte, else after the headers and, on a
 * stream, one chunk whose content is "Hello". Unlike a count of the server's
 * open connections, this watches the very connection of one request (Node's
 * fetch may dial a spare idle connection after an abort).
 */
export function watchedStall(): WatchedStall {
  const gone = new Set<string>();
  return {
    async scenario(context) {
      if (context.params.phase !== "headers") {
        if (context.request.stream) {
          await context.startStream().data({
            id: "chatcmpl-watched",
            object: "chat.completion.chunk",
            created: 1,
            model: "r9s-mock",
            choices: [{ index: 0, delta: { role: "assistant", content: "Hello" }, finish_reason: null }],
          });
        } else {
          context.response.writeHead(200, { "content-type": "application/json" });
          context.response.flushHeaders();
        }
      }
      if (!context.signal.aborted) {
        await new Promise((resolve) => context.signal.addEventListener("abort", resolve, { once: true }));
      }
      gone.add(context.request.id);
    },
    async clientWentAway(id) {
      for (let attempt = 0; attempt < 100 && !gone.has(id ?? ""); attempt++) {
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      return gone.has(id ?? "");
    },
  };
}
