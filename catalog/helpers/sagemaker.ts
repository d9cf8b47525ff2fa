import type { CheckResult, Resource } from "../model";
import { isComputedValue } from "./outcomes";
import { type Attr, anyProp, listItems } from "./props";
import { fail, pass, unknown } from "./results";

/** Key ids that name an AWS-managed key (`alias/aws/…`, also inside an alias ARN) rather than a customer-managed one. */
export const AWS_MANAGED_KEY_ID = /(^|:)alias\/aws\//;

/**
 * "A customer-managed KMS key must be set here." A key taken from another resource (computed at its
 * own path) is present; a value unknown because its enclosing block is computed is not verifiable.
 * Absent, empty, non-string and `alias/aws/*` values fail. `what` names the data the key protects.
 */
export function expectCustomerKey(attr: Attr, what: string): CheckResult {
    if (attr.state === "unknown") {
        return isComputedValue(attr)
            ? pass(attr, `${what} is encrypted with a key taken from another resource.`)
            : unknown(attr, `The block holding ${attr.path} is computed, so whether ${what} uses a customer-managed key cannot be checked yet.`);
    }
    if (attr.state === "absent" || attr.value === "") {
        return fail(attr, `No ${attr.path} is set, so ${what} is encrypted with an AWS-managed key; set a customer-managed KMS key.`);
    }
    if (typeof attr.value !== "string") return fail(attr, `${attr.path} is not a KMS key id or ARN.`);
    if (AWS_MANAGED_KEY_ID.test(attr.value)) {
        return fail(attr, `${attr.path} names an AWS-managed key (alias/aws/…); use a customer-managed KMS key for ${what}.`);
    }
    return pass(attr, `${what} is encrypted with a customer-managed KMS key.`);
}

/**
 * "This list of ids (security groups, subnets) must be non-empty and hold no empty id." Computed
 * lists and computed items are present (they come from resources in the stack).
 */
export function expectIdList(resource: Resource, attr: Attr, what: string): CheckResult {
    if (attr.state === "unknown") {
        return isComputedValue(attr)
            ? pass(attr, `${what} come from resources in the stack.`)
            : unknown(attr, `The block holding ${attr.path} is computed; ${what} cannot be checked yet.`);
    }
    if (attr.state === "absent") return fail(attr, `No ${what} are set (${attr.path}); set at least one.`);
    const items = listItems(resource, attr);
    if (items.length === 0) return fail(attr, `${attr.path} is an empty list; set at least one of the ${what}.`);
    if (items.some((i) => i.state === "absent" || i.value === "" || (i.state === "explicit" && typeof i.value !== "string"))) {
        return fail(attr, `${attr.path} holds an empty or malformed id.`);
    }
    return pass(attr, `${what} are set.`);
}

/** The literal string of an attribute, when it is one (never a computed or non-string value). */
export function literal(attr: Attr): string | undefined {
    return attr.state === "explicit" && typeof attr.value === "string" ? attr.value : undefined;
}

/** The first present attribute among paths of a resource (e.g. the domain, then the profile); else the last read. */
export function firstSet(resource: Resource, paths: string[]): Attr {
    let last: Attr | undefined;
    for (const p of paths) {
        last = anyProp(resource, p);
        if (last.state !== "absent") return last;
    }
    return last!;
}

/**
 * Reads a nested property. When it is absent, the result points at the deepest enclosing block
 * that is present (the block that should hold it), or at the resource when none is.
 */
export function nested(resource: Resource, path: string): Attr {
    const attr = anyProp(resource, path);
    if (attr.state !== "absent") return attr;
    const segments = path.split(".");
    for (let i = segments.length - 1; i > 0; i--) {
        const parent = anyProp(resource, segments.slice(0, i).join("."));
        if (parent.state === "explicit" && parent.node?.source) return { ...attr, location: parent.node.source };
    }
    return attr;
}

/**
 * Instance families with local NVMe instance storage, for which SageMaker rejects an endpoint
 * configuration `kmsKeyArn` (the instance store is encrypted by the hardware). Default of the
 * endpoint-configuration KMS control's option; the model endpoint component reads it too.
 */
export const NVME_INSTANCE_FAMILIES: readonly string[] = [
    "ml.m5d", "ml.m6id", "ml.c5d", "ml.c6id", "ml.r5d", "ml.r6id", "ml.g4dn", "ml.g5", "ml.g6", "ml.g6e",
    "ml.p3dn", "ml.p4d", "ml.p4de", "ml.p5", "ml.p5e", "ml.inf2", "ml.trn1", "ml.trn1n",
];

/** The family of an instance type (`ml.g5.xlarge` → `ml.g5`). */
export function instanceFamily(instanceType: string): string {
    return instanceType.trim().toLowerCase().split(".").slice(0, 2).join(".");
}

/** Every production and shadow variant of an endpoint configuration, as attrs. */
export function endpointVariants(config: Resource): { variants: Attr[]; computed?: Attr } {
    const variants: Attr[] = [];
    for (const path of ["productionVariants", "shadowProductionVariants"]) {
        const list = anyProp(config, path);
        if (list.state === "unknown") return { variants, computed: list };
        variants.push(...listItems(config, list));
    }
    return { variants };
}
