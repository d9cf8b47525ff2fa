/**
 * Plays the Pulumi engine's part against a policy pack, with no Pulumi CLI: launches the pack the way
 * `pulumi preview --policy-pack DIR` does (same command line, working directory and environment),
 * reads the port from the first stdout line byte by byte, dials it with `@pulumi/pulumi`'s generated
 * Analyzer stubs and speaks the Analyzer protocol, encoding values exactly as the engine does
 * (unknown sentinels, secret envelopes). Results come back as plain JS.
 *
 * Shared by the engine-protocol tests and the pack benchmark, so it must not import mocha.
 */
import { type ChildProcess, spawn } from "node:child_process";
import * as net from "node:net";
import * as path from "node:path";
import type * as grpcTypes from "@grpc/grpc-js";
import type * as analyzerPbTypes from "@pulumi/pulumi/proto/analyzer_pb";
import type * as analyzerGrpcTypes from "@pulumi/pulumi/proto/analyzer_grpc_pb";
import type * as emptyPbTypes from "google-protobuf/google/protobuf/empty_pb";
import type * as structPbTypes from "google-protobuf/google/protobuf/struct_pb";
import type { StackResource } from "../../policypack/testing";
import { atProcessEnd } from "./process-end";

/** The mlguard pack directory: what a user passes to `--policy-pack`. */
export const PACK_DIR = path.resolve(__dirname, "../../../policypack");

// ---------------------------------------------------------------------------------------------
// Wire encoding (sdk/go/common/resource/plugin/rpc.go). Written out here rather than taken from
// @pulumi/policy so that the harness checks the pack against the engine's constants, not its own.

/** The strings the engine sends, per kind, for a value that is unknown during preview. */
export const UNKNOWN = {
    string: "04da6b54-80e4-46f7-96ec-b56ff0331ba9",
    bool: "1c4a061d-8072-4f0a-a4cb-0ff528b18fe7",
    number: "3eeb2bf0-c639-47a8-9e75-3b44932eb421",
    array: "6a19a0b0-7e62-4c92-b797-7f8e31da9cc2",
    asset: "030794c1-ac77-496b-92df-f27374a8bd58",
    archive: "e48ece36-62e2-4504-bad9-02848725956a",
    object: "dd056dcd-154b-4c76-9bd3-c8f88648b5ff",
} as const;

/** All seven unknown sentinels. */
export const UNKNOWN_SENTINELS: readonly string[] = Object.values(UNKNOWN);

/** The key that marks a special object (secret, asset, archive) inside a Struct. */
export const SIG_KEY = "4dabf18193072939515e22adb298388d";
/** The signature value of a secret envelope. */
export const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";

/** A secret as it travels inside a Struct. */
export interface SecretEnvelope<T = unknown> {
    [SIG_KEY]: typeof SECRET_SIG;
    value: T;
}

/** Wraps a value the way the engine marshals a secret (`KeepSecrets: true`). */
export function secret<T>(value: T): SecretEnvelope<T> {
    return { [SIG_KEY]: SECRET_SIG, value };
}

/** True for a secret envelope (as sent, or as decoded from a response). */
export function isSecret(value: unknown): value is SecretEnvelope {
    return typeof value === "object" && value !== null && (value as Record<string, unknown>)[SIG_KEY] === SECRET_SIG;
}

// ---------------------------------------------------------------------------------------------
// Protocol types, as plain JS.

export type EnforcementLevelName = "advisory" | "mandatory" | "disabled" | "remediate";
export type SeverityName = "low" | "medium" | "high" | "critical";

/** Indexed by the protobuf enum value: note that 0 is ADVISORY, so an omitted level downgrades. */
const LEVELS: readonly EnforcementLevelName[] = ["advisory", "mandatory", "disabled", "remediate"];
const SEVERITIES: readonly (SeverityName | undefined)[] = [undefined, "low", "medium", "high", "critical"];

/** A resource as the engine describes it in Analyze / AnalyzeStack / Remediate. */
export interface AnalyzerResource extends StackResource {
    provider?: { type: string; name: string; urn: string; props: Record<string, unknown> };
    options?: { protect?: boolean; ignoreChanges?: string[]; aliases?: string[]; additionalSecretOutputs?: string[] };
}

/** A diagnostic as the engine receives it. */
export interface Diagnostic {
    policyName: string;
    policyPackName: string;
    policyPackVersion: string;
    description: string;
    message: string;
    enforcementLevel: EnforcementLevelName;
    /** Empty when the pack did not attribute the diagnostic (the engine then uses the analyzed resource / root stack). */
    urn: string;
    severity?: SeverityName;
}

/** What Analyze / AnalyzeStack return. */
export interface AnalyzeResult {
    diagnostics: Diagnostic[];
    notApplicable: Array<{ policyName: string; reason: string }>;
}

/** One remediation. `properties` keep secret envelopes, so secretness can be asserted with {@link isSecret}. */
export interface RemediationResult {
    policyName: string;
    policyPackName: string;
    policyPackVersion: string;
    description: string;
    properties?: Record<string, unknown>;
    /** Set instead of properties when the remediation could not run (e.g. an unknown value). */
    diagnostic?: string;
}

export interface RemediateResult {
    remediations: RemediationResult[];
    notApplicable: Array<{ policyName: string; reason: string }>;
}

/** A policy as GetAnalyzerInfo describes it. */
export interface PolicyInfo {
    name: string;
    displayName: string;
    description: string;
    enforcementLevel: EnforcementLevelName;
    severity?: SeverityName;
    policyType: "resource" | "stack" | "unspecified";
    configSchema?: { properties: Record<string, Record<string, unknown>>; required: string[] };
    remediationSteps: string;
    url: string;
    tags: string[];
}

export interface AnalyzerInfo {
    name: string;
    displayName: string;
    version: string;
    supportsConfig: boolean;
    description: string;
    tags: string[];
    policies: PolicyInfo[];
    initialConfig: Record<string, PolicyConfig>;
}

/** A policy's configuration as the engine sends it in Configure. */
export interface PolicyConfig {
    enforcementLevel: EnforcementLevelName;
    properties?: Record<string, unknown>;
}

/** Per policy: a level and/or properties; what is left out keeps its default. */
export interface PolicyConfigOverride {
    enforcementLevel?: EnforcementLevelName;
    properties?: Record<string, unknown>;
}

/**
 * A `--policy-pack-config` file: per policy (or `all`) a level string, or an object with an
 * optional `enforcementLevel` and the policy's properties, flat.
 */
export type PolicyPackConfigFile = Record<string, EnforcementLevelName | ({ enforcementLevel?: EnforcementLevelName } & Record<string, unknown>)>;

/** Stack identity the engine hands a pack (env vars and ConfigureStack). */
export interface StackIdentity {
    organization: string;
    project: string;
    stack: string;
    dryRun: boolean;
    /** Stack config (`aws:region` → value), passed as `PULUMI_CONFIG` JSON and in ConfigureStack. */
    config: Record<string, string>;
    tags: Record<string, string>;
}

export interface StartOptions {
    /** Extra environment, applied over the engine's variables. */
    env?: Record<string, string>;
    /** Flags the CLI puts before the engine address (`--logtostderr`, `-v=9`, `--tracing X`). */
    args?: string[];
    stack?: Partial<StackIdentity>;
    /** How long to wait for the port line; generous because CI machines are slow. Default 60 s. */
    startTimeoutMs?: number;
    /** Node binary; the CLI runs `node` from PATH, the harness defaults to the running one. */
    nodeBin?: string;
}

// ---------------------------------------------------------------------------------------------
// Protobuf / gRPC modules: the very copies @pulumi/pulumi's generated stubs load, so `instanceof`
// checks inside the stubs (and Struct / Empty identity) hold.

interface Wire {
    grpc: typeof grpcTypes;
    pb: typeof analyzerPbTypes;
    rpc: typeof analyzerGrpcTypes;
    Struct: typeof structPbTypes.Struct;
    Empty: typeof emptyPbTypes.Empty;
}

let wire: Wire | undefined;

function loadWire(): Wire {
    if (wire) return wire;
    const pulumiDir = path.dirname(require.resolve("@pulumi/pulumi/package.json"));
    const fromPulumi = (id: string) => require.resolve(id, { paths: [pulumiDir] });
    /* eslint-disable @typescript-eslint/no-require-imports */
    wire = {
        grpc: require(fromPulumi("@grpc/grpc-js")),
        pb: require(path.join(pulumiDir, "proto/analyzer_pb")),
        rpc: require(path.join(pulumiDir, "proto/analyzer_grpc_pb")),
        Struct: require(fromPulumi("google-protobuf/google/protobuf/struct_pb")).Struct,
        Empty: require(fromPulumi("google-protobuf/google/protobuf/empty_pb")).Empty,
    };
    /* eslint-enable @typescript-eslint/no-require-imports */
    return wire;
}

/** Drops `undefined` (the engine never sends it; Struct.fromJavaScript would throw on it). */
function withoutUndefined(value: unknown): unknown {
    if (Array.isArray(value)) return value.map((v) => (v === undefined ? null : withoutUndefined(v)));
    if (value && typeof value === "object") {
        const out: Record<string, unknown> = {};
        for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = withoutUndefined(v);
        return out;
    }
    return value;
}

/**
 * Encodes JS properties into the `google.protobuf.Struct` the engine sends. Use {@link UNKNOWN}
 * sentinels for computed values and {@link secret} for secrets; they are ordinary strings / objects
 * on the wire.
 */
export function encodeProperties(props: Record<string, unknown>): structPbTypes.Struct {
    return loadWire().Struct.fromJavaScript(withoutUndefined(props) as Record<string, never>);
}

/** Decodes a Struct from a response to plain JS; secret envelopes are kept as they are. */
export function decodeProperties(struct: structPbTypes.Struct | undefined): Record<string, unknown> | undefined {
    return struct ? (struct.toJavaScript() as Record<string, unknown>) : undefined;
}

function levelToProto(level: EnforcementLevelName): analyzerPbTypes.EnforcementLevel {
    const i = LEVELS.indexOf(level);
    if (i < 0) throw new Error(`invalid enforcement level ${JSON.stringify(level)}`);
    return i as analyzerPbTypes.EnforcementLevel;
}

function levelFromProto(level: number): EnforcementLevelName {
    const name = LEVELS[level];
    if (!name) throw new Error(`pack sent unknown enforcement level ${level}`);
    return name;
}

function resourceOptions(pb: Wire["pb"], r: AnalyzerResource): analyzerPbTypes.AnalyzerResourceOptions {
    // The engine always sends options; @pulumi/policy rejects a request without them.
    const opts = new pb.AnalyzerResourceOptions();
    opts.setProtect(r.options?.protect ?? false);
    opts.setIgnorechangesList(r.options?.ignoreChanges ?? []);
    opts.setAliasesList(r.options?.aliases ?? []);
    opts.setAdditionalsecretoutputsList(r.options?.additionalSecretOutputs ?? []);
    if (r.parent) opts.setParent(r.parent);
    return opts;
}

function providerResource(pb: Wire["pb"], r: AnalyzerResource): analyzerPbTypes.AnalyzerProviderResource | undefined {
    if (!r.provider) return undefined;
    const p = new pb.AnalyzerProviderResource();
    p.setType(r.provider.type);
    p.setName(r.provider.name);
    p.setUrn(r.provider.urn);
    p.setProperties(encodeProperties(r.provider.props));
    return p;
}

/** Builds the AnalyzeRequest the engine sends for one resource (also used by Remediate). */
export function makeAnalyzeRequest(r: AnalyzerResource): analyzerPbTypes.AnalyzeRequest {
    const { pb } = loadWire();
    const req = new pb.AnalyzeRequest();
    req.setType(r.type);
    req.setUrn(r.urn);
    req.setName(r.name);
    req.setProperties(encodeProperties(r.props));
    req.setOptions(resourceOptions(pb, r));
    const provider = providerResource(pb, r);
    if (provider) req.setProvider(provider);
    return req;
}

/** Builds the AnalyzeStackRequest the engine sends after a preview, with parents and dependencies. */
export function makeAnalyzeStackRequest(resources: readonly AnalyzerResource[]): analyzerPbTypes.AnalyzeStackRequest {
    const { pb } = loadWire();
    const req = new pb.AnalyzeStackRequest();
    req.setResourcesList(
        resources.map((r) => {
            const ar = new pb.AnalyzerResource();
            ar.setType(r.type);
            ar.setUrn(r.urn);
            ar.setName(r.name);
            ar.setProperties(encodeProperties(r.props));
            ar.setOptions(resourceOptions(pb, r));
            const provider = providerResource(pb, r);
            if (provider) ar.setProvider(provider);
            if (r.parent) ar.setParent(r.parent);
            ar.setDependenciesList(r.dependencies ?? []);
            const deps = ar.getPropertydependenciesMap();
            for (const [prop, urns] of Object.entries(r.propertyDependencies ?? {})) {
                const pd = new pb.AnalyzerPropertyDependencies();
                pd.setUrnsList(urns);
                deps.set(prop, pd);
            }
            return ar;
        }),
    );
    return req;
}

function readAnalyzeResponse(res: analyzerPbTypes.AnalyzeResponse): AnalyzeResult {
    return {
        diagnostics: res.getDiagnosticsList().map((d) => ({
            policyName: d.getPolicyname(),
            policyPackName: d.getPolicypackname(),
            policyPackVersion: d.getPolicypackversion(),
            description: d.getDescription(),
            message: d.getMessage(),
            enforcementLevel: levelFromProto(d.getEnforcementlevel()),
            urn: d.getUrn(),
            severity: SEVERITIES[d.getSeverity()],
        })),
        notApplicable: res.getNotApplicableList().map((n) => ({ policyName: n.getPolicyName(), reason: n.getReason() })),
    };
}

// ---------------------------------------------------------------------------------------------
// The engine's config reconciliation (pkg/resource/analyzer/config.go ReconcilePolicyPackConfig).

/**
 * What the engine sends in Configure: every policy, each with a level (its own default unless
 * overridden) and its properties (schema defaults, then `initialConfig`, then the overrides).
 */
export function reconcileConfig(
    info: AnalyzerInfo,
    overrides: Record<string, PolicyConfigOverride> = {},
    all?: EnforcementLevelName,
): Record<string, PolicyConfig> {
    const result: Record<string, PolicyConfig> = {};
    for (const p of info.policies) {
        const properties: Record<string, unknown> = {};
        for (const [key, schema] of Object.entries(p.configSchema?.properties ?? {})) {
            if ("default" in schema) properties[key] = schema.default;
        }
        result[p.name] = { enforcementLevel: p.enforcementLevel, properties };
    }
    const apply = (layer: Record<string, PolicyConfigOverride>, allLevel?: EnforcementLevelName) => {
        if (allLevel) for (const c of Object.values(result)) c.enforcementLevel = allLevel;
        for (const [name, c] of Object.entries(layer)) {
            if (name === "all") continue;
            const target = (result[name] ??= { enforcementLevel: "advisory", properties: {} });
            if (c.enforcementLevel) target.enforcementLevel = c.enforcementLevel;
            Object.assign((target.properties ??= {}), c.properties ?? {});
        }
    };
    apply(info.initialConfig, info.initialConfig.all?.enforcementLevel);
    apply(overrides, all);
    const errors = info.policies.flatMap((p) => validateAgainstSchema(p, result[p.name]?.properties ?? {}));
    if (errors.length > 0) throw new Error(`policy pack config is invalid (the CLI would abort):\n${errors.join("\n")}`);
    return result;
}

/** Parses a `--policy-pack-config` file's content into the overrides {@link reconcileConfig} takes. */
export function parsePolicyPackConfigFile(file: PolicyPackConfigFile): { overrides: Record<string, PolicyConfigOverride>; all?: EnforcementLevelName } {
    const overrides: Record<string, PolicyConfigOverride> = {};
    let all: EnforcementLevelName | undefined;
    for (const [name, value] of Object.entries(file)) {
        if (name === "environments") continue;
        if (typeof value === "string") {
            levelToProto(value);
            if (name === "all") all = value;
            else overrides[name] = { enforcementLevel: value };
            continue;
        }
        const { enforcementLevel, ...properties } = value;
        if (enforcementLevel) levelToProto(enforcementLevel);
        if (name === "all") all = enforcementLevel;
        else overrides[name] = { enforcementLevel, properties };
    }
    return { overrides, all };
}

/**
 * The subset of JSON Schema the CLI's gojsonschema validation needs for our config schemas: type,
 * enum, minLength, minimum/maximum, items, properties, required, additionalProperties.
 */
function validateAgainstSchema(policy: PolicyInfo, props: Record<string, unknown>): string[] {
    const schema = { type: "object", properties: policy.configSchema?.properties ?? {}, required: policy.configSchema?.required ?? [] };
    const errors: string[] = [];
    const check = (s: Record<string, unknown>, v: unknown, at: string): void => {
        const type = s.type as string | undefined;
        const actual = v === null ? "null" : Array.isArray(v) ? "array" : typeof v;
        const typeOk =
            !type ||
            type === actual ||
            (type === "integer" && typeof v === "number" && Number.isInteger(v));
        if (!typeOk) {
            errors.push(`${policy.name}: ${at}: expected ${type}, got ${actual}`);
            return;
        }
        if (Array.isArray(s.enum) && !s.enum.some((e) => e === v)) errors.push(`${policy.name}: ${at}: not one of ${JSON.stringify(s.enum)}`);
        if (typeof v === "string" && typeof s.minLength === "number" && v.length < s.minLength) errors.push(`${policy.name}: ${at}: shorter than ${s.minLength}`);
        if (typeof v === "number" && typeof s.minimum === "number" && v < s.minimum) errors.push(`${policy.name}: ${at}: below ${s.minimum}`);
        if (typeof v === "number" && typeof s.maximum === "number" && v > s.maximum) errors.push(`${policy.name}: ${at}: above ${s.maximum}`);
        if (Array.isArray(v) && s.items) v.forEach((item, i) => check(s.items as Record<string, unknown>, item, `${at}[${i}]`));
        if (actual === "object") {
            const obj = v as Record<string, unknown>;
            const properties = (s.properties ?? {}) as Record<string, Record<string, unknown>>;
            for (const r of (s.required as string[] | undefined) ?? []) if (!(r in obj)) errors.push(`${policy.name}: ${at}: ${r} is required`);
            for (const [k, child] of Object.entries(obj)) {
                if (properties[k]) check(properties[k], child, `${at}.${k}`);
                else if (s.additionalProperties === false) errors.push(`${policy.name}: ${at}: unexpected property ${k}`);
                else if (s.additionalProperties && typeof s.additionalProperties === "object") {
                    check(s.additionalProperties as Record<string, unknown>, child, `${at}.${k}`);
                }
            }
        }
    };
    check(schema, props, "config");
    return errors;
}

// ---------------------------------------------------------------------------------------------
// Process management.

const live = new Set<ChildProcess>();

function killAllNow(): void {
    for (const child of live) {
        try {
            child.kill("SIGKILL");
        } catch {
            // already gone
        }
    }
    live.clear();
}

/** Stand-in for the engine's host server: the pack is given a real, listening address. */
function listenOnLoopback(): Promise<net.Server> {
    return new Promise((resolve, reject) => {
        const server = net.createServer((socket) => socket.destroy());
        server.once("error", reject);
        server.listen(0, "127.0.0.1", () => resolve(server));
    });
}

function describeExit(code: number | null, signal: NodeJS.Signals | null): string {
    return signal ? `killed by ${signal}` : `exited with code ${code}`;
}

interface PortLine {
    /** The first stdout line exactly as written, without its `\n`. */
    raw: string;
    port: number;
}

/**
 * Reads stdout up to the first `\n`, one byte at a time as the engine does, then strips whitespace
 * and colour codes and parses the port. Bytes after the newline stay for {@link PackProcess.stdout}.
 */
function readPortLine(child: ChildProcess, stderr: () => string, timeoutMs: number, onRest: (rest: Buffer) => void): Promise<PortLine> {
    return new Promise((resolve, reject) => {
        const bytes: number[] = [];
        let done = false;
        const finish = (err: Error | undefined, line?: PortLine) => {
            if (done) return;
            done = true;
            clearTimeout(timer);
            child.stdout!.off("data", onData);
            child.off("exit", onExit);
            if (err) reject(err);
            else resolve(line!);
        };
        const onData = (chunk: Buffer) => {
            for (let i = 0; i < chunk.length; i++) {
                if (chunk[i] !== 0x0a) {
                    bytes.push(chunk[i]);
                    continue;
                }
                onRest(chunk.subarray(i + 1));
                const raw = Buffer.from(bytes).toString("utf8");
                // eslint-disable-next-line no-control-regex
                const cleaned = raw.trim().replace(/\x1b\[[0-9;]*m/g, "");
                const port = /^[0-9]+$/.test(cleaned) ? Number(cleaned) : NaN;
                if (!(port >= 1 && port <= 65535)) {
                    finish(new Error(`policy pack wrote a non-numeric port to stdout (${JSON.stringify(raw)})\nstderr:\n${stderr()}`));
                } else {
                    finish(undefined, { raw, port });
                }
                return;
            }
        };
        const onExit = (code: number | null, signal: NodeJS.Signals | null) =>
            finish(new Error(`policy pack ${describeExit(code, signal)} before printing its port\nstdout so far: ${JSON.stringify(Buffer.from(bytes).toString("utf8"))}\nstderr:\n${stderr()}`));
        const timer = setTimeout(
            () => finish(new Error(`policy pack printed no port within ${timeoutMs} ms\nstderr:\n${stderr()}`)),
            timeoutMs,
        );
        child.stdout!.on("data", onData);
        child.on("exit", onExit);
    });
}

function unary<Req, Res>(
    client: analyzerGrpcTypes.AnalyzerClient,
    method: string,
    request: Req,
    timeoutMs: number,
): Promise<Res> {
    return new Promise((resolve, reject) => {
        const fn = (client as unknown as Record<string, Function>)[method];
        const deadline = new Date(Date.now() + timeoutMs);
        const { grpc } = loadWire();
        fn.call(client, request, new grpc.Metadata(), { deadline }, (err: grpcTypes.ServiceError | null, res: Res) => {
            if (err) {
                const e = new Error(`${method} failed: ${err.details || err.message}`) as Error & { code?: number; details?: string };
                e.code = err.code;
                e.details = err.details;
                reject(e);
            } else {
                resolve(res);
            }
        });
    });
}

/**
 * A running policy pack and a typed Analyzer client for it. Every call resolves to plain JS, or
 * rejects when the pack answers with a gRPC error (which is what fails a user's preview).
 */
export class PackProcess {
    /** The first line the pack wrote to stdout, exactly (without `\n`). */
    readonly portLine: string;
    readonly port: number;
    /** The full command line, for messages. */
    readonly commandLine: string[];
    /** Milliseconds from spawn to the port line, and to a ready channel with the handshake done. */
    readonly startup: { portLineMs: number; readyMs: number };
    private readonly child: ChildProcess;
    private readonly client: analyzerGrpcTypes.AnalyzerClient;
    private readonly engine: net.Server;
    private readonly readStdout: () => string;
    private readonly readStderr: () => string;
    private infoCache?: AnalyzerInfo;
    private exited: Promise<void>;
    /** Deadline for each call; generous because slow machines must not fail tests. */
    callTimeoutMs = 60_000;

    /** @internal use {@link startPack}. */
    constructor(init: {
        child: ChildProcess;
        client: analyzerGrpcTypes.AnalyzerClient;
        engine: net.Server;
        portLine: PortLine;
        commandLine: string[];
        startup: { portLineMs: number; readyMs: number };
        stdoutRest: () => string;
        stderr: () => string;
        exited: Promise<void>;
    }) {
        this.child = init.child;
        this.client = init.client;
        this.engine = init.engine;
        this.portLine = init.portLine.raw;
        this.port = init.portLine.port;
        this.commandLine = init.commandLine;
        this.startup = init.startup;
        this.readStdout = init.stdoutRest;
        this.readStderr = init.stderr;
        this.exited = init.exited;
    }

    /** Everything the pack wrote to stdout after the port line (the engine shows it as info diagnostics). */
    get stdout(): string {
        return this.readStdout();
    }

    /** Everything the pack wrote to stderr. */
    get stderr(): string {
        return this.readStderr();
    }

    get pid(): number | undefined {
        return this.child.pid;
    }

    /** True while the pack process runs. */
    get running(): boolean {
        return this.child.exitCode === null && this.child.signalCode === null;
    }

    private call<Req, Res>(method: string, request: Req): Promise<Res> {
        return unary<Req, Res>(this.client, method, request, this.callTimeoutMs);
    }

    /** The engine's first call. @pulumi/policy answers UNIMPLEMENTED, which the engine accepts: so does this. */
    async handshake(): Promise<"ok" | "unimplemented"> {
        const { pb, grpc } = loadWire();
        const req = new pb.AnalyzerHandshakeRequest();
        req.setEngineAddress(`127.0.0.1:${(this.engine.address() as net.AddressInfo).port}`);
        req.setRootDirectory(PACK_DIR);
        req.setProgramDirectory(PACK_DIR);
        try {
            await this.call("handshake", req);
            return "ok";
        } catch (err) {
            if ((err as { code?: number }).code === grpc.status.UNIMPLEMENTED) return "unimplemented";
            throw err;
        }
    }

    /** The plugin's version (for @pulumi/policy packs: the SDK's version). */
    async getPluginInfo(): Promise<{ version: string }> {
        const { Empty } = loadWire();
        const res = await this.call<unknown, { getVersion(): string }>("getPluginInfo", new Empty());
        return { version: res.getVersion() };
    }

    /** The pack's metadata and policies, decoded. */
    async getAnalyzerInfo(): Promise<AnalyzerInfo> {
        const { Empty, pb } = loadWire();
        const res = await this.call<unknown, analyzerPbTypes.AnalyzerInfo>("getAnalyzerInfo", new Empty());
        const policyType = (t: number): PolicyInfo["policyType"] =>
            t === pb.PolicyType.POLICY_TYPE_RESOURCE ? "resource" : t === pb.PolicyType.POLICY_TYPE_STACK ? "stack" : "unspecified";
        const initialConfig: Record<string, PolicyConfig> = {};
        res.getInitialconfigMap().forEach((c, name) => {
            initialConfig[name] = { enforcementLevel: levelFromProto(c.getEnforcementlevel()), properties: decodeProperties(c.getProperties()) };
        });
        const info: AnalyzerInfo = {
            name: res.getName(),
            displayName: res.getDisplayname(),
            version: res.getVersion(),
            supportsConfig: res.getSupportsconfig(),
            description: res.getDescription(),
            tags: res.getTagsList(),
            initialConfig,
            policies: res.getPoliciesList().map((p) => {
                const schema = p.getConfigschema();
                return {
                    name: p.getName(),
                    displayName: p.getDisplayname(),
                    description: p.getDescription(),
                    enforcementLevel: levelFromProto(p.getEnforcementlevel()),
                    severity: SEVERITIES[p.getSeverity()],
                    policyType: policyType(p.getPolicyType()),
                    configSchema: schema
                        ? {
                              properties: (decodeProperties(schema.getProperties()) ?? {}) as Record<string, Record<string, unknown>>,
                              required: schema.getRequiredList(),
                          }
                        : undefined,
                    remediationSteps: p.getRemediationSteps(),
                    url: p.getUrl(),
                    tags: p.getTagsList(),
                };
            }),
        };
        this.infoCache = info;
        return info;
    }

    /** Sends ConfigureStack as the CLI's policy proxy forwards it (only `tags` reach @pulumi/policy). */
    async configureStack(stack: Partial<StackIdentity> = {}): Promise<void> {
        const { pb } = loadWire();
        const s = stackIdentity(stack);
        const req = new pb.AnalyzerStackConfigureRequest();
        req.setStack(s.stack);
        req.setProject(s.project);
        req.setOrganization(s.organization);
        req.setDryRun(s.dryRun);
        for (const [k, v] of Object.entries(s.config)) req.getConfigMap().set(k, v);
        for (const [k, v] of Object.entries(s.tags)) req.getTagsMap().set(k, v);
        await this.call("configureStack", req);
    }

    /**
     * Configures the pack as the engine does: the overrides are reconciled with every policy's
     * default level and schema defaults, and every policy is sent with an explicit level.
     * Returns what was sent.
     */
    async configure(overrides: Record<string, PolicyConfigOverride> = {}, all?: EnforcementLevelName): Promise<Record<string, PolicyConfig>> {
        const info = this.infoCache ?? (await this.getAnalyzerInfo());
        const config = reconcileConfig(info, overrides, all);
        await this.configureExactly(config);
        return config;
    }

    /** Configures from the content of a `--policy-pack-config` file (levels, `all`, flat properties). */
    configureFromFile(file: PolicyPackConfigFile): Promise<Record<string, PolicyConfig>> {
        const { overrides, all } = parsePolicyPackConfigFile(file);
        return this.configure(overrides, all);
    }

    /** Sends exactly this Configure request: no reconciliation, only the policies given. */
    async configureExactly(config: Record<string, PolicyConfig>): Promise<void> {
        const { pb } = loadWire();
        const req = new pb.ConfigureAnalyzerRequest();
        const map = req.getPolicyconfigMap();
        for (const [name, c] of Object.entries(config)) {
            const pc = new pb.PolicyConfig();
            pc.setEnforcementlevel(levelToProto(c.enforcementLevel));
            pc.setProperties(encodeProperties(c.properties ?? {}));
            map.set(name, pc);
        }
        await this.call("configure", req);
    }

    /** Analyze: one resource's inputs. */
    async analyze(resource: AnalyzerResource): Promise<AnalyzeResult> {
        return this.analyzeRequest(makeAnalyzeRequest(resource));
    }

    /** Analyze with a prebuilt request (benchmarks build requests ahead of time). */
    async analyzeRequest(request: analyzerPbTypes.AnalyzeRequest): Promise<AnalyzeResult> {
        return readAnalyzeResponse(await this.call("analyze", request));
    }

    /** AnalyzeStack: every resource's outputs, with parents, dependencies and propertyDependencies. */
    async analyzeStack(resources: readonly AnalyzerResource[]): Promise<AnalyzeResult> {
        return this.analyzeStackRequest(makeAnalyzeStackRequest(resources));
    }

    /** AnalyzeStack with a prebuilt request. */
    async analyzeStackRequest(request: analyzerPbTypes.AnalyzeStackRequest): Promise<AnalyzeResult> {
        return readAnalyzeResponse(await this.call("analyzeStack", request));
    }

    /** Remediate: runs the policies at level `remediate` on one resource's inputs. */
    async remediate(resource: AnalyzerResource): Promise<RemediateResult> {
        const res = await this.call<unknown, analyzerPbTypes.RemediateResponse>("remediate", makeAnalyzeRequest(resource));
        return {
            remediations: res.getRemediationsList().map((r) => {
                const out: RemediationResult = {
                    policyName: r.getPolicyname(),
                    policyPackName: r.getPolicypackname(),
                    policyPackVersion: r.getPolicypackversion(),
                    description: r.getDescription(),
                };
                if (r.hasProperties()) out.properties = decodeProperties(r.getProperties());
                if (r.getDiagnostic()) out.diagnostic = r.getDiagnostic();
                return out;
            }),
            notApplicable: res.getNotApplicableList().map((n) => ({ policyName: n.getPolicyName(), reason: n.getReason() })),
        };
    }

    /**
     * What one `pulumi preview` does with these resources, in the engine's order: per resource
     * Remediate (its returned properties replace the inputs) then Analyze; then AnalyzeStack over
     * the (remediated) resources. Diagnostics without a URN are attributed as the engine does.
     */
    async preview(resources: readonly AnalyzerResource[]): Promise<PreviewResult> {
        const diagnostics: PreviewDiagnostic[] = [];
        const remediated: AnalyzerResource[] = [];
        const remediations: Array<RemediationResult & { urn: string }> = [];
        for (const r of resources) {
            let current = r;
            for (const rem of (await this.remediate(current)).remediations) {
                remediations.push({ ...rem, urn: r.urn });
                if (rem.properties) current = { ...current, props: rem.properties };
            }
            remediated.push(current);
            for (const d of (await this.analyze(current)).diagnostics) {
                diagnostics.push({ ...d, urn: d.urn || r.urn, phase: "analyze" });
            }
        }
        for (const d of (await this.analyzeStack(remediated)).diagnostics) diagnostics.push({ ...d, phase: "analyzeStack" });
        return {
            diagnostics,
            remediations,
            resources: remediated,
            violations: diagnostics.filter((d) => d.enforcementLevel === "mandatory"),
        };
    }

    /**
     * Stops the pack as the engine does: SIGINT, up to 5 s grace, then SIGKILL. Idempotent.
     */
    async close(): Promise<void> {
        this.client.close();
        this.engine.close();
        if (this.running) {
            this.child.kill("SIGINT");
            const graceful = await Promise.race([this.exited.then(() => true), delay(5_000).then(() => false)]);
            if (!graceful && this.running) {
                this.child.kill("SIGKILL");
                await this.exited;
            }
        }
        live.delete(this.child);
    }
}

/** A diagnostic from {@link PackProcess.preview}, with the phase that produced it. */
export interface PreviewDiagnostic extends Diagnostic {
    phase: "analyze" | "analyzeStack";
}

export interface PreviewResult {
    diagnostics: PreviewDiagnostic[];
    /** Mandatory diagnostics: what would make `pulumi preview` fail. */
    violations: PreviewDiagnostic[];
    remediations: Array<RemediationResult & { urn: string }>;
    /** The resources after remediation, as AnalyzeStack saw them. */
    resources: AnalyzerResource[];
}

function delay(ms: number): Promise<void> {
    return new Promise((resolve) => setTimeout(resolve, ms).unref());
}

function stackIdentity(s: Partial<StackIdentity> = {}): StackIdentity {
    return {
        organization: s.organization ?? "mlguard-org",
        project: s.project ?? "mlguard-test",
        stack: s.stack ?? "dev",
        dryRun: s.dryRun ?? true,
        config: s.config ?? {},
        tags: s.tags ?? {},
    };
}

/** Where the CLI's language host finds the launcher: Node resolution from the pack directory. */
export function resolveRunPolicyPack(packDir: string): string {
    return require.resolve("@pulumi/pulumi/cmd/run-policy-pack", { paths: [packDir] });
}

/**
 * Launches a policy pack exactly as `pulumi preview --policy-pack packDir` does (CLI 3.221+):
 *
 *     cwd=packDir  env += PULUMI_CONFIG, PULUMI_NODEJS_{ORGANIZATION,PROJECT,STACK,DRY_RUN}, PULUMI_{…}
 *     node <resolved @pulumi/pulumi/cmd/run-policy-pack> [args…] 127.0.0.1:<enginePort> <packDir>
 *
 * waits for the port line, dials the pack and answers once the channel is ready and the handshake
 * is done (UNIMPLEMENTED accepted). Rejects with the pack's stderr when it does not come up; never
 * leaves a process behind.
 */
export async function startPack(packDir: string = PACK_DIR, options: StartOptions = {}): Promise<PackProcess> {
    // Never leak a pack: kill every live one when the test / bench process goes away.
    atProcessEnd(killAllNow);
    const { grpc, rpc } = loadWire();
    const dir = path.resolve(packDir);
    const s = stackIdentity(options.stack);
    const engine = await listenOnLoopback();
    const engineAddress = `127.0.0.1:${(engine.address() as net.AddressInfo).port}`;
    const commandLine = [options.nodeBin ?? process.execPath, resolveRunPolicyPack(dir), ...(options.args ?? []), engineAddress, dir];
    const env: NodeJS.ProcessEnv = {
        ...process.env,
        PULUMI_CONFIG: JSON.stringify(s.config),
        PULUMI_NODEJS_ORGANIZATION: s.organization,
        PULUMI_NODEJS_PROJECT: s.project,
        PULUMI_NODEJS_STACK: s.stack,
        PULUMI_NODEJS_DRY_RUN: String(s.dryRun),
        PULUMI_ORGANIZATION: s.organization,
        PULUMI_PROJECT: s.project,
        PULUMI_STACK: s.stack,
        PULUMI_DRY_RUN: String(s.dryRun),
        ...options.env,
    };
    const spawnedAt = performance.now();
    const child = spawn(commandLine[0], commandLine.slice(1), { cwd: dir, env, stdio: ["ignore", "pipe", "pipe"] });
    live.add(child);
    const exited = new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) resolve();
        else child.once("exit", () => resolve());
    });
    exited.then(() => live.delete(child));
    let stderr = "";
    child.stderr!.setEncoding("utf8");
    child.stderr!.on("data", (d: string) => (stderr += d));
    let stdoutRest = "";
    const spawnError = new Promise<never>((_, reject) => child.once("error", (err) => reject(new Error(`cannot start ${commandLine[0]}: ${err.message}`))));
    spawnError.catch(() => undefined);
    const fail = async (err: unknown): Promise<never> => {
        engine.close();
        if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
        await exited;
        throw err;
    };
    let portLine: PortLine;
    try {
        portLine = await Promise.race([
            readPortLine(child, () => stderr, options.startTimeoutMs ?? 60_000, (rest) => (stdoutRest += rest.toString("utf8"))),
            spawnError,
        ]);
    } catch (err) {
        return fail(err);
    }
    const portLineMs = performance.now() - spawnedAt;
    child.stdout!.on("data", (d: Buffer) => (stdoutRest += d.toString("utf8")));
    const client = new rpc.AnalyzerClient(`127.0.0.1:${portLine.port}`, grpc.credentials.createInsecure(), {
        // The engine allows large AnalyzeStack messages; so does the pack's server (400 MiB).
        "grpc.max_send_message_length": 400 * 1024 * 1024,
        "grpc.max_receive_message_length": 400 * 1024 * 1024,
    });
    try {
        await new Promise<void>((resolve, reject) =>
            client.waitForReady(new Date(Date.now() + (options.startTimeoutMs ?? 60_000)), (err) =>
                err ? reject(new Error(`policy pack on port ${portLine.port} never became ready: ${err.message}\nstderr:\n${stderr}`)) : resolve(),
            ),
        );
    } catch (err) {
        client.close();
        return fail(err);
    }
    const startup = { portLineMs, readyMs: 0 };
    const pack = new PackProcess({
        child,
        client,
        engine,
        portLine,
        commandLine,
        startup,
        stdoutRest: () => stdoutRest,
        stderr: () => stderr,
        exited,
    });
    try {
        await pack.handshake();
    } catch (err) {
        client.close();
        return fail(err);
    }
    startup.readyMs = performance.now() - spawnedAt;
    return pack;
}

/**
 * Starts a pack and runs the engine's boot sequence: ConfigureStack, GetPluginInfo,
 * GetAnalyzerInfo, then Configure with the reconciled config (every policy, explicit levels).
 */
export async function startConfiguredPack(
    packDir: string = PACK_DIR,
    options: StartOptions & { config?: PolicyPackConfigFile } = {},
): Promise<PackProcess> {
    const pack = await startPack(packDir, options);
    try {
        await pack.configureStack(options.stack);
        await pack.getPluginInfo();
        await pack.getAnalyzerInfo();
        await pack.configureFromFile(options.config ?? {});
        return pack;
    } catch (err) {
        await pack.close();
        throw err;
    }
}
