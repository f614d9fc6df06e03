import type { TimeoutPhase } from "../errors/r9s-error";

/** Tracks idleness of one attempt and fires once when it lasts `timeoutMs`. */
export interface Watchdog {
  /** Progress was made: data arrived, or the consumer asked for more. */
  touch(): void;
  /** Headers arrived: from now on the timeout measures idleness between data events. */
  enterIdlePhase(): void;
  stop(): void;
}

// setTimeout's largest delay; a longer one would fire at once.
const MAX_DELAY = 2_147_483_647;

/**
 * Starts a watchdog. One timer re-arms itself for the remaining time instead
 * of being reset on every event, so a stream of 100k events costs 100k
 * `Date.now()` calls, not 100k timers.
 */
export function startWatchdog(timeoutMs: number, onExpire: (phase: TimeoutPhase) => void): Watchdog {
  let last = Date.now();
  let phase: TimeoutPhase = "headers";
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;
  const arm = (delay: number) => {
    timer = setTimeout(check, Math.min(delay, MAX_DELAY));
  };
  const check = () => {
    if (stopped) return;
    const idle = Date.now() - last;
    if (idle >= timeoutMs) {
      stopped = true;
      onExpire(phase);
    } else {
      arm(timeoutMs - idle);
    }
  };
  if (Number.isFinite(timeoutMs)) arm(timeoutMs);
  return {
    touch() {
      last = Date.now();
    },
    enterIdlePhase() {
      phase = "idle";
      last = Date.now();
    },
    stop() {
      stopped = true;
      if (timer !== undefined) clearTimeout(timer);
    },
  };
}
