// The page of the browser tests: @r9s/fetch bundled from source, talking to
// the page's own relay (`/api`), as a real app does. The test drives it
// through `window.r9sTest`.
import { AbortError, type ChatStream, fetchTransport, R9S, R9SError } from "../src/index";

/** What a streamed chat gave the page. */
export interface StreamResult {
  pieces: string[];
  final: string | null | undefined;
  status: number;
  requestId: string | undefined;
}

/** How a stream ended when it was stopped mid-way. */
export interface StopResult {
  /** Text pieces read before stopping: they arrived while the response was still open. */
  pieces: string[];
  /** `"ended"` when the loop finished without an error. */
  outcome: "ended" | "rejected";
  errorName?: string;
  isAbortError?: boolean;
  isR9SError?: boolean;
  /** What `finalCompletion()` kept, after `abort()`. */
  partial?: string | null | undefined;
}

/** What a request made inside a web worker gave. */
export interface WorkerResult {
  text: string;
  followsRedirects: boolean;
}

/** The functions the test calls in the page. */
export interface BrowserApi {
  followsRedirects(): boolean;
  /** The message of the error `new R9S({ apiKey })` throws, or `"no error"`. */
  apiKeyRefusal(): string;
  streamText(content: string, headers?: Record<string, string>): Promise<StreamResult>;
  /** Reads two pieces of a stream that then stalls, and stops it with `stream.abort()` or the signal. */
  stopMidStream(how: "abort" | "signal"): Promise<StopResult>;
  /** Runs one request in a module web worker (no `window`) and returns what it gave. */
  inWorker(headers: Record<string, string>): Promise<WorkerResult>;
}

const model = "r9s-mock";
const r9s = new R9S({ baseURL: "/api", retries: { strategy: "none" } });

async function streamText(content: string, headers: Record<string, string> = {}): Promise<StreamResult> {
  const stream = await r9s.chat.create(
    { model, messages: [{ role: "user", content }], stream: true },
    { headers },
  );
  const pieces: string[] = [];
  for await (const piece of stream.textStream) pieces.push(piece);
  const completion = await stream.finalCompletion();
  return {
    pieces,
    final: completion.choices[0]?.message.content,
    status: stream.status,
    requestId: stream.requestId,
  };
}

async function stopMidStream(how: "abort" | "signal"): Promise<StopResult> {
  const controller = new AbortController();
  const stream: ChatStream = await r9s.chat.create(
    { model, messages: [{ role: "user", content: "Tell me more" }], stream: true },
    { signal: controller.signal, headers: { "x-mock-scenario": "stall-after-content" } },
  );
  const pieces: string[] = [];
  let reachedTwo!: () => void;
  const twoPieces = new Promise<void>((resolve) => {
    reachedTwo = resolve;
  });
  const loop = (async () => {
    for await (const piece of stream.textStream) {
      pieces.push(piece);
      if (pieces.length === 2) reachedTwo();
    }
  })();
  // The server sends two tokens and then nothing: they can only arrive incrementally.
  await Promise.race([twoPieces, loop]);
  if (how === "abort") stream.abort();
  else controller.abort();
  try {
    await loop;
    const completion = await stream.finalCompletion();
    return { pieces, outcome: "ended", partial: completion.choices[0]?.message.content };
  } catch (error) {
    return {
      pieces,
      outcome: "rejected",
      errorName: (error as Error).name,
      isAbortError: error instanceof AbortError,
      isR9SError: error instanceof R9SError,
    };
  }
}

function inWorker(headers: Record<string, string>): Promise<WorkerResult> {
  const worker = new Worker("/worker.js", { type: "module" });
  return new Promise<WorkerResult>((resolve, reject) => {
    worker.onmessage = (event: MessageEvent<WorkerResult | { error: string }>) => {
      worker.terminate();
      if ("error" in event.data) reject(new Error(event.data.error));
      else resolve(event.data);
    };
    worker.onerror = (event) => {
      worker.terminate();
      reject(new Error(event.message));
    };
    worker.postMessage(headers);
  });
}

const api: BrowserApi = {
  followsRedirects: () => fetchTransport().followsRedirects,
  apiKeyRefusal() {
    try {
      new R9S({ apiKey: "sk-secret" });
      return "no error";
    } catch (error) {
      return (error as Error).message;
    }
  },
  streamText,
  stopMidStream,
  inWorker,
};
(globalThis as unknown as { r9sTest: BrowserApi }).r9sTest = api;
document.title = "ready";
