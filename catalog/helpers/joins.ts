import type { ResourceGraph } from "../graph";
import type { Resource } from "../model";
import type { ResourceType } from "../resource-types";
import { anyProp } from "./props";

/**
 * The configuration resources attached to a subject through one property: those whose `property`
 * refers to the subject in the graph, plus those whose literal value equals one of the subject's own
 * literal identifiers (`bucket = "ml-data"` next to a bucket named "ml-data").
 */
export function attachedThrough(
    graph: ResourceGraph,
    subject: Resource,
    configTypes: ResourceType[],
    property: string,
    subjectIdentifiers: string[],
): Resource[] {
    const found = graph.referrers(subject, configTypes, property).map((r) => r.resource);
    const literals = subjectIdentifiers
        .map((p) => anyProp(subject, p))
        .filter((a) => a.state === "explicit" && typeof a.value === "string" && a.value !== "")
        .map((a) => a.value as string);
    if (literals.length > 0) {
        const index = literalIndex(graph, configTypes, property);
        for (const literal of literals) {
            for (const config of index.get(literal) ?? []) if (!found.includes(config)) found.push(config);
        }
    }
    return found;
}

const literalIndexes = new WeakMap<ResourceGraph, Map<string, Map<string, Resource[]>>>();

/**
 * Configuration resources by the literal string value of `property`, built once per graph: every
 * bucket of a large stack looks up its configurations without scanning all of them.
 */
function literalIndex(graph: ResourceGraph, configTypes: ResourceType[], property: string): Map<string, Resource[]> {
    let perGraph = literalIndexes.get(graph);
    if (!perGraph) literalIndexes.set(graph, (perGraph = new Map()));
    const key = `${configTypes.map((t) => t.token).join(",")}\u0000${property}`;
    let index = perGraph.get(key);
    if (!index) {
        index = new Map();
        for (const config of graph.ofType(...configTypes)) {
            const v = anyProp(config, property);
            if (typeof v.value !== "string") continue;
            const list = index.get(v.value);
            if (list) list.push(config);
            else index.set(v.value, [config]);
        }
        perGraph.set(key, index);
    }
    return index;
}

/** True when a tag (or label) key is set on the resource; `undefined` when the tags are computed. */
export function hasTagKey(resource: Resource, key: string, property = "tags"): boolean | undefined {
    const tags = anyProp(resource, property);
    if (tags.state === "unknown") return undefined;
    if (tags.state !== "explicit" || tags.node?.kind !== "map") return false;
    return Object.prototype.hasOwnProperty.call(tags.node.entries, key);
}
