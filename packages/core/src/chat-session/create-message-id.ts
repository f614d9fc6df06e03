let counter = 0;

/**
 * A new message id, unique within the page: a random part (so ids of a
 * reloaded, saved history do not collide) and a counter. Pass your own
 * `generateId` to a session for ids that must match a server's.
 */
export function createMessageId(): string {
  counter = (counter + 1) % Number.MAX_SAFE_INTEGER;
  return `msg-${Math.random().toString(36).slice(2, 10)}-${counter.toString(36)}`;
}
