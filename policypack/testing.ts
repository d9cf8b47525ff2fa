/**
 * Runs the mlguard policies in-process exactly as the policy server does: requests are real
 * `AnalyzeRequest` / `AnalyzeStackRequest` protobufs handed to `@pulumi/policy`'s own RPC handlers,
 * so properties go through the same deserialisation and unknown-checking proxy as under
 * `pulumi preview`. Use it to unit-test a Pulumi program (captured with `pulumi.runtime.setMocks`)
 * against the pack without the Pulumi CLI.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import type { Policy } from "@pulumi/policy";
import type { AnyControl } from "../catalog/control";
import { allControls } from "../catalog/controls";
import { type ExampleResource, isComputed, isRef } from "../catalog";
import { exceptionsPolicy } from "./exceptions";
import { type PackSettings, buildPolicies } from "./policies";
import { defaultCall, defaultId, defaultOutputs } from "./mocks";
import { type CheckedDiagnostic, mergeModes } from "./modes";
import { policyProxy } from "./policy-internals";

export { type CheckedDiagnostic, mergeModes } from "./modes";
export { MOCK_ACCOUNT_ID, MOCK_AWS_REGION, MOCK_GCP_PROJECT, MOCK_GCP_PROJECT_NUMBER, MOCK_GCP_REGION, defaultCall, defaultId, defaultOutputs, renderPolicyDocument } from "./mocks";

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

let identity: { name: string; version: string } | undefined;
/** The pack's name and version as `pulumi preview` shows them (`mlguard@v0.1.0`), from the package that ships it. */
export function packIdentity(): { name: string; version: string } {
    if (identity) return identity;
    // This file runs from dist/policypack/; the package root holds package.json.
    const pkg = JSON.parse(fs.readFileSync(path.resolve(__dirname, "..", "..", "package.json"), "utf8")) as { version: string };
    identity = { name: "mlguard", version: pkg.version };
    return identity;
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
    /** Include the pack-level policy that reports recorded exceptions (default: true, as the pack does). */
    exceptions?: boolean;
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
    if (options.exceptions !== false) policies.push(exceptionsPolicy);
    const { name, version } = packIdentity();
    const analyze = server.makeAnalyzeRpcFun(name, version, "advisory", policies);
    const analyzeStackRpc = server.makeAnalyzeStackRpcFun(name, version, "advisory", policies);
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

/** A config value: strings as `pulumi config set` stores them; other values are stored as JSON; `{ secret }` as a secret. */
export type ConfigValue = string | number | boolean | null | object | { secret: string | number | boolean | object };

/** How a program runs under `captureProgram`. */
export interface CaptureOptions {
    /** Preview mode (default true): values the mocks do not provide stay unknown, as in `pulumi preview`. */
    preview?: boolean;
    /** `pulumi.getProject()` (default `mlguard-example`); also the namespace of config keys written without one. */
    project?: string;
    /** `pulumi.getStack()` (default `dev`). */
    stack?: string;
    /** `pulumi.getOrganization()` (default `organization`, as the Pulumi runtime's own default). */
    organization?: string;
    /**
     * Stack config as `pulumi config set` writes it: `"bucketName"` is read by `new pulumi.Config()`
     * (the project's namespace), `"aws:region"` by `new pulumi.Config("aws")`. `{ secret: value }`
     * is a secret (`config.requireSecret`). Non-string values are stored as JSON (`getObject`).
     */
    config?: Record<string, ConfigValue>;
    /** Extra outputs a mocked resource reports, merged over the inputs and `defaultOutputs` (update mode only). */
    outputs?: (type: string, name: string, inputs: Record<string, unknown>) => Record<string, unknown> | undefined;
    /** The id a mocked resource gets during an update (default `defaultId`: a computed id or `<name>-id`). */
    id?: (type: string, name: string, inputs: Record<string, unknown>) => string | undefined;
    /**
     * Results of data-source invokes (e.g. `aws:index/getCallerIdentity:getCallerIdentity`). Return
     * `undefined` to fall back to `defaultCall` (the identity and policy-document look-ups of both
     * clouds); a token neither answers returns an empty result.
     */
    call?: (token: string, inputs: Record<string, unknown>) => Record<string, unknown> | undefined;
    /**
     * Receives the stack outputs an exported-function program returns, resolved (values unknown in
     * preview are `undefined`).
     */
    onOutputs?: (outputs: Record<string, unknown>) => void;
    /** Sees what the engine knows of each registration beyond `StackResource` (custom or component, protect, where it was constructed). */
    onRegister?: (registered: { urn: string; custom: boolean; protect: boolean; stack: SourceFrame[] }) => void;
    /**
     * Directory to load `@pulumi/pulumi` from: the program's own copy, which is the one its
     * resources register with (default: the copy mlguard resolves; `captureModule` passes the
     * module's directory).
     */
    resolveFrom?: string;
}

/** One frame of the call stack at a resource's construction, innermost first (source-mapped when source maps are enabled). */
export interface SourceFrame {
    /** `file://` URI. */
    uri: string;
    line: number;
    column: number;
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
    getStacktrace?(): { getFramesList(): Array<{ getPc(): { getUri(): string; getLine(): number; getColumn(): number } | undefined }> } | undefined;
}

type PulumiModule = typeof import("@pulumi/pulumi");
interface PulumiSettings {
    getMonitor(): { registerResource(req: RegisterRequest, cb: (err: unknown, res: { getUrn(): string }) => void): void };
    waitForRPCs(): Promise<void>;
}

/* eslint-disable @typescript-eslint/no-require-imports */
function loadPulumi(resolveFrom: string | undefined): { pulumi: PulumiModule; settings: PulumiSettings } {
    const resolve = (id: string) => {
        if (resolveFrom) {
            try {
                return require.resolve(id, { paths: [resolveFrom] });
            } catch {
                // The program has no copy of its own: it resolves ours.
            }
        }
        return require.resolve(id);
    };
    return { pulumi: require(resolve("@pulumi/pulumi")), settings: require(resolve("@pulumi/pulumi/runtime/settings")) };
}
/* eslint-enable @typescript-eslint/no-require-imports */

function stackOf(req: RegisterRequest): SourceFrame[] {
    const frames = req.getStacktrace?.()?.getFramesList() ?? [];
    const out: SourceFrame[] = [];
    for (const f of frames) {
        const pc = f.getPc();
        if (pc && pc.getUri()) out.push({ uri: pc.getUri(), line: pc.getLine(), column: pc.getColumn() });
    }
    return out;
}

/** The config map `setAllConfig` takes, plus the keys that are secret. */
function configEntries(config: Record<string, ConfigValue>, project: string): { values: Record<string, string>; secrets: string[] } {
    const values: Record<string, string> = {};
    const secrets: string[] = [];
    for (const [key, raw] of Object.entries(config)) {
        const full = key.includes(":") ? key : `${project}:${key}`;
        const isSecret = raw !== null && typeof raw === "object" && !Array.isArray(raw) && Object.keys(raw).length === 1 && "secret" in raw;
        const value = isSecret ? (raw as { secret: unknown }).secret : raw;
        values[full] = typeof value === "string" ? value : JSON.stringify(value);
        if (isSecret) secrets.push(full);
    }
    return { values, secrets };
}

/** Resolved outputs with the runtime's unknown markers (`{ __pulumiUnknown: true }`) as `undefined`. */
function withoutUnknowns(value: unknown): unknown {
    if (Array.isArray(value)) return value.map(withoutUnknowns);
    if (value && typeof value === "object") {
        if ((value as { __pulumiUnknown?: unknown }).__pulumiUnknown === true) return undefined;
        if (Object.getPrototypeOf(value) !== Object.prototype) return value;
        return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, withoutUnknowns(v)]));
    }
    return value;
}

/**
 * `setMocks` and config live in the process-wide Pulumi store: captures run one after another,
 * never interleaved, whoever calls them.
 */
let queue: Promise<unknown> = Promise.resolve();

/**
 * Runs a Pulumi program under `pulumi.runtime.setMocks` and returns every resource it registered,
 * in the engine's wire form (unknown sentinels, secret envelopes, parent, dependencies and
 * `propertyDependencies`), ready for `analyzeStack`. Components are included, as the engine
 * analyzes them too.
 *
 * `program` may return a function (an `export = async () => { … }` program): it is called and
 * awaited, as the Pulumi runtime does. Whether the program succeeds or throws, the capture waits
 * for every operation the runtime still has in flight (a component's `registerOutputs`, a pending
 * registration) before it resolves or rejects, so nothing from one capture reaches the next.
 */
export function captureProgram(program: () => unknown, options: CaptureOptions = {}): Promise<StackResource[]> {
    const run = queue.then(() => captureNow(program, options));
    queue = run.catch(() => undefined);
    return run;
}

async function captureNow(program: () => unknown, options: CaptureOptions): Promise<StackResource[]> {
    const { pulumi, settings } = loadPulumi(options.resolveFrom);
    const captured: StackResource[] = [];
    const preview = options.preview ?? true;
    const project = options.project ?? "mlguard-example";
    await pulumi.runtime.setMocks(
        {
            // In preview the engine does not know new resources' ids yet: an empty id is unknown.
            newResource: (args) => ({
                id: preview ? "" : (options.id?.(args.type, args.name, args.inputs) ?? defaultId(args.type, args.name, args.inputs)),
                state: preview
                    ? { ...args.inputs }
                    : { ...defaultOutputs(args.type, args.name, args.inputs), ...args.inputs, ...(options.outputs?.(args.type, args.name, args.inputs) ?? {}) },
            }),
            call: (args) => options.call?.(args.token, args.inputs) ?? defaultCall(args.token, args.inputs) ?? {},
        },
        project,
        options.stack ?? "dev",
        preview,
        options.organization ?? "organization",
    );
    const { values, secrets } = configEntries(options.config ?? {}, project);
    pulumi.runtime.setAllConfig(values, secrets);
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
                options.onRegister?.({ urn: res.getUrn(), custom: req.getCustom(), protect: req.getProtect(), stack: stackOf(req) });
            }
            callback(err, res);
        });
    try {
        let result = await program();
        // An `export = () => …` / `export default async () => …` program: the runtime calls it.
        if (result && typeof result === "object" && (result as { __esModule?: boolean }).__esModule && typeof (result as { default?: unknown }).default === "function") {
            result = (result as { default: unknown }).default;
        }
        if (typeof result === "function") {
            // What the function returns are the stack outputs: resolve them, as the runtime does
            // when it registers them, so an output that fails fails the capture.
            const returned = await (result as () => unknown)();
            if (returned !== undefined) {
                const outputs = await (pulumi.output(returned) as unknown as { promise(withUnknowns?: boolean): Promise<unknown> }).promise(true);
                options.onOutputs?.((withoutUnknowns(outputs) ?? {}) as Record<string, unknown>);
            }
        }
    } finally {
        // Wait for what the program left in flight, even when it threw: a late operation would
        // otherwise reach the next capture's mock monitor ("unknown resource urn:…").
        await settings.waitForRPCs().catch(() => undefined);
        pulumi.runtime.setAllConfig({}, []);
    }
    await settings.waitForRPCs();
    return captured;
}

/**
 * Captures a Pulumi program given as a module path (a directory with `index.js`, or a file). The
 * module is loaded afresh each time, so the same program can be captured in preview and update
 * mode. A module exporting a function (`export = async () => { … }`) is run as the Pulumi runtime
 * runs it.
 */
export function captureModule(modulePath: string, options: CaptureOptions = {}): Promise<StackResource[]> {
    const resolved = require.resolve(modulePath);
    return captureProgram(
        () => {
            delete require.cache[resolved];
            // eslint-disable-next-line @typescript-eslint/no-require-imports
            return require(resolved);
        },
        { resolveFrom: path.dirname(resolved), ...options },
    );
}

export interface CheckResult {
    preview: AnalysisResult;
    update: AnalysisResult;
    /**
     * Both modes merged: one entry per policy, resource and message, at the worst level it had.
     * A policy that could only advise in preview (a computed policy document) and found a
     * violation in update appears once per message.
     */
    diagnostics: CheckedDiagnostic[];
    /** Mandatory entries of `diagnostics`: what would fail `pulumi preview` or `pulumi up`. */
    violations: CheckedDiagnostic[];
}

/**
 * Captures a program (a module path, as `captureModule`) in preview and in update mode, analyzes
 * both with the pack and returns both reports plus their merge. Check both: a preview leaves
 * computed values unknown, so a policy document built from a resource's ARN only advises there,
 * while the update sees the document and can reject it.
 */
export async function checkProgram(modulePath: string, options: Omit<CaptureOptions, "preview"> & AnalyzeOptions = {}): Promise<CheckResult> {
    const { settings, controls, exceptions, ...capture } = options;
    const analyze = { settings, controls, exceptions };
    const preview = await analyzeStack(await captureModule(modulePath, { ...capture, preview: true }), analyze);
    const update = await analyzeStack(await captureModule(modulePath, { ...capture, preview: false }), analyze);
    const diagnostics = mergeModes([
        ["preview", preview],
        ["update", update],
    ]);
    return { preview, update, diagnostics, violations: diagnostics.filter((d) => d.enforcementLevel === "mandatory") };
}
