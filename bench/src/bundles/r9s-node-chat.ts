// "Stream a chat and read the text" with @r9s/node (Node built-ins external).
import { R9S } from "@r9s/node";

const r9s = new R9S({ apiKey: null, baseURL: "http://127.0.0.1:8080" });

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
