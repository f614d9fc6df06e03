/**
 * `@r9s/conformance` (private): the one transport conformance suite of the r9s
 * SDK. Each adapter calls `describeTransport` from its `conformance.test.ts`.
 *
 * @packageDocumentation
 */

export { describeTransport } from "./describe-transport";
export type { DescribeTransportOptions } from "./options";
