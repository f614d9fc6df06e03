import { describe, expectTypeOf, it } from "vitest";
import type {
  ChatCompletion,
  ChatCompletionChunk,
  ChatCompletionCreateParams,
  ChatStream,
  createClient,
} from "../index";

declare const client: ReturnType<typeof createClient>;
const messages = [{ role: "user" as const, content: "Hi" }];

describe("chat.create narrows on stream", () => {
  it("stream: true gives a ChatStream of chunks", () => {
    expectTypeOf(
      client.chat.create({ model: "m", messages, stream: true }),
    ).resolves.toEqualTypeOf<ChatStream>();
    expectTypeOf<ChatStream>().toMatchTypeOf<AsyncIterable<ChatCompletionChunk>>();
    expectTypeOf<ChatStream["textStream"]>().toEqualTypeOf<AsyncIterable<string>>();
  });

  it("no stream, or stream: false, gives a ChatCompletion", () => {
    expectTypeOf(client.chat.create({ model: "m", messages })).resolves.toEqualTypeOf<ChatCompletion>();
    expectTypeOf(
      client.chat.create({ model: "m", messages, stream: false }),
    ).resolves.toEqualTypeOf<ChatCompletion>();
  });

  it("a boolean stream gives the union", () => {
    const params: ChatCompletionCreateParams = { model: "m", messages, stream: Math.random() > 0.5 };
    expectTypeOf(client.chat.create(params)).resolves.toEqualTypeOf<ChatStream | ChatCompletion>();
  });

  it("rejects a wrong role and a misspelled option at compile time", () => {
    // @ts-expect-error unknown role
    client.chat.create({ model: "m", messages: [{ role: "robot", content: "x" }] });
    // @ts-expect-error timeoutMs is a number
    client.chat.create({ model: "m", messages }, { timeoutMs: "10s" });
  });

  it("keeps unknown server fields readable", () => {
    expectTypeOf<ChatCompletion["x_groq"]>().toEqualTypeOf<unknown>();
  });
});
