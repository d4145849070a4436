/**
 * Load with autocannon, and the figures we report from it.
 *
 * Why our own percentiles: autocannon's result has p50, p90, p97.5 and p99
 * but no p95, and its latency histogram records whole milliseconds. We keep
 * every reply's time from its "response" event (measured with
 * process.hrtime, fractions of a millisecond) and take exact percentiles.
 */
import autocannon from "autocannon";

export type LoadOptions = {
  url: string;
  headers: Record<string, string>;
  connections: number;
  /** Seconds of load to measure (ignored when `amount` is set). */
  durationSeconds?: number;
  /** A fixed number of requests instead of a duration (the CSV export). */
  amount?: number;
  /** Per-request timeout; a timeout makes the run invalid. */
  timeoutSeconds?: number;
};

export type LoadResult = {
  connections: number;
  requests: number;
  /** Replies per second over the measured run. */
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  /** Anything but a 2xx (a redirect to sign-in counts), errors, timeouts: must all be 0. */
  non2xx: number;
  errors: number;
  timeouts: number;
  statusCodes: Record<string, number>;
};

/** The p-th percentile (0-100) by nearest rank, of values sorted ascending. */
export function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

/**
 * The same load as `options` for a few seconds, not measured: the JIT,
 * React's and SQLite's caches are warm before we measure.
 */
export async function warmUp(options: LoadOptions, seconds: number): Promise<void> {
  if (seconds <= 0) return;
  await autocannon({
    url: options.url,
    headers: options.headers,
    connections: options.connections,
    timeout: options.timeoutSeconds ?? 10,
    duration: seconds,
  });
}

function startLoad(options: LoadOptions) {
  const latencies: number[] = [];
  const instance = autocannon({
    url: options.url,
    headers: options.headers,
    connections: options.connections,
    timeout: options.timeoutSeconds ?? 10,
    ...(options.amount !== undefined ? { amount: options.amount } : { duration: options.durationSeconds ?? 10 }),
  });
  instance.on("response", (_client: unknown, _status: number, _bytes: number, responseTime: number) => {
    latencies.push(responseTime);
  });
  return { instance, latencies };
}

async function finishLoad(
  options: LoadOptions,
  { instance, latencies }: ReturnType<typeof startLoad>,
): Promise<LoadResult> {
  const result = await instance;
  const sorted = Float64Array.from(latencies).sort();
  const statusCodes = Object.fromEntries(
    Object.entries(result.statusCodeStats).map(([code, { count }]) => [code, count]),
  );
  return {
    connections: options.connections,
    requests: sorted.length,
    rps: result.duration > 0 ? sorted.length / result.duration : 0,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    max: sorted.length > 0 ? sorted[sorted.length - 1]! : Number.NaN,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    statusCodes,
  };
}

/** Measures; autocannon stops by itself after the duration or the amount of requests. */
export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  return finishLoad(options, startLoad(options));
}

/**
 * Load on one page while `work` runs (a bystander), then stopped: how long
 * other users wait while, say, exports are being produced. `options.durationSeconds`
 * still bounds it if `work` never ends.
 */
export async function runLoadDuring<T>(
  options: LoadOptions,
  work: () => Promise<T>,
): Promise<{ value: T; load: LoadResult }> {
  const load = startLoad(options);
  let value: T;
  try {
    value = await work();
  } finally {
    load.instance.stop();
  }
  return { value, load: await finishLoad(options, load) };
}

/** A run is valid only when every reply was a 2xx and nothing failed or timed out. */
export function isValidRun(result: LoadResult): boolean {
  return result.requests > 0 && result.non2xx === 0 && result.errors === 0 && result.timeouts === 0;
}
