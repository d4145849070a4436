/**
 * The benchmark's results as text: the console tables, and the Markdown block
 * that `npm run bench -- --write-docs` puts into docs/performance.md.
 */
import type { LoadResult } from "./load";
import type { PageWeight } from "./weight";
import type { ExportDownload } from "./export";

export type ScenarioResult = {
  name: string;
  path: string;
  /** Whether SPEC §7's p95 budget applies (the baseline is for comparison only). */
  budgeted: boolean;
  loaded: LoadResult;
  /** One connection at a time: the time a request takes when nothing queues. */
  unloaded: LoadResult;
  /** Server CPU time (user + system) per request under load: holds on a busy machine. */
  cpuMsPerRequest: number;
  peakRssMb: number;
  note?: string;
};

export type BudgetCheck = { name: string; limit: string; measured: string; pass: boolean };

export type Results = {
  date: string;
  machine: { cpus: number; cpuModel: string; memoryGb: number; node: string; loadBefore: string; loadAfter: string };
  settings: { customers: number; connections: number; durationSeconds: number; warmupSeconds: number; unloadedSeconds: number };
  scenarios: ScenarioResult[];
  export: {
    single: ExportDownload;
    /** Server CPU time for the single download. */
    singleCpuMs: number;
    repeated: LoadResult;
    /** A contact card requested over one connection while the repeated exports ran. */
    bystander: LoadResult;
    rssBeforeMb: number;
    rssPeakMb: number;
  };
  /** One download of the whole activity log (F16), for information: no budget names it. */
  activityExport: ExportDownload;
  weights: { withJs: PageWeight; dataSaver: PageWeight; baseline: PageWeight };
  ratio: number;
  serverPeakRssMb: { app: number | null; baseline: number | null };
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

const SCENARIO_HEAD = ["Scenario", "Requests", "Req/s", "p50 ms", "p95 ms", "p99 ms", "1-conn p50", "1-conn p95", "CPU ms/req", "Peak RSS"];

function scenarioRows(results: Results): string[][] {
  const rows = results.scenarios.map((s) => [
    `${s.name} (${s.path})`,
    String(s.loaded.requests),
    s.loaded.rps.toFixed(1),
    ms(s.loaded.p50),
    ms(s.loaded.p95),
    ms(s.loaded.p99),
    ms(s.unloaded.p50),
    ms(s.unloaded.p95),
    ms(s.cpuMsPerRequest),
    mb(s.peakRssMb),
  ]);
  const e = results.export;
  rows.push([
    `CSV export x${e.repeated.requests}, ${e.repeated.connections} conn (/customers/export)`,
    String(e.repeated.requests),
    e.repeated.rps.toFixed(2),
    ms(e.repeated.p50),
    ms(e.repeated.p95),
    ms(e.repeated.p99),
    ms(e.single.wallMs),
    "–",
    ms(e.singleCpuMs),
    mb(e.rssPeakMb),
  ]);
  return rows;
}

function weightRows(results: Results): string[][] {
  const { withJs, dataSaver, baseline } = results.weights;
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
    row("List page, with JavaScript", withJs),
    row("List page, data saver (Save-Data: on)", dataSaver),
    row("Baseline page (for comparison)", baseline),
  ];
}

const WEIGHT_HEAD = ["Page", "HTML", "HTML gzip sent", "HTML gzip in one go", "CSS gzip", "JS gzip", "<script> tags"];

function budgetRows(results: Results): string[][] {
  return results.budgets.map((b) => [b.name, b.limit, b.measured, b.pass ? "PASS" : "FAIL"]);
}

const BUDGET_HEAD = ["Budget (SPEC §7)", "Limit", "Measured", "Result"];

export function consoleReport(results: Results): string {
  const e = results.export;
  return [
    "",
    `Load: ${results.settings.connections} connections, ${results.settings.durationSeconds} s per scenario after ${results.settings.warmupSeconds} s of warm-up; "1-conn" columns: one connection for ${results.settings.unloadedSeconds} s (no queueing).`,
    "",
    textTable(SCENARIO_HEAD, scenarioRows(results)),
    "",
    `CSV export, single download: ${ms(e.single.wallMs)} ms (first byte ${ms(e.single.firstByteMs)} ms), ${e.single.rows} rows, ${kb(e.single.bytes)}; server RSS ${e.rssBeforeMb.toFixed(0)} MB before, ${e.rssPeakMb.toFixed(0)} MB at most during the export runs.`,
    `A contact card during the exports (1 connection): p50 ${ms(e.bystander.p50)} ms, p95 ${ms(e.bystander.p95)} ms, max ${ms(e.bystander.max)} ms.`,
    `Activity log CSV export, single download: ${ms(results.activityExport.wallMs)} ms (first byte ${ms(results.activityExport.firstByteMs)} ms), ${results.activityExport.rows} rows, ${kb(results.activityExport.bytes)}.`,
    `Throughput ratio, list first page / baseline: ${results.ratio.toFixed(2)}`,
    `Server peak RSS (VmHWM): app ${mb(results.serverPeakRssMb.app)}, baseline ${mb(results.serverPeakRssMb.baseline)}`,
    "",
    textTable(WEIGHT_HEAD, weightRows(results)),
    "",
    textTable(BUDGET_HEAD, budgetRows(results)),
    "",
    ...(results.problems.length > 0 ? ["Problems:", ...results.problems.map((p) => `- ${p}`), ""] : []),
  ].join("\n");
}

export function markdownReport(results: Results): string {
  const m = results.machine;
  const e = results.export;
  return [
    `Measured ${results.date} on ${m.cpus} cores (${m.cpuModel}), ${m.memoryGb.toFixed(0)} GB, Node ${m.node}. ` +
      `Load average before/after: ${m.loadBefore} / ${m.loadAfter}. ` +
      `${results.settings.customers.toLocaleString("en")} customers; ${results.settings.connections} connections, ` +
      `${results.settings.durationSeconds} s per scenario after ${results.settings.warmupSeconds} s of warm-up; ` +
      `"1-conn" columns: one connection for ${results.settings.unloadedSeconds} s.` +
      (results.valid ? "" : " **This run was not valid (see problems).**"),
    "",
    markdownTable(SCENARIO_HEAD, scenarioRows(results)),
    "",
    `- CSV export, one download: **${ms(e.single.wallMs)} ms** (first byte after ${ms(e.single.firstByteMs)} ms), ${e.single.rows.toLocaleString("en")} rows, ${kb(e.single.bytes)}. Server RSS ${e.rssBeforeMb.toFixed(0)} MB before the export runs, ${e.rssPeakMb.toFixed(0)} MB at most during them.`,
    `- A contact card opened over one connection while those exports ran: p50 ${ms(e.bystander.p50)} ms, p95 ${ms(e.bystander.p95)} ms, max ${ms(e.bystander.max)} ms.`,
    `- Activity log CSV export, one download: **${ms(results.activityExport.wallMs)} ms** (first byte after ${ms(results.activityExport.firstByteMs)} ms), ${results.activityExport.rows.toLocaleString("en")} rows, ${kb(results.activityExport.bytes)}.`,
    `- Throughput, list first page / baseline: **${results.ratio.toFixed(2)}**.`,
    `- Server peak RSS (VmHWM) over the whole run: app ${mb(results.serverPeakRssMb.app)}, baseline ${mb(results.serverPeakRssMb.baseline)}.`,
    "",
    markdownTable(WEIGHT_HEAD, weightRows(results)),
    "",
    markdownTable(BUDGET_HEAD, budgetRows(results)),
    ...(results.problems.length > 0 ? ["", "Problems:", ...results.problems.map((p) => `- ${p}`)] : []),
  ].join("\n");
}
