import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from "node:http";
import {
  type ChatCompletionCreateParams,
  pipeToResponse,
  type R9SClient,
  type RetryConfig,
  sendErrorResponse,
} from "@r9s/node";
import { isRecord, readJsonBody, sendError, sendJson } from "./http-helpers";

/**
 * The relay's retry budget toward r9s: short, so that a rate limit reaches the
 * person in a second or two (with its `Retry-After`) instead of a silent wait.
 * The page's own client does not retry; the relay is the one place that does.
 */
export const RELAY_RETRIES: RetryConfig = {
  strategy: "backoff",
  backoff: { initialInterval: 250, maxInterval: 1000, exponent: 2, maxElapsedTime: 1500 },
  retryConnectionErrors: true,
};

/**
 * Relays `POST /v1/chat/completions` to r9s: a stream goes back as server-sent
 * events with {@link pipeToResponse}, a completion as JSON, and an error with
 * the upstream status, error body and retry headers, so the page's client
 * raises the same typed error (`RateLimitError` with `retry-after`, …).
 */
export async function relayChatCompletion(
  request: IncomingMessage,
  response: ServerResponse,
  client: R9SClient,
): Promise<void> {
  const body = await readJsonBody(request);
  if (!body.ok) {
    return sendError(
      response,
      body.status,
      { message: body.message, type: "invalid_request_error" },
      body.status === 413 ? { connection: "close" } : {},
    );
  }
  if (!isRecord(body.value)) {
    return sendError(response, 400, {
      message: "The request body must be a JSON object with `model` and `messages`.",
      type: "invalid_request_error",
    });
  }
  const params = body.value as unknown as ChatCompletionCreateParams;
  // When the page goes away (stop button, reload), the upstream request goes too.
  const aborter = new AbortController();
  const onClose = () => {
    if (!response.writableFinished) aborter.abort();
  };
  response.once("close", onClose);
  const options = { signal: aborter.signal, retries: RELAY_RETRIES };
  try {
    if (params.stream === true) {
      const stream = await client.chat.create(params, options);
      await pipeToResponse(stream, response, { headers: requestIdHeader(stream.requestId) });
    } else {
      const completion = await client.chat.create({ ...params, stream: false }, options);
      sendJson(response, 200, completion);
    }
  } catch (error) {
    sendErrorResponse(response, error);
  } finally {
    response.off("close", onClose);
  }
}

function requestIdHeader(requestId: string | undefined): OutgoingHttpHeaders {
  return requestId ? { "x-request-id": requestId } : {};
}
