import type { ServerResponse } from "node:http";
import { planAnswer } from "./answer";
import { sendError, sendJson } from "./error-body";
import { sendPlan, sendTranscript } from "./send-answer";
import { createStreamWriter, sendStreamHeaders, sleep } from "./sse-writer";
import type { MockChatRequest, MockScenarioContext, MockServerOptions } from "./types";

/** What the server hands to {@link createScenarioContext}. */
export interface ContextInit {
  name: string;
  params: Record<string, string>;
  request: MockChatRequest;
  response: ServerResponse;
  signal: AbortSignal;
  server: { url: string; options: Readonly<MockServerOptions> };
  /** Shared counters behind `count()`, cleared by `reset()`. */
  counters: Map<string, number>;
}

/** Builds the context a scenario handler receives. */
export function createScenarioContext(init: ContextInit): MockScenarioContext {
  const { params, response, signal, counters } = init;
  const numberParam = (name: string, fallback: number): number => {
    const value = params[name];
    const number = value === undefined || value.trim() === "" ? Number.NaN : Number(value);
    return Number.isFinite(number) ? number : fallback;
  };
  const context: MockScenarioContext = {
    name: init.name,
    params,
    request: init.request,
    response,
    signal,
    tokenDelayMs: numberParam("token-delay-ms", init.server.options.tokenDelayMs ?? 0),
    server: init.server,
    numberParam,
    count(key) {
      const value = (counters.get(key) ?? 0) + 1;
      counters.set(key, value);
      return value;
    },
    sendJson: (status, body, headers) => sendJson(response, status, body, headers),
    sendError: (status, error, headers) => sendError(response, status, error, headers),
    startStream(status, headers) {
      if (!response.headersSent) sendStreamHeaders(response, status, headers);
      return createStreamWriter(response, signal);
    },
    answer: (options = {}) =>
      sendPlan(
        context,
        planAnswer(init.request.body, init.request.sequence),
        options.tokenDelayMs ?? context.tokenDelayMs,
      ),
    sendTranscript: (transcript) => sendTranscript(context, transcript),
    sleep: (ms) => sleep(ms, signal),
    destroy() {
      // Destroying the socket (not just the response) makes the client see a reset, not a clean end.
      response.socket?.destroy();
      response.destroy();
    },
  };
  return context;
}
