import type { OptionSpec } from "../control";
import type { ResourceGraph } from "../graph";
import type { CheckResult, Resource } from "../model";
import { type ResourceType, resourceTypeForToken, types } from "../resource-types";
import { type Statement, parsePolicy } from "./iam";
import { attachedThrough, hasTagKey } from "./joins";
import { type Attr, type Plain, UNKNOWN, anyProp, listItems, props, within } from "./props";
import { notApplicable } from "./results";

/** The bucket resource types (the current class and its deprecated `V2` alias). */
export const BUCKET_TYPES: ResourceType[] = [types.s3Bucket, types.s3BucketV2];
export const BUCKET_POLICY_TYPES: ResourceType[] = [types.s3BucketPolicy];
export const BUCKET_ACL_TYPES: ResourceType[] = [types.s3BucketAcl, types.s3BucketAclV2];
export const BUCKET_LOGGING_TYPES: ResourceType[] = [types.s3BucketLogging, types.s3BucketLoggingV2];

/**
 * Where ML resources name the buckets that hold their data: one line per attribute, so a new ML
 * resource type is one more line. Paths are in the Pulumi vocabulary; lists are walked.
 */
export const ML_BUCKET_REFERENCES: ReadonlyArray<{ type: ResourceType; path: string; what: string }> = [
    { type: types.sagemakerModel, path: "primaryContainer.modelDataUrl", what: "model data" },
    { type: types.sagemakerModel, path: "containers.modelDataUrl", what: "model data" },
    { type: types.sagemakerEndpointConfiguration, path: "dataCaptureConfig.destinationS3Uri", what: "data capture" },
    { type: types.sagemakerEndpointConfiguration, path: "asyncInferenceConfig.outputConfig.s3OutputPath", what: "async inference output" },
    { type: types.sagemakerEndpointConfiguration, path: "asyncInferenceConfig.outputConfig.s3FailurePath", what: "async inference failures" },
    { type: types.sagemakerFeatureGroup, path: "offlineStoreConfig.s3StorageConfig.s3Uri", what: "offline feature store" },
    { type: types.sagemakerTrainingJob, path: "outputDataConfig.s3OutputPath", what: "training output" },
    { type: types.sagemakerTrainingJob, path: "checkpointConfig.s3Uri", what: "training checkpoints" },
    { type: types.sagemakerDomain, path: "defaultUserSettings.sharingSettings.s3OutputPath", what: "shared notebook output" },
    { type: types.sagemakerUserProfile, path: "userSettings.sharingSettings.s3OutputPath", what: "shared notebook output" },
    { type: types.sagemakerDataQualityJobDefinition, path: "dataQualityJobOutputConfig.monitoringOutputs.s3Output.s3Uri", what: "monitoring output" },
];

/** Resource types that make a stack or module tree an ML one: any SageMaker resource, known to the catalog or not. */
const ML_TYPE = /^(aws:sagemaker\/|terraform:aws_sagemaker_)/;

export type BucketScopeMode = "auto" | "all" | "tagged";

export interface BucketScopeOptions {
    scope: BucketScopeMode;
    scopeTag: string;
}

/** Options shared by every S3 control that holds ML buckets to the ML-data bar. */
export const bucketScopeOptions: { scope: OptionSpec<BucketScopeMode>; scopeTag: OptionSpec<string> } = {
    scope: {
        description:
            "Which buckets are ML data. `auto`: buckets an ML resource of the stack or module tree refers to (model data, " +
            "training output, data capture, feature-store offline stores, …) or that carry `scopeTag`; when there is no ML " +
            "resource at all, every bucket. `all`: every bucket. `tagged`: only buckets carrying `scopeTag`.",
        schema: { type: "string", enum: ["auto", "all", "tagged"] },
        default: "auto",
    },
    scopeTag: {
        description: "Tag key that marks ML buckets (`auto` and `tagged` scopes). Empty: no tag marks a bucket.",
        schema: { type: "string" },
        default: "ml-data-class",
    },
};

interface ScopeIndex {
    hasMlResource: boolean;
    /** Bucket resource id → why ML resources use it (through graph references). */
    byBucket: Map<string, string[]>;
    /** Literal bucket name (from `s3://name/...`) → why. */
    byName: Map<string, string[]>;
}

const scopeIndexes = new WeakMap<ResourceGraph, ScopeIndex>();

/** How a resource is named in a finding: its Terraform address, or its SDK class and name in Pulumi. */
export function displayName(resource: Resource): string {
    if (resource.frontEnd === "terraform") return resource.id;
    const known = resourceTypeForToken(resource.type);
    return `${known ? known.sdk.path : resource.type} "${resource.name}"`;
}

/** `s3://bucket/key` or `https://bucket.s3...` → the bucket name. */
function bucketNameOf(uri: string): string | undefined {
    const m = /^s3a?:\/\/([^/]+)/i.exec(uri.trim());
    return m ? m[1] : undefined;
}

/** Numeric segments removed: Terraform references carry block indexes (`primaryContainer.0.modelDataUrl`). */
function withoutIndexes(path: string): string {
    return path
        .split(".")
        .filter((s) => !/^\d+$/.test(s))
        .join(".");
}

function add(map: Map<string, string[]>, key: string, why: string): void {
    const list = map.get(key);
    if (!list) map.set(key, [why]);
    else if (!list.includes(why)) list.push(why);
}

/** Built once per graph: which buckets ML resources use, by reference and by literal name. Linear in the graph. */
function scopeIndex(graph: ResourceGraph): ScopeIndex {
    let index = scopeIndexes.get(graph);
    if (index) return index;
    index = { hasMlResource: false, byBucket: new Map(), byName: new Map() };
    for (const r of graph.resources) {
        if (ML_TYPE.test(r.type)) {
            index.hasMlResource = true;
            break;
        }
    }
    if (index.hasMlResource) {
        const entriesByType = new Map<string, Array<{ path: string; what: string }>>();
        for (const e of ML_BUCKET_REFERENCES) {
            const list = entriesByType.get(e.type.token) ?? [];
            list.push({ path: e.path, what: e.what });
            entriesByType.set(e.type.token, list);
        }
        for (const [token, entries] of entriesByType) {
            for (const ml of graph.ofType(token)) {
                for (const e of entries) {
                    for (const attr of props(ml, e.path as never)) {
                        const name = typeof attr.value === "string" ? bucketNameOf(attr.value) : undefined;
                        if (name) add(index.byName, name, `${e.what} of ${displayName(ml)}`);
                    }
                }
            }
        }
        for (const bucket of graph.ofType(...BUCKET_TYPES)) {
            for (const { resource, path } of graph.referrers(bucket)) {
                const entries = entriesByType.get(resource.type);
                if (!entries) continue;
                const p = withoutIndexes(path);
                for (const e of entries) {
                    // Pulumi records the top-level property only; Terraform the attribute itself.
                    if (p === e.path || e.path.startsWith(p + ".") || p.startsWith(e.path + ".")) {
                        add(index.byBucket, bucket.id, `${e.what} of ${displayName(resource)}`);
                    }
                }
            }
        }
    }
    scopeIndexes.set(graph, index);
    return index;
}

/** Whether a bucket is held to the ML-data bar, and why (shown in every finding about it). */
export function bucketScope(bucket: Resource, graph: ResourceGraph, options: Partial<BucketScopeOptions>): { inScope: boolean; why?: string } {
    const mode = options.scope === "all" || options.scope === "tagged" ? options.scope : "auto";
    const tag = typeof options.scopeTag === "string" ? options.scopeTag : "";
    if (mode === "all") return { inScope: true };
    // Computed tags may hold the tag: the bucket stays in scope rather than being skipped silently.
    const tagged = tag !== "" ? hasTagKey(bucket, tag) : false;
    if (mode === "tagged") {
        if (tag === "") return { inScope: true, why: "scope is tagged but no scopeTag is set, so every bucket is checked" };
        return tagged === false ? { inScope: false, why: `The bucket has no "${tag}" tag (scope: tagged).` } : { inScope: true, why: `it carries the "${tag}" tag` };
    }
    const index = scopeIndex(graph);
    const whys = [...(index.byBucket.get(bucket.id) ?? [])];
    const name = anyProp(bucket, "bucket");
    if (typeof name.value === "string") for (const w of index.byName.get(name.value) ?? []) if (!whys.includes(w)) whys.push(w);
    if (whys.length > 0) return { inScope: true, why: whys.length > 2 ? `${whys.slice(0, 2).join(", ")} and ${whys.length - 2} more` : whys.join(", ") };
    if (tagged !== false && tag !== "") return { inScope: true, why: tagged === true ? `it carries the "${tag}" tag` : `its tags are computed and may hold "${tag}"` };
    if (!index.hasMlResource) {
        const where = bucket.frontEnd === "terraform" ? "module tree" : "stack";
        return { inScope: true, why: `the ${where} has no ML resource, so every bucket is checked` };
    }
    return {
        inScope: false,
        why: `No ML resource of the ${bucket.frontEnd === "terraform" ? "module tree" : "stack"} refers to the bucket and it has no "${tag}" tag (scope: auto).`,
    };
}

/**
 * Runs a bucket check when the bucket is in scope: out of scope it is not applicable (saying why);
 * in scope, every result says why the bucket is held to the ML-data bar.
 */
export function checkMlBucket(
    bucket: Resource,
    graph: ResourceGraph,
    options: Partial<BucketScopeOptions>,
    check: () => CheckResult[],
): CheckResult[] {
    const scope = bucketScope(bucket, graph, options);
    if (!scope.inScope) return [notApplicable(bucket, scope.why ?? "The bucket is out of scope.")];
    const results = check();
    if (scope.why) for (const r of results) r.message = `${r.message} (In scope: ${scope.why}.)`;
    return results;
}

/** Configuration resources of a bucket, joined through `bucket` (references or the literal name). */
export function bucketConfigs(graph: ResourceGraph, bucket: Resource, configTypes: ResourceType[], property = "bucket"): Resource[] {
    return attachedThrough(graph, bucket, configTypes, property, ["bucket", "id"]);
}

/** The bucket's policy documents: the deprecated inline `policy` and every joined `aws_s3_bucket_policy`. */
export function bucketPolicyAttrs(graph: ResourceGraph, bucket: Resource): Attr[] {
    const out: Attr[] = [];
    const inline = anyProp(bucket, "policy");
    if (inline.state !== "absent") out.push(inline);
    for (const p of bucketConfigs(graph, bucket, BUCKET_POLICY_TYPES)) out.push(anyProp(p, "policy"));
    return out;
}

/** The known strings of a plain value (a string or a list of them). */
export function plainStrings(value: Plain | undefined): { values: string[]; hasUnknown: boolean } {
    const items = Array.isArray(value) ? value : value === undefined || value === null ? [] : [value];
    const out = { values: [] as string[], hasUnknown: false };
    for (const i of items) {
        if (i === UNKNOWN) out.hasUnknown = true;
        else if (typeof i === "string") out.values.push(i);
        else if (typeof i === "boolean" || typeof i === "number") out.values.push(String(i));
        else out.hasUnknown = true;
    }
    return out;
}

/** The values a statement's condition gives a key under one of the operators (keys and operators case-insensitive). */
export function conditionValues(statement: Statement, operators: string[], key: string): { values: string[]; hasUnknown: boolean } | undefined {
    const cond = statement.condition;
    if (cond === UNKNOWN) return { values: [], hasUnknown: true };
    if (!cond || typeof cond !== "object" || Array.isArray(cond)) return undefined;
    const ops = operators.map((o) => o.toLowerCase());
    let found: { values: string[]; hasUnknown: boolean } | undefined;
    for (const [op, body] of Object.entries(cond)) {
        if (!ops.includes(op.toLowerCase())) continue;
        if (body === UNKNOWN) return { values: [], hasUnknown: true };
        if (!body || typeof body !== "object" || Array.isArray(body)) continue;
        for (const [k, v] of Object.entries(body)) {
            if (k.toLowerCase() !== key.toLowerCase()) continue;
            const s = plainStrings(v);
            found = found ? { values: [...found.values, ...s.values], hasUnknown: found.hasUnknown || s.hasUnknown } : s;
        }
    }
    return found;
}

/** The principal's values under `AWS`, `Service` (or the bare `"*"`), as strings. */
export function principalValues(principal: Plain | undefined, kind: "AWS" | "Service"): { values: string[]; hasUnknown: boolean } {
    if (principal === UNKNOWN) return { values: [], hasUnknown: true };
    if (typeof principal === "string") return kind === "AWS" ? { values: [principal], hasUnknown: false } : { values: [], hasUnknown: false };
    if (!principal || typeof principal !== "object" || Array.isArray(principal)) return { values: [], hasUnknown: false };
    for (const [k, v] of Object.entries(principal)) if (k.toLowerCase() === kind.toLowerCase()) return plainStrings(v);
    return { values: [], hasUnknown: false };
}

const PUBLIC_CANNED_ACLS = ["public-read", "public-read-write", "authenticated-read"];
const PUBLIC_GRANTEES = /acs\.amazonaws\.com\/groups\/global\/(AllUsers|AuthenticatedUsers)$/i;
const LOG_DELIVERY_GRANTEE = /acs\.amazonaws\.com\/groups\/s3\/LogDelivery$/i;

/** The ACL attributes of a bucket: canned `acl`s and grantee URIs, inline or from joined `aws_s3_bucket_acl`s. */
function aclAttrs(graph: ResourceGraph, bucket: Resource): { canned: Attr[]; grantees: Attr[] } {
    const canned: Attr[] = [];
    const grantees: Attr[] = [];
    const inlineAcl = anyProp(bucket, "acl");
    if (inlineAcl.state !== "absent") canned.push(inlineAcl);
    const inlineGrants = anyProp(bucket, "grants");
    for (const g of listItems(bucket, inlineGrants)) grantees.push(within(bucket, g, "uri"));
    if (inlineGrants.state === "unknown") grantees.push(inlineGrants);
    for (const acl of bucketConfigs(graph, bucket, BUCKET_ACL_TYPES)) {
        const a = anyProp(acl, "acl");
        if (a.state !== "absent") canned.push(a);
        const grants = anyProp(acl, "accessControlPolicy.grants");
        if (grants.state === "unknown") grantees.push(grants);
        for (const g of listItems(acl, grants)) grantees.push(within(acl, g, "grantee.uri"));
    }
    return { canned, grantees };
}

/** ACL settings that make the bucket or its objects public: public canned ACLs and grants to everyone. */
export function publicAcls(graph: ResourceGraph, bucket: Resource): { publicAttrs: Attr[]; unknownAttrs: Attr[] } {
    const { canned, grantees } = aclAttrs(graph, bucket);
    const publicAttrs: Attr[] = [];
    const unknownAttrs: Attr[] = [];
    for (const a of canned) {
        if (a.state === "unknown") unknownAttrs.push(a);
        else if (typeof a.value === "string" && PUBLIC_CANNED_ACLS.includes(a.value)) publicAttrs.push(a);
    }
    for (const g of grantees) {
        if (g.state === "unknown") unknownAttrs.push(g);
        else if (typeof g.value === "string" && PUBLIC_GRANTEES.test(g.value)) publicAttrs.push(g);
    }
    return { publicAttrs, unknownAttrs };
}

/**
 * Why the bucket receives S3 server access logs, if it does: a `log-delivery-write` ACL, a grant to
 * the LogDelivery group, a bucket policy allowing `logging.s3.amazonaws.com`, or a logging
 * configuration of another bucket targeting it.
 */
export function receivesAccessLogs(graph: ResourceGraph, bucket: Resource): string | undefined {
    const { canned, grantees } = aclAttrs(graph, bucket);
    if (canned.some((a) => a.value === "log-delivery-write")) return "its ACL is log-delivery-write";
    if (grantees.some((g) => typeof g.value === "string" && LOG_DELIVERY_GRANTEE.test(g.value))) return "its ACL grants the S3 LogDelivery group";
    for (const attr of bucketPolicyAttrs(graph, bucket)) {
        const doc = parsePolicy(attr);
        if (doc.kind !== "document") continue;
        for (const s of doc.statements) {
            if (s.effect !== "Allow") continue;
            if (principalValues(s.principal, "Service").values.some((v) => v.toLowerCase() === "logging.s3.amazonaws.com")) {
                return "its bucket policy allows logging.s3.amazonaws.com to write";
            }
        }
    }
    const source = bucketConfigs(graph, bucket, BUCKET_LOGGING_TYPES, "targetBucket")[0];
    if (source) return `${displayName(source)} delivers access logs to it`;
    return undefined;
}
