/**
 * Receives the client's debug output. `console` fits. Each method is optional.
 * The API key never reaches a logger: headers are redacted before logging.
 */
export interface Logger {
  debug?(message: string, details?: Record<string, unknown>): void;
  info?(message: string, details?: Record<string, unknown>): void;
  warn?(message: string, details?: Record<string, unknown>): void;
  error?(message: string, details?: Record<string, unknown>): void;
}

const secretHeaders = new Set(["authorization", "proxy-authorization", "api-key", "x-api-key", "cookie"]);

/**
 * Returns a copy of `headers` fit for logs: credentials are replaced by `***`,
 * and so is any value that contains the API key.
 */
export function redactHeaders(
  headers: Record<string, string>,
  apiKey?: string | null,
): Record<string, string> {
  const redacted: Record<string, string> = {};
  for (const name in headers) {
    const value = headers[name] as string;
    const secret = secretHeaders.has(name) || (apiKey ? value.includes(apiKey) : false);
    redacted[name] = secret ? (name === "authorization" ? "Bearer ***" : "***") : value;
  }
  return redacted;
}
