import { type FormEvent, type KeyboardEvent, useEffect, useRef } from "react";

interface ComposerProps {
  value: string;
  onChange: (value: string) => void;
  onSubmit: (event?: FormEvent) => void;
  onStop: () => void;
  busy: boolean;
  disabled: boolean;
}

/** The input box: Enter sends, Shift+Enter adds a line; the button turns into Stop while an answer runs. */
export function Composer({ value, onChange, onSubmit, onStop, busy, disabled }: ComposerProps) {
  const input = useRef<HTMLTextAreaElement>(null);
  useEffect(() => {
    const element = input.current;
    if (!element) return;
    // Grow with the text, up to the CSS max-height.
    element.style.height = "auto";
    element.style.height = `${element.scrollHeight}px`;
  });
  useEffect(() => {
    if (!busy) input.current?.focus();
  }, [busy]);

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key !== "Enter" || event.shiftKey || event.nativeEvent.isComposing) return;
    event.preventDefault();
    if (!busy && value.trim() !== "") onSubmit();
  };

  return (
    <form
      className="composer"
      onSubmit={(event) => {
        event.preventDefault();
        if (!busy && value.trim() !== "") onSubmit(event);
      }}
    >
      <textarea
        ref={input}
        aria-label="Message"
        placeholder="Message r9s…"
        rows={1}
        value={value}
        disabled={disabled}
        onChange={(event) => onChange(event.target.value)}
        onKeyDown={onKeyDown}
      />
      {busy ? (
        <button type="button" className="button" aria-label="Stop" onClick={onStop}>
          ■ Stop
        </button>
      ) : (
        <button
          type="submit"
          className="button primary"
          aria-label="Send"
          disabled={disabled || value.trim() === ""}
        >
          Send
        </button>
      )}
    </form>
  );
}
