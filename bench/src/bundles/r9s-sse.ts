// The SSE parser subpath, everything it exports.
export * from "@r9s/core/sse";
