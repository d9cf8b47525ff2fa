import type { CheckResult, Resource } from "../model";
import { asBoolean } from "./coerce";
import type { Attr } from "./props";
import { fail, pass, unknown } from "./results";

/**
 * Combines the results of a check made of several requirements: the failures and undecided results
 * when there are any, otherwise one pass for the resource. Reports then show what to fix, and a
 * compliant resource shows once.
 */
export function allOf(resource: Resource, results: CheckResult[], passMessage: string): CheckResult[] {
    const problems = results.filter((r) => r.status === "fail" || r.status === "unknown" || r.status === "error");
    return problems.length > 0 ? problems : [pass(resource, passMessage)];
}

/**
 * "This boolean must be `expected`; absent means the provider default." Accepts the string spellings
 * `"true"` / `"false"` (see `asBoolean`); any other shape fails without throwing.
 */
export function expectBoolean(
    attr: Attr,
    expected: boolean,
    spec: { defaultValue: boolean; what: string; fix: string },
): CheckResult {
    if (attr.state === "unknown") return unknown(attr, `${spec.what} (${attr.path}) is computed; ${spec.fix}.`);
    if (attr.state === "absent") {
        return spec.defaultValue === expected
            ? pass(attr, `${spec.what} is not set; the provider default ${spec.defaultValue} is compliant.`)
            : fail(attr, `${spec.what} (${attr.path}) is not set, so the provider default ${spec.defaultValue} applies; ${spec.fix}.`, spec.defaultValue);
    }
    const value = asBoolean(attr);
    if (value === expected) return pass(attr, `${spec.what} is ${expected}.`);
    const shown = value === undefined ? "not a boolean" : String(value);
    return fail(attr, `${spec.what} (${attr.path}) is ${shown}; ${spec.fix}.`);
}

/**
 * True when the value at the attribute's own path is computed (`key.id` during preview), as opposed
 * to unknown because a parent object is computed (then the attribute may not be set at all). A
 * control that only needs a value to be present accepts the first and not the second.
 */
export function isComputedValue(attr: Attr): boolean {
    return attr.state === "unknown" && attr.node?.kind === "unknown";
}
