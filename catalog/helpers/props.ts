import type { Unwrap } from "@pulumi/pulumi/output";
import type { Resource, Scalar, SourceLocation, Value } from "../model";
import type { Subject } from "../control";
import { couldBeWildcard } from "./refinements";

type Prev = [never, 0, 1, 2, 3, 4, 5];

/**
 * Dotted property paths of an SDK `*Args` type, in the Pulumi vocabulary. Arrays are transparent:
 * `gceSetup.networkInterfaces.accessConfigs` walks every interface. Depth is bounded to keep the
 * compiler fast; `unknown` args admit any string.
 */
export type PropPath<T, D extends number = 5> = unknown extends T
    ? string
    : [D] extends [never]
      ? never
      : T extends readonly (infer E)[]
        ? PropPath<E, D>
        : T extends object
          ? {
                [K in Extract<keyof T, string>]-?: K | `${K}.${PropPath<NonNullable<T[K]>, Prev[D]>}`;
            }[Extract<keyof T, string>]
          : never;

/** A property read from a resource: where it is, whether it was written, and its value. */
export interface Attr {
    path: string;
    /** `absent`: not written (the provider default applies); `unknown`: computed, not known yet. */
    state: "explicit" | "absent" | "unknown";
    node?: Value;
    /** The scalar value when the node is a known scalar. */
    value: Scalar | undefined;
    /** The attribute's own location, or the resource's when the attribute is absent. */
    location: SourceLocation;
}

function isIndex(segment: string): boolean {
    return /^\d+$/.test(segment);
}

/**
 * Walks a path through the neutral value tree. A list met by a name segment is walked element by
 * element (a one-element Terraform block list and a Pulumi object read the same way); a numeric
 * segment indexes. An unknown node on the way makes everything below it unknown.
 */
function walk(root: Value, segments: string[]): Value[] | "unknown" {
    let frontier: Value[] = [root];
    for (const segment of segments) {
        const next: Value[] = [];
        for (const node of frontier) {
            if (node.kind === "unknown") return "unknown";
            if (node.kind === "list") {
                if (isIndex(segment)) {
                    const item = node.items[Number(segment)];
                    if (item) next.push(item);
                    continue;
                }
                for (const item of node.items) {
                    if (item.kind === "unknown") return "unknown";
                    if (item.kind === "map" && segment in item.entries) next.push(item.entries[segment]);
                }
                continue;
            }
            if (node.kind === "map" && Object.prototype.hasOwnProperty.call(node.entries, segment)) {
                next.push(node.entries[segment]);
            }
        }
        frontier = next;
    }
    return frontier;
}

const segmentCache = new Map<string, string[]>();

/** `a.b.c` → `["a", "b", "c"]`, split once per path (controls read the same few paths of every resource). */
function segmentsOf(path: string): string[] {
    let segments = segmentCache.get(path);
    if (segments === undefined) {
        segments = path.split(".");
        if (segmentCache.size < 10_000) segmentCache.set(path, segments);
    }
    return segments;
}

/**
 * {@link walk} without the frontier lists while the path goes through maps only (the common case):
 * the node reached, `undefined` when nothing matches, or the full walk from the first list met.
 */
function walkMaps(root: Value, segments: string[]): Value | undefined | Value[] | "unknown" {
    let node = root;
    for (let i = 0; i < segments.length; i++) {
        if (node.kind === "map") {
            if (!Object.prototype.hasOwnProperty.call(node.entries, segments[i])) return undefined;
            node = node.entries[segments[i]];
            continue;
        }
        if (node.kind === "unknown") return "unknown";
        if (node.kind === "list") return walk(node, segments.slice(i));
        return undefined;
    }
    return node;
}

function toAttr(resource: Resource, path: string, node: Value | undefined, unknown: boolean): Attr {
    if (unknown || node?.kind === "unknown") {
        return { path, state: "unknown", node, value: undefined, location: node?.source ?? resource.source };
    }
    if (!node || (node.kind === "scalar" && node.value === null)) {
        return { path, state: "absent", node, value: undefined, location: node?.source ?? resource.source };
    }
    return {
        path,
        state: "explicit",
        node,
        value: node.kind === "scalar" ? node.value : undefined,
        location: node.source ?? resource.source,
    };
}

/** Reads one property; where a path fans out over a list, the first match. */
export function prop<A>(resource: Subject<A>, path: PropPath<Unwrap<A>>): Attr {
    return anyProp(resource, path as string);
}

/** Reads every match of a path that fans out over lists (`networkInterfaces.accessConfigs`). */
export function props<A>(resource: Subject<A>, path: PropPath<Unwrap<A>>): Attr[] {
    const p = path as string;
    const found = walkMaps(resource.props, segmentsOf(p));
    if (found === "unknown") return [toAttr(resource, p, undefined, true)];
    if (found === undefined) return [];
    if (!Array.isArray(found)) return [toAttr(resource, p, found, false)];
    return found.map((node) => toAttr(resource, p, node, false));
}

/** Reads a property of a resource whose type is not statically known (a related resource in a join). */
export function anyProp(resource: Resource, path: string): Attr {
    const found = walkMaps(resource.props, segmentsOf(path));
    if (found === "unknown") return toAttr(resource, path, undefined, true);
    return toAttr(resource, path, Array.isArray(found) ? found[0] : found, false);
}

/**
 * Converts a value subtree to plain data. Unknown nodes become the `UNKNOWN` symbol so callers can
 * tell "computed" apart from every real value.
 */
export const UNKNOWN: unique symbol = Symbol("unknown");
export type Plain = Scalar | typeof UNKNOWN | Plain[] | { [key: string]: Plain };

export function toPlain(node: Value | undefined, opts?: PlainOptions): Plain | undefined {
    if (!node) return undefined;
    switch (node.kind) {
        case "scalar":
            return node.value;
        case "unknown":
            return opts?.specific && node.refinement && !couldBeWildcard(node) ? (SPECIFIC_UNKNOWN as unknown as Plain) : UNKNOWN;
        case "list":
            return node.items.map((i) => toPlain(i, opts) as Plain);
        case "map": {
            const out: { [key: string]: Plain } = {};
            for (const [k, v] of Object.entries(node.entries)) out[k] = toPlain(v, opts) as Plain;
            return out;
        }
    }
}

export interface PlainOptions {
    /**
     * Unknown values whose refinement says they are one specific resource (a reference to one
     * resource's ARN or id, see `helpers/refinements.ts`) become {@link SPECIFIC_UNKNOWN} rather
     * than {@link UNKNOWN}; test with {@link isSpecificUnknown}. Off by default: a caller opts in
     * where it can use the distinction (IAM resource entries).
     */
    specific?: boolean;
}

/** A computed value known to name one specific resource: never `*`, never a wildcard pattern. */
const SPECIFIC_UNKNOWN: unique symbol = Symbol("specific unknown");

/** True for a plain value that is computed but known to name one specific resource (never a wildcard). */
export function isSpecificUnknown(value: unknown): boolean {
    return value === SPECIFIC_UNKNOWN;
}

/** True when the plain value holds an unknown anywhere inside it. */
export function containsUnknown(value: Plain | undefined): boolean {
    if (value === UNKNOWN) return true;
    if (Array.isArray(value)) return value.some(containsUnknown);
    if (value && typeof value === "object") return Object.values(value).some(containsUnknown);
    return false;
}

/** A string value, or undefined for anything else (numbers and booleans are not coerced). */
export function asString(attr: Attr): string | undefined {
    return typeof attr.value === "string" ? attr.value : undefined;
}

/** The number of items of a list attribute (a scalar counts as one), or undefined when absent/unknown. */
export function listLength(attr: Attr): number | undefined {
    if (attr.state !== "explicit" || !attr.node) return undefined;
    if (attr.node.kind === "list") return attr.node.items.length;
    return 1;
}

/** Items of a list attribute as attrs (a scalar or map is a one-item list). */
export function listItems(resource: Resource, attr: Attr): Attr[] {
    if (attr.state !== "explicit" || !attr.node) return [];
    const items = attr.node.kind === "list" ? attr.node.items : [attr.node];
    return items.map((node, i) => toAttr(resource, `${attr.path}.${i}`, node, false));
}

/** Reads `subpath` below an attribute already read (an item of a list, a nested block). */
export function within(resource: Resource, attr: Attr, subpath: string): Attr {
    const path = `${attr.path}.${subpath}`;
    if (attr.state === "unknown") return toAttr(resource, path, undefined, true);
    if (!attr.node) return toAttr(resource, path, undefined, false);
    const found = walk(attr.node, subpath.split("."));
    if (found === "unknown") return toAttr(resource, path, undefined, true);
    return toAttr(resource, path, found[0], false);
}
