/**
 * Figure 6, one process: a jsdom page renders one `useChat` conversation whose
 * answer of `tokens` tokens arrives at 1 kHz from the loopback server. Counts
 * the component's renders and commits and the animation frames that elapsed,
 * and measures the main thread's busy time (event-loop utilization: the time
 * the loop ran JavaScript — fetch and stream parsing, the hook, React, jsdom —
 * rather than waiting) and the process CPU time, from `send` to the commit
 * that shows the whole answer.
 */
import "../shared/dom-globals";
import { performance } from "node:perf_hooks";
import { R9S } from "@r9s/fetch";
import { useChat as useR9SChat } from "@r9s/react";
import { childArguments, collectGarbage, runChild } from "../shared/child";
import { root } from "../shared/dom-globals";
import { answerToken } from "../shared/fixture";
import { createFloorDecoder } from "../shared/floor";

export type ReactContender = "r9s-react" | "ai-sdk-react" | "ai-sdk-react-throttle" | "fetch-floor";

export interface ReactArguments {
  contender: ReactContender;
  baseURL: string;
  tokens: number;
  warmupTokens: number;
}

type Mounted = { send(): void; done: Promise<void>; renders: () => number; commits: () => number };

function expectedAnswer(tokens: number): string {
  let text = "";
  for (let index = 0; index < tokens; index++) text += answerToken(index);
  return text;
}

/** Text of a message of either hook: a string `content`, text parts, or AI SDK `parts`. */
function textOf(message: unknown): string {
  const { content, parts } = message as { content?: unknown; parts?: unknown };
  if (typeof content === "string") return content;
  const list = Array.isArray(parts) ? parts : Array.isArray(content) ? content : [];
  let text = "";
  for (const part of list as Array<{ type?: string; text?: unknown }>) {
    if (part.type === "text" && typeof part.text === "string") text += part.text;
  }
  return text;
}

/** What a chat view reports to the measurement. */
interface Probe {
  rendered(): void;
  committed(status: string, messages: readonly unknown[], error: unknown): void;
  setSend(send: () => void): void;
}

type React = typeof import("react");
type AiSdkUseChat = typeof import("@ai-sdk/react").useChat;
type AiSdkTransport = InstanceType<typeof import("ai").DefaultChatTransport>;

function messageList(react: React, messages: readonly unknown[]) {
  return react.createElement(
    "div",
    null,
    messages.map((message) =>
      react.createElement("p", { key: (message as { id: string }).id }, textOf(message)),
    ),
  );
}

function R9SChatView(props: { react: React; client: R9S; model: string; probe: Probe }) {
  const { react, probe } = props;
  probe.rendered();
  const chat = useR9SChat({ client: props.client, model: props.model });
  probe.setSend(() => void chat.send("Hello"));
  react.useLayoutEffect(() => probe.committed(chat.status, chat.messages, chat.error));
  return messageList(react, chat.messages);
}

function AiSdkChatView(props: {
  react: React;
  useChat: AiSdkUseChat;
  transport: AiSdkTransport;
  throttle: number | undefined;
  probe: Probe;
}) {
  const { react, probe } = props;
  probe.rendered();
  const chat = props.useChat({ transport: props.transport, experimental_throttle: props.throttle });
  probe.setSend(() => void chat.sendMessage({ text: "Hello" }));
  react.useLayoutEffect(() => probe.committed(chat.status, chat.messages, chat.error));
  return messageList(react, chat.messages);
}

/**
 * The floor of this figure: the same 1 kHz stream read with raw fetch and
 * decoded with FLOOR, no hook, no React, no DOM: what receiving the tokens
 * costs any client on this machine.
 */
function mountFloor(baseURL: string, tokens: number): Mounted {
  let finish!: () => void;
  let fail!: (error: unknown) => void;
  const done = new Promise<void>((resolve, reject) => {
    finish = resolve;
    fail = reject;
  });
  const read = async () => {
    const response = await fetch(`${baseURL}/v1/chat/completions`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        model: `tokens-${tokens}`,
        messages: [{ role: "user", content: "Hello" }],
        stream: true,
      }),
    });
    let text = "";
    const decoder = createFloorDecoder((chunk) => {
      text += (chunk as { choices: Array<{ delta: { content?: string } }> }).choices[0]?.delta.content ?? "";
    });
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    for (;;) {
      const { done: ended, value } = await reader.read();
      if (ended) break;
      decoder.feed(value);
    }
    if (text !== expectedAnswer(tokens)) throw new Error("the floor client lost tokens");
  };
  return {
    send: () => void read().then(finish, fail),
    done,
    renders: () => 0,
    commits: () => 0,
  };
}

async function mount(contender: ReactContender, baseURL: string, tokens: number): Promise<Mounted> {
  if (contender === "fetch-floor") return mountFloor(baseURL, tokens);
  const react = await import("react");
  const { createRoot } = await import("react-dom/client");
  const expected = expectedAnswer(tokens);
  let renders = 0;
  let commits = 0;
  let send: () => void = () => {};
  let sent = false;
  let finish!: () => void;
  let fail!: (error: unknown) => void;
  const done = new Promise<void>((resolve, reject) => {
    finish = resolve;
    fail = reject;
  });
  // Nothing else keeps the process alive while React waits for the stream.
  const keepAlive = setInterval(() => {}, 1000);
  done.finally(() => clearInterval(keepAlive)).catch(() => {});

  const probe: Probe = {
    rendered() {
      renders++;
    },
    // At each commit: resolves once the whole answer shows and the hook is idle.
    committed(status, messages, error) {
      commits++;
      if (!sent) return;
      if (error) fail(error);
      const last = messages[messages.length - 1];
      if (status === "ready" && last !== undefined && textOf(last) === expected) finish();
    },
    setSend(next) {
      send = next;
    },
  };

  let element: ReturnType<typeof react.createElement>;
  if (contender === "r9s-react") {
    // Fails here, not inside a render, when the package is not written yet.
    if (typeof useR9SChat !== "function") throw new Error("@r9s/react has no useChat");
    const client = new R9S({ apiKey: null, baseURL });
    element = react.createElement(R9SChatView, { react, client, model: `tokens-${tokens}`, probe });
  } else {
    const { useChat } = await import("@ai-sdk/react");
    const { DefaultChatTransport } = await import("ai");
    const transport = new DefaultChatTransport({ api: `${baseURL}/api/chat?tokens=${tokens}` });
    const throttle = contender === "ai-sdk-react-throttle" ? 16 : undefined;
    element = react.createElement(AiSdkChatView, { react, useChat, transport, throttle, probe });
  }
  const container = document.createElement("div");
  root.appendChild(container);
  createRoot(container, { onUncaughtError: (error) => fail(error) }).render(element);
  // Let the first commit happen before the stream starts.
  await new Promise((resolve) => setTimeout(resolve, 20));
  return {
    send() {
      sent = true;
      send();
    },
    done,
    renders: () => renders,
    commits: () => commits,
  };
}

/** Counts animation frames from now until `stop()`. */
function countFrames(): { stop(): number } {
  let frames = 0;
  let running = true;
  const onFrame = () => {
    if (!running) return;
    frames++;
    requestAnimationFrame(onFrame);
  };
  requestAnimationFrame(onFrame);
  return {
    stop() {
      running = false;
      return frames;
    },
  };
}

runChild(async () => {
  const options = childArguments<ReactArguments>();
  // A short conversation first: module loading and JIT are not what this figure measures.
  const warmup = await mount(options.contender, options.baseURL, options.warmupTokens);
  warmup.send();
  await warmup.done;
  const chat = await mount(options.contender, options.baseURL, options.tokens);
  collectGarbage();
  const rendersBefore = chat.renders();
  const commitsBefore = chat.commits();
  const frames = countFrames();
  const utilization = performance.eventLoopUtilization();
  const cpu = process.cpuUsage();
  const started = performance.now();
  chat.send();
  await chat.done;
  const ms = performance.now() - started;
  const busy = performance.eventLoopUtilization(utilization);
  const cpuUsed = process.cpuUsage(cpu);
  return {
    renders: chat.renders() - rendersBefore,
    commits: chat.commits() - commitsBefore,
    frames: frames.stop(),
    ms,
    mainThreadMs: busy.active,
    cpuMs: (cpuUsed.user + cpuUsed.system) / 1000,
  };
});
