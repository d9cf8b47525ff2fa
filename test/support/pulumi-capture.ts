/**
 * Component-test capture: runs a program under `pulumi.runtime.setMocks` through the pack's
 * `captureProgram` (which wraps the mock monitor's `registerResource` to record parent, dependencies
 * and property dependencies) and adds what component tests need on top: realistic computed outputs
 * (ARNs, ids, emails) in update mode, answers to the identity look-ups the components make, and
 * whether each resource is custom and protected. `toStackResources` hands a capture to
 * `analyzeStack`, so a component is checked by the very policy pack that guards user stacks.
 *
 * `setMocks` keeps its state in the process-wide Pulumi store; every capture installs a fresh mock
 * monitor (`setMocks` resets the runtime options), so captures never leak into each other.
 */
import type * as pulumi from "@pulumi/pulumi";
import { type ConfigValue, type StackResource, captureProgram, defaultCall, defaultOutputs } from "../../policypack/testing";
import { policyProxy } from "../../policypack/policy-internals";

/** One registered resource as the engine would record it. */
export interface CapturedResource {
    urn: string;
    type: string;
    name: string;
    /** Custom resource (provider-managed) or component. */
    custom: boolean;
    /** Inputs in wire form: unknown values are the engine's unknown sentinel, secrets are envelopes. */
    inputs: Record<string, unknown>;
    parent?: string;
    dependencies: string[];
    propertyDependencies: Record<string, string[]>;
    protect: boolean;
}

export interface CaptureOptions {
    /** `true` runs as `pulumi preview`: outputs the mocks do not echo stay unknown. */
    preview?: boolean;
    project?: string;
    stack?: string;
    /** Extra outputs per resource (after the defaults); return `undefined` to keep the defaults. */
    outputs?: (args: pulumi.runtime.MockResourceArgs) => Record<string, unknown> | undefined;
    /** Invoke results; the defaults answer the AWS/GCP identity look-ups the components use. */
    call?: (args: { token: string; inputs: Record<string, unknown> }) => Record<string, unknown> | undefined;
    /** Stack config, as `captureProgram` takes it. */
    config?: Record<string, ConfigValue>;
}

export { MOCK_ACCOUNT_ID, MOCK_AWS_REGION, MOCK_GCP_PROJECT, MOCK_GCP_PROJECT_NUMBER } from "../../policypack/mocks";

/**
 * Runs `program` under mocks (through the pack's own `captureProgram`) and returns every resource
 * it registered, in registration order, with realistic computed outputs and identity look-ups.
 * Errors thrown by the program (e.g. a component rejecting its inputs) propagate.
 */
export async function capturePulumi(program: () => unknown, options: CaptureOptions = {}): Promise<CapturedResource[]> {
    const preview = options.preview ?? false;
    const extra = new Map<string, { custom: boolean; protect: boolean }>();
    const resources = await captureProgram(program, {
        preview,
        project: options.project ?? "mlguard-test",
        stack: options.stack ?? "dev",
        ...(options.config ? { config: options.config } : {}),
        // During preview the engine only knows the inputs; computed outputs stay unknown.
        outputs: (type, name, inputs) => (preview ? {} : { ...defaultOutputs(type, name, inputs), ...inputs, ...(options.outputs?.({ type, name, inputs, custom: true }) ?? {}) }),
        call: (token, inputs) => ({ ...(defaultCall(token, inputs) ?? {}), ...(options.call?.({ token, inputs }) ?? {}) }),
        onRegister: (r) => extra.set(r.urn, r),
    });
    return resources.map((r) => ({
        urn: r.urn,
        type: r.type,
        name: r.name,
        custom: extra.get(r.urn)?.custom ?? true,
        inputs: r.props,
        parent: r.parent,
        dependencies: r.dependencies ?? [],
        propertyDependencies: r.propertyDependencies ?? {},
        protect: extra.get(r.urn)?.protect ?? false,
    }));
}

const UNKNOWN_WIRE = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/** Captured resources → what `pulumi preview` sends the analyzer (unknowns as the policy sentinel). */
export function toStackResources(resources: readonly CapturedResource[]): StackResource[] {
    const convert = (v: unknown): unknown => {
        if (v === UNKNOWN_WIRE) return policyProxy.unknownStringValue;
        if (Array.isArray(v)) return v.map(convert);
        if (v && typeof v === "object") return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, convert(x)]));
        return v;
    };
    return resources.map((r) => ({
        urn: r.urn,
        type: r.type,
        name: r.name,
        props: convert(r.inputs) as Record<string, unknown>,
        parent: r.parent,
        dependencies: r.dependencies,
        propertyDependencies: r.propertyDependencies,
    }));
}

/** Lookup helpers for assertions. */
export class Capture {
    constructor(readonly resources: readonly CapturedResource[]) {}

    ofType(type: string): CapturedResource[] {
        return this.resources.filter((r) => r.type === type);
    }

    /** The single resource of `type` (optionally whose name ends with `suffix`); throws otherwise. */
    one(type: string, suffix?: string): CapturedResource {
        const found = this.ofType(type).filter((r) => suffix === undefined || r.name.endsWith(suffix));
        if (found.length !== 1) {
            throw new Error(`expected one ${type}${suffix ? ` named *${suffix}` : ""}, found ${found.map((r) => r.name).join(", ") || "none"}`);
        }
        return found[0]!;
    }

    byUrn(urn: string): CapturedResource | undefined {
        return this.resources.find((r) => r.urn === urn);
    }

    /** True when `prop` of `resource` takes its value from `target` (a property dependency). */
    dependsThrough(resource: CapturedResource, prop: string, target: CapturedResource): boolean {
        return (resource.propertyDependencies[prop] ?? []).includes(target.urn);
    }
}

export function isUnknownWire(v: unknown): boolean {
    return v === UNKNOWN_WIRE;
}

/**
 * Captures a Pulumi program given as a module path (loaded afresh each time), with `config` set as
 * `pulumi config set` would (keys without a namespace get the project's).
 */
export function captureProgramModule(modulePath: string, options: CaptureOptions = {}): Promise<CapturedResource[]> {
    const resolved = require.resolve(modulePath);
    return capturePulumi(() => {
        delete require.cache[resolved];
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        return require(resolved);
    }, { ...options, project: options.project ?? "mlguard-test" });
}
