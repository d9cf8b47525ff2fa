import type { Refinement, Value } from "../model";

/**
 * The one read API for refined unknown values (see {@link Refinement}): what an unknown value is
 * known to be, and whether it could still be a given value. Controls and helpers ask these
 * questions instead of reading `refinement` themselves. Known values answer exactly; an unknown
 * value without refinement could be anything (today's "not verifiable").
 */

/** What is known about a value that is not known yet; undefined for known or unrefined values. */
export function refinementOf(node: Value | undefined): Refinement | undefined {
    return node?.kind === "unknown" ? node.refinement : undefined;
}

/** The known prefix of a string value (the whole string when it is known). */
export function knownPrefix(node: Value | undefined): string | undefined {
    if (node?.kind === "scalar") return typeof node.value === "string" ? node.value : undefined;
    return refinementOf(node)?.prefix;
}

/**
 * Whether the value could turn out to be one of `candidates` (strings compared after trimming,
 * case-insensitively when `ignoreCase`). `undefined` nodes and unrefined unknowns could be anything.
 */
export function couldBeOneOf(node: Value | undefined, candidates: readonly string[], opts: { ignoreCase?: boolean } = {}): boolean {
    if (!node) return true;
    const norm = (s: string) => (opts.ignoreCase ? s.trim().toLowerCase() : s.trim());
    if (node.kind === "scalar") return typeof node.value === "string" && candidates.some((c) => norm(c) === norm(node.value as string));
    if (node.kind !== "unknown") return false;
    const r = node.refinement;
    if (!r) return true;
    if (r.attribute && IDENTITY_ATTRIBUTES.has(r.attribute.name)) {
        // One resource's own identifier: a specific resource, never a wildcard or a public principal.
        return false;
    }
    if (r.prefix !== undefined) {
        // The value is the prefix followed by more text; comparisons trim, so leading spaces do not count.
        const p = norm(r.prefix);
        return candidates.some((c) => norm(c).startsWith(p));
    }
    return true;
}

/**
 * Whether an IAM resource entry could be a wildcard pattern (`*` anywhere in it). A reference to
 * one resource's ARN or id is a specific resource; a known prefix alone cannot rule a `*` out (the
 * rest of the string may hold one) unless the prefix already has one.
 */
export function couldBeWildcard(node: Value | undefined): boolean {
    if (!node) return true;
    if (node.kind === "scalar") return typeof node.value === "string" && /[*?]/.test(node.value);
    if (node.kind !== "unknown") return false;
    const r = node.refinement;
    if (r?.attribute && IDENTITY_ATTRIBUTES.has(r.attribute.name)) return false;
    return true;
}

/** Whether the value could be null: known values answer exactly; unknowns unless refined not-null. */
export function couldBeNull(node: Value | undefined): boolean {
    if (!node) return true;
    if (node.kind === "scalar") return node.value === null;
    if (node.kind !== "unknown") return false;
    return !node.refinement?.notNull;
}

/** Bounds on the length of a collection value: exact for a known list or map, refined for an unknown. */
export function lengthBounds(node: Value | undefined): { min: number; max?: number } {
    if (node?.kind === "list") return { min: node.items.length, max: node.items.length };
    if (node?.kind === "map") {
        const n = Object.keys(node.entries).length;
        return { min: n, max: n };
    }
    const r = refinementOf(node);
    return { min: r?.minLength ?? 0, max: r?.maxLength };
}

/** Resource attributes that identify the resource itself: an ARN, id, name or e-mail of one created resource. */
const IDENTITY_ATTRIBUTES = new Set(["arn", "id", "name", "email", "unique_id", "member", "self_link", "key_id", "qualified_arn", "invoke_arn"]);
