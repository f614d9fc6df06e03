/** Reads a response body piece by piece, whatever form a transport gave it in. */
export interface BodyReader {
  read(): Promise<{ done: boolean; value?: Uint8Array | undefined }>;
  /** Stops reading and lets the source free the connection; never throws. */
  cancel(): void;
}

const ignore = () => {};

/**
 * A reader over a web `ReadableStream` (its own reader: cheaper than its async
 * iterator) or any async iterable of bytes (a Node `IncomingMessage`).
 */
export function bodyReader(body: ReadableStream<Uint8Array> | AsyncIterable<Uint8Array>): BodyReader {
  if (typeof (body as ReadableStream<Uint8Array>).getReader === "function") {
    const reader = (body as ReadableStream<Uint8Array>).getReader();
    return {
      read: () => reader.read(),
      cancel: () => {
        reader.cancel().catch(ignore);
      },
    };
  }
  const iterator = (body as AsyncIterable<Uint8Array>)[Symbol.asyncIterator]();
  return {
    read: () => iterator.next() as Promise<{ done: boolean; value?: Uint8Array }>,
    cancel: () => {
      iterator.return?.()?.catch(ignore);
    },
  };
}

/**
 * Reads a whole body as UTF-8 text, calling `onProgress` per piece. With
 * `limit`, stops after that many characters and cancels the rest (error
 * bodies can be large HTML pages).
 */
export async function readAll(
  reader: BodyReader,
  onProgress: () => void,
  limit = Number.POSITIVE_INFINITY,
): Promise<string> {
  const decoder = new TextDecoder();
  if (limit === Number.POSITIVE_INFINITY) {
    // The common case, a whole JSON answer: keep the pieces and decode once.
    const pieces: Uint8Array[] = [];
    let length = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      onProgress();
      pieces.push(value as Uint8Array);
      length += (value as Uint8Array).length;
    }
    if (pieces.length === 1) return decoder.decode(pieces[0]);
    const bytes = new Uint8Array(length);
    let offset = 0;
    for (const piece of pieces) {
      bytes.set(piece, offset);
      offset += piece.length;
    }
    return decoder.decode(bytes);
  }
  let text = "";
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return text + decoder.decode();
    onProgress();
    text += decoder.decode(value, { stream: true });
    if (text.length >= limit) {
      reader.cancel();
      return text.slice(0, limit);
    }
  }
}
