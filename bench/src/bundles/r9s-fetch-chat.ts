// "Stream a chat and read the text" with @r9s/fetch (core + ky), talking to the app's relay.
import { R9S } from "@r9s/fetch";

const r9s = new R9S({ apiKey: null, baseURL: "/api" });

export async function chat(question: string): Promise<string> {
  const stream = await r9s.chat.create({
    model: "gpt-4o-mini",
    messages: [{ role: "user", content: question }],
    stream: true,
  });
  let text = "";
  for await (const piece of stream.textStream) text += piece;
  return text;
}
