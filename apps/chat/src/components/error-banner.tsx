import { useEffect, useState } from "react";
import { type ErrorView, retryAdvice } from "../describe-error";

/** The last error, in words, with what to do next. */
export function ErrorBanner({
  error,
  onRetry,
  onDismiss,
}: {
  error: ErrorView;
  onRetry: () => void;
  onDismiss: () => void;
}) {
  const now = useNow(error.retryAt !== undefined);
  const advice = retryAdvice(error.retryAt, now);
  return (
    <div className="error-banner" role="alert">
      <span aria-hidden="true">⚠</span>
      <span className="error-text">
        <strong>
          {error.title}
          {advice ? ` — ${advice}` : ""}
        </strong>
        {error.detail && <span className="detail">{error.detail}</span>}
      </span>
      <button type="button" className="button" aria-label="Retry" onClick={onRetry}>
        Retry
      </button>
      <button type="button" className="button ghost" aria-label="Dismiss error" onClick={onDismiss}>
        ✕
      </button>
    </div>
  );
}

/** The current time, refreshed every second while `ticking`. */
function useNow(ticking: boolean): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!ticking) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [ticking]);
  return now;
}
