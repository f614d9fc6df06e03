import type { Transport } from "@r9s/core";

/** Options of {@link describeTransport}. */
export interface DescribeTransportOptions {
  /**
   * The transport pools keep-alive connections under its own control, so the
   * test "100 sequential requests reuse at most 2 sockets" applies. Leave it
   * off when pooling belongs to someone else (fetch, undici's global pool).
   * @default false
   */
  supportsSocketCount?: boolean | undefined;
  /**
   * Names of tests to skip, exactly as the suite names them, for what this
   * transport cannot do. Say why next to the call.
   * @default []
   */
  skip?: readonly string[] | undefined;
  /**
   * Frees a transport after the suite (its sockets, its pools).
   * @default calls `transport.destroy()` when the transport has one
   */
  dispose?: ((transport: Transport) => void | Promise<void>) | undefined;
}
