import type { ResourceGraph } from "../graph";
import type { CheckResult, Resource, Value } from "../model";
import { types } from "../resource-types";
import { hasTagKey } from "./joins";
import { anyProp } from "./props";
import { notApplicable } from "./results";
import { displayName } from "./s3";

/** Resource types that make a stack or module tree an ML one on GCP: Vertex AI, Workbench, Colab Enterprise, legacy notebooks. */
const ML_TYPE = /^(gcp:(vertex|workbench|colab|notebooks)\/|terraform:google_(vertex_ai|workbench|colab|notebooks)_)/;

interface GcsScopeIndex {
    hasMlResource: boolean;
    /** Bucket resource id → why (an ML resource refers to it). */
    byBucket: Map<string, string[]>;
    /** Literal bucket name (from a `gs://name/...` URI or a bare staging-bucket name) → why. */
    byName: Map<string, string[]>;
}
const indexes = new WeakMap<ResourceGraph, GcsScopeIndex>();

function add(map: Map<string, string[]>, key: string, why: string): void {
    const list = map.get(key);
    if (!list) map.set(key, [why]);
    else if (!list.includes(why)) list.push(why);
}

/** Every `gs://bucket/...` string in a value tree, with the property path it is at. Bounded by the tree's size. */
function gcsUris(node: Value | undefined, path: string, out: Array<{ bucket: string; path: string }>, depth = 0): void {
    if (!node || depth > 32) return;
    if (node.kind === "scalar") {
        if (typeof node.value === "string") {
            const m = /^gs:\/\/([^/\s]+)/i.exec(node.value.trim());
            if (m) out.push({ bucket: m[1], path });
        }
    } else if (node.kind === "list") {
        node.items.forEach((item, i) => gcsUris(item, `${path}.${i}`, out, depth + 1));
    } else if (node.kind === "map") {
        for (const [k, v] of Object.entries(node.entries)) gcsUris(v, path === "" ? k : `${path}.${k}`, out, depth + 1);
    }
}

/**
 * Built once per graph, linear in it: the buckets Vertex AI, Workbench and Colab resources use, by
 * graph reference (any property: dataset sources, pipeline roots, artifact URIs, staging buckets,
 * tensorboard and feature-store locations) and by literal `gs://` URI.
 */
function scopeIndex(graph: ResourceGraph): GcsScopeIndex {
    let index = indexes.get(graph);
    if (index) return index;
    index = { hasMlResource: false, byBucket: new Map(), byName: new Map() };
    for (const r of graph.resources) {
        if (!ML_TYPE.test(r.type)) continue;
        index.hasMlResource = true;
        const uris: Array<{ bucket: string; path: string }> = [];
        gcsUris(r.props, "", uris);
        for (const u of uris) add(index.byName, u.bucket, `${u.path} of ${displayName(r)}`);
    }
    if (index.hasMlResource) {
        for (const bucket of graph.ofType(types.storageBucket)) {
            for (const { resource, path } of graph.referrers(bucket)) {
                if (ML_TYPE.test(resource.type)) add(index.byBucket, bucket.id, `${path.split(".").filter((s) => !/^\d+$/.test(s)).join(".")} of ${displayName(resource)}`);
            }
        }
    }
    indexes.set(graph, index);
    return index;
}

/**
 * Whether a bucket holds ML data (the `auto` scope, as for S3): a Vertex AI, Workbench or Colab
 * resource of the stack or module tree refers to it, or it carries `scopeLabel` (computed labels may
 * hold it: such buckets are checked); when the tree has no ML resource, every bucket.
 */
export function gcsScope(bucket: Resource, graph: ResourceGraph | undefined, scopeLabel: unknown): { inScope: boolean; why?: string } {
    const label = typeof scopeLabel === "string" ? scopeLabel : "";
    const where = bucket.frontEnd === "terraform" ? "module tree" : "stack";
    const index = graph ? scopeIndex(graph) : { hasMlResource: false, byBucket: new Map<string, string[]>(), byName: new Map<string, string[]>() };
    const whys = [...(index.byBucket.get(bucket.id) ?? [])];
    const name = anyProp(bucket, "name");
    if (typeof name.value === "string") for (const w of index.byName.get(name.value) ?? []) if (!whys.includes(w)) whys.push(w);
    if (whys.length > 0) return { inScope: true, why: `used by ML: ${whys.length > 2 ? `${whys.slice(0, 2).join(", ")} and ${whys.length - 2} more` : whys.join(", ")}` };
    if (label !== "") {
        const labelled = hasTagKey(bucket, label, "labels");
        if (labelled === true) return { inScope: true, why: `it carries the "${label}" label` };
        if (labelled === undefined) return { inScope: true, why: `its labels are computed and may hold "${label}"` };
    }
    if (!index.hasMlResource) return { inScope: true };
    const byLabel = label !== "" ? ` and it has no "${label}" label` : "";
    return { inScope: false, why: `No Vertex AI, Workbench or Colab resource of the ${where} refers to the bucket${byLabel}, so it is not in scope.` };
}

/** Runs a bucket check when the bucket is in scope (otherwise not applicable, saying why); in scope, results say why when it is not every bucket. */
export function withGcsScope(bucket: Resource, graph: ResourceGraph | undefined, scopeLabel: unknown, check: () => CheckResult[]): CheckResult[] {
    const scope = gcsScope(bucket, graph, scopeLabel);
    if (!scope.inScope) return [notApplicable(bucket, scope.why ?? "The bucket is not in scope.")];
    const results = check();
    if (scope.why) for (const r of results) if (r.status !== "pass") r.message = `${r.message} (In scope: ${scope.why}.)`;
    return results;
}
