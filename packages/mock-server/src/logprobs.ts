import type { ChatCompletionTokenLogprob, TopLogprob } from "@r9s/core";

const encoder = new TextEncoder();

/** A stable number in [0, 1) from a string (FNV-1a), so logprobs are deterministic. */
function unitHash(text: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index++) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0) / 0x100000000;
}

function entry(token: string, logprob: number): TopLogprob {
  return { token, logprob, bytes: Array.from(encoder.encode(token)) };
}

/**
 * The logprob entry of one output token, with `top` alternatives: the token
 * itself first, then made-up variants with lower probabilities.
 */
export function tokenLogprob(token: string, top: number): ChatCompletionTokenLogprob {
  const logprob = -Math.round(unitHash(token) * 2_000_000) / 1_000_000;
  const alternatives: TopLogprob[] = [];
  for (let rank = 0; rank < top; rank++) {
    alternatives.push(rank === 0 ? entry(token, logprob) : entry(`${token}${rank}`, logprob - rank * 1.5));
  }
  return { ...entry(token, logprob), top_logprobs: alternatives };
}
