import type { CheckResult, Evidence, Resource, Scalar, Value } from "../model";
import type { Attr } from "./props";

type At = Attr | Resource;

function isAttr(at: At): at is Attr {
    return "state" in at && "location" in at;
}

/** Most elements a list attribute's evidence shows. */
const MAX_EVIDENCE_ITEMS = 20;

/** A list of known scalars (`subnet_ids = ["subnet-a", "subnet-b"]`) as evidence shows it, so it does not read as "not set". */
function scalarItems(node: Value | undefined): Scalar[] | undefined {
    if (node?.kind !== "list" || node.items.length > MAX_EVIDENCE_ITEMS) return undefined;
    const out: Scalar[] = [];
    for (const i of node.items) {
        if (i.kind !== "scalar") return undefined;
        out.push(i.value);
    }
    return out;
}

/** A result about an attribute (its location, path and evidence) or about the resource itself. */
function result(status: CheckResult["status"], message: string, at: At): CheckResult {
    // Built field by field, not spread: one result per subject per control, 150k on a large scan.
    if (!isAttr(at)) return { status, message, location: at.source };
    const evidence: Evidence =
        at.state === "explicit"
            ? { state: "explicit", value: at.value ?? scalarItems(at.node) }
            : at.state === "unknown"
              ? { state: "unknown" }
              : { state: "default" };
    if (at.node?.origin) {
        evidence.origin = at.node.origin;
        // A sensitive value (a Terraform `sensitive = true` variable) is never echoed in any output.
        if (at.node.origin.sensitive) delete evidence.value;
    }
    return { status, message, location: at.location, path: at.path, evidence };
}

export function pass(at: At, message: string): CheckResult {
    return result("pass", message, at);
}

export function fail(at: At, message: string, defaultValue?: Scalar): CheckResult {
    const r = result("fail", message, at);
    if (defaultValue !== undefined && r.evidence?.state === "default") r.evidence.value = defaultValue;
    return r;
}

/** Not verifiable yet: the value that decides it is computed (reported as advisory, never as a violation). */
export function unknown(at: At, message: string): CheckResult {
    return result("unknown", message, at);
}

export function notApplicable(at: At, message: string): CheckResult {
    return result("not-applicable", message, at);
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
