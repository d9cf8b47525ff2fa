import type { SourceLocation, Value } from "./model";

/** How `valueFromPlain` recognises computed values and locates each path. */
export interface PlainConversion {
    /** True for a plain value that stands for "unknown" (a preview sentinel, `after_unknown`, …). */
    isUnknown?: (value: unknown, path: string) => boolean;
    /** The location of the value at a dotted path ("" for the root). */
    locate?: (path: string) => SourceLocation | undefined;
    /** Replaces a value before it is looked at (unwraps secrets, for example). */
    unwrap?: (value: unknown) => unknown;
    /** Deepest nesting converted; anything below becomes unknown (bad input never overflows the stack). */
    maxDepth?: number;
}

const DEFAULT_MAX_DEPTH = 64;

/**
 * Converts plain JSON-like data (Pulumi properties, plan JSON values) into the neutral value tree.
 * Values that are neither JSON scalars, arrays nor plain objects (assets, archives, functions,
 * class instances) become unknown: a control can never rely on their content.
 */
export function valueFromPlain(value: unknown, conversion: PlainConversion = {}): Value {
    const maxDepth = conversion.maxDepth ?? DEFAULT_MAX_DEPTH;
    const convert = (raw: unknown, path: string, depth: number): Value => {
        const v = conversion.unwrap ? conversion.unwrap(raw) : raw;
        const source = conversion.locate?.(path);
        if (conversion.isUnknown?.(v, path)) return { kind: "unknown", source };
        if (depth > maxDepth) return { kind: "unknown", source, reason: "nested too deeply" };
        if (v === null || v === undefined) return { kind: "scalar", value: null, source };
        if (typeof v === "string" || typeof v === "boolean") return { kind: "scalar", value: v, source };
        if (typeof v === "number") return Number.isFinite(v) ? { kind: "scalar", value: v, source } : { kind: "unknown", source };
        if (Array.isArray(v)) {
            return { kind: "list", items: v.map((item, i) => convert(item, join(path, String(i)), depth + 1)), source };
        }
        if (typeof v === "object") {
            const proto = Object.getPrototypeOf(v);
            if (proto !== Object.prototype && proto !== null) return { kind: "unknown", source, reason: "not plain data" };
            const entries: Record<string, Value> = {};
            for (const key of Object.keys(v as object)) {
                const child = (v as Record<string, unknown>)[key];
                if (child === undefined) continue;
                entries[key] = convert(child, join(path, key), depth + 1);
            }
            return { kind: "map", entries, source };
        }
        return { kind: "unknown", source, reason: `unsupported ${typeof v}` };
    };
    return convert(value, "", 0);
}

function join(path: string, key: string): string {
    return path === "" ? key : `${path}.${key}`;
}
