import type { ResourceGraph } from "../graph";
import type { Resource } from "../model";
import { types } from "../resource-types";
import { isComputedValue } from "./outcomes";
import { anyProp, listItems, within } from "./props";

/** One Data Access audit configuration as written: where it applies, the service, the log types. */
export interface AuditConfig {
    resource: Resource;
    /** `"*"` for folder and organization configs (they cover every project beneath). */
    scope: string | "unknown";
    service: string | "unknown";
    logTypes: Set<string> | "unknown";
    exempted: boolean | "unknown";
}

const AUDIT_TYPES = [types.projectIamAuditConfig, types.folderIamAuditConfig, types.organizationIamAuditConfig];
export const AUDIT_CONFIG_TYPES = AUDIT_TYPES;

/**
 * The project a resource lives in, as a join key: the literal `project`, the address of the project
 * resource `project` refers to, `""` when absent (the provider's default project) or "unknown".
 */
export function projectKey(graph: ResourceGraph, resource: Resource): string | "unknown" {
    if (resource.type === types.kmsCryptoKey.token) return keyProject(graph, resource);
    const project = anyProp(resource, "project");
    if (project.state === "absent") return "";
    if (typeof project.value === "string") return project.value.trim().replace(/^projects\//, "");
    if (isComputedValue(project)) {
        const target = graph.targets(resource, "project", [types.project])[0];
        if (target) {
            // A literal project id on the project resource joins with literal references to it.
            const id = anyProp(target, "projectId");
            return typeof id.value === "string" ? id.value.trim() : target.id;
        }
    }
    return "unknown";
}

/** A crypto key's project: from its literal `keyRing` name, or from the key ring resource it refers to. */
function keyProject(graph: ResourceGraph, key: Resource): string | "unknown" {
    const ring = anyProp(key, "keyRing");
    if (typeof ring.value === "string") return /^projects\/([^/]+)\//.exec(ring.value.trim())?.[1] ?? "unknown";
    const target = isComputedValue(ring) ? graph.targets(key, "keyRing", [types.kmsKeyRing])[0] : undefined;
    return target ? projectKey(graph, target) : "unknown";
}

const cache = new WeakMap<ResourceGraph, AuditConfig[]>();

/** Every audit config of the graph, read once per graph (each ML resource of a large stack looks them up). */
export function auditConfigs(graph: ResourceGraph): AuditConfig[] {
    let configs = cache.get(graph);
    if (configs) return configs;
    configs = [];
    for (const resource of graph.ofType(...AUDIT_TYPES)) {
        const service = anyProp(resource, "service");
        const logs = anyProp(resource, "auditLogConfigs");
        let logTypes: AuditConfig["logTypes"] = new Set();
        let exempted: AuditConfig["exempted"] = false;
        if (logs.state === "unknown") logTypes = exempted = "unknown";
        for (const item of listItems(resource, logs)) {
            const type = within(resource, item, "logType");
            const ex = within(resource, item, "exemptedMembers");
            if (type.state === "unknown" || logTypes === "unknown") logTypes = "unknown";
            else if (typeof type.value === "string") logTypes.add(type.value.trim().toUpperCase());
            if (ex.state === "unknown") exempted = exempted === true ? true : "unknown";
            else if (ex.state === "explicit" && (ex.node?.kind !== "list" || ex.node.items.length > 0)) exempted = true;
        }
        configs.push({
            resource,
            scope: resource.type === types.projectIamAuditConfig.token ? projectKey(graph, resource) : "*",
            service: service.state === "unknown" ? "unknown" : typeof service.value === "string" ? service.value.trim() : "",
            logTypes,
            exempted,
        });
    }
    cache.set(graph, configs);
    return configs;
}

/**
 * Whether the resource's project has Data Access logs of `logTypes` for `service` (or `allServices`):
 * "yes", "no", or "unknown" when a config that might cover it is computed.
 */
export function auditCoverage(graph: ResourceGraph, resource: Resource, service: string, logTypes: string[]): "yes" | "no" | "unknown" {
    const project = projectKey(graph, resource);
    let undecided = false;
    for (const config of auditConfigs(graph)) {
        if (config.service !== "unknown" && config.service !== service && config.service !== "allServices") continue;
        const sameScope = config.scope === "*" || (project !== "unknown" && config.scope !== "unknown" && config.scope === project);
        const maybeScope = config.scope === "unknown" || project === "unknown";
        if (!sameScope && !maybeScope) continue;
        if (config.service === "unknown" || config.logTypes === "unknown" || !sameScope) {
            undecided = true;
            continue;
        }
        const types = config.logTypes;
        if (logTypes.every((t) => types.has(t))) return "yes";
    }
    return undecided ? "unknown" : "no";
}
