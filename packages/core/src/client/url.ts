import { ValidationError } from "../errors/r9s-error";

/** The r9s API. @default */
export const DEFAULT_BASE_URL = "https://api.r9s.ai";

/**
 * Joins a base URL and an API path, keeping the base URL's own path prefix
 * (`https://host/proxy` → `https://host/proxy/v1/...`) and ignoring a trailing
 * slash. A relative base URL (`"/api"`) resolves against the page's location in
 * a browser; elsewhere it is refused with the fix.
 */
export function joinURL(baseURL: string, path: string): string {
  let end = baseURL.length;
  while (end > 0 && baseURL.charCodeAt(end - 1) === 47 /* / */) end--;
  const joined = baseURL.slice(0, end) + path;
  if (/^[a-z][a-z0-9+.-]*:/i.test(joined)) return joined;
  const location = (globalThis as { location?: { href?: string } }).location;
  if (location?.href) return new URL(joined, location.href).href;
  throw new ValidationError(
    "baseURL",
    `baseURL "${baseURL}" is relative, which works only in a browser page. Pass an absolute URL such as "http://127.0.0.1:8787".`,
  );
}
