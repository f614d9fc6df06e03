/**
 * The example app in headless Chromium, as a person uses it: the built page,
 * served by the app's own server, whose relay answers from its embedded mock
 * server. Elements are found by role and label, as a screen reader would.
 */
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { launchChromium } from "@r9s/conformance/chromium";
import type { Browser, BrowserContext, Locator, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, inject, it } from "vitest";
import { type ChatServer, createChatServer } from "../server/chat-server";

const screenshotPath = fileURLToPath(new URL("../docs/screenshot.png", import.meta.url));

let server: ChatServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let pageErrors: string[];

beforeAll(async () => {
  server = await createChatServer({ port: 0, publicDir: inject("publicDir"), mock: { tokenDelayMs: 15 } });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

beforeEach(async () => {
  server.mockServer?.reset();
  context = await browser.newContext({ viewport: { width: 1000, height: 760 }, locale: "en-US" });
  page = await context.newPage();
  pageErrors = [];
  page.on("pageerror", (error) => pageErrors.push(error.message));
  await page.goto(server.url);
  await expect.poll(() => modelPicker().locator("option").count()).toBeGreaterThan(0);
});

afterEach(async () => {
  await context.close();
  expect(pageErrors).toEqual([]);
});

const modelPicker = () => page.getByRole("combobox", { name: "Model" });
const messageBox = () => page.getByRole("textbox", { name: "Message" });
const answers = () => page.getByRole("listitem", { name: "Answer" });
const answerText = (answer: Locator = answers().last()) => answer.getByTestId("answer-text");
const sendButton = () => page.getByRole("button", { name: "Send" });
const stopButton = () => page.getByRole("button", { name: "Stop" });

async function pick(label: string) {
  await modelPicker().selectOption({ label });
}

async function send(text: string) {
  await messageBox().fill(text);
  await messageBox().press("Enter");
}

/** The answer's text, sampled every 30 ms until the answer ends. */
async function sampleWhileStreaming(): Promise<string[]> {
  const samples: string[] = [];
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    const streaming =
      (await answers()
        .last()
        .getAttribute("aria-busy")
        .catch(() => null)) === "true";
    samples.push(
      (await answerText()
        .textContent()
        .catch(() => null)) ?? "",
    );
    if (!streaming && samples.at(-1) !== "" && (await stopButton().count()) === 0) break;
    await page.waitForTimeout(30);
  }
  return samples;
}

describe("the chat app", () => {
  it("streams an answer: the text grows token by token, then is complete", async () => {
    await pick("Mock: slow drip");
    await send("one two three four");
    await expect.poll(() => stopButton().count()).toBe(1);
    const samples = await sampleWhileStreaming();
    const distinct = [...new Set(samples.filter((sample) => sample !== ""))];
    // The text grew in several steps, each a prefix of the next.
    expect(distinct.length).toBeGreaterThanOrEqual(3);
    for (let index = 1; index < distinct.length; index++) {
      expect(distinct[index]!.startsWith(distinct[index - 1]!)).toBe(true);
    }
    await expect.poll(() => answerText().textContent()).toBe("You said: one two three four");
    await expect.poll(() => sendButton().count()).toBe(1);
    expect(await page.getByRole("listitem", { name: "Your message" }).textContent()).toBe(
      "one two three four",
    );
  });

  it("stops mid-stream and keeps the partial answer", async () => {
    await pick("Mock: slow drip");
    await send("alpha beta gamma delta epsilon zeta eta theta iota kappa");
    await expect.poll(() => answerText().textContent(), { timeout: 10_000 }).toMatch(/^You said: alpha/);
    await stopButton().click();
    await expect.poll(() => stopButton().count()).toBe(0);
    await expect.poll(() => sendButton().count()).toBe(1);
    const kept = (await answerText().textContent()) ?? "";
    expect(kept.startsWith("You said: alpha")).toBe(true);
    expect(kept.length).toBeLessThan(
      "You said: alpha beta gamma delta epsilon zeta eta theta iota kappa".length,
    );
    await page.waitForTimeout(600);
    expect(await answerText().textContent()).toBe(kept);
    expect(await answers().last().getByText("Stopped").count()).toBe(1);
  });

  it("regenerates the last answer in place", async () => {
    await pick("Mock: echo");
    await send("first question");
    await expect.poll(() => answerText().textContent()).toBe("You said: first question");
    const firstId = await answers().last().getAttribute("data-message-id");

    await pick("Mock: reasoning");
    await page.getByRole("button", { name: "Regenerate" }).click();
    await expect.poll(() => answers().last().getAttribute("data-message-id")).not.toBe(firstId);
    await expect.poll(() => answers().last().locator("details summary").textContent()).toBe("Reasoning");
    await expect.poll(() => answerText().textContent()).toBe("You said: first question");
    expect(await answers().count()).toBe(1);
    // The second request asked again from the user message: the old answer was not sent back.
    const last = server.mockServer!.requests.at(-1)!.body as { messages: { role: string }[] };
    expect(last.messages.map((message) => message.role)).toEqual(["user"]);
    expect(server.mockServer!.requests).toHaveLength(2);
  });

  it("runs the clock tool in the browser and sends its result back", async () => {
    await pick("Mock: clock tool");
    await send("What time is it?");
    const card = page.getByRole("region", { name: "Tool call get_time" });
    await expect.poll(() => card.getByTestId("tool-result").textContent()).toContain('"timeZone"');
    await expect
      .poll(() => answerText().textContent(), { timeout: 10_000 })
      .toMatch(/^The get_time tool returned: \{"time":.*"timeZone":/);
    const requests = server.mockServer!.requests.map((request) => request.body as Record<string, unknown>);
    expect(requests).toHaveLength(2);
    expect((requests[0]!.tools as unknown[]).length).toBe(2);
    const sentBack = (requests[1]!.messages as { role: string }[]).map((message) => message.role);
    expect(sentBack).toEqual(["user", "assistant", "tool"]);
  });

  it("starts from a suggestion, switching to a mock model that calls the tool", async () => {
    await pick("Mock: echo");
    await page.getByRole("button", { name: /What time is it\?/ }).click();
    await expect.poll(() => modelPicker().inputValue()).toBe("tools");
    const card = page.getByRole("region", { name: "Tool call get_time" });
    await expect.poll(() => card.getByTestId("tool-result").textContent()).toContain('"timeZone"');
    await expect.poll(() => answerText().textContent()).toMatch(/^The get_time tool returned/);
  });

  it("shows a scripted 429 with retry advice, then recovers", async () => {
    await pick("Mock: rate limit (429)");
    await send("hello?");
    const alert = page.getByRole("alert");
    await expect.poll(() => alert.textContent()).toMatch(/Rate limited — try again in [1-5] s/);
    await expect.poll(() => sendButton().count()).toBe(1);

    await pick("Mock: echo");
    await page.getByRole("button", { name: "Retry" }).click();
    await expect.poll(() => answerText().textContent()).toBe("You said: hello?");
    expect(await alert.count()).toBe(0);
  });

  it("keeps working after a page reload", async () => {
    await pick("Mock: echo");
    await send("before reload");
    await expect.poll(() => answerText().textContent()).toBe("You said: before reload");
    await page.reload();
    await expect.poll(() => modelPicker().inputValue()).toBe("echo");
    await send("after reload");
    await expect.poll(() => answerText().textContent()).toBe("You said: after reload");
    expect(await answers().count()).toBe(1);
  });

  it("looks right with reasoning and a tool call (the README screenshot)", async () => {
    await pick("Mock: reasoning");
    await send("Explain server-sent events in one paragraph.");
    await expect
      .poll(() => answerText().textContent())
      .toBe("You said: Explain server-sent events in one paragraph.");
    await answers().last().locator("details summary").click();
    await pick("Mock: clock tool");
    await send("What time is it where I am?");
    await expect.poll(() => answerText().textContent(), { timeout: 10_000 }).toMatch(/^The get_time tool/);
    await expect.poll(() => sendButton().count()).toBe(1);
    await messageBox().fill("What is (17 * 23) ^ 2 / 7?");
    await expect.poll(() => sendButton().isEnabled()).toBe(true);
    if (process.env.UPDATE_SCREENSHOT === "1" || !existsSync(screenshotPath)) {
      await page.screenshot({ path: screenshotPath, animations: "disabled", caret: "hide" });
    }
  });
});
