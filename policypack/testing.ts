/**
 * Runs the mlguard policies in-process exactly as the policy server does: requests are real
 * `AnalyzeRequest` / `AnalyzeStackRequest` protobufs handed to `@pulumi/policy`'s own RPC handlers,
 * so properties go through the same deserialisation and unknown-checking proxy as under
 * `pulumi preview`. Use it to unit-test a Pulumi program (captured with `pulumi.runtime.setMocks`)
 * against the pack without the Pulumi CLI.
 */
import * as path from "node:path";
import type { Policy } from "@pulumi/policy";
import type { AnyControl } from "../catalog/control";
import { allControls } from "../catalog/controls";
import { type ExampleResource, isComputed, isRef } from "../catalog";
import { type PackSettings, buildPolicies } from "./policies";
import { policyProxy } from "./policy-internals";

/** One resource of a stack, as the engine describes it to the analyzer. */
export interface StackResource {
    urn: string;
    type: string;
    name: string;
    /** Inputs (Analyze) / outputs (AnalyzeStack); unknown sentinels and secret envelopes allowed. */
    props: Record<string, unknown>;
    parent?: string;
    dependencies?: string[];
    /** Property name → URNs of the resources that property's value came from. */
    propertyDependencies?: Record<string, string[]>;
}

export type EnforcementLevelName = "advisory" | "mandatory" | "disabled" | "remediate";

/** A diagnostic as the engine receives it. */
export interface PolicyDiagnostic {
    policyName: string;
    message: string;
    enforcementLevel: EnforcementLevelName;
    urn: string;
    /** `analyze` (per resource) or `analyzeStack`. */
    phase: "analyze" | "analyzeStack";
}

export interface AnalysisResult {
    diagnostics: PolicyDiagnostic[];
    /** Mandatory violations: what would make `pulumi preview` fail. */
    violations: PolicyDiagnostic[];
}

const LEVELS: EnforcementLevelName[] = ["advisory", "mandatory", "disabled", "remediate"];

interface Protos {
    analyzer: typeof import("@pulumi/pulumi/proto/analyzer_pb");
    Struct: typeof import("google-protobuf/google/protobuf/struct_pb").Struct;
    server: {
        makeAnalyzeRpcFun: RpcFactory;
        makeAnalyzeStackRpcFun: RpcFactory;
        makeRemediateRpcFun: RpcFactory;
    };
}
type Rpc = (call: { request: unknown }, callback: (err: unknown, response: unknown) => void) => void;
type RpcFactory = (packName: string, version: string, level: string, policies: Policy[]) => Rpc;

let protos: Protos | undefined;
function loadProtos(): Protos {
    if (protos) return protos;
    // The Struct class must be the very copy @pulumi/pulumi's generated stubs use.
    const pulumiDir = path.dirname(require.resolve("@pulumi/pulumi/package.json"));
    /* eslint-disable @typescript-eslint/no-require-imports */
    protos = {
        analyzer: require("@pulumi/pulumi/proto/analyzer_pb"),
        Struct: require(require.resolve("google-protobuf/google/protobuf/struct_pb", { paths: [pulumiDir] })).Struct,
        server: require("@pulumi/policy/server"),
    };
    /* eslint-enable @typescript-eslint/no-require-imports */
    return protos;
}

function invoke(rpc: Rpc, request: unknown): Promise<unknown> {
    return new Promise((resolve, reject) => rpc({ request }, (err, response) => (err ? reject(err) : resolve(response))));
}

function readDiagnostics(response: unknown, phase: PolicyDiagnostic["phase"], fallbackUrn: string): PolicyDiagnostic[] {
    const list = (response as import("@pulumi/pulumi/proto/analyzer_pb").AnalyzeResponse).getDiagnosticsList();
    return list.map((d) => ({
        policyName: d.getPolicyname(),
        message: d.getMessage(),
        enforcementLevel: LEVELS[d.getEnforcementlevel()] ?? "advisory",
        urn: d.getUrn() || fallbackUrn,
        phase,
    }));
}

/** The fields Analyze and AnalyzeStack requests share. */
interface DescribedRequest {
    setType(value: string): unknown;
    setUrn(value: string): unknown;
    setName(value: string): unknown;
    setOptions(value: InstanceType<Protos["analyzer"]["AnalyzerResourceOptions"]>): unknown;
    setProperties(value: InstanceType<Protos["Struct"]>): unknown;
}

/** The engine always sends resource options; the policy server refuses requests without them. */
function resourceOptions(analyzer: Protos["analyzer"], r: StackResource) {
    const opts = new analyzer.AnalyzerResourceOptions();
    if (r.parent) opts.setParent(r.parent);
    return opts;
}

export interface AnalyzeOptions {
    /** Levels and options per policy, in the `--policy-pack-config` shape. */
    settings?: PackSettings;
    /** Defaults to the whole catalog. */
    controls?: readonly AnyControl[];
}

/**
 * Analyzes every resource (Analyze) and then the whole stack (AnalyzeStack), as `pulumi preview`
 * would, and returns every diagnostic the pack produced.
 */
export async function analyzeStack(resources: readonly StackResource[], options: AnalyzeOptions = {}): Promise<AnalysisResult> {
    const { analyzer, Struct, server } = loadProtos();
    const describe = <T extends DescribedRequest>(req: T, r: StackResource): T => {
        req.setType(r.type);
        req.setUrn(r.urn);
        req.setName(r.name);
        req.setOptions(resourceOptions(analyzer, r));
        req.setProperties(Struct.fromJavaScript(r.props as Record<string, never>));
        return req;
    };
    const policies = buildPolicies(options.controls ?? allControls, options.settings);
    const analyze = server.makeAnalyzeRpcFun("mlguard", "0.0.0-test", "advisory", policies);
    const analyzeStackRpc = server.makeAnalyzeStackRpcFun("mlguard", "0.0.0-test", "advisory", policies);
    const diagnostics: PolicyDiagnostic[] = [];
    for (const r of resources) {
        const req = describe(new analyzer.AnalyzeRequest(), r);
        diagnostics.push(...readDiagnostics(await invoke(analyze, req), "analyze", r.urn));
    }
    const stackReq = new analyzer.AnalyzeStackRequest();
    stackReq.setResourcesList(
        resources.map((r) => {
            const ar = describe(new analyzer.AnalyzerResource(), r);
            if (r.parent) ar.setParent(r.parent);
            ar.setDependenciesList(r.dependencies ?? []);
            const deps = ar.getPropertydependenciesMap();
            for (const [prop, urns] of Object.entries(r.propertyDependencies ?? {})) {
                const pd = new analyzer.AnalyzerPropertyDependencies();
                pd.setUrnsList(urns);
                deps.set(prop, pd);
            }
            return ar;
        }),
    );
    diagnostics.push(...readDiagnostics(await invoke(analyzeStackRpc, stackReq), "analyzeStack", ""));
    return { diagnostics, violations: diagnostics.filter((d) => d.enforcementLevel === "mandatory") };
}

/** The URN the examples and tests give a resource. */
export function exampleUrn(type: string, name: string, stack = "dev", project = "mlguard-example"): string {
    return `urn:pulumi:${stack}::${project}::${type}::${name}`;
}

/**
 * Turns a catalog example into the resources `pulumi preview` would send: each `ref(name, attr)`
 * becomes the unknown-string sentinel plus a `propertyDependencies` entry on the top-level property
 * that holds it, each `computed()` becomes the sentinel alone.
 */
export function exampleToStack(example: readonly ExampleResource[]): StackResource[] {
    const urnByName = new Map<string, string>();
    for (const r of example) {
        if (urnByName.has(r.name)) throw new Error(`example resources must have unique names: ${r.name} appears twice`);
        urnByName.set(r.name, exampleUrn(r.type.token, r.name));
    }
    return example.map((r) => {
        const urn = urnByName.get(r.name)!;
        const propertyDependencies: Record<string, string[]> = {};
        const convert = (value: unknown, top: string): unknown => {
            if (isRef(value)) {
                const target = urnByName.get(value.$ref.name);
                if (!target) throw new Error(`example resource ${r.name} refers to unknown resource ${value.$ref.name}`);
                const list = (propertyDependencies[top] ??= []);
                if (!list.includes(target)) list.push(target);
                return policyProxy.unknownStringValue;
            }
            if (isComputed(value)) return policyProxy.unknownStringValue;
            if (Array.isArray(value)) return value.map((v) => convert(v, top));
            if (value && typeof value === "object") {
                const out: Record<string, unknown> = {};
                for (const [k, v] of Object.entries(value)) out[k] = convert(v, top);
                return out;
            }
            return value;
        };
        const props: Record<string, unknown> = {};
        for (const [k, v] of Object.entries(r.props)) props[k] = convert(v, k);
        const dependencies = [...new Set(Object.values(propertyDependencies).flat())];
        return { urn, type: r.type.token, name: r.name, props, dependencies, propertyDependencies };
    });
}

/** How a program runs under `captureProgram`. */
export interface CaptureOptions {
    /** Preview mode (default true): values the mocks do not provide stay unknown, as in `pulumi preview`. */
    preview?: boolean;
    project?: string;
    stack?: string;
    /** Extra outputs a mocked resource reports (e.g. `arn`), by type token; inputs are echoed back anyway. */
    outputs?: (type: string, name: string, inputs: Record<string, unknown>) => Record<string, unknown>;
    /** The id a mocked resource gets during an update (default `<name>-id`). */
    id?: (type: string, name: string, inputs: Record<string, unknown>) => string | undefined;
    /** Results of data-source invokes (e.g. `aws:index/getCallerIdentity:getCallerIdentity`); default: the inputs echoed. */
    call?: (token: string, inputs: Record<string, unknown>) => Record<string, unknown> | undefined;
    /** Sees what the engine knows of each registration beyond `StackResource` (custom or component, protect). */
    onRegister?: (registered: { urn: string; custom: boolean; protect: boolean }) => void;
}

interface RegisterRequest {
    getType(): string;
    getName(): string;
    getParent(): string;
    getCustom(): boolean;
    getDependenciesList(): string[];
    getPropertydependenciesMap(): { forEach(cb: (value: { getUrnsList(): string[] }, key: string) => void): void };
    getObject(): { toJavaScript(): Record<string, unknown> } | undefined;
    getProtect(): boolean;
}

/**
 * What a provider reports after creating a resource, beyond its inputs: during an update AWS
 * resources have an ARN; during a preview it is unknown, so nothing is reported.
 */
function defaultOutputs(type: string, name: string, preview: boolean): Record<string, unknown> {
    if (preview || !type.startsWith("aws:")) return {};
    const service = type.slice(4, type.indexOf("/"));
    return { arn: `arn:aws:${service}:eu-west-1:111122223333:${name}` };
}

/**
 * Runs a Pulumi program under `pulumi.runtime.setMocks` and returns every resource it registered,
 * in the engine's wire form (unknown sentinels, secret envelopes, parent, dependencies and
 * `propertyDependencies`), ready for `analyzeStack`. Components are included, as the engine
 * analyzes them too.
 */
export async function captureProgram(program: () => unknown, options: CaptureOptions = {}): Promise<StackResource[]> {
    /* eslint-disable @typescript-eslint/no-require-imports */
    const pulumi = require("@pulumi/pulumi") as typeof import("@pulumi/pulumi");
    const settings = require("@pulumi/pulumi/runtime/settings") as {
        getMonitor(): { registerResource(req: RegisterRequest, cb: (err: unknown, res: { getUrn(): string }) => void): void };
        waitForRPCs(): Promise<void>;
    };
    /* eslint-enable @typescript-eslint/no-require-imports */
    const captured: StackResource[] = [];
    const preview = options.preview ?? true;
    await pulumi.runtime.setMocks(
        {
            // In preview the engine does not know new resources' ids yet: an empty id is unknown.
            newResource: (args) => ({
                id: preview ? "" : (options.id?.(args.type, args.name, args.inputs) ?? `${args.name}-id`),
                state: { ...defaultOutputs(args.type, args.name, preview), ...args.inputs, ...(options.outputs?.(args.type, args.name, args.inputs) ?? {}) },
            }),
            call: (args) => options.call?.(args.token, args.inputs) ?? args.inputs,
        },
        options.project ?? "mlguard-example",
        options.stack ?? "dev",
        preview,
    );
    const monitor = settings.getMonitor();
    const register = monitor.registerResource.bind(monitor);
    monitor.registerResource = (req, callback) =>
        register(req, (err, res) => {
            if (!err && res) {
                const propertyDependencies: Record<string, string[]> = {};
                req.getPropertydependenciesMap().forEach((v, k) => (propertyDependencies[k] = v.getUrnsList()));
                captured.push({
                    urn: res.getUrn(),
                    type: req.getType(),
                    name: req.getName(),
                    props: req.getObject()?.toJavaScript() ?? {},
                    parent: req.getParent() || undefined,
                    dependencies: req.getDependenciesList(),
                    propertyDependencies,
                });
                options.onRegister?.({ urn: res.getUrn(), custom: req.getCustom(), protect: req.getProtect() });
            }
            callback(err, res);
        });
    await program();
    await settings.waitForRPCs();
    return captured;
}

/**
 * Captures a Pulumi program given as a module path (a directory with `index.js`, or a file). The
 * module is loaded afresh each time, so the same program can be captured in preview and update mode.
 */
export function captureModule(modulePath: string, options: CaptureOptions = {}): Promise<StackResource[]> {
    const resolved = require.resolve(modulePath);
    return captureProgram(() => {
        delete require.cache[resolved];
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        return require(resolved);
    }, options);
}
