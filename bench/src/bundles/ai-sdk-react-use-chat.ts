// A chat component on `useChat` from @ai-sdk/react (its default transport; React external).
import { useChat } from "@ai-sdk/react";
import { createElement as h } from "react";

export function Chat() {
  const chat = useChat();
  return h(
    "div",
    null,
    chat.messages.map((message) =>
      h(
        "p",
        { key: message.id },
        message.parts.map((part) => (part.type === "text" ? part.text : "")),
      ),
    ),
    h("button", { type: "button", onClick: () => void chat.sendMessage({ text: "Hello" }) }, chat.status),
  );
}
