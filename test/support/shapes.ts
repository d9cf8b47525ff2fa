/**
 * Small helpers to rewrite Pulumi property bags in tests: walk leaves, replace values at a path,
 * turn values into the unknown sentinel of their kind or into secrets. Free of mocha so benchmarks
 * can use them too.
 */
import { UNKNOWN, UNKNOWN_SENTINELS, secret } from "./analyzer-harness";

/** A path into a property bag: keys and array indices. */
export type PropPath = ReadonlyArray<string | number>;

/** True for one of the engine's unknown sentinels. */
export function isUnknownSentinel(value: unknown): boolean {
    return typeof value === "string" && UNKNOWN_SENTINELS.includes(value);
}

/** The sentinel the engine would send for a computed value of this value's kind. */
export function unknownFor(value: unknown): string {
    if (typeof value === "boolean") return UNKNOWN.bool;
    if (typeof value === "number") return UNKNOWN.number;
    if (Array.isArray(value)) return UNKNOWN.array;
    if (value && typeof value === "object") return UNKNOWN.object;
    return UNKNOWN.string;
}

/** Every path to a scalar leaf (strings, numbers, booleans, null), sentinels excluded. */
export function leafPaths(value: unknown, at: PropPath = []): PropPath[] {
    if (Array.isArray(value)) return value.flatMap((v, i) => leafPaths(v, [...at, i]));
    if (value && typeof value === "object") return Object.entries(value).flatMap(([k, v]) => leafPaths(v, [...at, k]));
    if (isUnknownSentinel(value) || at.length === 0) return [];
    return [at];
}

/** The value at a path, or undefined. */
export function getAt(value: unknown, path: PropPath): unknown {
    let cur = value;
    for (const key of path) {
        if (cur === null || typeof cur !== "object") return undefined;
        cur = (cur as Record<string | number, unknown>)[key];
    }
    return cur;
}

/** A copy of `value` with the value at `path` replaced (structure along the path is copied). */
export function setAt<T>(value: T, path: PropPath, replacement: unknown): T {
    if (path.length === 0) return replacement as T;
    const [head, ...rest] = path;
    const copy = (Array.isArray(value) ? [...value] : { ...(value as object) }) as Record<string | number, unknown>;
    copy[head] = setAt(copy[head], rest, replacement);
    return copy as T;
}

/** A copy with every scalar leaf (sentinels kept as they are) passed through `fn`. */
export function mapLeaves(value: unknown, fn: (leaf: unknown, path: PropPath) => unknown, at: PropPath = []): unknown {
    if (Array.isArray(value)) return value.map((v, i) => mapLeaves(v, fn, [...at, i]));
    if (value && typeof value === "object") {
        const out: Record<string, unknown> = {};
        for (const [k, v] of Object.entries(value)) out[k] = mapLeaves(v, fn, [...at, k]);
        return out;
    }
    return isUnknownSentinel(value) ? value : fn(value, at);
}

/** A copy with every scalar leaf wrapped as a secret, as a program using `pulumi.secret` would send it. */
export function secretLeaves<T>(value: T): T {
    return mapLeaves(value, (leaf) => secret(leaf)) as T;
}
