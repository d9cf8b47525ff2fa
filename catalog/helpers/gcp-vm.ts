import type { ResourceGraph } from "../graph";
import type { CheckResult, Resource } from "../model";
import type { ResourceType } from "../resource-types";
import { expectBoolean, isComputedValue } from "./outcomes";
import { type Attr, anyProp, listLength } from "./props";
import { fail, pass, unknown } from "./results";

/**
 * A notebook VM metadata flag that must be `"true"` (Workbench and legacy notebooks read
 * `notebook-disable-*` keys from the instance metadata, a `map(string)`; absent means the feature is on).
 */
export function expectMetadataTrue(resource: Resource, metadataPath: string, key: string, what: string): CheckResult {
    return expectBoolean(metadataKey(resource, metadataPath, key), true, {
        defaultValue: false,
        what,
        fix: `set ${metadataPath}["${key}"] to "true"`,
    });
}

/** One metadata key; when it is absent, located at the metadata map that should hold it (if there is one). */
export function metadataKey(resource: Resource, metadataPath: string, key: string): Attr {
    const attr = anyProp(resource, `${metadataPath}.${key}`);
    if (attr.state !== "absent") return attr;
    const metadata = anyProp(resource, metadataPath);
    return metadata.state === "explicit" ? { ...attr, location: metadata.location } : attr;
}

/**
 * The three Shielded VM settings of a `shieldedInstanceConfig`-shaped block, with the documented
 * defaults: Secure Boot off, vTPM on, integrity monitoring on (absent block: all defaults).
 */
export function shieldedVmResults(resource: Resource, blockPath: string): CheckResult[] {
    const settings = [
        { key: "enableSecureBoot", what: "Secure Boot", defaultValue: false },
        { key: "enableVtpm", what: "The virtual TPM", defaultValue: true },
        { key: "enableIntegrityMonitoring", what: "Integrity monitoring", defaultValue: true },
    ];
    return settings.map((s) =>
        expectBoolean(anyProp(resource, `${blockPath}.${s.key}`), true, {
            defaultValue: s.defaultValue,
            what: s.what,
            fix: `set ${blockPath}.${s.key} to true`,
        }),
    );
}

const COMPUTE_DEFAULT_SA = /^\d+-compute@developer\.gserviceaccount\.com$/i;

/** True for the Compute Engine default service account (`<project-number>-compute@developer.gserviceaccount.com`). */
export function isComputeDefaultServiceAccount(email: string): boolean {
    return COMPUTE_DEFAULT_SA.test(email.trim().replace(/^serviceAccount:/i, ""));
}

/**
 * The VM's service account must be set and not the Compute Engine default. A computed e-mail passes
 * when it comes from a service account created in the same stack or module tree (a dedicated
 * account); any other computed value is not verifiable yet.
 */
export function dedicatedServiceAccount(
    graph: ResourceGraph,
    resource: Resource,
    email: Attr,
    accountType: ResourceType,
    fix: string,
): CheckResult {
    if (email.state === "absent") {
        return fail(email, `No service account is set (${email.path}), so the VM runs as the Compute Engine default service account; ${fix}.`);
    }
    if (email.state === "unknown") {
        if (isComputedValue(email) && graph.targets(resource, email.path.split(".")[0], [accountType]).length > 0) {
            return pass(email, "The VM runs as a service account created for it in this stack.");
        }
        return unknown(email, `The service account (${email.path}) is computed; it must not be the Compute Engine default service account.`);
    }
    if (typeof email.value !== "string" || email.value.trim() === "") {
        return fail(email, `The service account (${email.path}) is not an e-mail address; ${fix}.`);
    }
    if (isComputeDefaultServiceAccount(email.value)) {
        return fail(email, `The VM runs as the Compute Engine default service account, which many users can act as and which often holds Editor; ${fix}.`);
    }
    return pass(email, "The VM runs as a dedicated service account.");
}

/** Exactly one owner (single-user access): `instanceOwners`-shaped list attributes. */
export function singleOwner(owners: Attr, fix: string): CheckResult {
    if (owners.state === "unknown") return unknown(owners, `The owners (${owners.path}) are computed; there must be exactly one.`);
    const n = listLength(owners);
    if (n === undefined || (owners.node?.kind === "list" && n === 0)) {
        return fail(owners, `No owner is set (${owners.path}), so every user of the instance's service account can open it; ${fix}.`);
    }
    if (owners.node?.kind === "list" && owners.node.items.some((i) => i.kind === "unknown")) {
        return unknown(owners, `An owner in ${owners.path} is computed; there must be exactly one.`);
    }
    if (n !== 1) return fail(owners, `The instance has ${n} owners (${owners.path}); single-user access needs exactly one.`);
    return pass(owners, "The instance has a single owner.");
}

/**
 * A customer-managed key reference that must be present: a computed value (`key.id` during preview)
 * is a configured key; a computed parent block is not verifiable yet.
 */
export function expectKmsKey(key: Attr, what: string, fix: string): CheckResult {
    if (isComputedValue(key)) return pass(key, `${what} is encrypted with a customer-managed key.`);
    if (key.state === "unknown") return unknown(key, `${what}'s key (${key.path}) is computed; it must be a Cloud KMS key.`);
    if (key.state === "absent") {
        return fail(key, `${what} sets no customer-managed key (${key.path}), so Google-managed keys are used; ${fix}.`);
    }
    if (typeof key.value !== "string" || key.value.trim() === "") {
        return fail(key, `${what}'s key (${key.path}) is empty or not a key name; ${fix}.`);
    }
    return pass(key, `${what} is encrypted with a customer-managed key.`);
}
