import { fail } from "./checks";

// RFC 9110 token.
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
// CR, LF and NUL allow header injection; node:http also refuses other controls and
// anything beyond Latin-1, so the SDK refuses the same everywhere.
const INVALID_VALUE = /[^\t\x20-\x7e\x80-\xff]/;

/**
 * Checks extra request headers before sending: names must be HTTP tokens and
 * values must not contain CR, LF or NUL (header injection) or other characters
 * no transport can send. `null` and `undefined` values are skipped (they unset a header).
 *
 * @param headers - The headers to check; `undefined` passes.
 * @param field - The path prefix of `ValidationError.field`; `"headers"` unless given
 *   (a per-call option may pass `"options.headers"`).
 * @throws {ValidationError} with `field` `"headers.<name>"`.
 */
export function validateHeaders(
  headers: Record<string, string | null | undefined> | undefined,
  field = "headers",
): void {
  if (!headers) return;
  for (const name in headers) {
    const value = headers[name];
    if (value === undefined || value === null) continue;
    const path = `${field}.${name}`;
    if (!TOKEN.test(name)) {
      fail(
        path,
        `Header name ${JSON.stringify(name)} is not a valid HTTP token: use letters, digits and !#$%&'*+-.^_\`|~ only`,
      );
    }
    if (typeof value !== "string" || INVALID_VALUE.test(value)) {
      fail(
        path,
        `Header ${JSON.stringify(name)} has CR, LF, NUL or a non-Latin-1 character (header injection risk): remove line breaks or encode the value`,
      );
    }
  }
}
