import type { ChatCompletion } from "../wire/completion";

/** Options shared by every SDK error. */
export interface R9SErrorOptions {
  cause?: unknown;
  /** What a stream had delivered before it failed. */
  partial?: ChatCompletion;
}

/**
 * Base class of every error the SDK throws, so one `instanceof R9SError`
 * separates SDK failures from bugs in the calling code.
 */
export class R9SError extends Error {
  /**
   * The `ChatCompletion` accumulated from a stream before it failed; set on
   * every error raised while a stream was being read, so nothing that arrived is lost.
   */
  partial: ChatCompletion | undefined;

  constructor(message: string, options: R9SErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.partial = options.partial;
  }
}

/** A request that the SDK refused before sending: `field` names the parameter, the message says the fix. */
export class ValidationError extends R9SError {
  /** The parameter at fault, as a path (`"messages[2].tool_call_id"`, `"headers.x-trace"`). */
  readonly field: string;

  constructor(field: string, message: string) {
    super(message);
    this.field = field;
  }
}

/** The connection failed or broke (DNS, refused, reset, TLS) before a response was complete. */
export class ConnectionError extends R9SError {}

/** Where a timeout struck: waiting for the response headers, or idle between two data events of a stream. */
export type TimeoutPhase = "headers" | "idle";

/** No response headers, or no stream data event, arrived within `timeoutMs`. */
export class TimeoutError extends R9SError {
  readonly timeoutMs: number;
  readonly phase: TimeoutPhase;

  constructor(timeoutMs: number, phase: TimeoutPhase, options: R9SErrorOptions = {}) {
    super(
      phase === "headers"
        ? `No response headers within ${timeoutMs} ms (timeoutMs). Raise timeoutMs or check the server.`
        : `No stream data for ${timeoutMs} ms (timeoutMs); the stream stalled.`,
      options,
    );
    this.timeoutMs = timeoutMs;
    this.phase = phase;
  }
}

/** The caller's `signal` fired. */
export class AbortError extends R9SError {
  constructor(message = "The request was aborted by its signal.", options: R9SErrorOptions = {}) {
    super(message, options);
  }
}

/** Why a stream failed. */
export type StreamErrorKind = "incomplete" | "broken" | "in-band" | "invalid";

/**
 * A stream failed after its response started: it ended before `[DONE]`
 * (`kind: "incomplete"`), the connection broke (`"broken"`), the server sent an
 * error inside the stream without a status (`"in-band"`), or it sent something
 * that is not an event stream (`"invalid"`). `partial` holds what arrived.
 */
export class StreamError extends R9SError {
  readonly kind: StreamErrorKind;
  /** The inner error object of an in-band error, when the server sent one. */
  readonly error: unknown;

  constructor(kind: StreamErrorKind, message: string, options: R9SErrorOptions & { error?: unknown } = {}) {
    super(message, options);
    this.kind = kind;
    this.error = options.error;
  }
}
