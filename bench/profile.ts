/**
 * `npm run bench:profile -- --path /customers`: a CPU profile of one page
 * under load, summarised. Builds nothing: it serves the benchmark's build in
 * bench/.tmp/bench (run `npm run bench` once first, or pass --build-dir) on
 * the benchmark's database, one worker, signed in as the benchmark's Super
 * Admin (or not, with --anonymous), loads the page with 10 connections for
 * --duration seconds under `node --cpu-prof`, and prints where the server's
 * time went: by package or area, and the top functions by self time. The
 * raw profile stays in bench/.tmp/profiles/ (open it in Chrome's DevTools).
 */
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { runLoad } from "./lib/load";
import { ROOT, signIn, startServer, stopAllChildren } from "./lib/processes";

const { values: args } = parseArgs({
  options: {
    path: { type: "string", default: "/customers" },
    duration: { type: "string", default: "8" },
    "build-dir": { type: "string", default: "bench/.tmp/bench" },
    anonymous: { type: "boolean", default: false },
    top: { type: "string", default: "25" },
  },
});

type ProfileNode = { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] };
type Profile = { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] };

/** Where a function lives: a package, the app's build, Node itself, or V8's own (GC, idle). */
function areaOf(frame: ProfileNode["callFrame"]): string {
  const { url, functionName } = frame;
  if (!url) return functionName.startsWith("(") ? functionName : "(native)";
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1]!;
  if (url.startsWith("node:")) return `node:${url.slice(5).split("/")[0]}`;
  if (url.includes("/build/server/index.js")) return "app (server build)";
  return path.relative(ROOT, url.replace(/^file:\/\//, ""));
}

function summarise(file: string, top: number): string {
  const profile = JSON.parse(fs.readFileSync(file, "utf8")) as Profile;
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const self = new Map<number, number>();
  profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  let total = 0;
  const areas = new Map<string, number>();
  const functions = new Map<string, number>();
  for (const [id, micros] of self) {
    const frame = byId.get(id)!.callFrame;
    if (frame.functionName === "(idle)") continue;
    total += micros;
    const area = areaOf(frame);
    areas.set(area, (areas.get(area) ?? 0) + micros);
    const name = `${frame.functionName || "(anonymous)"}  ${area}:${frame.lineNumber + 1}`;
    functions.set(name, (functions.get(name) ?? 0) + micros);
  }
  const pct = (micros: number) => `${((micros / total) * 100).toFixed(1).padStart(5)} %`;
  const sorted = (map: Map<string, number>) => [...map].sort((a, b) => b[1] - a[1]).slice(0, top);
  return [
    `Busy time in the profile: ${(total / 1000).toFixed(0)} ms (idle left out).`,
    "",
    "By area (self time):",
    ...sorted(areas).map(([name, micros]) => `  ${pct(micros)}  ${name}`),
    "",
    "Top functions (self time):",
    ...sorted(functions).map(([name, micros]) => `  ${pct(micros)}  ${name}`),
  ].join("\n");
}

async function main() {
  const dir = path.join(ROOT, "bench/.tmp/profiles");
  fs.mkdirSync(dir, { recursive: true });
  const before = new Set(fs.readdirSync(dir));
  const server = await startServer({
    buildDir: args["build-dir"]!,
    workers: 1,
    env: {
      DATABASE_URL: path.join(ROOT, "bench/.tmp/bench.db"),
      BACKGROUND_WORK: "off",
      SESSION_SECRET: "profile-secret-profile-secret-profile-secret",
    },
    nodeArgs: ["--cpu-prof", `--cpu-prof-dir=${dir}`],
    logFile: path.join(ROOT, "bench/.tmp/server-profile.log"),
    stopGraceMs: 20_000,
  });
  const headers: Record<string, string> = { "accept-encoding": "gzip", "accept-language": "en" };
  if (!args.anonymous) headers.cookie = await signIn(server.origin);
  const url = `${server.origin}${args.path}`;
  const first = await fetch(url, { headers, redirect: "manual" });
  await first.arrayBuffer();
  if (first.status !== 200) throw new Error(`GET ${args.path} answered ${first.status}, not 200`);
  await runLoad({ url, headers, connections: 10, durationSeconds: 2 });
  const load = await runLoad({ url, headers, connections: 10, durationSeconds: Number(args.duration) });
  console.log(`${args.path}: ${load.rps.toFixed(1)} req/s, p95 ${load.p95.toFixed(1)} ms (under the profiler)`);
  await server.stop();
  const written = fs.readdirSync(dir).filter((name) => !before.has(name) && name.endsWith(".cpuprofile"));
  if (written.length === 0) throw new Error("The server wrote no profile");
  const file = path.join(dir, written[0]!);
  console.log(`Profile: ${path.relative(ROOT, file)}\n`);
  console.log(summarise(file, Number(args.top)));
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    stopAllChildren();
    process.exit(2);
  },
);
