import type { AnyControl } from "./control";
import type { ResourceGraph } from "./graph";
import type { Finding, Resource } from "./model";

/** An exemption from one control for resources matching `resource` (URN, address or name; `*` globs). */
export interface Exemption {
    resource: string;
    reason: string;
}

/** Per-control settings as a user writes them: option values plus exemptions. */
export type ControlSettings = Record<string, unknown> & { exemptions?: Exemption[] };

/** The option values a control runs with: its defaults overlaid with what the user set. */
export function resolveOptions(control: AnyControl, settings: ControlSettings | undefined): Record<string, unknown> {
    const options: Record<string, unknown> = {};
    for (const [key, spec] of Object.entries(control.options as Record<string, { default: unknown }>)) {
        const given = settings?.[key];
        options[key] = given === undefined || given === null ? spec.default : given;
    }
    return options;
}

/** A glob where `*` matches any run of characters, anchored at both ends. */
export function globToRegExp(glob: string): RegExp {
    const escaped = glob.replace(/[.+?^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*");
    return new RegExp(`^${escaped}$`);
}

/** The exemption covering a resource, if any. Exemptions without a reason never apply. */
export function findExemption(resource: Resource, exemptions: readonly Exemption[] | undefined): Exemption | undefined {
    if (!Array.isArray(exemptions)) return undefined;
    for (const e of exemptions) {
        if (!e || typeof e.resource !== "string" || typeof e.reason !== "string" || e.reason.trim() === "") continue;
        const re = globToRegExp(e.resource);
        if (re.test(resource.id) || re.test(resource.name)) return e;
    }
    return undefined;
}

/**
 * Runs one control on one subject and attaches its metadata to the results. A check that throws
 * becomes an `error` finding for that resource; the run goes on.
 */
export function checkSubject(
    control: AnyControl,
    subject: Resource,
    graph: ResourceGraph,
    settings?: ControlSettings,
    options: Record<string, unknown> = resolveOptions(control, settings),
): Finding[] {
    const exemption = findExemption(subject, settings?.exemptions);
    let results;
    try {
        results = control.check(subject, { graph, options });
    } catch (err) {
        results = [
            {
                status: "error" as const,
                message: `The check failed on this resource: ${err instanceof Error ? err.message : String(err)}`,
                location: subject.source,
            },
        ];
    }
    return results.map((r) => {
        // Written out rather than spread: results come from many check sites (many object shapes),
        // and a spread of them is slow enough to show in scans of a hundred thousand resources.
        const finding: Finding = {
            status: r.status,
            message: r.message,
            location: r.location,
            controlId: control.id,
            severity: control.severity,
            resourceId: subject.id,
            resourceType: subject.type,
            resourceName: subject.name,
            frontEnd: subject.frontEnd,
        };
        if (r.path !== undefined) finding.path = r.path;
        if (r.evidence !== undefined) finding.evidence = r.evidence;
        if (r.governs !== undefined) finding.governs = r.governs;
        if (exemption) finding.exemption = { reason: exemption.reason };
        return finding;
    });
}

/**
 * Runs controls over every subject in a graph (or only the subjects `only` accepts). `then`, when
 * given, turns each finding into what is kept as soon as it is made (a front-end's own finding),
 * so a large graph's findings are not all held twice.
 */
export function runControls<T = Finding>(
    graph: ResourceGraph,
    controls: readonly AnyControl[],
    settings: Readonly<Record<string, ControlSettings | undefined>> = {},
    only?: (subject: Resource) => boolean,
    then?: (f: Finding) => T,
): T[] {
    const findings: T[] = [];
    for (const control of controls) {
        const controlSettings = settings[control.id];
        const options = resolveOptions(control, controlSettings);
        for (const subject of graph.ofType(...control.subjects)) {
            if (only && !only(subject)) continue;
            for (const f of checkSubject(control, subject, graph, controlSettings, options)) findings.push(then ? then(f) : (f as T));
        }
    }
    return findings;
}
