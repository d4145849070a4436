/**
 * What every answer of the production server must be, whatever was sent:
 * not a 5xx, with the security headers (SPEC §6: nosniff and a
 * Content-Security-Policy on everything, static files included), and with
 * nothing in its body that shows the server's insides (a stack trace, a file
 * path, SQL).
 */
import type { RawResponse } from "./http";
import type { FuzzRequest } from "./fuzz-cases";
import { REPO_ROOT } from "../../support/paths";

export type Reason =
  | "5xx"
  | "no answer"
  | "X-Content-Type-Options missing"
  | "Content-Security-Policy missing"
  | "stack trace in body"
  | "file path in body"
  | "SQL in body"
  | "cross-site POST accepted";

const LEAKS: { reason: Reason; pattern: RegExp }[] = [
  { reason: "stack trace in body", pattern: /\n\s{2,}at \S|^\s{4}at |\bat [^\s()]+ \((?:file:|node:|\/)[^)]*:\d+:\d+\)/gm },
  { reason: "stack trace in body", pattern: /\b[A-Z][A-Za-z]*Error: [^\n<]*(?:\/[\w.-]+){2,}/g },
  { reason: "file path in body", pattern: new RegExp(`${escape(REPO_ROOT)}|/work/|node_modules|file:///|\\.tsx?:\\d+|\\.m?js:\\d+:\\d+`, "g") },
  // SQL keywords in capitals, as SQLite's messages and drizzle's queries have them
  // (a page may well say "select the country from the list").
  { reason: "SQL in body", pattern: /\bSELECT\b[^<\n]{0,200}\bFROM\b|\bINSERT INTO\b|\bUPDATE\s+"?\w+"?\s+SET\b|\bDELETE FROM\b|SQLITE_[A-Z]+|\b[Ss][Qq][Ll]ite\b/g },
];

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** Everything the request itself sent, as the page may show it back (a 404 page names the address asked for). */
function sentText(request: FuzzRequest): string {
  const parts = [request.path, ...Object.values(request.headers ?? {}).flat()];
  if (request.body !== undefined) parts.push(Buffer.from(request.body as string | Buffer).toString("latin1"));
  const decoded = parts.map((part) => {
    try {
      return decodeURIComponent(part.replace(/\+/g, " "));
    } catch {
      return part;
    }
  });
  return [...parts, ...decoded].join("\n");
}

function lazy(make: () => string): () => string {
  let value: string | undefined;
  return () => (value ??= make());
}

/** The first match of a leak pattern that is not just the request's own words shown back. */
function leakIn(text: string, pattern: RegExp, sent: () => string): RegExpExecArray | null {
  pattern.lastIndex = 0;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    if (!sent().includes(match[0])) return match;
    if (match[0] === "") pattern.lastIndex += 1;
  }
  return null;
}

/** The answer's problems (none for a good answer). */
export function problemsOf(request: FuzzRequest, response: RawResponse): Reason[] {
  const reasons: Reason[] = [];
  if (response.status >= 500) reasons.push("5xx");
  if (String(response.headers["x-content-type-options"] ?? "").toLowerCase() !== "nosniff") {
    reasons.push("X-Content-Type-Options missing");
  }
  if (!response.headers["content-security-policy"]) reasons.push("Content-Security-Policy missing");
  if (!isPublicAsset(response)) {
    const text = response.body.toString("latin1");
    const sent = lazy(() => sentText(request));
    for (const { reason, pattern } of LEAKS) {
      if (!reasons.includes(reason) && leakIn(text, pattern, sent)) reasons.push(reason);
    }
  }
  if (request.crossSite && response.status >= 200 && response.status < 400) reasons.push("cross-site POST accepted");
  return reasons;
}

/**
 * A fingerprinted script or stylesheet of the build (/assets/): the browser's own
 * code, public by design, which may well contain "Error:" or "select".
 */
function isPublicAsset(response: RawResponse): boolean {
  const type = String(response.headers["content-type"] ?? "");
  return response.status === 200 && /javascript|text\/css/.test(type) && String(response.headers["cache-control"] ?? "").includes("immutable");
}

export type Finding = { request: FuzzRequest; status: number | null; reasons: Reason[]; excerpt: string };

/** One line that says what was sent and what came back. */
export function describe(finding: Finding): string {
  const { request } = finding;
  const shown = (text: string, max = 100) => (text.length > max ? `${text.slice(0, max)}…(${text.length} chars)` : text);
  const headerNames = ["Origin", "Sec-Fetch-Site", "Host", "Content-Type", "Accept", "X-Forwarded-Host", "X-Forwarded-Proto"];
  const headers = headerNames
    .filter((name) => request.headers?.[name] !== undefined)
    .map((name) => `${name}: ${shown(String(request.headers![name]), 40)}`);
  const notes = [request.cookieNote, request.bodyNote].filter(Boolean);
  if (request.raw !== undefined) {
    return `raw ${JSON.stringify(shown(request.raw, 160))} → ${finding.status ?? "no answer"}: ${finding.reasons.join(", ")}`;
  }
  return [
    `${request.method} ${JSON.stringify(shown(request.path)).slice(1, -1)}`,
    `as ${request.who}${notes.length ? ` (${notes.join(", ")})` : ""}`,
    headers.length ? `[${headers.join("; ")}]` : "",
    `→ ${finding.status ?? "no answer"}: ${finding.reasons.join(", ")}`,
    finding.excerpt ? `body: ${JSON.stringify(finding.excerpt)}` : "",
  ]
    .filter(Boolean)
    .join(" ");
}

/** The first few findings of each reason, grouped, for the failure message. */
export function report(findings: Finding[], perReason = 6): string {
  const byReason = new Map<Reason, Finding[]>();
  for (const finding of findings) {
    for (const reason of finding.reasons) {
      const list = byReason.get(reason) ?? [];
      list.push(finding);
      byReason.set(reason, list);
    }
  }
  const lines: string[] = [];
  for (const [reason, list] of byReason) {
    const targets = new Map<string, number>();
    for (const f of list) targets.set(`${f.request.method} ${f.request.target}`, (targets.get(`${f.request.method} ${f.request.target}`) ?? 0) + 1);
    const top = [...targets].sort((a, b) => b[1] - a[1]).slice(0, 8).map(([t, n]) => `${t} ×${n}`);
    lines.push(`\n${reason}: ${list.length} answer(s); most often ${top.join(", ")}`);
    for (const f of list.slice(0, perReason)) lines.push(`  - ${describe(f)}`);
  }
  return lines.join("\n");
}

/** A short piece of the body around the first leak, or its start. */
export function excerptOf(request: FuzzRequest, response: RawResponse, reasons: Reason[]): string {
  const text = response.body.toString("latin1");
  const sent = lazy(() => sentText(request));
  for (const { reason, pattern } of LEAKS) {
    if (!reasons.includes(reason)) continue;
    const match = leakIn(text, pattern, sent);
    if (match) return text.slice(Math.max(0, match.index - 60), match.index + 140);
  }
  return reasons.includes("5xx") ? text.slice(0, 160) : "";
}
