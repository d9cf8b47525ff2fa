import type { Refinement, Scalar, SourceLocation, TextMap, Value, ValueOrigin } from "../../catalog/model";

/**
 * An evaluated Terraform value: the catalog's neutral {@link Value} plus `refs`, the resource
 * instance addresses the value was derived from. References are provenance, not content: they ride
 * on unknown values through locals, module inputs and outputs, `for` expressions and function calls,
 * so the adapter can turn them into graph edges wherever the value lands.
 */
export type TfValue =
    | {
          kind: "scalar";
          value: Scalar;
          source?: SourceLocation;
          origin?: ValueOrigin;
          refs?: readonly string[];
          /** The located JSON structure a string encodes (see the catalog's `Value`). */
          document?: TfValue;
          text?: TextMap;
      }
    | {
          kind: "unknown";
          source?: SourceLocation;
          reason?: string;
          origin?: ValueOrigin;
          refs?: readonly string[];
          /**
           * For a JSON document that is only partly known (`jsonencode` or a policy document with a
           * computed ARN inside): its structure with unknown leaves. Expressions see an unknown
           * string, as Terraform does; the adapter hands the structure to controls, which read
           * `string | object` documents like Pulumi's `PolicyDocument`.
           */
          partial?: TfValue;
          /** What is known about the value (string prefix, not null, length bounds, the resource attribute it is). */
          refinement?: Refinement;
          /** Set when the unknown stands for one whole resource instance: its address and type (an attribute read from it is refined with them). */
          instance?: { address: string; type: string };
      }
    | { kind: "list"; items: TfValue[]; source?: SourceLocation; origin?: ValueOrigin; refs?: readonly string[] }
    | { kind: "map"; entries: Record<string, TfValue>; source?: SourceLocation; origin?: ValueOrigin; refs?: readonly string[] };

export type TfList = Extract<TfValue, { kind: "list" }>;
export type TfMap = Extract<TfValue, { kind: "map" }>;
export type TfUnknown = Extract<TfValue, { kind: "unknown" }>;

// A TfValue is a catalog Value with one more optional field; this line fails to compile if they drift.
const _assignable: (v: TfValue) => Value = (v) => v;
void _assignable;

const NO_REFS: readonly string[] = [];

export const NULL: TfValue = { kind: "scalar", value: null };

export function scalar(value: Scalar, source?: SourceLocation): TfValue {
    // Terraform's numbers are arbitrary-precision; one beyond float64 (1e400, 1e308 * 10) is not guessed at.
    if (typeof value === "number" && !Number.isFinite(value)) return { kind: "unknown", reason: "the number is beyond the range mlguard evaluates (64-bit floating point)", source };
    return source ? { kind: "scalar", value, source } : { kind: "scalar", value };
}

export function str(value: string, source?: SourceLocation): TfValue {
    return scalar(value, source);
}

export function list(items: TfValue[], source?: SourceLocation): TfValue {
    return source ? { kind: "list", items, source } : { kind: "list", items };
}

export function map(entries: Record<string, TfValue>, source?: SourceLocation): TfValue {
    return source ? { kind: "map", entries, source } : { kind: "map", entries };
}

/** An unknown value carrying the union of the references of `from`. */
export function unknown(reason: string, ...from: Array<TfValue | readonly string[] | undefined>): TfUnknown {
    const refs = mergeRefs(from);
    return refs.length > 0 ? { kind: "unknown", reason, refs } : { kind: "unknown", reason };
}

/** {@link unknown} located at `source`, built directly (object spread is slow on hot paths). */
export function unknownAt(source: SourceLocation | undefined, reason: string, ...from: Array<TfValue | readonly string[] | undefined>): TfUnknown {
    const refs = mergeRefs(from);
    const u: TfUnknown = { kind: "unknown", reason, source };
    if (refs.length > 0) u.refs = refs;
    return u;
}

/**
 * {@link unknownAt} from an array of values: never spread a list proportional to the input into
 * arguments (a call's arguments live on the stack, so 100k of them overflow it).
 */
export function unknownFrom(source: SourceLocation | undefined, reason: string, from: ReadonlyArray<TfValue | readonly string[] | undefined>): TfUnknown {
    const refs = mergeRefs(from);
    const u: TfUnknown = { kind: "unknown", reason, source };
    if (refs.length > 0) u.refs = refs;
    return u;
}

/**
 * A JSON string that is computed but whose structure is known (`partial`): a policy document or a
 * `jsonencode` with a computed ARN inside. It is never null and starts with `{` or `[`, so
 * `compact()` keeps it and comparisons with other strings are decided.
 */
export function computedDocument(u: TfUnknown, doc: TfValue): TfUnknown {
    return { ...u, partial: doc, refinement: { notNull: true, prefix: doc.kind === "list" ? "[" : "{" } };
}

/** The references anywhere in the given values (deep), deduplicated, in first-seen order. */
export function mergeRefs(from: ReadonlyArray<TfValue | readonly string[] | undefined>): readonly string[] {
    // The common case, one unknown or scalar passing its references on, needs no copy.
    if (from.length === 1) {
        const only = from[0];
        if (only && !Array.isArray(only) && ((only as TfValue).kind === "unknown" || (only as TfValue).kind === "scalar")) return (only as TfValue).refs ?? NO_REFS;
    }
    const out: string[] = [];
    const seen = new Set<string>();
    const add = (r: string) => {
        if (!seen.has(r)) {
            seen.add(r);
            out.push(r);
        }
    };
    const visit = (v: TfValue, depth: number) => {
        if (v.refs) v.refs.forEach(add);
        if (depth > 64) return;
        if (v.kind === "list") for (const i of v.items) visit(i, depth + 1);
        else if (v.kind === "map") for (const k in v.entries) visit(v.entries[k], depth + 1);
    };
    for (const f of from) {
        if (!f) continue;
        if (Array.isArray(f)) (f as readonly string[]).forEach(add);
        else visit(f as TfValue, 0);
    }
    return out;
}

export function isUnknown(v: TfValue): v is TfUnknown {
    return v.kind === "unknown";
}

export function isNull(v: TfValue): boolean {
    return v.kind === "scalar" && v.value === null;
}

/** True when the value is wholly known (no unknown anywhere inside). */
export function isWhollyKnown(v: TfValue, depth = 0): boolean {
    if (v.kind === "unknown") return false;
    if (depth > 64) return true;
    if (v.kind === "list") return v.items.every((i) => isWhollyKnown(i, depth + 1));
    if (v.kind === "map") return Object.values(v.entries).every((i) => isWhollyKnown(i, depth + 1));
    return true;
}

/** A copy of the value whose every node is located at `source` and, unless it has one, carries `origin`. */
export function relocate(v: TfValue, source: SourceLocation | undefined, origin: ValueOrigin | undefined, depth = 0): TfValue {
    const o = v.origin ?? origin;
    switch (v.kind) {
        case "scalar": {
            const out: TfValue = { kind: "scalar", value: v.value };
            if (v.document) out.document = v.document;
            if (v.text) out.text = v.text;
            return withMeta(out, source, o, v.refs);
        }
        case "unknown": {
            const u: TfUnknown = { kind: "unknown" };
            if (v.reason) u.reason = v.reason;
            if (v.partial) u.partial = v.partial;
            if (v.refinement) u.refinement = v.refinement;
            if (v.instance) u.instance = v.instance;
            return withMeta(u, source, o, v.refs);
        }
        case "list":
            return withMeta(
                { kind: "list", items: depth > 64 ? v.items : v.items.map((i) => relocate(i, source, origin, depth + 1)) },
                source,
                o,
                v.refs,
            );
        case "map": {
            const entries: Record<string, TfValue> = {};
            for (const k in v.entries) entries[k] = depth > 64 ? v.entries[k] : relocate(v.entries[k], source, origin, depth + 1);
            return withMeta({ kind: "map", entries }, source, o, v.refs);
        }
    }
}

function withMeta<T extends TfValue>(v: T, source: SourceLocation | undefined, origin: ValueOrigin | undefined, refs: readonly string[] | undefined): T {
    if (source) v.source = source;
    if (origin) v.origin = origin;
    if (refs && refs.length > 0) v.refs = refs;
    return v;
}

/** A shallow copy located at `source`. */
export function at<T extends TfValue>(v: T, source: SourceLocation | undefined): T {
    if (!source || v.source === source) return v;
    return { ...v, source };
}

/** Converts a wholly or partly known value to plain JSON-like data; unknowns become `undefined` markers via `onUnknown`. */
export function toJs(v: TfValue, onUnknown: (u: TfUnknown) => unknown = () => undefined, depth = 0): unknown {
    switch (v.kind) {
        case "scalar":
            return v.value;
        case "unknown":
            return onUnknown(v);
        case "list":
            return depth > 200 ? null : v.items.map((i) => toJs(i, onUnknown, depth + 1));
        case "map": {
            const out: Record<string, unknown> = {};
            for (const k in v.entries) out[k] = depth > 200 ? null : toJs(v.entries[k], onUnknown, depth + 1);
            return out;
        }
    }
}

/** Converts plain JSON data into a value (for jsondecode, yamldecode, tfvars.json, plan JSON). */
export function fromJs(raw: unknown, source?: SourceLocation, depth = 0): TfValue {
    if (depth > 200) return { kind: "unknown", reason: "nested too deeply", source };
    if (raw === null || raw === undefined) return scalar(null, source);
    if (typeof raw === "string" || typeof raw === "boolean") return scalar(raw, source);
    if (typeof raw === "number") return Number.isFinite(raw) ? scalar(raw, source) : { kind: "unknown", reason: "not a finite number", source };
    if (raw instanceof Date) return scalar(raw.toISOString(), source);
    if (Array.isArray(raw)) return list(raw.map((i) => fromJs(i, source, depth + 1)), source);
    if (typeof raw === "object") {
        const entries: Record<string, TfValue> = {};
        for (const [k, val] of Object.entries(raw as Record<string, unknown>)) entries[k] = fromJs(val, source, depth + 1);
        return map(entries, source);
    }
    return { kind: "unknown", reason: `unsupported ${typeof raw}`, source };
}

/**
 * Deep equality, type-strict as Terraform's `==`. An unknown inside makes it undefined, except
 * where its refinement decides it, as Terraform decides it: an unknown refined as not null (a
 * template string, a resource's id or ARN) is unequal to null, and a string with a known prefix
 * is unequal to any value that does not start with it (`aws_iam_role.x.arn == ""`).
 */
export function equals(a: TfValue, b: TfValue, depth = 0): boolean | undefined {
    if (a.kind === "unknown" || b.kind === "unknown") {
        const [u, other] = a.kind === "unknown" ? [a, b] : [b, a];
        if (u.kind !== "unknown" || other.kind !== "scalar") return undefined;
        if (u.refinement?.notNull === true && other.value === null) return false;
        const prefix = u.refinement?.prefix;
        return prefix && !(typeof other.value === "string" && other.value.startsWith(prefix)) ? false : undefined;
    }
    if (depth > 64) return undefined;
    if (a.kind === "scalar" && b.kind === "scalar") return a.value === b.value;
    if (a.kind === "list" && b.kind === "list") {
        if (a.items.length !== b.items.length) return false;
        let result: boolean | undefined = true;
        for (let i = 0; i < a.items.length; i++) {
            const e = equals(a.items[i], b.items[i], depth + 1);
            if (e === false) return false;
            if (e === undefined) result = undefined;
        }
        return result;
    }
    if (a.kind === "map" && b.kind === "map") {
        const ka = Object.keys(a.entries);
        const kb = Object.keys(b.entries);
        if (ka.length !== kb.length) return false;
        let result: boolean | undefined = true;
        for (const k of ka) {
            if (!(k in b.entries)) return false;
            const e = equals(a.entries[k], b.entries[k], depth + 1);
            if (e === false) return false;
            if (e === undefined) result = undefined;
        }
        return result;
    }
    return false;
}

/** Terraform's string conversion of a primitive, or undefined when it has none. */
export function asString(v: TfValue): string | undefined {
    if (v.kind !== "scalar") return undefined;
    if (typeof v.value === "string") return v.value;
    if (typeof v.value === "number") return formatNumber(v.value);
    if (typeof v.value === "boolean") return v.value ? "true" : "false";
    return undefined;
}

/**
 * A number as Terraform writes it: every digit, never an exponent (`1e21` is
 * `1000000000000000000000`, `1e-7` is `0.0000001`), from the shortest digits that read back as
 * the same number.
 */
export function formatNumber(n: number): string {
    const text = String(n);
    const m = /^(-?)(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(text);
    if (!m) return text;
    const digits = m[2] + (m[3] ?? "");
    const point = 1 + Number(m[4]);
    if (point >= digits.length) return `${m[1]}${digits}${"0".repeat(point - digits.length)}`;
    if (point <= 0) return `${m[1]}0.${"0".repeat(-point)}${digits}`;
    return `${m[1]}${digits.slice(0, point)}.${digits.slice(point)}`;
}

/** Terraform's number conversion of a primitive (numeric strings convert), or undefined. */
export function asNumber(v: TfValue): number | undefined {
    if (v.kind !== "scalar") return undefined;
    if (typeof v.value === "number") return v.value;
    if (typeof v.value === "string" && /^\s*-?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*$/.test(v.value)) return Number(v.value);
    return undefined;
}

/** Terraform's bool conversion of a primitive (`"true"` / `"false"` convert), or undefined. */
export function asBool(v: TfValue): boolean | undefined {
    if (v.kind !== "scalar") return undefined;
    if (typeof v.value === "boolean") return v.value;
    if (v.value === "true") return true;
    if (v.value === "false") return false;
    return undefined;
}

/** Items of a list, or of a map in key order (Terraform iterates maps lexically). */
export function elements(v: TfValue): Array<{ key: TfValue; value: TfValue }> | undefined {
    if (v.kind === "list") return v.items.map((value, i) => ({ key: scalar(i), value }));
    if (v.kind === "map") return sortedKeys(v.entries).map((k) => ({ key: scalar(k), value: v.entries[k] }));
    return undefined;
}

/** Keys in Terraform's order (by UTF-16 code units, which is what the default sort compares). */
export function sortedKeys(entries: Record<string, unknown>): string[] {
    return Object.keys(entries).sort();
}
