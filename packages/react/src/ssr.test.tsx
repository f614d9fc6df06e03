// @vitest-environment node
import { renderToString } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { ChatView } from "./test-support/chat-view";
import { mockClient } from "./test-support/mock-client";

describe("useChat on a server", () => {
  it("imports and renders without a window, from the initial messages", () => {
    expect(typeof window).toBe("undefined");
    const html = renderToString(
      <ChatView
        client={mockClient("http://127.0.0.1:1")}
        model="r9s-mock"
        initialMessages={[
          { role: "user", content: "Hi" },
          { role: "assistant", content: "Hello!" },
        ]}
        initialInput="Draft"
      />,
    );
    expect(html).toContain('<li data-role="user">Hi</li><li data-role="assistant">Hello!</li>');
    expect(html).toContain('<p data-testid="status">ready</p>');
    expect(html).toContain('value="Draft"');
  });
});
