/** The log probability of one alternative token. */
export interface TopLogprob {
  token: string;
  logprob: number;
  bytes: number[] | null;
}

/** The log probability of one output token, with its top alternatives. */
export interface ChatCompletionTokenLogprob {
  token: string;
  logprob: number;
  bytes: number[] | null;
  top_logprobs: TopLogprob[];
}

/** Log probabilities of a choice's content and refusal tokens. */
export interface ChatCompletionLogprobs {
  content: ChatCompletionTokenLogprob[] | null;
  refusal: ChatCompletionTokenLogprob[] | null;
}
