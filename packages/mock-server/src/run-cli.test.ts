import { spawn } from "node:child_process";
import { once } from "node:events";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { runCli } from "./run-cli";
import { chatBody, postChat } from "./test-support/client";

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out,
    err,
    io: {
      stdout: (line: string) => out.push(line),
      stderr: (line: string) => err.push(line),
      handleSignals: false,
    },
  };
}

describe("runCli", () => {
  it("starts a server with the options given, prints its URL, and the server answers", async () => {
    const { out, io } = capture();
    const outcome = await runCli(["--port", "0", "--token-delay-ms", "0", "--api-key", "sk-cli"], io);
    expect(outcome.status).toBe("listening");
    if (outcome.status !== "listening") return;
    try {
      expect(out).toEqual([`r9s mock server listening on ${outcome.server.url}`]);
      expect(outcome.server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect((await postChat(outcome.server.url, chatBody())).status).toBe(401);
      const ok = await postChat(outcome.server.url, chatBody(), { authorization: "Bearer sk-cli" });
      expect((await ok.json()).choices[0].message.content).toBe("You said: Hello there");
    } finally {
      await outcome.server.close();
    }
  });

  it("prints help and the scenario list, exiting 0", async () => {
    const help = capture();
    expect(await runCli(["--help"], help.io)).toEqual({ status: "exit", code: 0 });
    expect(help.out[0]).toContain("Usage: r9s-mock-server");
    const list = capture();
    expect(await runCli(["--list-scenarios"], list.io)).toEqual({ status: "exit", code: 0 });
    const lines = list.out.join("\n").split("\n");
    expect(lines.some((line) => line.startsWith("rate-limit\t"))).toBe(true);
    expect(lines.some((line) => line.startsWith("quirk-crlf\t"))).toBe(true);
  });

  it("rejects bad arguments with exit code 2 and a message naming the fix", async () => {
    const bad = capture();
    expect(await runCli(["--port", "http"], bad.io)).toEqual({ status: "exit", code: 2 });
    expect(bad.err[0]).toContain("--port must be an integer from 0 to 65535");
    const unknown = capture();
    expect(await runCli(["--nope"], unknown.io)).toEqual({ status: "exit", code: 2 });
  });

  it("reports a port in use with exit code 1", async () => {
    const first = await runCli(["--port", "0"], capture().io);
    if (first.status !== "listening") throw new Error("first server did not start");
    try {
      const second = capture();
      expect(await runCli(["--port", String(first.server.port)], second.io)).toEqual({
        status: "exit",
        code: 1,
      });
      expect(second.err[0]).toContain("could not listen on 127.0.0.1:");
    } finally {
      await first.server.close();
    }
  });
});

const builtCli = fileURLToPath(new URL("../dist/cli.js", import.meta.url));

describe.skipIf(!existsSync(builtCli))("the built bin (dist/cli.js)", () => {
  it("prints its URL and exits 0 on SIGINT", async () => {
    const child = spawn(process.execPath, [builtCli, "--port", "0"], { stdio: ["ignore", "pipe", "pipe"] });
    try {
      const [firstLine] = (await once(child.stdout, "data")) as [Buffer];
      const url = /listening on (http:\/\/\S+)/.exec(firstLine.toString())?.[1];
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect((await fetch(`${url}/v1/models`)).status).toBe(200);
      child.kill("SIGINT");
      const [code] = await once(child, "exit");
      expect(code).toBe(0);
    } finally {
      if (child.exitCode === null) child.kill("SIGKILL");
    }
  });
});
