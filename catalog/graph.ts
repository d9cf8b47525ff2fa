import type { Reference, Resource } from "./model";
import type { ResourceType } from "./resource-types";

/** A resource that refers to another, and the property holding the reference. */
export interface Referrer {
    resource: Resource;
    path: string;
}

function tokenOf(t: string | ResourceType): string {
    return typeof t === "string" ? t : t.token;
}

/** True when a reference recorded at `refPath` can be the value at `path` (either may be the coarser one). */
function pathsOverlap(refPath: string, path: string): boolean {
    return refPath === path || refPath.startsWith(path + ".") || path.startsWith(refPath + ".");
}

/**
 * The resources of a whole Terraform module tree or a whole Pulumi stack, with the references
 * between them. Cross-resource controls join through it instead of comparing identifiers that are
 * unknown before deployment.
 */
export class ResourceGraph {
    readonly resources: readonly Resource[];
    private readonly byId = new Map<string, Resource>();
    private readonly byType = new Map<string, Resource[]>();
    private readonly outgoing = new Map<string, Reference[]>();
    private readonly incoming = new Map<string, Reference[]>();

    constructor(resources: readonly Resource[], references: readonly Reference[] = []) {
        this.resources = resources;
        for (const r of resources) {
            this.byId.set(r.id, r);
            const list = this.byType.get(r.type);
            if (list) list.push(r);
            else this.byType.set(r.type, [r]);
        }
        for (const ref of references) {
            if (!this.byId.has(ref.from) || !this.byId.has(ref.to)) continue;
            push(this.outgoing, ref.from, ref);
            push(this.incoming, ref.to, ref);
        }
    }

    get(id: string): Resource | undefined {
        return this.byId.get(id);
    }

    /** Every resource of the given types, in declaration order. */
    ofType(...types: Array<string | ResourceType>): Resource[] {
        if (types.length === 1) return this.byType.get(tokenOf(types[0])) ?? [];
        const wanted = new Set(types.map(tokenOf));
        return this.resources.filter((r) => wanted.has(r.type));
    }

    /** The resources `from` refers to through `path` (all references when no path is given). */
    targets(from: Resource, path?: string, types?: Array<string | ResourceType>): Resource[] {
        const out: Resource[] = [];
        for (const ref of this.outgoing.get(from.id) ?? []) {
            if (path !== undefined && !pathsOverlap(ref.path, path)) continue;
            const target = this.byId.get(ref.to)!;
            if (types && !isOneOf(target.type, types)) continue;
            if (!out.includes(target)) out.push(target);
        }
        return out;
    }

    /** The resources that refer to `to`, optionally only of some types and through some property. */
    referrers(to: Resource, types?: Array<string | ResourceType>, path?: string): Referrer[] {
        const out: Referrer[] = [];
        for (const ref of this.incoming.get(to.id) ?? []) {
            if (path !== undefined && !pathsOverlap(ref.path, path)) continue;
            const resource = this.byId.get(ref.from)!;
            if (types && !isOneOf(resource.type, types)) continue;
            if (!out.some((o) => o.resource === resource && o.path === ref.path)) out.push({ resource, path: ref.path });
        }
        return out;
    }
}

/** Whether `type` is one of `types` (a few, as joins name them: a loop, no set to build per call). */
function isOneOf(type: string, types: ReadonlyArray<string | ResourceType>): boolean {
    for (const t of types) if (tokenOf(t) === type) return true;
    return false;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
    const list = map.get(key);
    if (list) list.push(value);
    else map.set(key, [value]);
}
