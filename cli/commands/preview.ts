/**
 * `mlguard preview <program dir>`: the pre-merge check for Pulumi programs, the counterpart of
 * `mlguard scan` for Terraform. It EXECUTES the program — in a child process with a timeout, no
 * credentials and no network — under the mocks of `mlguard/policypack/testing`, in preview and in
 * update mode, analyzes both with every control of the pack (levels and options from the same
 * `--policy-pack-config` file `pulumi preview` takes), and reports through the scan's reporters
 * and exit codes. Each finding is located at the constructor call of its resource in the
 * program's source (`new aws.sagemaker.NotebookInstance(...)`), mapped through source maps.
 */
import { fork } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { parse as parseYaml } from "yaml";
import type { AnyControl } from "../../catalog/control";
import type { Position } from "../../catalog/model";
import { mergeModes } from "../../policypack/modes";
import type { EnforcementLevelName } from "../../policypack/testing";
import type { ConstructorSite, ModeReport, WorkerRequest, WorkerResponse } from "../../policypack/program-worker";
import type { PackSettings } from "../../policypack/policies";
import { type Baseline, BaselineError, DEFAULT_BASELINE_FILE, baselineEntry, parseBaseline, serializeBaseline, updateBaseline } from "../baseline";
import { shouldUseColor } from "../color";
import type { ScanResult as EngineResult, TerraformFinding } from "../engine";
import { UsageError } from "../errors";
import type { Io } from "../io";
import { type FailOn, FAIL_ON_VALUES, parseOutputs } from "../options";
import { PACKAGE_ROOT, packageVersion } from "../paths";
import { assembleResult, exitCodeFor } from "../pipeline";
import { reporters } from "../report";
import { formatMarkdown, STEP_SUMMARY_LIMIT } from "../report/markdown";
import { displayPath, summaryLine } from "../report/shared";

export interface PreviewFlags {
    stack?: string;
    config: string[];
    policyPackConfig?: string;
    format: string[];
    output?: string;
    failOn?: string;
    includeUnknown?: boolean;
    includeSuppressed?: boolean;
    baseline?: string;
    updateBaseline?: boolean;
    timeout?: string;
    color?: boolean;
    quiet?: boolean;
    verbose?: boolean;
}

export const DEFAULT_TIMEOUT_SECONDS = 120;
const LEVELS: readonly string[] = ["advisory", "mandatory", "remediate", "disabled"];

/** Environment the program runs with: enough to run Node, nothing that could hold a credential. */
const PASSED_ENV = ["PATH", "SystemRoot", "TMPDIR", "TEMP", "TMP", "LANG", "LC_ALL", "TZ"];

/** The entry module of a Pulumi program directory, as the Pulumi Node.js runtime finds it. */
export function programEntry(dir: string, main?: string): string {
    let entry = main;
    const pkgFile = path.join(dir, "package.json");
    if (!entry && fs.existsSync(pkgFile)) {
        try {
            const pkg = JSON.parse(fs.readFileSync(pkgFile, "utf8")) as { main?: unknown };
            if (typeof pkg.main === "string") entry = pkg.main;
        } catch (err) {
            throw new UsageError(`${pkgFile}: not valid JSON (${(err as Error).message})`);
        }
    }
    if (entry) {
        const file = path.resolve(dir, entry);
        for (const candidate of [file, `${file}.ts`, `${file}.js`, path.join(file, "index.ts"), path.join(file, "index.js")]) {
            if (fs.existsSync(candidate) && fs.statSync(candidate).isFile()) return candidate;
        }
        throw new UsageError(`the program's entry point ${entry} does not exist in ${dir}`);
    }
    for (const name of ["index.ts", "index.js"]) if (fs.existsSync(path.join(dir, name))) return path.join(dir, name);
    throw new UsageError(`no entry point in ${dir}: expected index.ts, index.js or package.json#main`);
}

/** The project name, `main` and config defaults of `Pulumi.yaml`, and the stack's config file. */
export function readProject(dir: string, stack: string): { name: string; main?: string; config: Record<string, unknown> } {
    const file = ["Pulumi.yaml", "Pulumi.yml"].map((f) => path.join(dir, f)).find((f) => fs.existsSync(f));
    if (!file) throw new UsageError(`${dir} is not a Pulumi program: no Pulumi.yaml`);
    let doc: { name?: unknown; main?: unknown; runtime?: unknown; config?: Record<string, unknown> };
    try {
        doc = (parseYaml(fs.readFileSync(file, "utf8")) ?? {}) as typeof doc;
    } catch (err) {
        throw new UsageError(`${file}: not valid YAML (${(err as Error).message})`);
    }
    if (typeof doc.name !== "string" || doc.name === "") throw new UsageError(`${file}: "name" is missing`);
    const runtime = typeof doc.runtime === "string" ? doc.runtime : (doc.runtime as { name?: string } | undefined)?.name;
    if (runtime !== undefined && runtime !== "nodejs") throw new UsageError(`${file}: runtime "${runtime}" is not supported; mlguard preview runs Node.js programs`);
    const config: Record<string, unknown> = {};
    // Project-level config: a plain value, or `{ type, default }`.
    for (const [key, spec] of Object.entries(doc.config ?? {})) {
        const value = spec !== null && typeof spec === "object" && !Array.isArray(spec) ? (spec as { default?: unknown; value?: unknown }).default ?? (spec as { value?: unknown }).value : spec;
        if (value !== undefined) config[key] = value;
    }
    const stackFile = ["yaml", "yml"].map((e) => path.join(dir, `Pulumi.${stack}.${e}`)).find((f) => fs.existsSync(f));
    if (stackFile) {
        let stackDoc: { config?: Record<string, unknown> };
        try {
            stackDoc = (parseYaml(fs.readFileSync(stackFile, "utf8")) ?? {}) as typeof stackDoc;
        } catch (err) {
            throw new UsageError(`${stackFile}: not valid YAML (${(err as Error).message})`);
        }
        for (const [key, value] of Object.entries(stackDoc.config ?? {})) {
            // An encrypted value cannot be read without the stack's key: the program gets a placeholder secret.
            config[key] = value !== null && typeof value === "object" && "secure" in (value as object) ? { secret: "mlguard-preview-secret" } : value;
        }
    }
    return { name: doc.name, ...(typeof doc.main === "string" ? { main: doc.main } : {}), config };
}

/** Reads a `--policy-pack-config` file: `{ "<policy>": level | { enforcementLevel?, …options }, "all"?: level }`. */
export function readPolicyPackConfig(file: string, controls: readonly AnyControl[]): PackSettings {
    let data: unknown;
    try {
        data = JSON.parse(fs.readFileSync(file, "utf8"));
    } catch (err) {
        throw new UsageError(`--policy-pack-config: cannot read ${file} as JSON (${(err as Error).message})`);
    }
    if (!data || typeof data !== "object" || Array.isArray(data)) throw new UsageError(`--policy-pack-config: ${file} must hold an object of policy names`);
    const settings: PackSettings = {};
    const entries = data as Record<string, unknown>;
    const ids = new Set(controls.map((c) => c.id));
    for (const [name, value] of Object.entries(entries)) {
        const level = typeof value === "string" ? value : (value as { enforcementLevel?: unknown } | null)?.enforcementLevel;
        if (level !== undefined && !LEVELS.includes(level as string)) throw new UsageError(`--policy-pack-config: ${name}: enforcement level must be one of ${LEVELS.join(", ")}`);
        if (name === "all") continue;
        if (name !== "mlguard-exceptions" && !ids.has(name)) throw new UsageError(`--policy-pack-config: ${file} names no policy of the pack: "${name}"; \`mlguard rules\` lists them`);
        if (typeof value !== "string" && (value === null || typeof value !== "object" || Array.isArray(value))) throw new UsageError(`--policy-pack-config: ${name}: expected a level or an object`);
        settings[name] = value as PackSettings[string];
    }
    const all = entries.all;
    if (typeof all === "string") {
        for (const c of controls) {
            const own = settings[c.id];
            if (own === undefined) settings[c.id] = all as EnforcementLevelName as PackSettings[string];
            else if (typeof own === "object" && own.enforcementLevel === undefined) settings[c.id] = { ...own, enforcementLevel: all as "advisory" };
        }
    }
    return settings;
}

/** `--config key=value`: a project key (`bucketName`) or a namespaced one (`aws:region`). */
export function parseConfigFlags(values: readonly string[]): Record<string, string> {
    const out: Record<string, string> = {};
    for (const v of values) {
        const eq = v.indexOf("=");
        if (eq <= 0) throw new UsageError(`--config: expected KEY=VALUE, got "${v}"`);
        out[v.slice(0, eq)] = v.slice(eq + 1);
    }
    return out;
}

/** Runs the worker; rejects on a timeout or a crash. */
function runWorker(req: WorkerRequest, timeoutMs: number): Promise<WorkerResponse> {
    const env: Record<string, string> = { AWS_EC2_METADATA_DISABLED: "true", PULUMI_CONFIG: "{}", NO_COLOR: "1" };
    for (const key of PASSED_ENV) if (process.env[key] !== undefined) env[key] = process.env[key]!;
    const worker = path.join(PACKAGE_ROOT, "dist", "policypack", "program-worker.js");
    return new Promise((resolve, reject) => {
        const child = fork(worker, [], { cwd: req.dir, env, execArgv: ["--enable-source-maps"], stdio: ["ignore", "pipe", "pipe", "ipc"] });
        let stderr = "";
        let answered: WorkerResponse | undefined;
        child.stdout?.on("data", () => undefined);
        child.stderr?.on("data", (d: Buffer) => {
            if (stderr.length < 4096) stderr += d.toString("utf8");
        });
        const timer = setTimeout(() => {
            child.kill("SIGKILL");
            reject(new Error(`the program did not finish within ${timeoutMs / 1000} s (--timeout); it was stopped`));
        }, timeoutMs);
        child.on("message", (msg: WorkerResponse) => (answered = msg));
        child.on("error", (err) => {
            clearTimeout(timer);
            reject(err);
        });
        child.on("exit", (code, signal) => {
            clearTimeout(timer);
            if (answered) resolve(answered);
            else if (signal !== "SIGKILL") reject(new Error(`the program's process ended (${signal ?? `exit code ${code}`}) without a result${stderr ? `:\n${stderr.trim()}` : ""}`));
        });
        child.send(req);
    });
}

/** `can't run policy 'x' from policy pack 'mlguard@v…' during preview: …`: a result that cannot be verified yet. */
const UNVERIFIABLE = /^can't run policy '[^']+' from policy pack '[^']+' during preview: /;

interface Merged {
    policyName: string;
    urn: string;
    message: string;
    level: EnforcementLevelName;
    unknown: boolean;
}

/**
 * Both modes' diagnostics, one per policy, resource and message at its worst level. An
 * "unverifiable in preview" advisory is dropped when the update found a definite violation of the
 * same policy on the same resource.
 */
export function mergeDiagnostics(preview: ModeReport, update: ModeReport): Merged[] {
    const merged = mergeModes([
        ["update", { diagnostics: update.diagnostics, violations: [] }],
        ["preview", { diagnostics: preview.diagnostics, violations: [] }],
    ]).map((d) => {
        const unknown = UNVERIFIABLE.test(d.message);
        return { policyName: d.policyName, urn: d.urn, message: unknown ? d.message.replace(UNVERIFIABLE, "") : d.message, level: d.enforcementLevel, unknown };
    });
    const definite = new Set(merged.filter((m) => !m.unknown).map((m) => `${m.policyName}\u0000${m.urn}`));
    return merged.filter((m) => !(m.unknown && definite.has(`${m.policyName}\u0000${m.urn}`)));
}

/** The URN without its stack and project: stable across stacks, so baselines carry over. */
function resourceIdOf(urn: string): string {
    const parts = urn.split("::");
    return parts.length >= 4 ? parts.slice(2).join("::") : urn;
}

function position(line: number, column: number): Position {
    return { line, column, offset: 0 };
}

/** Finding text without the policy's description line the policy server puts first. */
function findingMessage(message: string, title: string): string {
    const lines = message.split("\n");
    const body = lines[0] === title ? lines.slice(1) : lines;
    return body.join(" ").trim() || message;
}

/** `mlguard preview`: returns the exit code (0 clean, 1 findings at or above --fail-on, 2 usage, config or program error). */
export async function runPreview(dirArg: string, flags: PreviewFlags, io: Io): Promise<number> {
    const started = Date.now();
    const { allControls } = await import("../../catalog/controls");
    const fail = (message: string) => {
        io.stderr.write(`mlguard: ${message}\n`);
        return 2;
    };
    let req: WorkerRequest;
    let failOn: FailOn;
    let outputs;
    let timeoutMs: number;
    let previous: Baseline | undefined;
    let baselineFile: string | undefined;
    try {
        const dir = path.resolve(io.cwd, dirArg);
        if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) throw new UsageError(`program directory not found: ${dirArg}`);
        failOn = (flags.failOn ?? "high") as FailOn;
        if (!(FAIL_ON_VALUES as readonly string[]).includes(failOn)) throw new UsageError(`--fail-on: expected one of ${FAIL_ON_VALUES.join(", ")}, got "${failOn}"`);
        outputs = parseOutputs(flags.format, flags.output, io.cwd);
        const seconds = flags.timeout === undefined ? DEFAULT_TIMEOUT_SECONDS : Number(flags.timeout);
        if (!Number.isFinite(seconds) || seconds <= 0 || seconds > 3600) throw new UsageError(`--timeout: expected seconds from 1 to 3600, got "${flags.timeout}"`);
        timeoutMs = seconds * 1000;
        const stack = flags.stack ?? "dev";
        const project = readProject(dir, stack);
        const settings = flags.policyPackConfig ? readPolicyPackConfig(path.resolve(io.cwd, flags.policyPackConfig), allControls) : {};
        const config = { ...project.config, ...parseConfigFlags(flags.config) } as WorkerRequest["config"];
        req = { dir, entry: programEntry(dir, project.main), project: project.name, stack, config, settings };
        const bf = flags.baseline ?? (flags.updateBaseline ? DEFAULT_BASELINE_FILE : undefined);
        if (bf !== undefined) {
            baselineFile = path.resolve(io.cwd, bf);
            if (fs.existsSync(baselineFile)) previous = parseBaseline(fs.readFileSync(baselineFile, "utf8"), displayPath(baselineFile, io.cwd));
            else if (!flags.updateBaseline) throw new UsageError(`--baseline: file not found: ${bf} (create it with --update-baseline)`);
        }
    } catch (err) {
        if (err instanceof UsageError || err instanceof BaselineError) return fail(err.message);
        throw err;
    }

    let response: WorkerResponse;
    try {
        response = await runWorker(req, timeoutMs);
    } catch (err) {
        return fail(`cannot preview ${displayPath(req.dir, io.cwd)}: ${(err as Error).message}`);
    }
    if (!response.ok) return fail(`the program in ${displayPath(req.dir, io.cwd)} failed under mocks: ${response.error}`);

    const byId = new Map(allControls.map((c) => [c.id, c]));
    const typeOf = new Map([...response.preview.resources, ...response.update.resources].map((r) => [r.urn, r]));
    const entryRel = path.relative(req.dir, req.entry).split(path.sep).join("/");
    const sources = new Map<string, string>();
    const fileText = (rel: string): string | undefined => {
        const key = displayPath(path.join(req.dir, rel), io.cwd);
        if (!sources.has(key)) {
            try {
                sources.set(key, fs.readFileSync(path.join(req.dir, rel), "utf8"));
            } catch {
                return undefined;
            }
        }
        return sources.get(key);
    };
    const findings: TerraformFinding[] = [];
    for (const d of mergeDiagnostics(response.preview, response.update)) {
        const control = byId.get(d.policyName);
        if (!control || d.level === "disabled") continue;
        const resource = typeOf.get(d.urn);
        const site: ConstructorSite = response.sites[d.urn] ?? { file: entryRel, line: 1, column: 1 };
        const file = displayPath(path.join(req.dir, site.file), io.cwd);
        const lineText = fileText(site.file)?.split(/\r?\n/)[site.line - 1] ?? "";
        const endColumn = Math.max(site.column + 1, lineText.trimEnd().length + 1);
        const location = { kind: "file" as const, file, start: position(site.line, site.column), end: position(site.line, endColumn) };
        findings.push({
            controlId: control.id,
            severity: control.severity,
            status: d.unknown ? "unknown" : "fail",
            message: findingMessage(d.message, control.title),
            location,
            // A stack policy that could not decide reports without a resource.
            resourceId: d.urn ? resourceIdOf(d.urn) : "(stack)",
            resourceType: resource?.type ?? "",
            resourceName: resource?.name ?? (d.urn.split("::").pop() || "(stack)"),
            frontEnd: "pulumi",
            resourceBlock: { rootModule: displayPath(req.dir, io.cwd), range: { file, start: location.start, end: location.end }, moduleCalls: [] },
        });
    }
    const files = response.files.map((f) => displayPath(path.join(req.dir, f), io.cwd));
    for (const f of response.files) if (/\.[cm]?[jt]s$/.test(f)) fileText(f);
    const output: EngineResult = {
        findings,
        diagnostics: [],
        files,
        stats: { files: files.length, bytes: 0, resources: typeOf.size, modules: 0, durationMs: Date.now() - started, parseMs: 0, evalMs: 0, checkMs: 0 },
    };
    const today = new Date().toISOString().slice(0, 10);
    const assemble = (baseline: Baseline | undefined) =>
        assembleResult({
            output,
            sources,
            controls: allControls,
            catalog: allControls,
            ...(baseline ? { baseline } : {}),
            includeUnknown: flags.includeUnknown === true,
            peerComments: false,
            unused: "warn",
            today,
            baseDir: io.cwd,
            roots: [dirArg],
            tool: { name: "mlguard", version: packageVersion() },
            durationMs: Date.now() - started,
        });
    let assembled = assemble(previous);
    if (flags.updateBaseline && baselineFile) {
        const current = assembled.baselineCandidates.map((f) => baselineEntry(f, f.location.kind === "file" ? f.location.file : ""));
        const next = updateBaseline(previous, current, { controls: new Set(allControls.map((c) => c.id)), covers: (file) => path.resolve(io.cwd, file).startsWith(req.dir + path.sep) });
        fs.mkdirSync(path.dirname(baselineFile), { recursive: true });
        fs.writeFileSync(baselineFile, serializeBaseline(next));
        io.stderr.write(`mlguard: wrote ${next.entries.length} entries to ${displayPath(baselineFile, io.cwd)}\n`);
        assembled = assemble(next);
    }
    const result = assembled.result;
    const stdoutColor = shouldUseColor({ flag: flags.color, env: io.env, isTTY: io.stdout.isTTY === true });
    let humanOnStdout = false;
    for (const out of outputs) {
        const text = reporters[out.format](result, allControls, { color: out.file === undefined && stdoutColor, includeSuppressed: flags.includeSuppressed === true, verbose: flags.verbose === true });
        if (out.file) {
            try {
                fs.mkdirSync(path.dirname(out.file), { recursive: true });
                fs.writeFileSync(out.file, text);
            } catch (err) {
                return fail(`cannot write --format ${out.format} output to ${out.file}: ${(err as Error).message}`);
            }
        } else {
            if (out.format === "pretty" || out.format === "github") humanOnStdout = true;
            if (!(flags.quiet && out.format === "pretty" && result.findings.length === 0)) io.stdout.write(text);
        }
        if (out.format === "github" && io.env.GITHUB_STEP_SUMMARY) {
            try {
                fs.appendFileSync(io.env.GITHUB_STEP_SUMMARY, formatMarkdown(result, allControls, { maxBytes: STEP_SUMMARY_LIMIT - 1024 }));
            } catch (err) {
                io.stderr.write(`mlguard: cannot append the job summary to $GITHUB_STEP_SUMMARY: ${(err as Error).message}\n`);
            }
        }
    }
    if (!humanOnStdout && !flags.quiet) io.stderr.write(summaryLine(result) + "\n");
    return exitCodeFor(result, { failOn, allowParseErrors: false, unused: "warn" });
}
