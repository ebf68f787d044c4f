import { describe, expect, it } from "vitest";
import { LruCache } from "./lru";

const buf = (n: number) => new Uint8Array(n);

describe("LruCache", () => {
  it("evicts the least recently used entry past the entry limit", () => {
    const c = new LruCache<Uint8Array>(2, 1000);
    c.set("a", buf(1));
    c.set("b", buf(1));
    c.get("a");
    c.set("c", buf(1));
    expect(c.get("b")).toBeUndefined();
    expect(c.get("a")).toBeDefined();
    expect(c.get("c")).toBeDefined();
  });

  it("evicts by bytes and refuses values larger than the whole cache", () => {
    const c = new LruCache<Uint8Array>(100, 10);
    c.set("a", buf(6));
    c.set("b", buf(6));
    expect(c.size).toBe(1);
    expect(c.totalBytes).toBe(6);
    c.set("huge", buf(11));
    expect(c.get("huge")).toBeUndefined();
    c.clear();
    expect(c.size).toBe(0);
    expect(c.totalBytes).toBe(0);
  });
});
