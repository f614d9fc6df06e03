// eventsource-parser, everything its main entry exports.
export * from "eventsource-parser";
