export { validateChatCompletionParams } from "./validate-chat-completion-params";
export { validateHeaders } from "./validate-headers";
export { validateMessages } from "./validate-messages";
