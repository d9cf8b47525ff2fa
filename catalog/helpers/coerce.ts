import type { Scalar } from "../model";
import type { Attr } from "./props";

/**
 * A boolean written as a boolean or as the string `"true"` / `"false"`: Terraform converts such
 * strings to booleans, and map values such as Workbench `metadata` are strings by schema. Anything
 * else (numbers, objects, other strings) is undefined.
 */
export function asBoolean(attr: Attr): boolean | undefined {
    return scalarBoolean(attr.value);
}

/** `asBoolean` for a bare scalar. */
export function scalarBoolean(value: Scalar | undefined): boolean | undefined {
    if (typeof value === "boolean") return value;
    if (value === "true") return true;
    if (value === "false") return false;
    return undefined;
}

/**
 * A duration in whole seconds from the provider spellings: a decimal string with an optional `s`
 * suffix (`"7776000s"`, `"2592000"`, `"86400.5s"`) or a number. Fractions are rounded up, so a
 * limit is never passed by a fraction. Undefined for anything else, including negatives.
 */
export function parseSeconds(value: Scalar | undefined): number | undefined {
    if (typeof value === "number") return Number.isFinite(value) && value >= 0 ? Math.ceil(value) : undefined;
    if (typeof value !== "string") return undefined;
    const m = /^\s*(\d{1,15})(?:\.(\d{1,9}))?s?\s*$/.exec(value);
    if (!m) return undefined;
    const whole = Number(m[1]);
    return m[2] && /[1-9]/.test(m[2]) ? whole + 1 : whole;
}

/** The JSON text parsed, or undefined when it is not valid JSON (never throws). */
export function parseJson(text: string): unknown {
    try {
        return JSON.parse(text);
    } catch {
        return undefined;
    }
}

/** A user-supplied option that should be a list of strings, with anything else dropped. */
export function stringList(option: unknown): string[] {
    return Array.isArray(option) ? option.filter((x): x is string => typeof x === "string" && x.trim() !== "") : [];
}

/** A user-supplied numeric option, or the fallback when it is not a finite number. */
export function numberOption(option: unknown, fallback: number): number {
    return typeof option === "number" && Number.isFinite(option) ? option : fallback;
}
