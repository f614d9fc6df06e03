// "Stream a chat and read the text" with openai-node.
import OpenAI from "openai";

const client = new OpenAI({ apiKey: "relay", baseURL: "/api", dangerouslyAllowBrowser: true });

export async function chat(question: string): Promise<string> {
  const stream = await client.chat.completions.create({
    model: "gpt-4o-mini",
    messages: [{ role: "user", content: question }],
    stream: true,
  });
  let text = "";
  for await (const chunk of stream) text += chunk.choices[0]?.delta?.content ?? "";
  return text;
}
