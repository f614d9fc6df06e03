import type { Transport } from "@r9s/core";
import { afterAll, beforeAll, describe } from "vitest";
import { answerCases } from "./cases/answers";
import { connectionCases } from "./cases/connections";
import { errorCases } from "./cases/errors";
import { retryCases } from "./cases/retries";
import { streamCases } from "./cases/streams";
import type { DescribeTransportOptions } from "./options";
import { createSuiteContext } from "./suite-context";

/**
 * Registers the transport conformance suite (a vitest `describe` block) for
 * one adapter: a client over `makeTransport()` against the mock server and a
 * few purpose-built `node:http` servers, all on 127.0.0.1 over real sockets.
 * Call it once from the adapter's `conformance.test.ts`; it runs in Node (it
 * starts servers) in well under 30 seconds.
 *
 * `makeTransport` is called for every test, so socket counts start fresh; the
 * transports are freed in `afterAll` (see `options.dispose`).
 * @example
 * // packages/node/src/conformance.test.ts
 * import { describeTransport } from "@r9s/conformance";
 * import { nodeTransport } from "./node-transport";
 *
 * describeTransport("nodeTransport", () => nodeTransport(), { supportsSocketCount: true });
 */
export function describeTransport(
  name: string,
  makeTransport: () => Transport,
  options: DescribeTransportOptions = {},
): void {
  describe(`${name} conformance`, () => {
    const suite = createSuiteContext(makeTransport, options);
    beforeAll(() => suite.setUp());
    afterAll(() => suite.tearDown());

    describe("answers", () => answerCases(suite));
    describe("errors", () => errorCases(suite));
    describe("retries", () => retryCases(suite));
    describe("streams", () => streamCases(suite));
    describe("connections", () => connectionCases(suite, options));
  });
}
