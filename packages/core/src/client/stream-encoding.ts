import { APIError } from "../errors/api-error";
import { R9SError, StreamError, TimeoutError } from "../errors/r9s-error";

/** Server-sent-event frames the SDK writes when it relays a stream. */
export const encodeSSE = {
  /**
   * An `event: error` frame for a failure, carrying the status of an HTTP
   * error so the receiving side raises the same class (429 → `RateLimitError`).
   */
  error(error: unknown): string {
    const body: Record<string, unknown> = {
      message: error instanceof Error ? error.message : String(error),
      type: error instanceof R9SError ? error.name : "Error",
    };
    if (error instanceof APIError) {
      body.status = error.status;
      if (error.error?.code != null) body.code = error.error.code;
      if (error.error?.type != null) body.type = error.error.type;
    } else if (error instanceof TimeoutError) {
      body.code = "timeout";
    } else if (error instanceof StreamError) {
      body.code = error.kind;
    }
    return `event: error\ndata: ${JSON.stringify({ error: body })}\n\n`;
  },
};
