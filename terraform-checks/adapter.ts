/**
 * Terraform → the catalog's neutral resource view. One translation serves evaluated HCL and plan
 * JSON: both are first put in the shape plan JSON has (blocks are lists of objects), then names are
 * translated mechanically (snake_case → camelCase, plural renames from `catalog/vocabulary.ts`).
 *
 * Which maps are blocks (names translated) and which are attribute values (keys kept, such as tag
 * keys or `jsonencode` documents)? Plan JSON does not say, so the rule is structural and the same
 * for both inputs: the resource's top level and every object inside a list are translated (blocks,
 * and list-of-object attributes, which Pulumi also camelCases); an object that is not in a list is
 * an attribute value (a map) and is kept verbatim, with everything inside it.
 */
import type { Reference, Resource, SourceLocation, Value } from "../catalog/model";
import { tokenForTerraformType } from "../catalog/resource-types";
import { pulumiName } from "../catalog/vocabulary";
import { fileLocation } from "./diagnostics";
import type { EvalBody, ResourceInstance } from "./eval/module";
import { type TfValue, mergeRefs } from "./eval/value";

/** A resource in the shape shared by HCL and plan JSON, before names are translated. */
export interface TerraformResourceData {
    address: string;
    type: string;
    name: string;
    modulePath: string[];
    /** Top-level attributes and blocks (blocks as lists of objects), Terraform names. */
    values: Record<string, TfValue>;
    source: SourceLocation;
}

/** The Pulumi type token of a Terraform type; types the catalog does not know keep a `terraform:` token. */
export function tokenFor(terraformType: string): string {
    return tokenForTerraformType.get(terraformType) ?? `terraform:${terraformType}`;
}

/** An evaluated HCL body as plan-JSON-shaped values: each attribute located at its own range, blocks grouped into lists. */
export function bodyToValues(body: EvalBody): Record<string, TfValue> {
    const out: Record<string, TfValue> = {};
    for (const a of body.attributes) {
        out[a.name] = located(a.value, fileLocation(a.file, a.range));
    }
    // The lists made here for blocks (an attribute of the same name is replaced, not appended to).
    // A local set, not a module-wide WeakSet: weak entries cost every garbage collection.
    let blockLists: Map<string, TfValue[]> | undefined;
    for (const b of body.blocks) {
        const item: TfValue = { kind: "map", entries: bodyToValues(b.body), source: fileLocation(b.file, b.range) };
        const existing = blockLists?.get(b.type);
        if (existing) existing.push(item);
        else {
            const items = [item];
            out[b.type] = { kind: "list", items, source: fileLocation(b.file, b.range) };
            (blockLists ??= new Map()).set(b.type, items);
        }
    }
    return out;
}

/** A shallow copy of a value at another location (written out: object spread is slow on hot paths). */
function located(v: TfValue, source: SourceLocation): TfValue {
    let out: TfValue;
    switch (v.kind) {
        case "scalar":
            out = { kind: "scalar", value: v.value, source };
            if (v.document !== undefined) out.document = v.document;
            if (v.text !== undefined) out.text = v.text;
            break;
        case "unknown":
            out = { kind: "unknown", source };
            if (v.reason !== undefined) out.reason = v.reason;
            if (v.partial !== undefined) out.partial = v.partial;
            if (v.refinement !== undefined) out.refinement = v.refinement;
            break;
        case "list":
            out = { kind: "list", items: v.items, source };
            break;
        case "map":
            out = { kind: "map", entries: v.entries, source };
            break;
    }
    if (v.origin !== undefined) out.origin = v.origin;
    if (v.refs !== undefined) out.refs = v.refs;
    return out;
}

/** An evaluated resource instance as shared-shape data (what plan JSON would hold for it). */
export function instanceData(inst: ResourceInstance): TerraformResourceData {
    return {
        address: inst.address,
        type: inst.type,
        name: inst.name,
        modulePath: inst.modulePath,
        values: bodyToValues(inst.body),
        source: fileLocation(inst.file, inst.headerRange),
    };
}

/**
 * An evaluated resource instance straight into the neutral view: the same result as
 * `adaptTerraformResource(instanceData(inst))` in one pass, without the plan-shaped copy in between
 * (this runs for every resource instance of a scan).
 */
export function adaptInstance(inst: ResourceInstance): { resource: Resource; references: Reference[] } {
    const { addRefs, references } = referenceCollector(inst.address);
    const source = fileLocation(inst.file, inst.headerRange);
    const resource: Resource = {
        id: inst.address,
        type: tokenFor(inst.type),
        name: inst.name,
        props: { kind: "map", entries: translateBody(inst.type, "", "", inst.body, addRefs, 0), source },
        source,
        frontEnd: "terraform",
        modulePath: inst.modulePath,
    };
    return { resource, references };
}

/** {@link translateEntries} over an evaluated body: attributes located at their own ranges, blocks grouped into lists. */
function translateBody(type: string, tfPath: string, path: string, body: EvalBody, addRefs: AddRefs, depth: number): Record<string, Value> {
    if (depth > MAX_DEPTH) return translateEntries(type, tfPath, path, bodyToValues(body), addRefs, depth);
    const out: Record<string, Value> = {};
    for (const a of body.attributes) {
        const name = pulumiName(type, tfPath, a.name);
        const v = located(a.value, fileLocation(a.file, a.range));
        // Most attributes are a scalar or a plain unknown without references: nothing to translate or record.
        if ((v.kind === "scalar" || (v.kind === "unknown" && v.partial === undefined)) && v.refs === undefined) {
            out[name] = v;
            continue;
        }
        const childPath = path === "" ? name : `${path}.${name}`;
        const childTf = tfPath === "" ? a.name : `${tfPath}.${a.name}`;
        out[name] = translateValue(type, childTf, childPath, v, addRefs, depth + 1);
    }
    // As in bodyToValues: blocks of one type form one list, which replaces an attribute of the same name.
    let blockLists: Map<string, Value[]> | undefined;
    for (const b of body.blocks) {
        const name = pulumiName(type, tfPath, b.type);
        const childTf = tfPath === "" ? b.type : `${tfPath}.${b.type}`;
        const listPath = path === "" ? name : `${path}.${name}`;
        const existing = blockLists?.get(name);
        const itemPath = `${listPath}.${existing ? existing.length : 0}`;
        const source = fileLocation(b.file, b.range);
        const item: Value = { kind: "map", entries: translateBody(type, childTf, itemPath, b.body, addRefs, depth + 2), source };
        if (existing) existing.push(item);
        else {
            const items = [item];
            out[name] = { kind: "list", items, source };
            (blockLists ??= new Map()).set(name, items);
        }
    }
    return out;
}

type AddRefs = (v: TfValue, path: string) => void;

/** Collects a resource's references (graph edges), each (path, target) once, never to itself. */
function referenceCollector(address: string): { addRefs: AddRefs; references: Reference[] } {
    const references: Reference[] = [];
    const seen = new Set<string>();
    const addRefs = (v: TfValue, path: string) => {
        for (const to of mergeRefs([v])) {
            const key = `${path}\u0000${to}`;
            if (seen.has(key) || to === address) continue;
            seen.add(key);
            references.push({ from: address, path, to });
        }
    };
    return { addRefs, references };
}

/** Translates one resource into the neutral view and collects its references (graph edges). */
export function adaptTerraformResource(data: TerraformResourceData): { resource: Resource; references: Reference[] } {
    const { addRefs, references } = referenceCollector(data.address);
    const props = translateEntries(data.type, "", "", data.values, addRefs, 0);
    const resource: Resource = {
        id: data.address,
        type: tokenFor(data.type),
        name: data.name,
        props: { kind: "map", entries: props, source: data.source },
        source: data.source,
        frontEnd: "terraform",
        modulePath: data.modulePath,
    };
    return { resource, references };
}

const MAX_DEPTH = 64;

/** A list of objects (a block list, or a list-of-objects attribute): some maps, the rest maps or plain unknowns. */
function isObjectList(items: readonly TfValue[]): boolean {
    let maps = 0;
    for (const i of items) {
        if (i.kind === "map") maps++;
        else if (i.kind !== "unknown" || i.partial) return false;
    }
    return maps > 0;
}

/** Translates the names of a block-level object; `tfPath` is the Terraform block path, `path` the Pulumi one (with indexes). */
function translateEntries(
    type: string,
    tfPath: string,
    path: string,
    entries: Record<string, TfValue>,
    addRefs: AddRefs,
    depth: number,
): Record<string, Value> {
    const out: Record<string, Value> = {};
    for (const key of Object.keys(entries)) {
        const name = pulumiName(type, tfPath, key);
        const childPath = path === "" ? name : `${path}.${name}`;
        const childTf = tfPath === "" ? key : `${tfPath}.${key}`;
        out[name] = translateValue(type, childTf, childPath, entries[key], addRefs, depth + 1);
    }
    return out;
}

function translateValue(
    type: string,
    tfPath: string,
    path: string,
    v: TfValue,
    addRefs: AddRefs,
    depth: number,
): Value {
    if (v.kind === "unknown" && v.partial) {
        addRefs(v, path);
        return { ...v.partial, source: v.source ?? v.partial.source, ...(v.origin ? { origin: v.origin } : {}) } as Value;
    }
    if (v.kind !== "list" || !isObjectList(v.items) || depth > MAX_DEPTH) {
        addRefs(v, path);
        return v;
    }
    if (v.refs?.length) addRefs({ kind: "unknown", refs: v.refs }, path);
    const items = v.items.map((item, i): Value => {
        const itemPath = `${path}.${i}`;
        if (item.kind !== "map") {
            addRefs(item, itemPath);
            return item;
        }
        if (item.refs?.length) addRefs({ kind: "unknown", refs: item.refs }, itemPath);
        return { ...item, entries: translateEntries(type, tfPath, itemPath, item.entries, addRefs, depth + 1) };
    });
    return { ...v, items };
}
