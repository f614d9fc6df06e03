/** Iterates a body given as a web `ReadableStream` or any async iterable of bytes. */
export async function* iterateBody(
  body: ReadableStream<Uint8Array> | AsyncIterable<Uint8Array>,
): AsyncGenerator<Uint8Array, void, undefined> {
  if (Symbol.asyncIterator in body) {
    yield* body as AsyncIterable<Uint8Array>;
    return;
  }
  const reader = (body as ReadableStream<Uint8Array>).getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      yield value;
    }
  } finally {
    // Cancelling on early exit releases the connection; errors here mean it is already gone.
    reader.cancel().catch(() => {});
    reader.releaseLock();
  }
}

/**
 * Reads a body as UTF-8 text. With `limit`, stops after that many characters
 * and drops the rest (error bodies can be large HTML pages).
 */
export async function readText(
  body: ReadableStream<Uint8Array> | AsyncIterable<Uint8Array> | null,
  limit = Number.POSITIVE_INFINITY,
): Promise<string> {
  if (!body) return "";
  const decoder = new TextDecoder();
  let text = "";
  for await (const bytes of iterateBody(body)) {
    text += decoder.decode(bytes, { stream: true });
    if (text.length >= limit) return text.slice(0, limit);
  }
  return text + decoder.decode();
}
