/**
 * Applies the CloudFormation tables: one CloudFormation resource (from a template, or a Pulumi
 * `aws-native` resource, whose property names are the same in camelCase) becomes one or more
 * resources in the neutral view, with its references translated onto the neutral property paths.
 * Property names are matched case-insensitively, which is what makes one table serve both spellings
 * (`KMSMasterKeyID` and `kmsMasterKeyId`).
 */
import type { FrontEnd, Reference, Resource, SourceLocation, Value } from "../model";
import { type CfnTypeMapping, type PropertySpec, type SplitMapping, mechanicalName } from "./mapping";

/** One resource to translate, its property names still CloudFormation's (or aws-native's). */
export interface CfnResourceInput {
    id: string;
    name: string;
    mapping: CfnTypeMapping;
    props: Extract<Value, { kind: "map" }>;
    source: SourceLocation;
    frontEnd: FrontEnd;
    /** References out of the resource, each at a dotted path of input names (list items by index). */
    refs: ReadonlyArray<{ path: string; to: string }>;
}

export interface Translated {
    resources: Resource[];
    references: Reference[];
}

type MapValue = Extract<Value, { kind: "map" }>;
type Specs = Readonly<Record<string, PropertySpec>>;

const lowered = new WeakMap<Specs, Map<string, PropertySpec>>();

/** A spec for a property name, matched case-insensitively. */
export function specFor(specs: Specs | undefined, name: string): PropertySpec | undefined {
    if (!specs) return undefined;
    let m = lowered.get(specs);
    if (!m) {
        m = new Map(Object.entries(specs).map(([k, v]) => [k.toLowerCase(), v]));
        lowered.set(specs, m);
    }
    return m.get(name.toLowerCase());
}

/** The neutral name of a property under a spec. */
export function neutralName(spec: PropertySpec | undefined, name: string): string {
    if (typeof spec === "string") return spec;
    return spec?.to ?? mechanicalName(name);
}

/** Where each translated input path ended up: (resource id, neutral path). */
type Tracker = (inPath: string, resourceId: string, outPath: string) => void;

function join(path: string, key: string): string {
    return path === "" ? key : `${path}.${key}`;
}

/** Tag list `[{Key, Value}]` → map; anything else is kept as it is. */
function tagMap(v: Value): Value {
    if (v.kind !== "list") return v;
    const entries: Record<string, Value> = {};
    for (const item of v.items) {
        if (item.kind !== "map") return { kind: "unknown", source: v.source, reason: "a tag is computed" };
        const key = entryOf(item, "key");
        const value = entryOf(item, "value");
        if (!key || key.kind !== "scalar" || typeof key.value !== "string") return { kind: "unknown", source: v.source, reason: "a tag key is computed" };
        entries[key.value] = value ?? { kind: "scalar", value: "", source: item.source };
    }
    return { kind: "map", entries, source: v.source };
}

/** A map entry by case-insensitive name. */
export function entryOf(map: MapValue, name: string): Value | undefined {
    if (name in map.entries) return map.entries[name];
    const lower = name.toLowerCase();
    for (const k of Object.keys(map.entries)) if (k.toLowerCase() === lower) return map.entries[k];
    return undefined;
}

const MAX_DEPTH = 64;

class Translator {
    constructor(
        private readonly resourceId: string,
        private readonly track: Tracker | undefined,
    ) {}

    props(map: MapValue, specs: Specs | undefined, inPath: string, outPath: string, skip?: ReadonlySet<string>, depth = 0): Record<string, Value> {
        const out: Record<string, Value> = {};
        for (const key of Object.keys(map.entries)) {
            if (skip?.has(key.toLowerCase())) continue;
            const spec = specFor(specs, key);
            const name = neutralName(spec, key);
            const childIn = join(inPath, key);
            const childOut = join(outPath, name);
            out[name] = this.value(map.entries[key], spec, childIn, childOut, depth + 1);
        }
        return out;
    }

    value(v: Value, spec: PropertySpec | undefined, inPath: string, outPath: string, depth: number): Value {
        this.track?.(inPath, this.resourceId, outPath);
        const mapping = typeof spec === "object" ? spec : undefined;
        if (mapping?.value === "verbatim" || depth > MAX_DEPTH) return v;
        if (mapping?.value === "tags") return tagMap(v);
        if (mapping?.values && v.kind === "scalar" && typeof v.value === "string") {
            const lower = v.value.toLowerCase();
            const hit = Object.entries(mapping.values).find(([cfn]) => cfn.toLowerCase() === lower);
            if (hit) return { ...v, value: hit[1] };
        }
        if (mapping?.value === "list" && v.kind !== "list") {
            this.track?.(inPath, this.resourceId, join(outPath, "0"));
            return { kind: "list", items: [this.inner(v, mapping, inPath, join(outPath, "0"), depth + 1)], source: v.source };
        }
        return this.inner(v, mapping, inPath, outPath, depth);
    }

    private inner(v: Value, mapping: { props?: Specs } | undefined, inPath: string, outPath: string, depth: number): Value {
        if (v.kind === "map") return { kind: "map", entries: this.props(v, mapping?.props, inPath, outPath, undefined, depth + 1), source: v.source };
        if (v.kind === "list") {
            return {
                kind: "list",
                items: v.items.map((item, i) => {
                    this.track?.(join(inPath, String(i)), this.resourceId, join(outPath, String(i)));
                    return this.inner(item, mapping, join(inPath, String(i)), join(outPath, String(i)), depth + 1);
                }),
                source: v.source,
            };
        }
        return v;
    }
}

/** The property a split resource is made of (matched case-insensitively): its name as written and its value, if present. */
function splitSource(props: MapValue, split: SplitMapping): { key: string; value: Value } | undefined {
    const lower = split.property.toLowerCase();
    const key = Object.keys(props.entries).find((k) => k.toLowerCase() === lower);
    const v = key === undefined ? undefined : props.entries[key];
    if (!v || (v.kind === "scalar" && v.value === null)) return undefined;
    return { key: key!, value: v };
}

/**
 * Translates one CloudFormation resource into the neutral view: the resource itself, and one
 * resource per inline part the bridged providers split off (see `SplitMapping`).
 */
export function translateCfnResource(input: CfnResourceInput): Translated {
    const { mapping } = input;
    const places = new Map<string, { id: string; path: string }>();
    const track: Tracker | undefined = input.refs.length > 0 ? (inPath, id, outPath) => void places.set(inPath, { id, path: outPath }) : undefined;
    const splits = mapping.split ?? [];
    const skip = new Set(splits.map((s) => s.property.toLowerCase()));
    const primary: Resource = {
        id: input.id,
        type: mapping.token,
        name: input.name,
        props: { kind: "map", entries: new Translator(input.id, track).props(input.props, mapping.props, "", "", skip), source: input.props.source },
        source: input.source,
        frontEnd: input.frontEnd,
    };
    const resources: Resource[] = [primary];
    const references: Reference[] = [];
    const links = new Map<string, string>();
    for (const split of splits) {
        const found = splitSource(input.props, split);
        if (!found) continue;
        const raw = found.value;
        // Tracked under the property's name as written (references arrive with it).
        const parts =
            split.each && raw.kind === "list" ? raw.items.map((item, i) => ({ item, at: `${found.key}.${i}`, suffix: `.${i}` })) : [{ item: raw, at: found.key, suffix: "" }];
        for (const { item, at, suffix } of parts) {
            const id = `${input.id}#${split.property}${suffix}`;
            const translator = new Translator(id, track);
            let entries: Record<string, Value>;
            if (split.each) {
                entries = { [split.each.as]: translator.value(item, undefined, at, split.each.as, 1) };
            } else if (split.into) {
                entries = { [split.into]: translator.value(item, { props: split.props }, at, split.into, 1) };
            } else if (item.kind === "map") {
                track?.(at, id, "");
                entries = translator.props(item, split.props, at, "");
            } else {
                // The whole part is computed: every property it would hold is unknown.
                track?.(at, id, "");
                entries = {};
                for (const spec of Object.entries(split.props ?? {})) entries[neutralName(spec[1], spec[0])] = { kind: "unknown", source: item.source };
            }
            entries[split.link] = { kind: "unknown", source: item.source, reason: `refers to ${input.name}` };
            resources.push({
                id,
                type: split.token,
                name: input.name,
                props: { kind: "map", entries, source: item.source },
                source: item.source ?? input.source,
                frontEnd: input.frontEnd,
            });
            references.push({ from: id, path: split.link, to: input.id });
            links.set(id, split.link);
        }
    }
    for (const ref of input.refs) {
        const place = placeOf(places, ref.path);
        if (!place || place.id === ref.to) continue;
        if (place.path !== "") {
            references.push({ from: place.id, path: place.path, to: ref.to });
            continue;
        }
        // A reference to a whole split part (aws-native sends references per top-level property): every property of it.
        const split = resources.find((r) => r.id === place.id);
        for (const key of Object.keys(split?.props.entries ?? {})) if (key !== links.get(place.id)) references.push({ from: place.id, path: key, to: ref.to });
    }
    return { resources, references };
}

/** The place of the longest translated prefix of an input path. */
function placeOf(places: Map<string, { id: string; path: string }>, path: string): { id: string; path: string } | undefined {
    let p = path;
    for (;;) {
        const hit = places.get(p);
        if (hit) return hit;
        const dot = p.lastIndexOf(".");
        if (dot < 0) return undefined;
        p = p.slice(0, dot);
    }
}
