import { describe, expect, it } from "vitest";
import { pageWindow } from "~/components/ui/Pagination";

describe("the pages a page list offers", () => {
  it("offers the only page when there is one", () => {
    expect(pageWindow(1, 1)).toEqual([1]);
  });

  it("offers every page when there are few", () => {
    expect(pageWindow(1, 2)).toEqual([1, 2]);
    expect(pageWindow(3, 5)).toEqual([1, 2, 3, 4, 5]);
  });

  it("offers the first and last page and two either side of the current one, with gaps", () => {
    expect(pageWindow(10, 20)).toEqual([1, "gap", 8, 9, 10, 11, 12, "gap", 20]);
  });

  it("puts no gap between neighbouring pages", () => {
    expect(pageWindow(4, 20)).toEqual([1, 2, 3, 4, 5, 6, "gap", 20]);
    expect(pageWindow(17, 20)).toEqual([1, "gap", 15, 16, 17, 18, 19, 20]);
  });

  it("stays inside the pages at either end", () => {
    expect(pageWindow(1, 20)).toEqual([1, 2, 3, "gap", 20]);
    expect(pageWindow(20, 20)).toEqual([1, "gap", 18, 19, 20]);
  });

  it("marks a gap only where pages are left out", () => {
    for (let pages = 1; pages <= 30; pages++) {
      for (let page = 1; page <= pages; page++) {
        const window = pageWindow(page, pages);
        expect(window).toContain(page);
        window.forEach((entry, i) => {
          if (entry !== "gap") return;
          const before = window[i - 1] as number;
          const after = window[i + 1] as number;
          expect(after - before).toBeGreaterThan(1);
        });
        const numbers = window.filter((e): e is number => e !== "gap");
        expect(numbers).toEqual([...numbers].sort((a, b) => a - b));
        expect(new Set(numbers).size).toBe(numbers.length);
      }
    }
  });
});
