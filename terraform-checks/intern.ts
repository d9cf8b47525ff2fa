import type { Evidence, SourceLocation } from "../catalog/model";
import { Span } from "./hcl/source";

/**
 * One copy of each value that many findings repeat, for the findings a scan returns. A scan keeps
 * every finding until it reports (a large corpus: hundreds of thousands), while the values they
 * carry repeat: a module's attribute has one location however many instances and controls report
 * on it, a control words its message the same way for every resource with the same value. Without
 * sharing, those copies were most of a large scan's live heap (about 360 bytes a finding), and V8
 * lets the heap grow to a multiple of what is live before it collects.
 *
 * What it returns is shared: findings' locations, messages and evidence are never changed once
 * the scanner has built them.
 */
export class FindingInterner {
    private readonly strings = new Map<string, string>();
    private readonly locations = new Map<string, SourceLocation>();
    private readonly evidence = new Map<string, Evidence>();

    /** The one flat copy of a string (messages are built by concatenation, which V8 keeps as a tree of parts). */
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

    /** Evidence holding only a state and a scalar value, shared; other evidence is returned as it is. */
    evidenceOf(e: Evidence): Evidence {
        let key: string;
        const keys = Object.keys(e);
        const v = e.value;
        if (keys.length === 1 && keys[0] === "state") key = e.state;
        else if (keys.length === 2 && keys[0] === "state" && keys[1] === "value" && (v === null || typeof v === "string" || typeof v === "number" || typeof v === "boolean")) {
            key = `${e.state}\u0000${v === null ? "null" : typeof v}\u0000${String(v)}`;
        } else return e;
        const hit = this.evidence.get(key);
        if (hit !== undefined) return hit;
        this.evidence.set(key, e);
        return e;
    }
}
