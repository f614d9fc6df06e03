import { describeTransport } from "@r9s/conformance";
import { fetchTransport } from "./fetch-transport";

describeTransport("fetchTransport", () => fetchTransport(), {
  // Connection pooling belongs to the runtime's fetch (undici's global pool in
  // Node), not to the transport, so the socket-count case does not apply.
  supportsSocketCount: false,
});
