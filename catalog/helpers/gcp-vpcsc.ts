import type { Resource } from "../model";
import { types } from "../resource-types";
import { type Attr, anyProp, listItems, within } from "./props";

/** One perimeter's configuration block as written: its enforced `status` or its dry-run `spec`. */
export interface PerimeterConfig {
    /** The perimeter's own block (the resource itself, or one item of `servicePerimeters`). */
    perimeter: Attr | Resource;
    status: Attr;
    spec: Attr;
    perimeterType: Attr;
}

/**
 * The perimeters a VPC Service Controls resource declares: a `ServicePerimeter` is one, a
 * `ServicePerimeters` holds a list of them (`servicePerimeters[]`, each with the same fields).
 */
export function perimeterConfigs(resource: Resource): PerimeterConfig[] {
    if (resource.type === types.servicePerimeters.token) {
        const list = anyProp(resource, "servicePerimeters");
        return listItems(resource, list).map((item) => ({
            perimeter: item,
            status: within(resource, item, "status"),
            spec: within(resource, item, "spec"),
            perimeterType: within(resource, item, "perimeterType"),
        }));
    }
    return [
        {
            perimeter: resource,
            status: anyProp(resource, "status"),
            spec: anyProp(resource, "spec"),
            perimeterType: anyProp(resource, "perimeterType"),
        },
    ];
}

/** True for a perimeter bridge, which connects perimeters and restricts nothing itself. */
export function isBridge(config: PerimeterConfig): boolean {
    return typeof config.perimeterType.value === "string" && config.perimeterType.value.trim().toUpperCase() === "PERIMETER_TYPE_BRIDGE";
}

/** The strings of a list attribute, or "unknown" when it or an item is computed. */
export function stringItems(resource: Resource, attr: Attr): string[] | "unknown" {
    if (attr.state === "unknown") return "unknown";
    const items = listItems(resource, attr);
    if (items.some((i) => i.state === "unknown")) return "unknown";
    return items.map((i) => i.value).filter((v): v is string => typeof v === "string").map((v) => v.trim());
}
