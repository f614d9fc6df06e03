// A module web worker of the browser tests: a browser runtime without a page
// (no `window`), where fetch hides manual redirects as opaque responses.
import { fetchTransport, R9S } from "../src/index";

const scope = globalThis as unknown as {
  onmessage: ((event: MessageEvent<Record<string, string>>) => void) | null;
  postMessage(message: unknown): void;
  location: { origin: string };
};

scope.onmessage = async (event) => {
  try {
    const transport = fetchTransport();
    const r9s = new R9S({
      apiKey: null,
      baseURL: `${scope.location.origin}/api`,
      transport,
      retries: { strategy: "none" },
    });
    const completion = await r9s.chat.create(
      { model: "r9s-mock", messages: [{ role: "user", content: "From a worker" }] },
      { headers: event.data },
    );
    scope.postMessage({
      text: completion.choices[0]?.message.content ?? "",
      followsRedirects: transport.followsRedirects,
    });
  } catch (error) {
    scope.postMessage({ error: `${(error as Error).name}: ${(error as Error).message}` });
  }
};
