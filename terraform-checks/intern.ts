import type { Evidence, SourceLocation } from "../catalog/model";
import { FILE_RANGE, plainLocation } from "./diagnostics";
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
    private readonly messages = new Map<string, Map<number, string[]>>();
    private readonly places = new PlaceMap<SourceLocation>();
    private readonly evidence = new Map<string, Evidence>();
    private readonly blockRanges = new PlaceMap<FileRange>();
    private readonly callSites = new WeakMap<object, ModuleCallSite[]>();

    /**
     * The one flat copy of a string (module addresses, literal values, paths): such strings are
     * built by concatenation, which V8 keeps as a tree of parts, or sliced from a file's text, which
     * a slice keeps alive whole.
     */
    string(s: string): string {
        const hit = this.strings.get(s);
        if (hit !== undefined) return hit;
        const flat = this.flat(s);
        this.strings.set(flat, flat);
        return flat;
    }

    /**
     * A finding's message, shared with an equal earlier message of the same control. Found by
     * control and length and compared, never hashed: hashing a message V8 holds as a tree of
     * concatenated parts makes a flat copy of it first, for every finding. A control whose messages
     * name the resource (many distinct ones of one length) keeps them as they are.
     */
    message(controlId: string, s: string): string {
        let byLength = this.messages.get(controlId);
        if (byLength === undefined) {
            byLength = new Map();
            this.messages.set(controlId, byLength);
        }
        let seen = byLength.get(s.length);
        if (seen === undefined) {
            seen = [];
            byLength.set(s.length, seen);
        }
        for (const m of seen) if (m === s) return m;
        if (seen.length >= MESSAGES_PER_LENGTH) return s;
        const flat = this.flat(s);
        seen.push(flat);
        return flat;
    }

    /** A location as plain data, one object per place (a {@link Span}'s positions are worked out once). */
    location(l: SourceLocation): SourceLocation {
        if (l.kind !== "file") return l;
        return this.places.get(l, () => plainLocation(l));
    }

    /** A location as a plain file range (a resource block's), one object per place. */
    range(l: SourceLocation): FileRange {
        if (l.kind !== "file") return { file: "", ...FILE_RANGE };
        return this.blockRanges.get(l, () => ({ file: l.file, start: l.start, end: l.end }));
    }

    /** A flat copy of a string, not shared (a resource's id and name: one per resource). */
    flat(s: string): string {
        return Buffer.from(s, "utf8").toString("utf8");
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
        // Only `{ state }` and `{ state, value }` (counted without making a key list).
        let keys = 0;
        for (const k in e) {
            if (k !== "state" && k !== "value") return e;
            keys++;
        }
        let key: string;
        let v = e.value;
        if (keys === 1) key = e.state;
        else if (v === null || typeof v === "string" || typeof v === "number" || typeof v === "boolean") {
            if (typeof v === "string") v = this.string(v);
            key = `${e.state}\u0000${v === null ? "null" : typeof v}\u0000${String(v)}`;
        } else return e;
        const hit = this.evidence.get(key);
        if (hit !== undefined) return hit;
        const held = typeof v === "string" ? { ...e, value: v } : e;
        this.evidence.set(key, held);
        return held;
    }
}

/** The module calls of a resource in the root module: none (shared, never changed). */
const NO_CALLS: ModuleCallSite[] = [];

/**
 * One value per place of a file. A parsed range is keyed by its two offsets as one number (no key
 * string per finding: a 200,000-resource file has over a million findings); other ranges by text.
 */
class PlaceMap<T> {
    private readonly byFile = new Map<string, Map<number | string, T>>();
    /** The value of each parsed range already asked for: the findings of a resource share its ranges. */
    private readonly bySpan = new WeakMap<Span, T>();

    get(l: Extract<SourceLocation, { kind: "file" }>, make: () => T): T {
        if (l instanceof Span) {
            let v = this.bySpan.get(l);
            if (v === undefined) {
                v = this.byPlace(l, make);
                this.bySpan.set(l, v);
            }
            return v;
        }
        return this.byPlace(l, make);
    }

    private byPlace(l: Extract<SourceLocation, { kind: "file" }>, make: () => T): T {
        let places = this.byFile.get(l.file);
        if (places === undefined) {
            places = new Map();
            this.byFile.set(l.file, places);
        }
        const key = l instanceof Span && l.to < SPAN_KEY_LIMIT ? l.from * SPAN_KEY_LIMIT + l.to : `${l.start.offset}:${l.end.offset}:${l.start.line}:${l.end.line}`;
        let v = places.get(key);
        if (v === undefined) {
            v = make();
            places.set(key, v);
        }
        return v;
    }
}

/** Distinct messages of one control and length held for sharing; beyond them messages are kept as they are. */
const MESSAGES_PER_LENGTH = 8;

/** Offsets below this make exact number keys (`from * limit + to` stays under 2^53). */
const SPAN_KEY_LIMIT = 2 ** 26;
