/** The limits of a request's body (docs/decisions/0021-request-limits.md): refused as 413 before parsing, read once. */
import { describe, expect, it } from "vitest";
import { BODY_LIMITS, readForm, readJson, requestWithForm, screenBody } from "~/services/request-body.server";

const URL_ENCODED = "application/x-www-form-urlencoded";

function post(body: BodyInit | null, type: string | null, headers: Record<string, string> = {}): Request {
  return new Request("http://localhost/customers/1/name", {
    method: "POST",
    body,
    headers: { ...(type ? { "Content-Type": type } : {}), ...headers },
    // A stream body needs this in Node's fetch.
    ...(body instanceof ReadableStream ? { duplex: "half" } : {}),
  } as RequestInit);
}

/** A body sent without a length, in chunks of 16 KB; counts how many chunks were pulled. */
function chunked(totalBytes: number): { stream: ReadableStream<Uint8Array>; pulled: () => number } {
  let sent = 0;
  let pulls = 0;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      pulls += 1;
      if (sent >= totalBytes) return controller.close();
      const size = Math.min(16 * 1024, totalBytes - sent);
      sent += size;
      controller.enqueue(new TextEncoder().encode("a".repeat(size)));
    },
  });
  return { stream, pulled: () => pulls };
}

async function statusOf(promise: Promise<unknown>): Promise<number | "resolved"> {
  try {
    await promise;
    return "resolved";
  } catch (error) {
    if (error instanceof Response) return error.status;
    throw error;
  }
}

describe("readForm", () => {
  it("reads an ordinary form, URL-encoded or multipart", async () => {
    expect((await readForm(post("displayName=Hooli&version=3", URL_ENCODED))).get("displayName")).toBe("Hooli");
    const multipart = new FormData();
    multipart.append("displayName", "Hooli");
    const request = new Request("http://localhost/x", { method: "POST", body: multipart });
    expect((await readForm(request)).get("displayName")).toBe("Hooli");
  });

  it("refuses a body that says it is too large without reading it", async () => {
    const { stream, pulled } = chunked(5 * 1024 * 1024);
    const request = post(stream, URL_ENCODED, { "Content-Length": String(5 * 1024 * 1024) });
    expect(await statusOf(readForm(request))).toBe(413);
    expect(pulled()).toBeLessThanOrEqual(1);
  });

  it("stops reading a body without a length at the first chunk past the limit", async () => {
    const { stream, pulled } = chunked(5 * 1024 * 1024);
    expect(await statusOf(readForm(post(stream, URL_ENCODED)))).toBe(413);
    // 64 KB in 16 KB chunks: the fifth is past the limit (a stream may pull one ahead).
    expect(pulled()).toBeLessThanOrEqual(7);
  });

  it("refuses too many fields, and one field too long, within the byte limit", async () => {
    const fields = "a=1&".repeat(BODY_LIMITS.fields + 1);
    expect(fields.length).toBeLessThan(BODY_LIMITS.bytes);
    expect(await statusOf(readForm(post(fields, URL_ENCODED)))).toBe(413);
    expect(await statusOf(readForm(post(`a=${"b".repeat(BODY_LIMITS.fieldLength + 1)}`, URL_ENCODED)))).toBe(413);
    expect(await statusOf(readForm(post(`a=${"b".repeat(BODY_LIMITS.fieldLength)}`, URL_ENCODED)))).toBe("resolved");
  });

  it("takes a selection of 1,000 customers, the largest form of the console", async () => {
    const ids = Array.from({ length: 1_000 }, (_, i) => `ids=${1_000_000 + i}`).join("&");
    const form = await readForm(post(`${ids}&intent=confirm&effective=2026-12-31`, URL_ENCODED));
    expect(form.getAll("ids")).toHaveLength(1_000);
  });

  it("answers 400 for what is not a form", async () => {
    expect(await statusOf(readForm(post("{}", "application/json")))).toBe(400);
    expect(await statusOf(readForm(post("x", "multipart/form-data; boundary=nothing")))).toBe(400);
  });

  it("reads the body once: the guard's screening and the action get the same form", async () => {
    const request = post("displayName=Hooli", URL_ENCODED);
    await screenBody(request);
    expect(request.bodyUsed).toBe(true);
    expect((await readForm(request)).get("displayName")).toBe("Hooli");
  });
});

describe("screenBody, in the guard", () => {
  it("refuses an oversized form whether or not the action reads it", async () => {
    expect(await statusOf(screenBody(post("a=1&".repeat(10_000), URL_ENCODED)))).toBe(413);
  });

  it("measures a body of another type without parsing it", async () => {
    expect(await statusOf(screenBody(post("x".repeat(BODY_LIMITS.bytes + 1), "text/plain")))).toBe(413);
    expect(await statusOf(screenBody(post("not a form", "text/plain")))).toBe("resolved");
    expect(await statusOf(screenBody(post(null, null)))).toBe("resolved");
  });

  it("lets a GET through untouched", async () => {
    expect(await statusOf(screenBody(new Request("http://localhost/customers")))).toBe("resolved");
  });
});

describe("requestWithForm", () => {
  it("gives code that reads the body itself the same fields", async () => {
    const form = await readForm(post("email=a%40b.test&password=x%20y", URL_ENCODED));
    const again = await requestWithForm(post(null, null), form).formData();
    expect(again.get("email")).toBe("a@b.test");
    expect(again.get("password")).toBe("x y");
  });
});

describe("readJson", () => {
  it("reads JSON within the limit", async () => {
    expect(await readJson(post('{"name":"Hooli"}', "application/json"))).toEqual({ name: "Hooli" });
  });

  it("refuses too much (413), another type (415) and what is not JSON (400)", async () => {
    const big = JSON.stringify({ name: "a".repeat(BODY_LIMITS.bytes) });
    expect(await statusOf(readJson(post(big, "application/json")))).toBe(413);
    expect(await statusOf(readJson(post("{}", "text/plain")))).toBe(415);
    expect(await statusOf(readJson(post("{", "application/json")))).toBe(400);
  });
});
