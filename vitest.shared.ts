import { defaultClientConditions, defaultServerConditions } from "vite";

/**
 * Resolve workspace packages to their TypeScript source (the `@r9s/source`
 * export condition), so tests run without a build. Vite replaces its default
 * conditions when a list is given, so the defaults are kept explicitly.
 */
export const sourceConditions = {
  client: ["@r9s/source", ...defaultClientConditions],
  server: ["@r9s/source", ...defaultServerConditions],
};
