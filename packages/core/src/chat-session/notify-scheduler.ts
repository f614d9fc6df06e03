/**
 * How often a session tells its listeners about new tokens:
 * - `"animation-frame"`: at most once per frame (`requestAnimationFrame` where
 *   it exists, else every 16 ms), so a fast stream renders at the display's pace;
 * - a number of milliseconds: at most once per interval;
 * - `0`: on every chunk (tests, or a non-visual consumer that wants each token).
 *
 * Only token updates wait; a status change, an error or a finished answer is
 * told at once.
 */
export type ChatSessionThrottle = "animation-frame" | number;

/** The interval used for `"animation-frame"` where `requestAnimationFrame` does not exist (Node, SSR). */
export const FRAME_FALLBACK_MS = 16;

/** Runs `flush` once for any number of `schedule()` calls within one frame or interval. */
export interface NotifyScheduler {
  /** Asks for a flush; a no-op while one is already pending. With throttle `0`, flushes now. */
  schedule(throttle: ChatSessionThrottle): void;
  /** Drops a pending flush (the caller is about to notify anyway, or is done). */
  cancel(): void;
}

/**
 * A trailing-edge scheduler: the first `schedule()` sets one frame or timer,
 * later ones until it fires cost one comparison. `requestAnimationFrame` is
 * looked up when scheduling, never at import, so the module is safe on a server.
 */
export function createNotifyScheduler(flush: () => void): NotifyScheduler {
  let frame: number | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const run = () => {
    frame = undefined;
    timer = undefined;
    flush();
  };
  return {
    schedule(throttle) {
      if (frame !== undefined || timer !== undefined) return;
      if (throttle === 0 || !(throttle === "animation-frame" || throttle > 0)) {
        flush();
        return;
      }
      if (throttle === "animation-frame" && typeof globalThis.requestAnimationFrame === "function") {
        frame = globalThis.requestAnimationFrame(run);
      } else {
        timer = setTimeout(run, throttle === "animation-frame" ? FRAME_FALLBACK_MS : throttle);
      }
    },
    cancel() {
      if (frame !== undefined) globalThis.cancelAnimationFrame?.(frame);
      if (timer !== undefined) clearTimeout(timer);
      frame = undefined;
      timer = undefined;
    },
  };
}
