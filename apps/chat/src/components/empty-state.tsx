/** A prompt to start from. */
export interface Suggestion {
  title: string;
  hint: string;
  text: string;
}

/** What an empty chat shows: what this is, and a few prompts to click. */
export function EmptyState({
  suggestions,
  onPick,
  offline,
}: {
  suggestions: readonly Suggestion[];
  onPick: (suggestion: Suggestion) => void;
  /** Answers come from the mock server. */
  offline: boolean;
}) {
  return (
    <div className="empty">
      <h1>What can I help with?</h1>
      <p>
        Answers stream from {offline ? "the bundled mock server" : "r9s"} through this app's own relay. The
        model can use two tools that run in your browser: a clock and a calculator.
      </p>
      <div className="suggestions">
        {suggestions.map((suggestion) => (
          <button
            key={suggestion.title}
            type="button"
            className="suggestion"
            onClick={() => onPick(suggestion)}
          >
            {suggestion.title}
            <span>{suggestion.hint}</span>
          </button>
        ))}
      </div>
    </div>
  );
}
