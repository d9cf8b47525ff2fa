import type { AnyControl } from "./control";
import { allControls } from "./controls";
import { type CloudProvider, type Severity, severityRank } from "./model";

/** Which controls to run. Every field narrows the selection; an empty query selects everything. */
export interface ControlQuery {
    providers?: CloudProvider[];
    /** Only controls at or above this severity. */
    minSeverity?: Severity;
    /** Controls carrying at least one of these tags. */
    tags?: string[];
    /** Only these ids. */
    ids?: string[];
    /** Never these ids. */
    excludeIds?: string[];
}

/** Selects controls from the catalog (or from `from`) by provider, severity, tag and id. */
export function selectControls(query: ControlQuery = {}, from: readonly AnyControl[] = allControls): AnyControl[] {
    return from.filter(
        (c) =>
            (!query.providers || query.providers.includes(c.provider)) &&
            (!query.minSeverity || severityRank(c.severity) >= severityRank(query.minSeverity)) &&
            (!query.tags || query.tags.some((t) => c.tags.includes(t))) &&
            (!query.ids || query.ids.includes(c.id)) &&
            (!query.excludeIds || !query.excludeIds.includes(c.id)),
    );
}

/** The control with this id (or with this peer alias, e.g. `CKV_AWS_122`). */
export function findControl(idOrAlias: string, from: readonly AnyControl[] = allControls): AnyControl | undefined {
    return (
        from.find((c) => c.id === idOrAlias) ??
        from.find((c) => Object.values(c.aliases).some((ids: string[] | undefined) => ids?.includes(idOrAlias)))
    );
}
