import type { CheckResult, Evidence, Resource, Scalar } from "../model";
import type { Attr } from "./props";

type At = Attr | Resource;

function isAttr(at: At): at is Attr {
    return "state" in at && "location" in at;
}

function base(at: At): Pick<CheckResult, "location" | "path" | "evidence"> {
    if (!isAttr(at)) return { location: at.source };
    const evidence: Evidence =
        at.state === "explicit"
            ? { state: "explicit", value: at.value ?? undefined }
            : at.state === "unknown"
              ? { state: "unknown" }
              : { state: "default" };
    if (at.node?.origin) evidence.origin = at.node.origin;
    return { location: at.location, path: at.path, evidence };
}

export function pass(at: At, message: string): CheckResult {
    return { status: "pass", message, ...base(at) };
}

export function fail(at: At, message: string, defaultValue?: Scalar): CheckResult {
    const result: CheckResult = { status: "fail", message, ...base(at) };
    if (defaultValue !== undefined && result.evidence?.state === "default") result.evidence.value = defaultValue;
    return result;
}

/** Not verifiable yet: the value that decides it is computed (reported as advisory, never as a violation). */
export function unknown(at: At, message: string): CheckResult {
    return { status: "unknown", message, ...base(at) };
}

export function notApplicable(at: At, message: string): CheckResult {
    return { status: "not-applicable", message, ...base(at) };
}

/**
 * The common shape "the property must be one of these values; absent means the provider default".
 * `what` names the setting in messages, e.g. "Direct internet access". Messages name the expected
 * and default values (constants) but never the actual one, which may be a secret; reports show it
 * from the evidence.
 */
export function expectOneOf(
    attr: Attr,
    expected: readonly Scalar[],
    spec: { defaultValue: Scalar; what: string },
): CheckResult {
    const shown = expected.map((v) => JSON.stringify(v)).join(" or ");
    if (attr.state === "unknown") {
        return unknown(attr, `${spec.what} (${attr.path}) is computed; it must be ${shown}.`);
    }
    if (attr.state === "absent") {
        return expected.includes(spec.defaultValue)
            ? pass(attr, `${spec.what} is not set; the provider default ${JSON.stringify(spec.defaultValue)} is compliant.`)
            : fail(
                  attr,
                  `${spec.what} (${attr.path}) is not set, so the provider default ${JSON.stringify(spec.defaultValue)} applies; set it to ${shown}.`,
                  spec.defaultValue,
              );
    }
    if (attr.value !== undefined && expected.includes(attr.value)) {
        return pass(attr, `${spec.what} is ${shown}.`);
    }
    // The actual value goes to the evidence, never into the message: it may be a secret.
    return fail(attr, `${spec.what} (${attr.path}) is not ${shown}; set it to ${shown}.`);
}
