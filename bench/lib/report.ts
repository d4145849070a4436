/**
 * The benchmark's results as text: the console tables, and the Markdown block
 * that `npm run bench -- --write-docs` puts into docs/performance.md.
 */
import type { LoadResult } from "./load";
import type { PageWeight } from "./weight";
import type { ExportDownload } from "./export";

/** One load on one page: its replies, and the server's CPU (all its processes) per reply. */
export type Measured = { load: LoadResult; cpuMsPerRequest: number };

export type ScenarioResult = {
  key: string;
  name: string;
  path: string;
  /** "list": CPU against the floor, req/s and open-loop p95; "page": open-loop p95; null: for information. */
  budget: "list" | "page" | null;
  /** Closed loop, one worker (a single process). */
  closedOne: Measured;
  /** Closed loop, all workers (the cluster). */
  closedAll: Measured;
  /** Open loop at a fixed rate, all workers. */
  open: Measured;
  peakRssMb: number;
};

export type BudgetCheck = { name: string; limit: string; measured: string; pass: boolean };

export type ExportResults = {
  single: ExportDownload;
  /** Server CPU time for the single download. */
  singleCpuMs: number;
  repeated: LoadResult;
  /** A contact card requested over one connection while the repeated exports ran. */
  bystander: LoadResult;
  rssBeforeMb: number;
  rssPeakMb: number;
};

export type Results = {
  date: string;
  machine: { cpus: number; cpuModel: string; memoryGb: number; node: string; loadBefore: string; loadAfter: string };
  settings: {
    customers: number;
    connections: number;
    openRate: number;
    workers: number;
    durationSeconds: number;
    warmupSeconds: number;
  };
  scenarios: ScenarioResult[];
  /** Null when only some scenarios were run (--only). */
  export: ExportResults | null;
  /** One download of the whole activity log (F16), for information: no budget names it. */
  activityExport: ExportDownload | null;
  weights: { withJs: PageWeight; dataSaver: PageWeight; floor: PageWeight; baseline: PageWeight } | null;
  serverPeakRssMb: { oneWorker: number | null; allWorkers: number | null };
  budgets: BudgetCheck[];
  valid: boolean;
  problems: string[];
};

export const ms = (value: number) => (Number.isFinite(value) ? value.toFixed(1) : "–");
export const kb = (bytes: number) => `${(bytes / 1000).toFixed(1)} KB`;
const mb = (value: number | null) => (value === null ? "–" : `${value.toFixed(0)} MB`);

/** A plain-text table with aligned columns (first column left, others right). */
export function textTable(head: string[], rows: string[][]): string {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: string[]) =>
    cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join("  ");
  return [line(head), widths.map((w) => "-".repeat(w)).join("  "), ...rows.map(line)].join("\n");
}

function markdownTable(head: string[], rows: string[][]): string {
  const align = head.map((_, i) => (i === 0 ? "---" : "---:"));
  // "<script>" in a cell would be read as HTML.
  const escape = (cell: string) => cell.replace(/</g, "&lt;");
  return [head.map(escape), align, ...rows.map((row) => row.map(escape))]
    .map((cells) => `| ${cells.join(" | ")} |`)
    .join("\n");
}

type Mode = "closedOne" | "closedAll" | "open";

function modeTitle(results: Results, mode: Mode): string {
  const s = results.settings;
  if (mode === "closedOne") return `Closed loop, ${s.connections} connections, 1 worker`;
  if (mode === "closedAll") return `Closed loop, ${s.connections} connections, all ${s.workers} workers`;
  return `Open loop, ${s.openRate} requests a second, all ${s.workers} workers`;
}

const SCENARIO_HEAD = ["Page", "Requests", "Req/s", "p50 ms", "p95 ms", "p99 ms", "CPU ms/req", "× floor"];

function scenarioRows(results: Results, mode: Mode): string[][] {
  const floor = results.scenarios.find((s) => s.key === "floor");
  return results.scenarios.map((s) => {
    const m = s[mode];
    return [
      s.name,
      String(m.load.requests),
      m.load.rps.toFixed(1),
      ms(m.load.p50),
      ms(m.load.p95),
      ms(m.load.p99),
      ms(m.cpuMsPerRequest),
      floor ? (m.cpuMsPerRequest / floor[mode].cpuMsPerRequest).toFixed(2) : "–",
    ];
  });
}

const PATH_HEAD = ["Page", "Address", "Peak RSS (all processes)"];
const pathRows = (results: Results) => results.scenarios.map((s) => [s.name, s.path, mb(s.peakRssMb)]);

function weightRows(weights: NonNullable<Results["weights"]>): string[][] {
  const row = (name: string, w: PageWeight) => [
    name,
    kb(w.htmlBytes),
    kb(w.htmlGzip),
    kb(w.htmlGzipOneGo),
    kb(w.cssGzip),
    `${kb(w.jsGzip)} (${w.js.length} files)`,
    String(w.scriptTags),
  ];
  return [
    row("List page, with JavaScript", weights.withJs),
    row("List page, data saver (Save-Data: on)", weights.dataSaver),
    row("Baseline page (the list from memory)", weights.baseline),
    row("Floor page", weights.floor),
  ];
}

const WEIGHT_HEAD = ["Page", "HTML", "HTML gzip sent", "HTML gzip in one go", "CSS gzip", "JS gzip", "<script> tags"];

const budgetRows = (results: Results) => results.budgets.map((b) => [b.name, b.limit, b.measured, b.pass ? "PASS" : "FAIL"]);
const BUDGET_HEAD = ["Budget", "Limit", "Measured", "Result"];

function exportLines(results: Results): string[] {
  const e = results.export;
  const a = results.activityExport;
  if (!e) return [];
  return [
    `CSV export, one download: ${ms(e.single.wallMs)} ms (first byte after ${ms(e.single.firstByteMs)} ms), ${e.single.rows.toLocaleString("en")} rows, ${kb(e.single.bytes)}, server CPU ${ms(e.singleCpuMs)} ms. Server RSS (all processes) ${e.rssBeforeMb.toFixed(0)} MB before the export runs, ${e.rssPeakMb.toFixed(0)} MB at most during them.`,
    `Six more downloads over two connections: p50 ${ms(e.repeated.p50)} ms, p95 ${ms(e.repeated.p95)} ms.`,
    `A contact card opened over one connection while those exports ran: p50 ${ms(e.bystander.p50)} ms, p95 ${ms(e.bystander.p95)} ms, max ${ms(e.bystander.max)} ms.`,
    ...(a
      ? [`Activity log CSV export, one download: ${ms(a.wallMs)} ms (first byte after ${ms(a.firstByteMs)} ms), ${a.rows.toLocaleString("en")} rows, ${kb(a.bytes)}.`]
      : []),
    `Server peak RSS (sum of each process's VmHWM): 1 worker ${mb(results.serverPeakRssMb.oneWorker)}, all workers ${mb(results.serverPeakRssMb.allWorkers)}.`,
  ];
}

function intro(results: Results): string {
  const m = results.machine;
  const s = results.settings;
  return (
    `Measured ${results.date} on ${m.cpus} cores (${m.cpuModel}), ${m.memoryGb.toFixed(0)} GB, Node ${m.node}. ` +
    `Load average before/after: ${m.loadBefore} / ${m.loadAfter}. ${s.customers.toLocaleString("en")} customers; ` +
    `${s.durationSeconds} s per load (closed loops after ${s.warmupSeconds} s of warm-up). ` +
    `CPU ms/req: user + system time of every server process (primary and workers) over the replies; ` +
    `"× floor": as a multiple of the floor's in the same mode.` +
    (results.valid ? "" : " **This run was not valid (see problems).**")
  );
}

export function consoleReport(results: Results): string {
  const modes: Mode[] = ["closedOne", "closedAll", "open"];
  return [
    "",
    intro(results),
    ...modes.flatMap((mode) => ["", `${modeTitle(results, mode)}:`, textTable(SCENARIO_HEAD, scenarioRows(results, mode))]),
    "",
    ...exportLines(results),
    ...(results.weights ? ["", textTable(WEIGHT_HEAD, weightRows(results.weights))] : []),
    "",
    textTable(BUDGET_HEAD, budgetRows(results)),
    "",
    ...(results.problems.length > 0 ? ["Problems:", ...results.problems.map((p) => `- ${p}`), ""] : []),
  ].join("\n");
}

export function markdownReport(results: Results): string {
  const modes: Mode[] = ["closedOne", "closedAll", "open"];
  return [
    intro(results),
    ...modes.flatMap((mode) => ["", `**${modeTitle(results, mode)}**`, "", markdownTable(SCENARIO_HEAD, scenarioRows(results, mode))]),
    "",
    markdownTable(PATH_HEAD, pathRows(results)),
    "",
    ...exportLines(results).map((line) => `- ${line}`),
    ...(results.weights ? ["", markdownTable(WEIGHT_HEAD, weightRows(results.weights))] : []),
    "",
    markdownTable(BUDGET_HEAD, budgetRows(results)),
    ...(results.problems.length > 0 ? ["", "Problems:", ...results.problems.map((p) => `- ${p}`)] : []),
  ].join("\n");
}
