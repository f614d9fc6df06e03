import http from "node:http";
import { R9SClient, R9SError, type Transport } from "@r9s/core";
import { type MockServer, startMockServer } from "@r9s/mock-server";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { nodeTransport } from "./node-transport";
import { R9S } from "./r9s";

const params = { model: "r9s-mock", messages: [{ role: "user" as const, content: "Hi" }] };
const ENV_NAMES = ["R9S_API_KEY", "R9S_BASE_URL"] as const;
let saved: Record<string, string | undefined>;
let mock: MockServer;

beforeAll(async () => {
  mock = await startMockServer();
});
afterAll(() => mock.close());
beforeEach(() => {
  saved = Object.fromEntries(ENV_NAMES.map((name) => [name, process.env[name]]));
  for (const name of ENV_NAMES) delete process.env[name];
});
afterEach(() => {
  for (const name of ENV_NAMES) {
    if (saved[name] === undefined) delete process.env[name];
    else process.env[name] = saved[name];
  }
});

describe("R9S", () => {
  test("throws a clear R9SError when no API key is given or set", () => {
    const create = () => new R9S({ baseURL: mock.url });
    expect(create).toThrow(R9SError);
    expect(create).toThrow(
      "Missing API key: pass { apiKey } or set R9S_API_KEY (use apiKey: null to send none, e.g. to a local mock server or a relay)",
    );
    expect(() => new R9S({ apiKey: "", baseURL: mock.url })).toThrow("Missing API key");
  });

  test("reads R9S_API_KEY and R9S_BASE_URL from the environment", async () => {
    process.env.R9S_API_KEY = "sk-from-env";
    process.env.R9S_BASE_URL = mock.url;
    const r9s = new R9S();
    expect(r9s).toBeInstanceOf(R9SClient);
    expect(r9s.baseURL).toBe(mock.url);
    await r9s.chat.create(params);
    expect(mock.requests.at(-1)?.headers.authorization).toBe("Bearer sk-from-env");
  });

  test("options win over the environment", async () => {
    process.env.R9S_API_KEY = "sk-from-env";
    process.env.R9S_BASE_URL = "http://127.0.0.1:1";
    const r9s = new R9S({ apiKey: "sk-given", baseURL: mock.url });
    expect(r9s.baseURL).toBe(mock.url);
    await r9s.chat.create(params);
    expect(mock.requests.at(-1)?.headers.authorization).toBe("Bearer sk-given");
  });

  test("apiKey: null sends no Authorization, even with R9S_API_KEY set", async () => {
    process.env.R9S_API_KEY = "sk-from-env";
    await new R9S({ apiKey: null, baseURL: mock.url }).chat.create(params);
    expect(mock.requests.at(-1)?.headers.authorization).toBeUndefined();
  });

  test("defaults to the r9s API when no base URL is given or set", () => {
    expect(new R9S({ apiKey: "sk-test" }).baseURL).toBe("https://api.r9s.ai");
  });

  test("uses the transport or the agents it is given", async () => {
    const agent = new http.Agent({ keepAlive: true });
    await new R9S({ apiKey: null, baseURL: mock.url, agent }).chat.create(params);
    expect(Object.keys(agent.freeSockets)).toHaveLength(1);
    agent.destroy();

    const transport = nodeTransport();
    let calls = 0;
    const counted: Transport = {
      request(request) {
        calls++;
        return transport.request(request);
      },
    };
    await new R9S({ apiKey: null, baseURL: mock.url, transport: counted }).chat.create(params);
    expect(calls).toBe(1);
    transport.destroy();
  });
});
