import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { sleep } from "./sleep";

/** An AbortSignal that counts its abort listeners. */
function countingSignal() {
  const controller = new AbortController();
  const signal = controller.signal;
  let listeners = 0;
  const add = signal.addEventListener.bind(signal);
  const remove = signal.removeEventListener.bind(signal);
  signal.addEventListener = ((...args: Parameters<typeof add>) => {
    listeners++;
    add(...args);
  }) as typeof signal.addEventListener;
  signal.removeEventListener = ((...args: Parameters<typeof remove>) => {
    listeners--;
    remove(...args);
  }) as typeof signal.removeEventListener;
  return { controller, signal, listeners: () => listeners };
}

describe("sleep", () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("resolves after ms, not before", async () => {
    const done = vi.fn();
    void sleep(1000).then(done);
    await vi.advanceTimersByTimeAsync(999);
    expect(done).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(done).toHaveBeenCalledOnce();
    expect(vi.getTimerCount()).toBe(0);
  });

  it("removes its abort listener when the time is up", async () => {
    const { signal, listeners } = countingSignal();
    const promise = sleep(500, signal);
    expect(listeners()).toBe(1);
    await vi.advanceTimersByTimeAsync(500);
    await expect(promise).resolves.toBeUndefined();
    expect(listeners()).toBe(0);
  });

  it("rejects promptly with the signal's reason and clears its timer", async () => {
    const { controller, signal, listeners } = countingSignal();
    const promise = sleep(10_000, signal);
    const reason = new Error("stop");
    controller.abort(reason);
    await expect(promise).rejects.toBe(reason);
    expect(vi.getTimerCount()).toBe(0);
    expect(listeners()).toBe(0);
  });

  it("rejects at once for an already aborted signal, without a timer or listener", async () => {
    const { controller, signal, listeners } = countingSignal();
    controller.abort();
    await expect(sleep(1000, signal)).rejects.toMatchObject({ name: "AbortError" });
    expect(vi.getTimerCount()).toBe(0);
    expect(listeners()).toBe(0);
  });

  it("clamps delays beyond the timer limit instead of firing at once", async () => {
    const done = vi.fn();
    void sleep(Infinity).then(done);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(done).not.toHaveBeenCalled();
    vi.clearAllTimers();
  });
});
