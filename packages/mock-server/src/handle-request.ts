import type { IncomingMessage, ServerResponse } from "node:http";
import { MOCK_CREATED } from "./answer";
import { createScenarioContext } from "./context";
import { sendError, sendJson } from "./error-body";
import { MAX_BODY_BYTES, parseJsonBody, readBody } from "./request-body";
import { selectScenario } from "./scenario-selector";
import { findScenario, listBuiltinScenarios } from "./scenarios/index";
import { sleep } from "./sse-writer";
import { recordRequest, resetState, type ServerState, statsOf } from "./state";
import type { RecordedRequest } from "./types";
import { validateChatBody } from "./validate";

const RAW_BODY_LIMIT = 64 * 1024;

/** Answers one HTTP request; never throws (a failure becomes a 500, or a reset once the answer started). */
export async function handleRequest(request: IncomingMessage, response: ServerResponse, state: ServerState) {
  const url = new URL(request.url ?? "/", "http://mock.invalid");
  const pathname = url.pathname.replace(/\/+$/, "") || "/";
  if (pathname.startsWith("/__mock/")) return control(pathname, request, response, state);

  const sequence = ++state.sequence;
  const id = `req_mock_${String(sequence).padStart(6, "0")}`;
  response.setHeader("x-request-id", id);
  const aborter = new AbortController();
  response.once("close", () => aborter.abort());
  const record: RecordedRequest = {
    id,
    method: request.method ?? "GET",
    url: request.url ?? "/",
    headers: { ...request.headers },
    body: undefined,
  };
  recordRequest(state, record);
  try {
    const isChat = pathname.endsWith("/v1/chat/completions");
    const isModels = pathname.endsWith("/v1/models");
    if (!isChat && !isModels) {
      const message = `Unknown path \`${url.pathname}\`: the mock server answers POST /v1/chat/completions and GET /v1/models (under any path prefix).`;
      return sendError(response, 404, { message, type: "invalid_request_error", code: "unknown_url" });
    }
    const { apiKey } = state.options;
    if (apiKey !== undefined && request.headers.authorization !== `Bearer ${apiKey}`) {
      const message = "Missing or wrong API key: send `Authorization: Bearer <your API key>`.";
      return sendError(response, 401, { message });
    }
    const allowed = isChat ? "POST" : "GET";
    if (record.method !== allowed) {
      const message = `\`${record.method} ${url.pathname}\` is not supported: use ${allowed}.`;
      return sendError(response, 405, { message }, { allow: allowed });
    }
    if (isModels) return sendJson(response, 200, modelList(state));

    const bytes = await readBody(request);
    if (bytes === undefined) {
      return sendError(response, 413, {
        message: `The request body is larger than ${MAX_BODY_BYTES} bytes.`,
      });
    }
    const parsed = parseJsonBody(bytes);
    if (!parsed.ok) {
      record.rawBody = bytes.subarray(0, RAW_BODY_LIMIT).toString("utf8");
      return sendError(response, 400, { message: parsed.message, code: "invalid_json" });
    }
    record.body = parsed.value;
    const problem = validateChatBody(parsed.value);
    if (problem) return sendError(response, 400, { ...problem, code: null });
    await answerChat(request, response, state, { record, pathname, sequence, signal: aborter.signal });
  } catch (error) {
    if (!response.headersSent) {
      const reason = error instanceof Error ? error.message : String(error);
      sendError(response, 500, { message: `The mock server failed: ${reason}` });
    } else {
      response.destroy();
    }
  }
}

interface ChatTurn {
  record: RecordedRequest;
  pathname: string;
  sequence: number;
  signal: AbortSignal;
}

async function answerChat(
  request: IncomingMessage,
  response: ServerResponse,
  state: ServerState,
  turn: ChatTurn,
) {
  const { record, signal } = turn;
  const body = record.body as Record<string, unknown>;
  const selection = selectScenario(request.headers, body.model);
  const handler = findScenario(selection.name, state.options.scenarios);
  if (!handler) {
    if (selection.source === "header") {
      const message = `Unknown mock scenario \`${selection.name}\` in \`x-mock-scenario\`: see the @r9s/mock-server README for the list.`;
      return sendError(response, 400, { message, code: "unknown_scenario", param: null });
    }
    const message = `The model \`${String(body.model)}\` does not exist: \`mock-<scenario>\` models select a mock scenario, and \`${selection.name}\` is none.`;
    return sendError(response, 404, { message, code: "model_not_found", param: "model" });
  }
  record.scenario = selection.name;
  state.scenarioCounts.set(selection.name, (state.scenarioCounts.get(selection.name) ?? 0) + 1);
  const context = createScenarioContext({
    name: selection.name,
    params: selection.params,
    request: {
      id: record.id,
      sequence: turn.sequence,
      method: record.method,
      url: record.url,
      pathname: turn.pathname,
      headers: record.headers,
      body,
      stream: body.stream === true,
    },
    response,
    signal,
    server: { url: state.url, options: state.options },
    counters: state.counters,
  });
  const latency = context.numberParam("latency-ms", state.options.latencyMs ?? 0);
  if (!(await sleep(latency, signal))) return;
  await handler(context);
  if (signal.aborted || response.writableEnded) return;
  // A custom handler that returned without finishing its answer: finish it rather than hang the client.
  if (!response.headersSent)
    sendError(response, 500, { message: `The scenario \`${selection.name}\` sent no answer.` });
  else response.end();
}

function modelList(state: ServerState) {
  const names = [
    ...listBuiltinScenarios().map((scenario) =>
      scenario.name.replace(/<code>$/, examples[scenario.name] ?? "500"),
    ),
    ...Object.keys(state.options.scenarios ?? {}),
  ];
  const ids = ["r9s-mock", ...new Set(names.map((name) => `mock-${name}`))];
  return {
    object: "list",
    data: ids.map((id) => ({ id, object: "model", created: MOCK_CREATED, owned_by: "r9s-mock" })),
  };
}

const examples: Record<string, string> = {
  "status-<code>": "429",
  "html-<code>": "502",
  "stream-error-<code>": "429",
  "redirect-<code>": "307",
};

/** `POST /__mock/reset` and `GET /__mock/stats`: control endpoints for CLI users (not counted or logged). */
function control(pathname: string, request: IncomingMessage, response: ServerResponse, state: ServerState) {
  if (pathname === "/__mock/reset" && request.method === "POST") {
    resetState(state);
    return sendJson(response, 200, { ok: true });
  }
  if (pathname === "/__mock/stats" && request.method === "GET")
    return sendJson(response, 200, statsOf(state));
  if (pathname === "/__mock/requests" && request.method === "GET") return sendJson(response, 200, state.log);
  const message =
    "Unknown control endpoint: use POST /__mock/reset, GET /__mock/stats or GET /__mock/requests.";
  return sendError(response, 404, { message, type: "invalid_request_error", code: "unknown_url" });
}
