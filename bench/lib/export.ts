/**
 * One full download of the CSV export, timed from the request to the last
 * byte, with its records counted as they stream in (never held whole).
 */

export type ExportDownload = {
  status: number;
  /** Milliseconds from sending the request to the last byte. */
  wallMs: number;
  /** Milliseconds to the response headers (the export streams: this stays small). */
  firstByteMs: number;
  bytes: number;
  /** Data records, without the header row. */
  rows: number;
};

/**
 * Counts CSV records in a stream: a line break ends a record unless it is
 * inside a quoted field (a doubled quote inside quotes toggles twice, so it
 * needs no special case).
 */
class CsvRecordCounter {
  private inQuotes = false;
  private pendingRecord = false;
  records = 0;

  push(chunk: Uint8Array): void {
    for (const byte of chunk) {
      if (byte === 0x22) this.inQuotes = !this.inQuotes;
      if (byte === 0x0a && !this.inQuotes) {
        this.records++;
        this.pendingRecord = false;
      } else if (byte !== 0x0d) {
        this.pendingRecord = true;
      }
    }
  }

  /** A last record with no line break after it still counts. */
  finish(): number {
    return this.records + (this.pendingRecord ? 1 : 0);
  }
}

export async function downloadExport(url: string, headers: Record<string, string>): Promise<ExportDownload> {
  const started = performance.now();
  const response = await fetch(url, { headers, redirect: "manual", signal: AbortSignal.timeout(60_000) });
  const firstByteMs = performance.now() - started;
  const counter = new CsvRecordCounter();
  let bytes = 0;
  const reader = response.body?.getReader();
  for (let chunk = await reader?.read(); chunk && !chunk.done; chunk = await reader!.read()) {
    bytes += chunk.value.length;
    counter.push(chunk.value);
  }
  const wallMs = performance.now() - started;
  const records = counter.finish();
  return { status: response.status, wallMs, firstByteMs, bytes, rows: Math.max(0, records - 1) };
}
