import { R9S } from "@r9s/node";

/** A client of the mock server over real sockets (node:http), with retries off so errors show at once. */
export function mockClient(baseURL: string): R9S {
  return new R9S({ baseURL, apiKey: null, retries: { strategy: "none" } });
}
