/**
 * Bounded concurrency: run an async function over items with at most `limit` in flight.
 */

/**
 * Runs `fn` over `items` with at most `limit` calls in flight and returns the results in item
 * order. After the first failure no new call starts; the calls in flight are awaited, then the
 * first error is thrown.
 */
export async function mapConcurrent<T, R>(items: readonly T[], limit: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  let failure: { error: unknown } | undefined;
  const worker = async (): Promise<void> => {
    while (failure === undefined && next < items.length) {
      const index = next++;
      try {
        results[index] = await fn(items[index], index);
      } catch (error) {
        failure = failure ?? { error };
      }
    }
  };
  const workers = Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker);
  await Promise.all(workers);
  if (failure !== undefined) {
    throw failure.error;
  }
  return results;
}
