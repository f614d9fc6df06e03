/** Median, min and max of a sample. */
export interface Summary {
  median: number;
  min: number;
  max: number;
  count: number;
}

/** Summarizes a non-empty sample (the median of an even count is the mean of the two middle values). */
export function summarize(values: readonly number[]): Summary {
  if (values.length === 0) throw new Error("summarize() needs at least one value");
  const sorted = [...values].sort((first, second) => first - second);
  const middle = sorted.length >> 1;
  const median =
    sorted.length % 2 === 1
      ? (sorted[middle] as number)
      : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
  return { median, min: sorted[0] as number, max: sorted[sorted.length - 1] as number, count: sorted.length };
}

/** The median alone. */
export function median(values: readonly number[]): number {
  return summarize(values).median;
}
