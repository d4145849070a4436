/**
 * Load with autocannon, and the figures we report from it.
 *
 * Why our own percentiles: autocannon's result has p50, p90, p97.5 and p99
 * but no p95, and its latency histogram records whole milliseconds. We keep
 * every reply's time from its "response" event (measured with
 * process.hrtime, fractions of a millisecond) and take exact percentiles.
 */
import http from "node:http";
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

/**
 * An open loop: `rate` requests a second, evenly spaced, each sent on time
 * whatever the replies before it do (over as many keep-alive connections as
 * are needed), for `durationSeconds`. Latency is from sending a request to
 * the last byte of its reply. This is how users with think time load a
 * server: unlike a closed loop, a slow reply does not hold back the next
 * arrivals, so queueing shows in the latencies.
 *
 * Why not autocannon's `overallRate`: it gives each connection its share of
 * the rate per second and lets the connection send it as fast as it can at
 * the start of every second, a burst of the whole second's requests at
 * closed-loop speed, then silence (node_modules/autocannon/lib/httpClient.js).
 */
export async function runOpenLoop({
  url,
  headers,
  rate,
  durationSeconds,
  timeoutSeconds = 10,
}: {
  url: string;
  headers: Record<string, string>;
  rate: number;
  durationSeconds: number;
  timeoutSeconds?: number;
}): Promise<LoadResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
  const total = Math.round(rate * durationSeconds);
  const spacing = 1000 / rate;
  const latencies: number[] = [];
  const statusCodes: Record<string, number> = {};
  let non2xx = 0;
  let errors = 0;
  let timeouts = 0;
  const one = () =>
    new Promise<void>((resolve) => {
      const sent = performance.now();
      const request = http.get(url, { agent, headers, timeout: timeoutSeconds * 1000 }, (response) => {
        response.on("data", () => {});
        response.on("error", () => {
          errors += 1;
          resolve();
        });
        response.on("end", () => {
          latencies.push(performance.now() - sent);
          const code = String(response.statusCode);
          statusCodes[code] = (statusCodes[code] ?? 0) + 1;
          if (!response.statusCode || response.statusCode < 200 || response.statusCode > 299) non2xx += 1;
          resolve();
        });
      });
      let timedOut = false;
      request.on("timeout", () => {
        timedOut = true;
        timeouts += 1;
        request.destroy(new Error("timeout"));
      });
      request.on("error", () => {
        if (!timedOut) errors += 1;
        resolve();
      });
    });
  const started = performance.now();
  const pending: Promise<void>[] = [];
  for (let i = 0; i < total; i += 1) {
    const due = started + i * spacing;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    pending.push(one());
  }
  await Promise.all(pending);
  const seconds = (performance.now() - started) / 1000;
  agent.destroy();
  const sorted = Float64Array.from(latencies).sort();
  return {
    connections: 0,
    requests: sorted.length,
    rps: seconds > 0 ? sorted.length / seconds : 0,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    max: sorted.length > 0 ? sorted[sorted.length - 1]! : Number.NaN,
    non2xx,
    errors,
    timeouts,
    statusCodes,
  };
}
