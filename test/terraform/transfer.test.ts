import * as assert from "node:assert/strict";
import { pack, unpack } from "../../terraform-checks/transfer";

describe("packing findings for worker threads", () => {
    it("rebuilds plain data with the same keys in the same order", () => {
        const value = {
            status: "fail",
            n: -0,
            big: 2 ** 53 + 2,
            nan: Number.NaN,
            flags: [true, false, null, undefined],
            nested: { b: 1, a: [{ x: "y" }, "z"] },
            empty: {},
            missing: undefined,
        };
        const back = unpack(pack(value)) as typeof value;
        assert.deepStrictEqual(back, value);
        assert.deepEqual(Object.keys(back), Object.keys(value));
        assert.deepEqual(Object.keys(back.nested), ["b", "a"]);
        assert.ok(Object.is(back.n, -0));
    });

    it("shares again what was shared, cycles included", () => {
        const location = { kind: "file", file: "main.tf", start: { line: 1, column: 1, offset: 0 } };
        const findings = [{ location }, { location }] as Array<{ location: typeof location; self?: unknown }>;
        findings[1].self = findings;
        const back = unpack(pack(findings)) as typeof findings;
        assert.equal(back[0].location, back[1].location);
        assert.equal(back[1].self, back);
        assert.deepEqual(back[0].location, location);
    });

    it("sends positions inline, equal but not shared", () => {
        const start = { line: 3, column: 1, offset: 40 };
        const value = { a: { start, end: start }, odd: { line: 1, column: 2, offset: 3, extra: true }, reordered: { column: 2, line: 1, offset: 3 } };
        const back = unpack(pack(value)) as typeof value;
        assert.deepStrictEqual(back, value);
        assert.deepEqual(Object.keys(back.reordered), ["column", "line", "offset"]);
    });

    it("keeps a __proto__ key as an own property", () => {
        const value = JSON.parse('{"__proto__": {"polluted": true}, "a": 1}') as Record<string, unknown>;
        const back = unpack(pack(value)) as Record<string, unknown>;
        assert.equal(Object.getPrototypeOf(back), Object.prototype);
        assert.deepEqual(Object.keys(back), ["__proto__", "a"]);
        assert.equal(({} as Record<string, unknown>).polluted, undefined);
    });

    it("passes what is not plain data through as it is", () => {
        const when = new Date(0);
        const back = unpack(pack({ when, list: [when] })) as { when: Date; list: Date[] };
        assert.equal(back.when, when);
        assert.equal(back.list[0], when);
    });
});
