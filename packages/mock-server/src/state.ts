import type { Socket } from "node:net";
import type { MockServerOptions, MockServerStats, RecordedRequest } from "./types";

/** Everything a running server counts and remembers; `reset()` clears it. */
export interface ServerState {
  readonly options: Readonly<MockServerOptions>;
  /** The base URL, known once the server listens. */
  url: string;
  /** Requests received since start or reset: gives `x-request-id`s. */
  sequence: number;
  connections: number;
  readonly sockets: Set<Socket>;
  /** Sockets that carried at least one request (a client's spare, unused connection is not one). */
  readonly requestSockets: WeakSet<Socket>;
  readonly scenarioCounts: Map<string, number>;
  /** Counters behind `MockScenarioContext.count` (fail-then-succeed keys, …). */
  readonly counters: Map<string, number>;
  log: RecordedRequest[];
}

/** A fresh state for a server with `options`. */
export function createState(options: Readonly<MockServerOptions>): ServerState {
  return {
    options,
    url: "",
    sequence: 0,
    connections: 0,
    sockets: new Set(),
    requestSockets: new WeakSet(),
    scenarioCounts: new Map(),
    counters: new Map(),
    log: [],
  };
}

/** Adds a request to the bounded log, dropping the oldest beyond `maxRecordedRequests`. */
export function recordRequest(state: ServerState, request: RecordedRequest): void {
  state.log.push(request);
  const limit = Math.max(0, state.options.maxRecordedRequests ?? 1000);
  if (state.log.length > limit) state.log.splice(0, state.log.length - limit);
}

/** A copy of the counters. */
export function statsOf(state: ServerState): MockServerStats {
  return {
    requests: state.sequence,
    connections: state.connections,
    // A destroyed socket is closed for the client even before its 'close' event has run.
    openConnections: [...state.sockets].filter((socket) => !socket.destroyed).length,
    requestConnections: [...state.sockets].filter(
      (socket) => !socket.destroyed && state.requestSockets.has(socket),
    ).length,
    scenarios: Object.fromEntries(state.scenarioCounts),
  };
}

/** Clears log and counters; open connections stay (and stay counted as open). */
export function resetState(state: ServerState): void {
  state.sequence = 0;
  state.connections = 0;
  state.scenarioCounts.clear();
  state.counters.clear();
  state.log = [];
}
