/**
 * The part of autocannon's API the benchmark uses (autocannon ships no
 * types, and @types/autocannon would be one more dependency for five fields).
 * See node_modules/autocannon/README.md.
 */
declare module "autocannon" {
  import type { EventEmitter } from "node:events";

  export type Options = {
    url: string;
    connections?: number;
    /** Seconds; ignored when `amount` is set. */
    duration?: number;
    /** Total number of requests, instead of a duration. */
    amount?: number;
    /** Per-request timeout in seconds. */
    timeout?: number;
    headers?: Record<string, string>;
  };

  export type Result = {
    /** Seconds the run took. */
    duration: number;
    errors: number;
    timeouts: number;
    non2xx: number;
    resets: number;
    "2xx": number;
    statusCodeStats: Record<string, { count: number }>;
    requests: { total: number; sent: number };
    throughput: { total: number };
  };

  /**
   * The running instance: a promise of the result, and an emitter of
   * "response" (client, statusCode, bytes, responseTimeMs) for every reply.
   */
  export type Instance = EventEmitter & PromiseLike<Result> & { stop(): void };

  export default function autocannon(options: Options): Instance;
}
