/**
 * The CloudFormation tables run backwards: a catalog example (Pulumi vocabulary) as a CloudFormation
 * template, and that template as the resources a Pulumi `aws-native` program would send. The
 * generic parity test uses both, so every control whose types are in the tables is proven on the
 * third front-end without writing its examples again.
 */
import type { ExampleResource } from "../control";
import { isComputed, isRef } from "../examples";
import { type CfnTypeMapping, type PropertySpec, mechanicalName } from "./mapping";
import { awsNativeToken, cfnTypes } from "./tables";
import { resourceTypeForToken, tokenForTerraformType } from "../resource-types";

/** A token's current spelling: a deprecated alias class (`BucketV2`) reads as the type it aliases. */
function canonical(token: string): string {
    const t = resourceTypeForToken(token);
    return (t && tokenForTerraformType.get(t.terraform)) ?? token;
}

/** A template, or why an example has none. */
export type InverseResult = { template: { AWSTemplateFormatVersion: string; Resources: Record<string, CfnResourceJson> } } | { unsupported: string };

export interface CfnResourceJson {
    Type: string;
    Properties: Record<string, unknown>;
}

/** `training-data` → `TrainingData` (logical ids are alphanumeric). */
export function logicalId(name: string): string {
    const id = name.replace(/(^|[^A-Za-z0-9]+)([A-Za-z0-9])/g, (_m, _sep, c: string) => c.toUpperCase()).replace(/[^A-Za-z0-9]/g, "");
    return /^[0-9]/.test(id) ? `R${id}` : id || "Resource";
}

function primaryFor(token: string): CfnTypeMapping | undefined {
    // Prefer a type Pulumi aws-native also has, so the example runs through the pack too.
    const all = cfnTypes.filter((t) => t.token === canonical(token));
    return all.find((t) => t.awsNative) ?? all[0];
}

function splitFor(token: string): { owner: CfnTypeMapping; split: NonNullable<CfnTypeMapping["split"]>[number] } | undefined {
    for (const owner of cfnTypes) for (const split of owner.split ?? []) if (split.token === canonical(token) && !split.each) return { owner, split };
    return undefined;
}

/** The CloudFormation name of a neutral property under some specs (inverse of `neutralName`). */
function cfnName(specs: Readonly<Record<string, PropertySpec>> | undefined, neutral: string): { name: string; spec?: PropertySpec } {
    for (const [cfn, spec] of Object.entries(specs ?? {})) {
        const to = typeof spec === "string" ? spec : (spec.to ?? mechanicalName(cfn));
        if (to === neutral) return { name: cfn, spec };
    }
    return { name: neutral.charAt(0).toUpperCase() + neutral.slice(1) };
}

class Unsupported extends Error {}

/** A catalog example value in CloudFormation syntax; `ids` maps example names to logical ids. */
function toCfnValue(v: unknown, spec: PropertySpec | undefined, ids: Map<string, string>): unknown {
    if (isRef(v)) {
        const id = ids.get(v.$ref.name);
        if (!id) throw new Unsupported(`refers to ${v.$ref.name}, which is not in the example`);
        const attr = v.$ref.attribute;
        return attr === "id" || attr === "name" ? { Ref: id } : { "Fn::GetAtt": [id, attr.charAt(0).toUpperCase() + attr.slice(1)] };
    }
    if (isComputed(v)) return { "Fn::ImportValue": "computed-at-deployment" };
    const mapping = typeof spec === "object" ? spec : undefined;
    if (mapping?.value === "verbatim") {
        if (typeof v === "string") {
            try {
                return JSON.parse(v);
            } catch {
                return v;
            }
        }
        return v;
    }
    if (mapping?.value === "tags") {
        if (v && typeof v === "object" && !Array.isArray(v)) return Object.entries(v).map(([Key, Value]) => ({ Key, Value }));
        return v;
    }
    if (mapping?.value === "list") {
        if (!Array.isArray(v)) return toCfnValue(v, { props: mapping.props }, ids);
        if (v.length !== 1) throw new Unsupported(`CloudFormation holds a single value where the example has ${v.length}`);
        return toCfnValue(v[0], { props: mapping.props }, ids);
    }
    if (mapping?.values && typeof v === "string") {
        const hit = Object.entries(mapping.values).find(([, neutral]) => neutral === v);
        if (hit) return hit[0];
    }
    if (mapping?.cfnList && !Array.isArray(v)) return [toCfnValue(v, { props: mapping.props }, ids)];
    if (Array.isArray(v)) return v.map((item) => toCfnValue(item, mapping ? { props: mapping.props } : undefined, ids));
    if (v && typeof v === "object") return toCfnProps(v as Record<string, unknown>, mapping?.props, ids);
    return v;
}

function toCfnProps(props: Record<string, unknown>, specs: Readonly<Record<string, PropertySpec>> | undefined, ids: Map<string, string>, skip?: string): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(props)) {
        if (k === skip || v === undefined) continue;
        const { name, spec } = cfnName(specs, k);
        out[name] = toCfnValue(v, spec, ids);
    }
    return out;
}

/**
 * A catalog example as a CloudFormation template: each resource through the inverse of its table,
 * split resources (an SSE configuration) folded back into the inline property of the resource they
 * refer to. Types with no CloudFormation equivalent make the example unsupported.
 */
export function exampleToTemplate(example: readonly ExampleResource[]): InverseResult {
    const ids = new Map(example.map((r) => [r.name, logicalId(r.name)]));
    const resources: Record<string, CfnResourceJson> = {};
    try {
        for (const r of example) {
            const primary = primaryFor(r.type.token);
            if (primary) {
                resources[ids.get(r.name)!] = { Type: primary.cfn, Properties: toCfnProps(r.props, primary.props, ids) };
            }
        }
        for (const r of example) {
            if (primaryFor(r.type.token)) continue;
            const found = splitFor(r.type.token);
            if (!found) return { unsupported: `${r.type.token} has no CloudFormation equivalent in the tables` };
            const link = r.props[found.split.link];
            const owner = isRef(link) ? ids.get(link.$ref.name) : undefined;
            if (!owner || resources[owner]?.Type !== found.owner.cfn) {
                // e.g. an SSE configuration naming its bucket by a literal name: the template cannot say which bucket inlines it.
                return { unsupported: `${r.type.token} is inline in ${found.owner.cfn}, and the example's ${found.split.link} names no such resource` };
            }
            let value: unknown;
            if (found.split.into) value = toCfnValue(r.props[found.split.into], { props: found.split.props }, ids);
            else value = toCfnProps(r.props, found.split.props, ids, found.split.link);
            resources[owner].Properties[found.split.property] = value;
        }
    } catch (err) {
        if (err instanceof Unsupported) return { unsupported: err.message };
        throw err;
    }
    return { template: { AWSTemplateFormatVersion: "2010-09-09", Resources: resources } };
}

/** A template resource as a Pulumi aws-native program sends it: camelCase names, intrinsics as unknowns plus dependencies. */
export interface AwsNativeResource {
    type: string;
    name: string;
    props: Record<string, unknown>;
    /** Top-level property → logical ids its value comes from. */
    dependsOn: Record<string, string[]>;
}

/** The template's resources as aws-native resources; undefined for a type aws-native lacks. */
export function templateToAwsNative(resources: Record<string, CfnResourceJson>, unknownValue: string): AwsNativeResource[] | { unsupported: string } {
    const out: AwsNativeResource[] = [];
    for (const [id, r] of Object.entries(resources)) {
        const mapping = cfnTypes.find((t) => t.cfn === r.Type);
        if (!mapping?.awsNative) return { unsupported: `${r.Type} has no aws-native type` };
        const dependsOn: Record<string, string[]> = {};
        const convert = (v: unknown, top: string, keepKeys: boolean): unknown => {
            if (v && typeof v === "object" && !Array.isArray(v)) {
                const o = v as Record<string, unknown>;
                const keys = Object.keys(o);
                if (keys.length === 1 && (keys[0] === "Ref" || keys[0] === "Fn::GetAtt" || keys[0] === "Fn::ImportValue")) {
                    const target = keys[0] === "Ref" ? o.Ref : keys[0] === "Fn::GetAtt" ? (o["Fn::GetAtt"] as unknown[])[0] : undefined;
                    if (typeof target === "string") (dependsOn[top] ??= []).includes(target) || dependsOn[top].push(target);
                    return unknownValue;
                }
                const res: Record<string, unknown> = {};
                for (const k of keys) res[keepKeys ? k : mechanicalName(k)] = convert(o[k], top, keepKeys);
                return res;
            }
            if (Array.isArray(v)) return v.map((x) => convert(x, top, keepKeys));
            return v;
        };
        const props: Record<string, unknown> = {};
        for (const [k, v] of Object.entries(r.Properties)) {
            const spec = Object.entries(mapping.props).find(([cfn]) => cfn === k)?.[1];
            const keep = typeof spec === "object" && spec.value === "verbatim";
            props[mechanicalName(k)] = convert(v, mechanicalName(k), keep);
        }
        out.push({ type: awsNativeToken(mapping.awsNative), name: id, props, dependsOn });
    }
    return out;
}
