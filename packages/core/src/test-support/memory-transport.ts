import type { Transport, TransportRequest, TransportResponse } from "../client/transport";

/** One step of a scripted body: bytes or text, a pause, a failure, or a stall that lasts until aborted. */
export type BodyStep = string | Uint8Array | { waitMs: number } | { fail: Error } | "stall";

/** What the test transport answers to one request. */
export interface ScriptedResponse {
  status?: number;
  headers?: Record<string, string>;
  body?: BodyStep[];
  /** Wait this long before the headers (fake timers advance it). */
  headersDelayMs?: number;
  /** Reject `request()` with this error, as a refused connection would. */
  fail?: Error;
  /** Never answer until the signal fires. */
  stall?: boolean;
}

/** A transport that serves scripted responses in memory, honouring the abort signal like a real one must. */
export interface MemoryTransport extends Transport {
  readonly requests: TransportRequest[];
  /** Bodies that were cancelled before their end (the connection was released). */
  readonly cancelled: number;
}

export function memoryTransport(
  handler: (request: TransportRequest, index: number) => ScriptedResponse,
  options: { followsRedirects?: boolean } = {},
): MemoryTransport {
  const requests: TransportRequest[] = [];
  let cancelled = 0;
  const encoder = new TextEncoder();
  const aborted = (signal: AbortSignal) =>
    signal.reason instanceof Error ? signal.reason : new DOMException("aborted", "AbortError");

  const transport: MemoryTransport = {
    followsRedirects: options.followsRedirects,
    requests,
    get cancelled() {
      return cancelled;
    },
    async request(request: TransportRequest): Promise<TransportResponse> {
      requests.push(request);
      const script = handler(request, requests.length - 1);
      const { signal } = request;
      await new Promise<void>((resolve, reject) => {
        if (signal.aborted) return reject(aborted(signal));
        let timer: ReturnType<typeof setTimeout> | undefined;
        const onAbort = () => {
          clearTimeout(timer);
          reject(aborted(signal));
        };
        signal.addEventListener("abort", onAbort, { once: true });
        if (script.stall) return;
        const answer = () => {
          signal.removeEventListener("abort", onAbort);
          if (script.fail) reject(script.fail);
          else resolve();
        };
        // Without a delay, answer on the microtask queue so fake timers need no advancing.
        if (script.headersDelayMs === undefined) queueMicrotask(answer);
        else timer = setTimeout(answer, script.headersDelayMs);
      });
      const steps = script.body ?? [];
      let index = 0;
      let finished = false;
      const body = new ReadableStream<Uint8Array>({
        start(controller) {
          signal.addEventListener(
            "abort",
            () => {
              if (!finished) controller.error(aborted(signal));
              finished = true;
            },
            { once: true },
          );
        },
        async pull(controller) {
          for (;;) {
            if (finished) return;
            const step = steps[index++];
            if (step === undefined) {
              finished = true;
              controller.close();
              return;
            }
            if (step === "stall") return new Promise<void>(() => {});
            if (typeof step === "string") return controller.enqueue(encoder.encode(step));
            if (step instanceof Uint8Array) return controller.enqueue(step);
            if ("fail" in step) {
              finished = true;
              controller.error(step.fail);
              return;
            }
            await new Promise((resolve) => setTimeout(resolve, step.waitMs));
          }
        },
        cancel() {
          if (!finished) cancelled++;
          finished = true;
        },
      });
      return { status: script.status ?? 200, headers: new Headers(script.headers), body };
    },
  };
  return transport;
}

/** Server-sent-event text for chunks, ended by `[DONE]` unless `done` is false. */
export function sse(chunks: unknown[], { done = true } = {}): string {
  return (
    chunks.map((chunk) => `data: ${JSON.stringify(chunk)}\n\n`).join("") + (done ? "data: [DONE]\n\n" : "")
  );
}

/** A minimal content chunk. */
export function textChunk(content: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: "chatcmpl-1",
    object: "chat.completion.chunk",
    created: 1,
    model: "test-model",
    choices: [{ index: 0, delta: { content }, finish_reason: null }],
    ...extra,
  };
}
