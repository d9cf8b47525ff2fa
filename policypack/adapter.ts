import { Secret } from "@pulumi/policy";
import type { PolicyResource } from "@pulumi/policy";
import { ResourceGraph } from "../catalog/graph";
import type { Reference, Resource, Value } from "../catalog/model";
import { valueFromPlain } from "../catalog/values";
import { awsNativeMapping } from "../catalog/cloudformation/tables";
import { translateCfnResource } from "../catalog/cloudformation/translate";
import { policyProxy as proxy } from "./policy-internals";

/** The seven strings the engine sends for values not known during preview. */
export const UNKNOWN_SENTINELS: ReadonlySet<string> = new Set([
    proxy.unknownStringValue,
    proxy.unknownBooleanValue,
    proxy.unknownNumberValue,
    proxy.unknownArrayValue,
    proxy.unknownAssetValue,
    proxy.unknownArchiveValue,
    proxy.unknownObjectValue,
]);

/**
 * The plain object behind `@pulumi/policy`'s proxies. Reading through `unknownCheckingProxy` throws
 * on the first unknown; the adapter reads the target instead and records unknowns as values, so a
 * control can pass a presence check on a computed value and report only the rest as unverifiable.
 */
export function unproxy(props: unknown): unknown {
    let raw = props as Record<string, unknown> | undefined;
    for (let i = 0; i < 4 && raw && typeof raw === "object" && raw[proxy.isSpecialProxy] === true; i++) {
        raw = raw[proxy.getSpecialProxyTarget] as Record<string, unknown>;
    }
    return raw;
}

/** Engine properties → the neutral value tree, each value located by URN and property path. */
export function adaptProps(props: unknown, urn: string): Extract<Value, { kind: "map" }> {
    const value = valueFromPlain(unproxy(props), {
        isUnknown: (v) => typeof v === "string" && UNKNOWN_SENTINELS.has(v),
        unwrap: (v) => (v instanceof Secret ? v.value : v),
        locate: (path) => ({ kind: "pulumi", urn, path }),
    });
    return value.kind === "map" ? value : { kind: "map", entries: {}, source: { kind: "pulumi", urn, path: "" } };
}

/** One resource as the Analyze call sees it (an `aws-native` resource as the bridged type it maps to). */
export function adaptResource(r: { type: string; name: string; urn: string; props: unknown }): Resource {
    return adaptWithParts(r).resources[0];
}

/**
 * One resource with the parts the neutral view splits off (an `aws-native:s3:Bucket`'s inline
 * encryption is a `BucketServerSideEncryptionConfiguration` there), and their references.
 * `aws-native` properties are the CloudFormation properties in camelCase, so the CloudFormation
 * tables translate them (`catalog/cloudformation/`).
 */
function adaptWithParts(
    r: { type: string; name: string; urn: string; props: unknown },
    dependencies: Record<string, ReadonlyArray<{ urn?: string } | undefined> | undefined> = {},
): { resources: Resource[]; references: Reference[] } {
    const resource: Resource = {
        id: r.urn,
        type: r.type,
        name: r.name,
        props: adaptProps(r.props, r.urn),
        source: { kind: "pulumi", urn: r.urn, path: "" },
        frontEnd: "pulumi",
    };
    const mapping = r.type.startsWith("aws-native:") ? awsNativeMapping(r.type) : undefined;
    const refs: Array<{ path: string; to: string }> = [];
    for (const path of Object.keys(dependencies)) {
        for (const target of dependencies[path] ?? []) if (target?.urn) refs.push({ path, to: target.urn });
    }
    if (!mapping) return { resources: [resource], references: refs.map((x) => ({ from: r.urn, path: x.path, to: x.to })) };
    return translateCfnResource({ id: r.urn, name: r.name, mapping, props: resource.props, source: resource.source, frontEnd: "pulumi", refs });
}

/** A whole stack as AnalyzeStack sees it, joined through `propertyDependencies`. */
export function adaptStack(resources: readonly PolicyResource[]): ResourceGraph {
    const adapted: Resource[] = [];
    const references: Reference[] = [];
    for (const r of resources) {
        const parts = adaptWithParts(r, r.propertyDependencies ?? {});
        for (const x of parts.resources) adapted.push(x);
        for (const x of parts.references) references.push(x);
    }
    return new ResourceGraph(adapted, references);
}
