import * as assert from "node:assert/strict";
import type { AnyControl } from "../../catalog/control";
import { ResourceGraph } from "../../catalog/graph";
import type { Finding, Reference, Resource } from "../../catalog/model";
import type { ResourceType } from "../../catalog/resource-types";
import { type ControlSettings, checkSubject } from "../../catalog/run";
import { adaptResource } from "../../policypack/adapter";
import { policyProxy } from "../../policypack/policy-internals";

/** The engine's unknown-string sentinel, as `pulumi preview` sends a computed value. */
export const UNKNOWN = policyProxy.unknownStringValue;

/** A stack resource for edge-case tables: a type, a name and Pulumi properties (sentinels allowed). */
export interface TableResource {
    type: ResourceType;
    name: string;
    props: Record<string, unknown>;
    /** property → names of resources it depends on (`propertyDependencies`). */
    deps?: Record<string, string[]>;
}

function urnOf(type: ResourceType, name: string): string {
    return `urn:pulumi:test::mlguard::${type.token}::${name}`;
}

/** Builds the neutral graph the Pulumi front-end would build for these resources. */
export function pulumiGraph(resources: TableResource[]): ResourceGraph {
    const adapted: Resource[] = resources.map((r) =>
        adaptResource({ type: r.type.token, name: r.name, urn: urnOf(r.type, r.name), props: r.props }),
    );
    const refs: Reference[] = [];
    for (const r of resources) {
        for (const [path, names] of Object.entries(r.deps ?? {})) {
            for (const name of names) {
                const target = resources.find((t) => t.name === name);
                if (!target) throw new Error(`no resource named ${name}`);
                refs.push({ from: urnOf(r.type, r.name), path, to: urnOf(target.type, target.name) });
            }
        }
    }
    return new ResourceGraph(adapted, refs);
}

/** Runs a control over every subject in the resources and returns its findings. */
export function check(control: AnyControl, resources: TableResource[], settings?: ControlSettings): Finding[] {
    const graph = pulumiGraph(resources);
    return graph.ofType(...control.subjects).flatMap((s) => checkSubject(control, s, graph, settings));
}

/** The statuses of a control's findings, for compact assertions. */
export function statuses(control: AnyControl, resources: TableResource[], settings?: ControlSettings): string[] {
    return check(control, resources, settings).map((f) => f.status);
}

/** One row of an edge-case table: resources in, expected statuses out. */
export interface EdgeCase {
    name: string;
    resources: TableResource[];
    settings?: ControlSettings;
    expect: Array<Finding["status"]>;
    /** A fragment every failing finding's message must contain. */
    message?: RegExp;
    /** When set, whether every finding carries an exemption. */
    exempted?: boolean;
    /** The value every failing finding reports as evidence (values never go into messages). */
    evidence?: unknown;
}

/** Declares one mocha test per row. */
export function edgeCases(control: AnyControl, rows: EdgeCase[]): void {
    describe(`${control.id} edge cases`, () => {
        for (const row of rows) {
            it(row.name, () => {
                const findings = check(control, row.resources, row.settings);
                assert.deepEqual(
                    findings.map((f) => f.status),
                    row.expect,
                    findings.map((f) => `${f.status}: ${f.message}`).join("\n"),
                );
                if (row.exempted !== undefined) {
                    assert.deepEqual(findings.map((f) => !!f.exemption), findings.map(() => row.exempted));
                }
                if (row.evidence !== undefined) {
                    for (const f of findings.filter((x) => x.status === "fail")) assert.deepEqual(f.evidence?.value, row.evidence);
                }
                if (row.message) {
                    for (const f of findings.filter((x) => x.status !== "pass")) assert.match(f.message, row.message);
                }
            });
        }
    });
}
