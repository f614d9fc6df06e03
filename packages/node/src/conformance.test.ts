import { describeTransport } from "@r9s/conformance";
import { nodeTransport } from "./node-transport";

describeTransport("nodeTransport", () => nodeTransport(), { supportsSocketCount: true });
