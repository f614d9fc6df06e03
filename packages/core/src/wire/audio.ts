/** Audio output of a completion (`modalities: ["text", "audio"]`). */
export interface ChatCompletionAudio {
  id: string;
  data: string;
  expires_at: number;
  transcript: string;
}

/** Audio output parameters of a request. */
export interface ChatCompletionAudioParam {
  voice: string;
  format: "wav" | "mp3" | "flac" | "opus" | "pcm16" | (string & {});
}
