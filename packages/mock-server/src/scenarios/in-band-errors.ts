import { MOCK_CREATED, planAnswer } from "../answer";
import { errorObjectFor } from "../error-body";
import { streamPrefix } from "../send-answer";
import type { MockErrorObject, MockScenarioContext, MockStreamWriter } from "../types";
import { type BuiltinPattern, type BuiltinScenario, numberInName } from "./builtin";

/** An error without any status, as OpenAI sends mid-stream: maps to a plain stream error. */
const UNNAMED_ERROR: MockErrorObject = {
  message: "The server had an error while processing your request. Sorry about that!",
  type: "server_error",
  param: null,
  code: null,
};

/** The error naming `status` with a numeric `code`, as OpenRouter does (`{"code": 429, …}`). */
function namedError(status: number): MockErrorObject {
  const { message, type } = errorObjectFor(status);
  return { message, type, param: null, code: status };
}

/** The error of a scenario: named by the status in its name or its `status` param, else unnamed. */
function errorOf(context: MockScenarioContext): MockErrorObject {
  const status = Number.isNaN(numberInName(context))
    ? context.numberParam("status", 0)
    : numberInName(context);
  return status >= 400 && status <= 599 ? namedError(status) : UNNAMED_ERROR;
}

/** Streams `after-chunks` chunks (default 3) of the normal answer, then lets `finish` break the stream. */
async function afterContent(
  context: MockScenarioContext,
  finish: (writer: MockStreamWriter) => Promise<unknown>,
): Promise<void> {
  const plan = planAnswer(context.request.body, context.request.sequence);
  const writer = await streamPrefix(context, plan, context.numberParam("after-chunks", 3));
  if (!writer) return;
  await finish(writer);
  writer.end();
}

/** Errors sent inside a `200 OK` event stream (always streamed, whatever `stream` says). */
export const inBandErrorScenarios: Record<string, BuiltinScenario> = {
  "stream-error": {
    description:
      'After `after-chunks` chunks (default 3; 0 = before any output), `data: {"error": {…}}` with no status (`type: "server_error"`, `code: null`), then the end without `[DONE]`. A `status` param names one.',
    handle: (context) => afterContent(context, (writer) => writer.data({ error: errorOf(context) })),
  },
  "stream-error-event": {
    description:
      'Like `stream-error`, as `event: error` + `data: {"error": {…}}` (named by a `status` param, unnamed by default).',
    handle: (context) =>
      afterContent(context, (writer) => writer.event("error", { error: errorOf(context) })),
  },
  "stream-error-finish-reason": {
    description:
      'Like `stream-error`, as a chunk with `finish_reason: "error"` and a top-level `error` (`code` = `status` param, default 502), then `[DONE]`.',
    handle: (context) =>
      afterContent(context, async (writer) => {
        const status = context.numberParam("status", 502);
        await writer.data({
          id: `chatcmpl-mock-${String(context.request.sequence).padStart(6, "0")}`,
          object: "chat.completion.chunk",
          created: MOCK_CREATED,
          model: context.request.body.model,
          choices: [
            { index: 0, delta: { content: "" }, finish_reason: "error", native_finish_reason: "error" },
          ],
          error: { code: status, message: errorObjectFor(status).message },
        });
        await writer.write("data: [DONE]\n\n");
      }),
  },
};

/** In-band errors that name an HTTP status. */
export const inBandErrorPatterns: BuiltinPattern[] = [
  {
    name: "stream-error-<code>",
    pattern: /^stream-error-[45]\d\d$/,
    description:
      'Like `stream-error`, with `{"error": {"code": <code>, "type": …, "message": …}}` naming that status (429 → a rate-limit error).',
    handle: (context) => afterContent(context, (writer) => writer.data({ error: errorOf(context) })),
  },
];
