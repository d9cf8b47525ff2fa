import type { Evidence, SourceLocation } from "../catalog/model";
import { Span } from "./hcl/source";
import type { FileRange, ModuleCallSite } from "./scanner";

/**
 * One copy of each value that many findings repeat, for the findings a scan returns. A scan keeps
 * every finding until it reports (a large corpus: hundreds of thousands), while the values they
 * carry repeat: a module's attribute has one location however many instances and controls report
 * on it, a control words its message the same way for every resource with the same value. Without
 * sharing, those copies were most of a large scan's live heap (about 360 bytes a finding), and V8
 * lets the heap grow to a multiple of what is live before it collects.
 *
 * Strings are copied flat: a resource's name or a literal value is a slice of its file's text, and
 * a finding holding the slice would keep every scanned file in memory.
 *
 * What it returns is shared: findings' locations, messages and evidence are never changed once
 * the scanner has built them.
 */
export class FindingInterner {
    private readonly strings = new Map<string, string>();
    private readonly locations = new Map<string, SourceLocation>();
    private readonly evidence = new Map<string, Evidence>();
    private readonly ranges = new Map<string, FileRange>();
    private readonly callSites = new WeakMap<object, ModuleCallSite[]>();

    /**
     * The one flat copy of a string. Messages are built by concatenation, which V8 keeps as a tree
     * of parts, and names are sliced from the file's text, which a slice keeps alive whole.
     */
    string(s: string): string {
        const hit = this.strings.get(s);
        if (hit !== undefined) return hit;
        const flat = Buffer.from(s, "utf8").toString("utf8");
        this.strings.set(flat, flat);
        return flat;
    }

    /** A location as plain data, one object per place (a {@link Span}'s positions are worked out once). */
    location(l: SourceLocation): SourceLocation {
        if (l.kind !== "file") return l;
        const key = l instanceof Span ? `${l.file}\u0000${l.from}\u0000${l.to}` : `${l.file}\u0000${l.start.offset}\u0000${l.end.offset}\u0000${l.start.line}\u0000${l.end.line}`;
        const hit = this.locations.get(key);
        if (hit !== undefined) return hit;
        const plain: SourceLocation = { kind: "file", file: l.file, start: l.start, end: l.end };
        this.locations.set(key, plain);
        return plain;
    }

    /** A location as a plain file range (a resource block's), one object per place. */
    range(l: SourceLocation): FileRange {
        if (l.kind !== "file") return { file: "", start: START, end: START };
        const key = l instanceof Span ? `${l.file}\u0000${l.from}\u0000${l.to}` : `${l.file}\u0000${l.start.offset}\u0000${l.end.offset}\u0000${l.start.line}\u0000${l.end.line}`;
        const hit = this.ranges.get(key);
        if (hit !== undefined) return hit;
        const plain: FileRange = { file: l.file, start: l.start, end: l.end };
        this.ranges.set(key, plain);
        return plain;
    }

    /** The module calls leading to a module instance, built once per instance (its resources share them). */
    moduleCalls(calls: ReadonlyArray<{ address: string; range: SourceLocation }> | undefined): ModuleCallSite[] {
        if (calls === undefined || calls.length === 0) return NO_CALLS;
        let sites = this.callSites.get(calls);
        if (sites === undefined) {
            sites = calls.map((c) => ({ address: this.string(c.address), range: this.range(c.range) }));
            this.callSites.set(calls, sites);
        }
        return sites;
    }

    /** Evidence holding only a state and a scalar value, shared; other evidence is returned as it is. */
    evidenceOf(e: Evidence): Evidence {
        let key: string;
        const keys = Object.keys(e);
        const v = typeof e.value === "string" ? this.string(e.value) : e.value;
        if (keys.length === 1 && keys[0] === "state") key = e.state;
        else if (keys.length === 2 && keys[0] === "state" && keys[1] === "value" && (v === null || typeof v === "string" || typeof v === "number" || typeof v === "boolean")) {
            key = `${e.state}\u0000${v === null ? "null" : typeof v}\u0000${String(v)}`;
        } else return e;
        const hit = this.evidence.get(key);
        if (hit !== undefined) return hit;
        const held = typeof v === "string" ? { ...e, value: v } : e;
        this.evidence.set(key, held);
        return held;
    }
}

const START = { line: 1, column: 1, offset: 0 };
/** The module calls of a resource in the root module: none (shared, never changed). */
const NO_CALLS: ModuleCallSite[] = [];
