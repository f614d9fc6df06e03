import type {
  ChatCompletion,
  ChatCompletionChoice,
  ChatCompletionChunk,
  ChatCompletionChunkChoice,
} from "@r9s/core";
import { type AnswerPlan, type ChoicePlan, MOCK_CREATED } from "./answer";
import { tokenLogprob } from "./logprobs";

/** The non-streamed `chat.completion` of a plan. */
export function completionOf(plan: AnswerPlan): ChatCompletion {
  const choices = plan.choices.map((choice): ChatCompletionChoice => {
    const message: ChatCompletionChoice["message"] = {
      role: "assistant",
      content: choice.content ? choice.content.join("") : null,
      refusal: null,
    };
    if (choice.reasoning.length > 0) message.reasoning_content = choice.reasoning.join("");
    if (choice.toolCall) {
      const { id, name, fragments } = choice.toolCall;
      message.tool_calls = [{ id, type: "function", function: { name, arguments: fragments.join("") } }];
    }
    const top = plan.topLogprobs;
    const logprobs =
      top === null
        ? null
        : { content: (choice.content ?? []).map((token) => tokenLogprob(token, top)), refusal: null };
    return { index: choice.index, message, logprobs, finish_reason: choice.finishReason };
  });
  return {
    id: plan.id,
    object: "chat.completion",
    created: MOCK_CREATED,
    model: plan.model,
    choices,
    usage: plan.usage,
    system_fingerprint: "fp_mock",
  };
}

/** The `chat.completion.chunk`s of a plan: choices interleaved, then the usage-only chunk if asked. */
export function chunksOf(plan: AnswerPlan): ChatCompletionChunk[] {
  const base = {
    id: plan.id,
    object: "chat.completion.chunk" as const,
    created: MOCK_CREATED,
    model: plan.model,
    system_fingerprint: "fp_mock",
  };
  // As OpenAI does: with include_usage every chunk carries `usage: null`, after `choices`.
  const usage = plan.includeUsage ? { usage: null } : {};
  const perChoice = plan.choices.map((choice) => choiceDeltas(choice, plan.topLogprobs));
  const longest = Math.max(0, ...perChoice.map((deltas) => deltas.length));
  const chunks: ChatCompletionChunk[] = [];
  for (let step = 0; step < longest; step++) {
    for (const deltas of perChoice) {
      const choice = deltas[step];
      if (choice) chunks.push({ ...base, choices: [choice], ...usage });
    }
  }
  if (plan.includeUsage) chunks.push({ ...base, choices: [], usage: plan.usage });
  return chunks;
}

function choiceDeltas(choice: ChoicePlan, top: number | null): ChatCompletionChunkChoice[] {
  const { index, toolCall } = choice;
  const of = (delta: ChatCompletionChunkChoice["delta"], token?: string): ChatCompletionChunkChoice => ({
    index,
    delta,
    logprobs:
      top !== null && token !== undefined ? { content: [tokenLogprob(token, top)], refusal: null } : null,
    finish_reason: null,
  });
  const first = toolCall
    ? of({
        role: "assistant",
        content: null,
        tool_calls: [
          { index: 0, id: toolCall.id, type: "function", function: { name: toolCall.name, arguments: "" } },
        ],
      })
    : of({ role: "assistant", content: "", refusal: null });
  return [
    first,
    ...choice.reasoning.map((token) => of({ reasoning_content: token })),
    ...(choice.content ?? []).map((token) => of({ content: token }, token)),
    ...(toolCall?.fragments ?? []).map((piece) =>
      of({ tool_calls: [{ index: 0, function: { arguments: piece } }] }),
    ),
    { index, delta: {}, logprobs: null, finish_reason: choice.finishReason },
  ];
}
