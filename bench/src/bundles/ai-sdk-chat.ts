// "Stream a chat and read the text" with the Vercel AI SDK (ai + @ai-sdk/openai).
import { createOpenAI } from "@ai-sdk/openai";
import { streamText } from "ai";

const openai = createOpenAI({ apiKey: "relay", baseURL: "/api" });

export async function chat(question: string): Promise<string> {
  const result = streamText({ model: openai.chat("gpt-4o-mini"), prompt: question });
  let text = "";
  for await (const piece of result.textStream) text += piece;
  return text;
}
