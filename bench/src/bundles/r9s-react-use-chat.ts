// A chat component on `useChat` from @r9s/react, with an @r9s/fetch client (React external).
import { R9S } from "@r9s/fetch";
import { useChat } from "@r9s/react";
import { createElement as h } from "react";

const client = new R9S({ apiKey: null, baseURL: "/api" });

export function Chat() {
  const chat = useChat({ client, model: "gpt-4o-mini" });
  return h(
    "div",
    null,
    chat.messages.map((message) => h("p", { key: message.id }, String(message.content ?? ""))),
    h("button", { type: "button", onClick: () => void chat.send("Hello") }, chat.status),
  );
}
