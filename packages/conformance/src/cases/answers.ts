import { expect } from "vitest";
import { collect, contentOf } from "../helpers";
import { params, type SuiteContext } from "../suite-context";

// The `utf8-split` scenario's answer: CJK, emoji and accents, cut inside characters on the wire.
const UTF8_SPLIT_TEXT = "你好，世界！🌍 Grüße aus Köln — こんにちは 🚀✨";

/** Answers: plain and streamed, metadata, incremental delivery, UTF-8, large bodies, concurrency. */
export function answerCases(suite: SuiteContext): void {
  suite.test("answers a non-streaming request", async () => {
    const completion = await suite.client().chat.create(params("Hi"));
    expect(completion.object).toBe("chat.completion");
    expect(contentOf(completion)).toBe("You said: Hi");
  });

  suite.test("streams an answer chunk by chunk", async () => {
    const stream = await suite.client().chat.create({ ...params("Hi there"), stream: true });
    const { chunks, text } = await collect(stream);
    expect(chunks).toBeGreaterThan(2);
    expect(text).toBe("You said: Hi there");
    expect(contentOf(await stream.finalCompletion())).toBe("You said: Hi there");
  });

  suite.test("exposes the response status, headers and requestId", async () => {
    const stream = await suite.client().chat.create({ ...params(), stream: true });
    const recorded = suite.mock.requests.at(-1);
    expect(stream.status).toBe(200);
    expect(stream.headers.get("content-type")).toMatch(/^text\/event-stream/);
    expect(stream.requestId).toMatch(/^req_mock_/);
    expect(stream.requestId).toBe(recorded?.id);
    expect(stream.headers.get("x-request-id")).toBe(stream.requestId);
    await collect(stream);
  });

  suite.test("sends the JSON body intact, with its content-length", async () => {
    const body = params("héllo wörld 你好 🌍");
    await suite.client().chat.create(body, { headers: { "x-trace": "conformance" } });
    const recorded = suite.mock.requests.at(-1);
    expect(recorded?.method).toBe("POST");
    expect(recorded?.body).toEqual(body);
    expect(recorded?.headers["content-type"]).toBe("application/json");
    expect(recorded?.headers["content-length"]).toBe(String(Buffer.byteLength(JSON.stringify(body))));
    expect(recorded?.headers.authorization).toBe("Bearer sk-test");
    expect(recorded?.headers["x-trace"]).toBe("conformance");
  });

  suite.test(
    "delivers the body incrementally: the first chunk arrives before the server finishes",
    async () => {
      const stream = await suite
        .client()
        .chat.create(
          { ...params("Hi"), stream: true },
          { headers: { "x-mock-scenario": "slow-drip:delay-ms=100" } },
        );
      const arrivals: number[] = [];
      for await (const _ of stream) arrivals.push(Date.now());
      // About five 100 ms gaps on the server; a transport that buffered the body would deliver all at once.
      expect(arrivals.length).toBeGreaterThan(3);
      expect(arrivals.at(-1)! - arrivals[0]!).toBeGreaterThanOrEqual(200);
    },
  );

  suite.test("keeps multi-byte UTF-8 intact when it is split across TCP writes", async () => {
    const client = suite.client();
    const headers = { "x-mock-scenario": "utf8-split" };
    const stream = await client.chat.create({ ...params(), stream: true }, { headers });
    expect((await collect(stream)).text).toBe(UTF8_SPLIT_TEXT);
    expect(contentOf(await client.chat.create(params(), { headers }))).toBe(UTF8_SPLIT_TEXT);
  });

  suite.test(
    "reads a multi-MB stream and a large JSON body",
    async () => {
      const client = suite.client();
      const streamTokens = 40_000;
      const jsonTokens = 200_000;
      const stream = await client.chat.create(
        { ...params(), stream: true },
        { headers: { "x-mock-scenario": `large:tokens=${streamTokens}` } },
      );
      const { chunks, text } = await collect(stream);
      expect(chunks).toBeGreaterThanOrEqual(streamTokens);
      expect(text.split(" ")).toHaveLength(streamTokens);
      expect(text.startsWith("lorem ipsum dolor")).toBe(true);

      const completion = await client.chat.create(params(), {
        headers: { "x-mock-scenario": `large:tokens=${jsonTokens}` },
      });
      const content = contentOf(completion);
      expect(Buffer.byteLength(JSON.stringify(completion))).toBeGreaterThan(1_000_000);
      expect(content.split(" ")).toHaveLength(jsonTokens);
      expect(content.startsWith(text)).toBe(true);
    },
    20_000,
  );

  suite.test(
    "completes 50 concurrent streams",
    async () => {
      const client = suite.client();
      const texts = await Promise.all(
        Array.from({ length: 50 }, async (_, index) => {
          const stream = await client.chat.create({ ...params(`stream ${index}`), stream: true });
          return (await collect(stream)).text;
        }),
      );
      texts.forEach((text, index) => {
        expect(text).toBe(`You said: stream ${index}`);
      });
    },
    15_000,
  );
}
