export type * from "./audio";
export type * from "./chunk";
export type * from "./completion";
export type * from "./logprobs";
export type * from "./message";
export type * from "./request";
export type * from "./shared";
export type * from "./usage";
