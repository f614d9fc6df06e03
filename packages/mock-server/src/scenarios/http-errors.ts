import { STATUS_CODES } from "node:http";
import { errorObjectFor } from "../error-body";
import type { MockScenarioContext } from "../types";
import { type BuiltinPattern, type BuiltinScenario, numberInName, retryHeaders } from "./builtin";

function htmlPage(status: number): string {
  const title = `${status} ${STATUS_CODES[status] ?? "Error"}`;
  return (
    `<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n` +
    `<center><h1>${title}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`
  );
}

/** Plain HTTP error answers. */
export const httpErrorScenarios: Record<string, BuiltinScenario> = {
  "rate-limit": {
    description: "429 with `Retry-After: <retry-after>` seconds (default 1).",
    handle: (context) =>
      context.sendError(
        429,
        {},
        retryHeaders(context.params, { "retry-after": context.params["retry-after"] ?? "1" }),
      ),
  },
  "rate-limit-ms": {
    description: "429 with `retry-after-ms: <retry-after-ms>` (default 100).",
    handle: (context) =>
      context.sendError(
        429,
        {},
        retryHeaders(context.params, { "retry-after-ms": context.params["retry-after-ms"] ?? "100" }),
      ),
  },
  "fail-then-succeed": {
    description:
      "The first `fail-times` (default 2) requests with the same `key` fail with `fail-status` (default 503; `reset` resets the connection), later ones get the normal answer.",
    handle: failThenSucceed,
  },
};

async function failThenSucceed(context: MockScenarioContext): Promise<void> {
  const { params } = context;
  const key = params.key ?? "default";
  const times = context.numberParam("fail-times", context.numberParam("value", 2));
  const attempt = context.count(`fail-then-succeed\u0000${key}`);
  if (attempt > times) return context.answer();
  const failWith = params["fail-status"] ?? "503";
  if (failWith === "reset") return context.destroy();
  const status = Number(failWith) >= 400 && Number(failWith) <= 599 ? Number(failWith) : 503;
  const message = `Scripted failure ${attempt} of ${times} for key "${key}".`;
  context.sendError(status, { message }, retryHeaders(params));
}

/** HTTP error families, selected with the status in the name. */
export const httpErrorPatterns: BuiltinPattern[] = [
  {
    name: "status-<code>",
    pattern: /^status-[45]\d\d$/,
    description:
      "That status with a JSON error body of the usual `type`/`code` (any 4xx/5xx); adds `Retry-After`/`retry-after-ms` from the `retry-after`/`retry-after-ms` params.",
    handle: (context) => context.sendError(numberInName(context), {}, retryHeaders(context.params)),
  },
  {
    name: "html-<code>",
    pattern: /^html-[45]\d\d$/,
    description: "That status with an nginx-style HTML page (`text/html`), as a proxy in front of r9s sends.",
    handle(context) {
      const body = htmlPage(numberInName(context));
      context.response.writeHead(numberInName(context), {
        "content-type": "text/html",
        "content-length": String(Buffer.byteLength(body)),
      });
      context.response.end(body);
    },
  },
  {
    name: "octet-stream-<code>",
    pattern: /^octet-stream-[45]\d\d$/,
    description: "That status with a JSON error body sent as `application/octet-stream`.",
    handle(context) {
      const status = numberInName(context);
      context.sendJson(
        status,
        { error: errorObjectFor(status) },
        { "content-type": "application/octet-stream" },
      );
    },
  },
];
