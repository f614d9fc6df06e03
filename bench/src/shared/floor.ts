/**
 * FLOOR: the least code that decodes this benchmark's streams into chunk
 * objects — a streaming TextDecoder, `indexOf("\n\n")` to find event ends and
 * `JSON.parse`. It handles only what these streams use (LF endings, one
 * `data:` line per event), so no parser that follows the whole WHATWG rules
 * should be expected to beat it by much; it is the yardstick for "as fast as
 * hand-written code".
 */
export function createFloorDecoder(onChunk: (chunk: unknown) => void): { feed(bytes: Uint8Array): void } {
  const decoder = new TextDecoder();
  let buffer = "";
  // Where the next search for "\n\n" starts: the text before it has none.
  let searchFrom = 0;
  return {
    feed(bytes) {
      buffer += decoder.decode(bytes, { stream: true });
      let start = 0;
      let end = buffer.indexOf("\n\n", searchFrom);
      while (end !== -1) {
        if (buffer.startsWith("data: ", start)) {
          const data = buffer.slice(start + 6, end);
          if (data !== "[DONE]") onChunk(JSON.parse(data));
        }
        start = end + 2;
        end = buffer.indexOf("\n\n", start);
      }
      if (start > 0) buffer = buffer.slice(start);
      searchFrom = buffer.length > 0 ? buffer.length - 1 : 0;
    },
  };
}
