/**
 * `npm run bench:ab -- --a <buildDir> --b <buildDir> --path /customers`:
 * two variants of the server compared in the same sitting, for deciding a
 * change on a machine that is not quiet. Each variant runs as one worker on
 * the benchmark's database; the two are loaded in turn (A, B, A, B, ...),
 * `--rounds` times, with 10 closed-loop connections for `--duration`
 * seconds each, so a change in the machine's load hits both alike. It
 * prints each round's server CPU a request, and the medians.
 *
 * The variants are two builds (`BUILD_DIR=… npx react-router build`), or one build
 * with two settings: `--env-a GZIP_LEVEL=1 --env-b GZIP_LEVEL=6`, or with
 * two sets of options for node: `--node-b=--max-semi-space-size=32`.
 */
import path from "node:path";
import { parseArgs } from "node:util";
import { runLoad } from "./lib/load";
import { ROOT, signIn, startServer, stopAllChildren, type RunningServer } from "./lib/processes";
import { ServerSampler } from "./lib/server-stats";

const { values: args } = parseArgs({
  options: {
    a: { type: "string", default: "bench/.tmp/bench" },
    b: { type: "string", default: "bench/.tmp/bench" },
    "env-a": { type: "string", multiple: true, default: [] },
    "env-b": { type: "string", multiple: true, default: [] },
    "node-a": { type: "string", multiple: true, default: [] },
    "node-b": { type: "string", multiple: true, default: [] },
    path: { type: "string", default: "/customers" },
    rounds: { type: "string", default: "5" },
    duration: { type: "string", default: "3" },
    anonymous: { type: "boolean", default: false },
    "save-data": { type: "boolean", default: false },
  },
});

const envOf = (pairs: string[]) =>
  Object.fromEntries(pairs.map((pair) => [pair.slice(0, pair.indexOf("=")), pair.slice(pair.indexOf("=") + 1)]));
const median = (values: number[]) => [...values].sort((x, y) => x - y)[Math.floor(values.length / 2)]!;

async function start(buildDir: string, env: Record<string, string>, nodeArgs: string[], name: string) {
  const server = await startServer({
    buildDir,
    workers: 1,
    nodeArgs,
    env: {
      DATABASE_URL: path.join(ROOT, "bench/.tmp/bench.db"),
      BACKGROUND_WORK: "off",
      SESSION_SECRET: "ab-secret-ab-secret-ab-secret-ab-secret",
      ...env,
    },
    logFile: path.join(ROOT, `bench/.tmp/server-ab-${name}.log`),
  });
  const headers: Record<string, string> = { "accept-encoding": "gzip", "accept-language": "en" };
  if (args["save-data"]) headers["save-data"] = "on";
  if (!args.anonymous) headers.cookie = await signIn(server.origin);
  const url = `${server.origin}${args.path}`;
  const first = await fetch(url, { headers, redirect: "manual" });
  const bytes = (await first.arrayBuffer()).byteLength;
  if (first.status !== 200) throw new Error(`${name}: GET ${args.path} answered ${first.status}`);
  console.log(`${name}: ${buildDir} ${JSON.stringify(env)} ${nodeArgs.join(" ")}, ${bytes} bytes as sent`);
  await runLoad({ url, headers, connections: 10, durationSeconds: 2 });
  return { server, url, headers, sampler: new ServerSampler(server.pid) };
}

async function round(variant: { server: RunningServer; url: string; headers: Record<string, string>; sampler: ServerSampler }) {
  const { value, cpuMs } = await variant.sampler.during(() =>
    runLoad({ url: variant.url, headers: variant.headers, connections: 10, durationSeconds: Number(args.duration) }),
  );
  if (value.non2xx + value.errors + value.timeouts > 0) throw new Error(`Failed replies: ${JSON.stringify(value.statusCodes)}`);
  return { cpu: cpuMs / value.requests, rps: value.rps };
}

async function main() {
  const a = await start(args.a!, envOf(args["env-a"]!), args["node-a"]!, "A");
  const b = await start(args.b!, envOf(args["env-b"]!), args["node-b"]!, "B");
  const results = { A: [] as number[], B: [] as number[] };
  for (let i = 0; i < Number(args.rounds); i += 1) {
    const ra = await round(a);
    const rb = await round(b);
    results.A.push(ra.cpu);
    results.B.push(rb.cpu);
    console.log(`round ${i + 1}: A ${ra.cpu.toFixed(2)} ms (${ra.rps.toFixed(0)} req/s), B ${rb.cpu.toFixed(2)} ms (${rb.rps.toFixed(0)} req/s)`);
  }
  const ma = median(results.A);
  const mb = median(results.B);
  console.log(`median CPU a request: A ${ma.toFixed(2)} ms, B ${mb.toFixed(2)} ms (B/A ${(mb / ma).toFixed(2)})`);
  await a.server.stop();
  await b.server.stop();
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    stopAllChildren();
    process.exit(2);
  },
);
