// "Stream a chat and read the text" with @r9s/core alone and the smallest
// fetch transport a user could write: the core part of the browser bundle.
import { createClient, type Transport } from "@r9s/core";

const transport: Transport = {
  followsRedirects: true,
  async request(request) {
    const response = await fetch(request.url, {
      method: request.method,
      headers: request.headers,
      body: request.body ?? null,
      signal: request.signal,
    });
    return { status: response.status, headers: response.headers, body: response.body };
  },
};
const client = createClient({ transport, baseURL: "/api" });

export async function chat(question: string): Promise<string> {
  const stream = await client.chat.create({
    model: "gpt-4o-mini",
    messages: [{ role: "user", content: question }],
    stream: true,
  });
  let text = "";
  for await (const piece of stream.textStream) text += piece;
  return text;
}
