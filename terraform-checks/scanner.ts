import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type { AnyControl } from "../catalog/control";
import { allControls } from "../catalog/controls";
import { ResourceGraph } from "../catalog/graph";
import type { Finding, Position, Reference, Resource, SourceLocation, Value } from "../catalog/model";
import { type ControlSettings, runControls } from "../catalog/run";
import { pluralRenames } from "../catalog/vocabulary";
import { adaptInstance } from "./adapter";
import { type Diagnostic, FILE_RANGE, fileLocation, plainDiagnostic } from "./diagnostics";
import { evaluate, noBindings } from "./eval/expr";
import { DiskFiles, type FileSource, MemoryFiles, dirOf, joinPath, normalize } from "./eval/files";
import { type EvalEnvironment, type InputValue, type ModuleDef, ModuleInstance, type ParsedFile, type UnscannedReason, indexModule, isPrimitiveType } from "./eval/module";
import { parseExpression } from "./eval/template-file";
import { type Body, parseFile } from "./hcl";
import { FindingInterner } from "./intern";
import { DEFAULT_CACHE_DIR, type DownloadSettings, downloadModules } from "./modules/download";
import { scanPlan } from "./plan/plan";
import { type Packed, unpack } from "./transfer";

/** Options of {@link scanTerraform}. */
export interface ScanOptions {
    /** Extra variable files (`-var-file`), applied after the automatic ones, in order. */
    varFiles?: string[];
    /** Variable values (`-var name=value`), applied last. */
    vars?: Record<string, string>;
    /** Environment for `TF_VAR_*` values; defaults to none (pass `process.env` to honour the shell's). */
    env?: Record<string, string | undefined>;
    /** A `terraform show -json` plan file: resources come from it; the HCL under `paths` only locates attributes. */
    plan?: string;
    controls?: readonly AnyControl[];
    settings?: Record<string, ControlSettings>;
    /** The directory relative paths (targets, `root`, `plan`, var files, the download cache) are resolved against. Default: `process.cwd()`. */
    cwd?: string;
    /** The scan root: files outside it are never read. Default: the working directory when every path is inside it, else their common parent. */
    root?: string;
    /**
     * More than 1: root modules are shared among that many worker threads (disk scans, catalog
     * controls). `"auto"`: as many as the machine has cores (at most 8), but only when there are
     * enough root modules to pay for starting the workers ({@link workerCount}).
     */
    concurrency?: number | "auto";
    /** Called after each root module: (root modules done, root modules found); the CLI draws its progress bar from it. */
    onProgress?: (done: number, total: number) => void;
    /**
     * Fetch registry, `git::https` and `https` archive modules that `.terraform/modules/modules.json`
     * does not record, as `terraform init` would, into `cacheDir` (inside the scan root; default
     * `.mlguard/modules`). Off by default: a scan never touches the network unless asked.
     */
    downloadModules?: DownloadSettings;
    /** Set by {@link scanTerraform} after downloading: per root module directory, what was fetched and what failed. */
    moduleDownloads?: Record<string, ModuleDownloads>;
}

/** Per root module: manifest key → module directory (scan-root relative), and key → why it could not be fetched. */
export interface ModuleDownloads {
    dirs: Record<string, string>;
    failures: Record<string, string>;
}

/** A span of one file; `end` is exclusive, columns are 1-based code points (as hashicorp/hcl reports them). */
export interface FileRange {
    file: string;
    start: Position;
    end: Position;
}

/** A `module` block on the way from the root module to a resource. */
export interface ModuleCallSite {
    /** The call's address with its instance key: `module.ml` or `module.ml["a"]`. */
    address: string;
    /** The whole `module "…" { … }` block in the calling module's file. */
    range: FileRange;
}

/** Where a finding's resource is written: what suppression comments and module chains are matched against. */
export interface ResourceBlock {
    /** The root module directory the resource was evaluated in (relative to the scan root; `""` for the root itself). */
    rootModule: string;
    /** The whole `resource "…" "…" { … }` block (its first line is the header). */
    range: FileRange;
    /** Module calls from the root module down to the resource, outermost first; empty at the root. */
    moduleCalls: ModuleCallSite[];
}

/**
 * A finding from the Terraform front-end. Besides the catalog fields it says where the resource
 * block and the module calls leading to it are, so the CLI can honour suppression comments written
 * above a resource or above a `module` block, and show the module chain.
 */
export interface TerraformFinding extends Finding {
    resourceBlock: ResourceBlock;
}

export interface ScanStats {
    files: number;
    bytes: number;
    resources: number;
    modules: number;
    durationMs: number;
    parseMs: number;
    evalMs: number;
    checkMs: number;
}

/**
 * A module call whose module was not evaluated, so nothing in it was checked: not installed (no
 * `.terraform/modules/modules.json` entry and not downloaded), not downloadable, or not loadable.
 */
export interface UnscannedModule {
    /** The root module directory the call was reached from (relative to the scan root; `""` for the root). */
    rootModule: string;
    /** The call's address without instance keys: `module.net.module.vpc`. */
    address: string;
    /** The `source` as written (empty when it is not a literal string). */
    source: string;
    reason: UnscannedReason | "download-failed";
    /** Why, in a sentence (never a credential). */
    detail: string;
    /** The `source` attribute (or the call's header) in the calling module. */
    range: FileRange;
}

export interface ScanResult {
    findings: TerraformFinding[];
    diagnostics: Diagnostic[];
    stats: ScanStats;
    /** Module calls not evaluated, each once per root module; their resources were not checked. */
    unscannedModules?: UnscannedModule[];
    /** Every Terraform file read, relative to the scan root. */
    files?: string[];
}

/**
 * In `.tf.json`, an object inside a resource is a nested block or a map attribute, and only provider
 * schemas say which. These names are blocks in the resource types the catalog reads (a map attribute
 * such as `tags` or `metadata` is never among them); other objects stay map attributes.
 */
const JSON_BLOCK_NAMES = new Set([
    ...Object.values(pluralRenames).flatMap((r) => Object.keys(r).map((k) => k.slice(k.lastIndexOf(".") + 1))),
    "rule", "route", "statement", "principals", "not_principals", "condition", "vpc_config", "gce_setup", "boot_disk",
    "data_disks", "network_interfaces", "access_configs", "service_accounts", "shielded_instance_config", "accelerator_configs",
    "vm_image", "container_image", "retention_policy", "encryption", "versioning", "logging", "cors", "website",
    "autoclass", "soft_delete_policy", "server_side_encryption_configuration", "apply_server_side_encryption_by_default",
    "default_retention", "object_lock_configuration", "instance_metadata_service_configuration", "ingress", "egress",
    "primary_container", "image_config", "data_capture_config", "capture_options", "production_variants",
    "async_inference_config", "encryption_spec", "default_user_settings", "domain_settings", "version_template",
    "image_scanning_configuration", "status", "spec", "ingress_policies", "egress_policies", "vpc_accessible_services",
]);

function isJsonNestedBlock(context: { blockType: string }, _path: string[], name: string): boolean {
    return (context.blockType === "resource" || context.blockType === "data") && JSON_BLOCK_NAMES.has(name);
}

const SKIPPED_DIRS = new Set([".terraform", ".git", "node_modules", ".terragrunt-cache"]);

function isConfigFile(name: string): boolean {
    return (name.endsWith(".tf") || name.endsWith(".tf.json")) && !name.startsWith(".");
}

/** Parses and indexes files once per scan; module directories are shared by every root module that uses them. */
export class Workspace {
    readonly files: FileSource;
    readonly diagnostics: Diagnostic[] = [];
    /** Module calls not evaluated, keyed by root module, address and place (a call in a module with several instances counts once). */
    readonly unscanned = new Map<string, UnscannedModule>();
    readonly stats: ScanStats = { files: 0, bytes: 0, resources: 0, modules: 0, durationMs: 0, parseMs: 0, evalMs: 0, checkMs: 0 };
    /** What the findings of this scan share (see {@link FindingInterner}). */
    readonly intern = new FindingInterner();
    private readonly parsed = new Map<string, Body | null>();
    /** Texts read while choosing root modules, kept until the file is parsed (so each is read once). */
    private readonly unparsedTexts = new Map<string, string>();
    /** Files read so far (each counted once, however many root modules use it). */
    readonly counted = new Set<string>();
    /** The size in bytes of each counted file. */
    readonly fileBytes = new Map<string, number>();
    private readonly modules = new Map<string, ModuleDef | undefined>();
    /** Single files given as scan targets form a module of their own. */
    private readonly singleFileModules = new Map<string, ModuleDef>();

    constructor(files: FileSource) {
        this.files = files;
    }

    parse(file: string): Body | undefined {
        if (this.parsed.has(file)) return this.parsed.get(file) ?? undefined;
        const kept = this.unparsedTexts.get(file);
        if (kept !== undefined) this.unparsedTexts.delete(file);
        const got = kept !== undefined ? { text: kept } : this.files.read(file);
        if (!got || "error" in got) {
            this.diagnostics.push({
                severity: "error",
                summary: got ? "File not readable" : "File not found",
                detail: got ? `${file}: ${got.error}.` : `${file} does not exist.`,
                file,
                range: FILE_RANGE,
                phase: "read",
            });
            this.parsed.set(file, null);
            return undefined;
        }
        // A NUL never occurs in Terraform text: say what the file is rather than list invalid characters.
        // Only the first 8 KiB are looked at (searching backwards from there), as git and grep decide.
        if (got.text.lastIndexOf("\u0000", 8192) >= 0) {
            if (!this.counted.has(file)) {
                this.counted.add(file);
                this.fileBytes.set(file, Buffer.byteLength(got.text, "utf8"));
                this.stats.files++;
                this.stats.bytes += this.fileBytes.get(file)!;
                this.diagnostics.push({ severity: "error", summary: "Binary file", detail: `${file} holds binary data, not Terraform text; it is not parsed.`, file, range: FILE_RANGE, phase: "read" });
            }
            this.parsed.set(file, null);
            return undefined;
        }
        const t0 = performance.now();
        const result = parseFile(got.text, file, { isNestedBlock: isJsonNestedBlock });
        this.stats.parseMs += performance.now() - t0;
        // A module shared by several root modules is parsed for each; it counts (and reports) once.
        if (!this.counted.has(file)) {
            this.counted.add(file);
            const bytes = Buffer.byteLength(got.text, "utf8");
            this.fileBytes.set(file, bytes);
            this.stats.files++;
            this.stats.bytes += bytes;
            for (const d of result.diagnostics) this.diagnostics.push({ ...d, phase: "parse" });
        }
        this.parsed.set(file, result.body);
        return result.body;
    }

    loadModule(dir: string): ModuleDef | undefined {
        const single = this.singleFileModules.get(dir);
        if (single) return single;
        if (this.modules.has(dir)) return this.modules.get(dir);
        const listing = this.files.list(dir);
        let def: ModuleDef | undefined;
        if (listing) {
            const names = listing.files.filter((f) => isConfigFile(f.slice(f.lastIndexOf("/") + 1)));
            if (names.length > 0) {
                const files: ParsedFile[] = [];
                for (const f of names) {
                    const body = this.parse(f);
                    if (body) files.push({ path: f, body });
                }
                def = indexModule(dir, files, this.diagnostics);
            }
        }
        this.modules.set(dir, def);
        return def;
    }

    loadSingleFile(file: string): ModuleDef | undefined {
        const body = this.parse(file);
        if (!body) return undefined;
        const def = indexModule(dirOf(file), [{ path: file, body }], this.diagnostics);
        this.singleFileModules.set(dirOf(file), def);
        return def;
    }

    /** Forgets parsed files and modules (between root modules, so a large scan holds one tree at a time). */
    release(): void {
        this.parsed.clear();
        this.modules.clear();
    }

    /**
     * The local module directories a directory's files call, found in the text without parsing
     * (root modules are chosen before anything is parsed).
     */
    localCallsOf(dir: string): string[] {
        const out: string[] = [];
        const listing = this.files.list(dir);
        for (const f of listing?.files ?? []) {
            if (!isConfigFile(f.slice(f.lastIndexOf("/") + 1))) continue;
            const got = this.files.read(f);
            if (!got || "error" in got) continue;
            this.unparsedTexts.set(f, got.text);
            const re = /"?source"?\s*[=:]\s*"(\.\.?\/[^"]*)"/g;
            let m: RegExpExecArray | null;
            while ((m = re.exec(got.text)) !== null) {
                const target = joinPath(dir, m[1]);
                if (target !== undefined) out.push(target);
            }
        }
        return out;
    }

    /** Directories under `dir` holding Terraform files, in path order. */
    findModuleDirs(dir: string, depth = 0): string[] {
        const listing = this.files.list(dir);
        if (!listing) return [];
        for (const s of listing.skipped) {
            this.diagnostics.push({ severity: "warning", summary: "Path not followed", detail: `${s.path} is ${s.reason}.`, file: s.path, range: FILE_RANGE, phase: "read" });
        }
        const out: string[] = [];
        if (listing.files.some((f) => isConfigFile(f.slice(f.lastIndexOf("/") + 1)))) out.push(dir);
        if (depth > 64) return out;
        for (const d of listing.dirs) {
            const name = d.slice(d.lastIndexOf("/") + 1);
            if (SKIPPED_DIRS.has(name) || name.startsWith(".")) continue;
            for (const sub of this.findModuleDirs(d, depth + 1)) out.push(sub);
        }
        return out;
    }
}

/**
 * Root modules among module directories: those no other directory calls; then, so that modules
 * calling each other in a cycle are still scanned, the first of any directory not reached yet.
 */
function chooseRoots(dirs: string[], callsOf: (dir: string) => string[]): string[] {
    const calls = new Map(dirs.map((d) => [d, callsOf(d)]));
    const called = new Set([...calls.values()].flat());
    const reached = new Set<string>();
    // An explicit stack: a long chain of modules calling each other must not overflow the call stack.
    const reach = (start: string) => {
        const stack = [start];
        while (stack.length > 0) {
            const dir = stack.pop()!;
            if (reached.has(dir)) continue;
            reached.add(dir);
            for (const c of calls.get(dir) ?? []) stack.push(c);
        }
    };
    const roots = dirs.filter((d) => !called.has(d));
    roots.forEach(reach);
    for (const d of dirs) {
        if (reached.has(d)) continue;
        roots.push(d);
        reach(d);
    }
    return roots;
}

/**
 * The workspace Terraform would plan this root module in, as it chooses it: `TF_WORKSPACE`, else
 * what `terraform workspace select` recorded in `.terraform/environment`, else `default`.
 */
function currentWorkspace(ws: Workspace, rootDir: string, options: ScanOptions): string {
    const fromEnv = options.env?.TF_WORKSPACE;
    if (fromEnv) return fromEnv;
    const file = joinPath(rootDir, ".terraform/environment");
    const got = file === undefined ? undefined : ws.files.read(file);
    const recorded = got && "text" in got ? got.text.trim() : "";
    return recorded || "default";
}

/** Reads `.terraform/modules/modules.json` of a root module: module key → directory (relative to the scan root). */
function readManifest(ws: Workspace, rootDir: string): Map<string, string> | undefined {
    const file = joinPath(rootDir, ".terraform/modules/modules.json");
    if (file === undefined) return undefined;
    const got = ws.files.read(file);
    if (!got || "error" in got) return undefined;
    try {
        const parsed = JSON.parse(got.text) as { Modules?: Array<{ Key?: string; Dir?: string }> };
        const out = new Map<string, string>();
        for (const m of parsed.Modules ?? []) {
            if (!m.Key || typeof m.Dir !== "string") continue;
            const dir = joinPath(rootDir, m.Dir);
            if (dir === undefined) {
                ws.diagnostics.push({ severity: "warning", summary: "Module outside the scan root", detail: `The module ${m.Key} is recorded in ${m.Dir}, outside the scan root; it is not read.`, file, range: FILE_RANGE });
                continue;
            }
            out.set(m.Key, dir);
        }
        return out;
    } catch (err) {
        ws.diagnostics.push({ severity: "warning", summary: "Unreadable module manifest", detail: `${file}: ${(err as Error).message}`, file, range: FILE_RANGE });
        return undefined;
    }
}

/** Root variable values by Terraform's precedence: TF_VAR_* < terraform.tfvars(.json) < *.auto.tfvars(.json) < var files < -var. */
function rootInputs(ws: Workspace, def: ModuleDef, rootDir: string, options: ScanOptions, readVarFile: (f: string) => { name: string; text: string } | undefined): Map<string, InputValue> {
    const inputs = new Map<string, InputValue>();
    const literal = (name: string, text: string, how: string, file: string): InputValue | undefined => {
        const decl = def.variables.get(name);
        if (!decl) return undefined;
        const origin = { description: `var.${name} from ${how}` };
        if (isPrimitiveType(decl.block)) return { value: { kind: "scalar", value: text }, origin };
        const problems: Diagnostic[] = [];
        const expr = parseExpression(text, file, problems as never);
        for (const p of problems) ws.diagnostics.push(p);
        const value = evaluate(expr, { host: NO_NAMES, file, bindings: noBindings(), diagnostics: ws.diagnostics, depth: 0 });
        return { value, origin };
    };
    for (const [key, text] of Object.entries(options.env ?? {})) {
        if (!key.startsWith("TF_VAR_") || text === undefined) continue;
        const name = key.slice("TF_VAR_".length);
        const v = literal(name, text, `the environment (${key})`, `<${key}>`);
        if (v) inputs.set(name, v);
    }
    const fromVarFile = (file: string, text: string) => {
        const { body, diagnostics } = parseFile(text, file);
        for (const d of diagnostics) ws.diagnostics.push({ ...d, phase: "parse" });
        for (const b of body.blocks) {
            ws.diagnostics.push({ severity: "error", summary: "Unexpected block in a variables file", detail: `${file} may only set variables.`, file, range: b.typeRange, phase: "parse" });
        }
        for (const a of body.attributes) {
            const value = evaluate(a.expression, { host: NO_NAMES, file, bindings: noBindings(), diagnostics: ws.diagnostics, depth: 0 });
            if (!def.variables.has(a.name)) {
                ws.diagnostics.push({ severity: "warning", summary: "Value for undeclared variable", detail: `${file} sets "${a.name}", which the root module does not declare.`, file, range: a.nameRange });
                continue;
            }
            inputs.set(a.name, { value, origin: { description: `var.${a.name} from ${file}`, location: fileLocation(file, a.range) } });
        }
    };
    const listing = ws.files.list(rootDir);
    const base = (f: string) => f.slice(f.lastIndexOf("/") + 1);
    const auto = (listing?.files ?? []).filter((f) => base(f).endsWith(".auto.tfvars") || base(f).endsWith(".auto.tfvars.json")).sort();
    const ordered = [
        ...(listing?.files ?? []).filter((f) => base(f) === "terraform.tfvars"),
        ...(listing?.files ?? []).filter((f) => base(f) === "terraform.tfvars.json"),
        ...auto,
    ];
    for (const f of ordered) {
        const got = ws.files.read(f);
        if (got && "text" in got) fromVarFile(f, got.text);
    }
    for (const f of options.varFiles ?? []) {
        const got = readVarFile(f);
        if (!got) {
            ws.diagnostics.push({ severity: "error", summary: "Variables file not found", detail: `${f} could not be read.`, file: f, range: FILE_RANGE, phase: "read" });
            continue;
        }
        fromVarFile(got.name, got.text);
    }
    for (const [name, text] of Object.entries(options.vars ?? {})) {
        const v = literal(name, text, "-var", "<-var>");
        if (v) inputs.set(name, v);
        else ws.diagnostics.push({ severity: "warning", summary: "Value for undeclared variable", detail: `-var ${name} is not declared by the root module ${rootDir || "."}.`, file: "<-var>", range: FILE_RANGE });
    }
    return inputs;
}

/** A host for tfvars and `-var` values: no names are in scope, functions work. */
const NO_NAMES = {
    lookup: () => undefined,
    readFile: () => undefined,
    readFileBytes: () => undefined,
    fileExists: () => false,
    filePath: () => undefined,
    listFiles: () => undefined,
};

/** One root module tree, evaluated and adapted. */
export interface EvaluatedTree {
    root: ModuleInstance;
    resources: Resource[];
    references: Reference[];
    /** Per resource id: its block header and the module calls leading to it. */
    locations: Map<string, ResourcePlace>;
}

/** Evaluates one root module tree and adapts every resource instance into the neutral view. */
function evaluateRootModule(
    ws: Workspace,
    def: ModuleDef,
    options: ScanOptions,
    readVarFile: (f: string) => { name: string; text: string } | undefined,
): EvaluatedTree {
    const t0 = performance.now();
    const env: EvalEnvironment = {
        files: ws.files,
        loadModule: (dir) => ws.loadModule(dir),
        diagnostics: ws.diagnostics,
        inputs: rootInputs(ws, def, def.dir, options, readVarFile),
        manifest: withDownloads(readManifest(ws, def.dir), options.moduleDownloads?.[def.dir]),
        downloadFailures: options.moduleDownloads?.[def.dir]?.failures,
        workspace: currentWorkspace(ws, def.dir, options),
        onUnscannedCall: (c) => {
            const address = c.key.split(".").map((n) => `module.${n}`).join(".");
            const id = `${def.dir}\u0000${address}\u0000${c.file}\u0000${c.range.start.offset}`;
            if (ws.unscanned.has(id)) return;
            const failure = c.reason === "not-installed" ? env.downloadFailures?.[c.key] : undefined;
            ws.unscanned.set(id, {
                rootModule: def.dir,
                address,
                source: c.source,
                reason: failure !== undefined ? "download-failed" : c.reason,
                detail: failure ?? UNSCANNED_DETAIL[c.reason],
                range: { file: c.file, start: c.range.start, end: c.range.end },
            });
        },
    };
    const root = new ModuleInstance(def, env, { rootDir: def.dir });
    const resources: Resource[] = [];
    const references: Reference[] = [];
    const locations = new Map<string, ResourcePlace>();
    for (const mod of root.tree()) {
        ws.stats.modules++;
        for (const inst of mod.resourceInstances()) {
            const { resource, references: refs } = adaptInstance(inst);
            resources.push(resource);
            for (const ref of refs) references.push(ref);
            locations.set(resource.id, {
                resourceRange: resource.source,
                moduleCallRanges: inst.moduleCalls,
                block: fileLocation(inst.file, inst.blockRange),
                callBlocks: inst.moduleCallBlocks,
                template: inst.template,
            });
        }
        mod.evaluateUnused();
    }
    ws.stats.resources += resources.length;
    ws.stats.evalMs += performance.now() - t0;
    return { root, resources, references, locations };
}

const UNSCANNED_DETAIL: Record<UnscannedReason, string> = {
    "not-installed": "not installed: .terraform/modules/modules.json does not record it; run terraform init, or scan with --download-modules",
    "invalid-source": "its source is not a literal string",
    "too-deep": "module calls are nested too deeply",
    "outside-root": "its source leaves the scan root",
    cycle: "it calls a module that is already being evaluated (a cycle)",
    "not-found": "its directory holds no Terraform files",
};

/** The manifest of a root module with the modules `--download-modules` fetched added (`modules.json` entries win). */
function withDownloads(manifest: Map<string, string> | undefined, downloads: ModuleDownloads | undefined): Map<string, string> | undefined {
    if (!downloads) return manifest;
    const out = new Map(manifest ?? []);
    for (const [key, dir] of Object.entries(downloads.dirs)) if (!out.has(key)) out.set(key, dir);
    return out;
}

/** Where a resource is written: its header and block, and the module calls leading to it. */
export interface ResourcePlace {
    resourceRange: SourceLocation;
    moduleCallRanges: SourceLocation[];
    block?: SourceLocation;
    callBlocks?: Array<{ address: string; range: SourceLocation }>;
    /** Checked as a template: its findings apply when it is instantiated. */
    template?: boolean;
    /** The findings' `resourceBlock`, once the first finding of the resource has built it. */
    resourceBlock?: ResourceBlock;
    /** The resource's id as the findings hold it (a flat copy), once the first finding has made it. */
    flatId?: string;
    /** Its name, likewise. */
    flatName?: string;
}


/** A catalog finding with the Terraform locations the CLI needs for suppression comments. */
function terraformFinding(f: Finding, where: ResourcePlace | undefined, rootModule: string, intern: FindingInterner): TerraformFinding {
    // Findings leave the scanner (and cross threads) as plain data: lazy locations are worked out
    // here, and what findings repeat is held once (see FindingInterner).
    const location = intern.location(f.location);
    const message = intern.message(f.controlId, f.message);
    const path = f.path === undefined ? undefined : intern.string(f.path);
    let evidence = f.evidence;
    const origin = evidence?.origin;
    if (origin?.location !== undefined) {
        const at = intern.location(origin.location);
        const text = typeof evidence!.value === "string";
        if (at !== origin.location || text) {
            evidence = { ...evidence!, origin: { ...origin, location: at } };
            if (text) evidence.value = intern.string(evidence.value as string);
        }
    } else if (evidence) evidence = intern.evidenceOf(evidence);
    const resourceBlock = resourceBlockOf(f, where, rootModule, intern);
    // Flat copies, once per resource (see FindingInterner.string).
    const resourceId = where ? (where.flatId ??= intern.flat(f.resourceId)) : intern.flat(f.resourceId);
    const resourceName = where ? (where.flatName ??= intern.flat(f.resourceName)) : intern.flat(f.resourceName);
    // The two shapes nearly every finding has, as one literal each: the catalog's finding grew
    // properties after it was made, which V8 keeps out of the object (40 more bytes a finding).
    if (f.governs === undefined && f.exemption === undefined && !where?.template) {
        const { status, controlId, severity, resourceType, frontEnd } = f;
        if (path !== undefined && evidence !== undefined) {
            return { status, message, location, controlId, severity, resourceId, resourceType, resourceName, frontEnd, path, evidence, resourceBlock };
        }
        if (path === undefined && evidence === undefined) {
            return { status, message, location, controlId, severity, resourceId, resourceType, resourceName, frontEnd, resourceBlock };
        }
    }
    const out = f as TerraformFinding;
    out.resourceId = resourceId;
    out.resourceName = resourceName;
    out.location = location;
    out.message = message;
    if (path !== undefined) out.path = path;
    if (evidence !== undefined) out.evidence = evidence;
    if (where?.template) out.whenInstantiated = true;
    out.resourceBlock = resourceBlock;
    return out;
}

/** Where a finding's resource is written: the same for every finding of a resource (1.5 on average), so built once. */
function resourceBlockOf(f: Finding, where: ResourcePlace | undefined, rootModule: string, intern: FindingInterner): ResourceBlock {
    if (where?.resourceBlock?.rootModule === rootModule) return where.resourceBlock;
    const block: ResourceBlock = {
        rootModule,
        range: intern.range(where?.block ?? where?.resourceRange ?? f.location),
        moduleCalls: intern.moduleCalls(where?.callBlocks),
    };
    if (where) where.resourceBlock = block;
    return block;
}

/**
 * An attribute path in the Pulumi spelling the docs use: the index of a block written once (a
 * one-element list of objects, which Pulumi holds as an object) is left out, so
 * `gceSetup.bootDisk.0.diskEncryption` reads `gceSetup.bootDisk.diskEncryption` in every front-end
 * and message. Indexes into longer lists and into lists of scalars stay.
 */
export function pulumiPath(path: string, props: Value): string {
    if (!/\.\d+(\.|$)/.test(path)) return path;
    const out: string[] = [];
    let node: Value | undefined = props;
    for (const segment of path.split(".")) {
        if (node?.kind === "list" && /^\d+$/.test(segment)) {
            const item: Value | undefined = node.items[Number(segment)];
            if (!(node.items.length === 1 && item?.kind === "map")) out.push(segment);
            node = item;
            continue;
        }
        out.push(segment);
        if (node?.kind === "map") node = Object.prototype.hasOwnProperty.call(node.entries, segment) ? node.entries[segment] : undefined;
        else if (node?.kind === "list") {
            const first = node.items.find((i) => i.kind === "map" && Object.prototype.hasOwnProperty.call(i.entries, segment));
            node = first?.kind === "map" ? first.entries[segment] : undefined;
        } else node = undefined;
    }
    return out.join(".");
}

/** Rewrites a finding's attribute path (and the message that names it) in the {@link pulumiPath} spelling. */
function respell(f: Finding, resource: Resource | undefined): void {
    if (!f.path || !resource) return;
    const spelled = pulumiPath(f.path, resource.props);
    if (spelled === f.path) return;
    f.message = f.message.split(f.path).join(spelled);
    f.path = spelled;
}

/** Runs the controls over one tree's graph. */
function checkTree(ws: Workspace, tree: Pick<EvaluatedTree, "resources" | "references" | "locations">, controls: readonly AnyControl[], options: ScanOptions, rootModule: string): TerraformFinding[] {
    const t1 = performance.now();
    const byId = lazyResourceIndex(tree.resources);
    // Each catalog finding becomes a Terraform finding as soon as it is made, while it is young garbage.
    // A control's findings on one resource come together: their place is looked up once.
    let lastId: string | undefined;
    let lastPlace: ResourcePlace | undefined;
    const findings = runTreeControls(tree, controls, options.settings ?? {}, (f) => {
        if (f.path) respell(f, byId(f.resourceId));
        if (f.resourceId !== lastId) {
            lastId = f.resourceId;
            lastPlace = tree.locations.get(f.resourceId);
        }
        return terraformFinding(f, lastPlace, rootModule, ws.intern);
    });
    ws.stats.checkMs += performance.now() - t1;
    return findings;
}

/**
 * Runs the controls with template instances kept apart: a resource checked only as a template (see
 * `ResourcePlace.template`) may not exist, so it must not satisfy a join for a resource that does
 * (a versioning configuration whose `count` keeps its default of 0 does not version the module's
 * real bucket). Real resources are checked in the graph of real resources; templates in the graph
 * of all, where they can join real resources and each other.
 */
function runTreeControls<T>(
    tree: Pick<EvaluatedTree, "resources" | "references" | "locations">,
    controls: readonly AnyControl[],
    settings: NonNullable<ScanOptions["settings"]>,
    then: (f: Finding) => T,
): T[] {
    const isTemplate = (r: Resource) => tree.locations.get(r.id)?.template === true;
    const real = tree.resources.filter((r) => !isTemplate(r));
    if (real.length === tree.resources.length) return runControls(new ResourceGraph(tree.resources, tree.references), controls, settings, undefined, then);
    const findings = runControls(new ResourceGraph(real, tree.references), controls, settings, undefined, then);
    for (const f of runControls(new ResourceGraph(tree.resources, tree.references), controls, settings, isTemplate, then)) findings.push(f);
    return findings;
}

/** Resources by id, indexed on the first lookup (most scans look up few). */
function lazyResourceIndex(resources: readonly Resource[]): (id: string) => Resource | undefined {
    let index: Map<string, Resource> | undefined;
    return (id) => (index ??= new Map(resources.map((r) => [r.id, r]))).get(id);
}

/** Most diagnostics reported per file; the rest are summed up in one note. */
const MAX_DIAGNOSTICS_PER_FILE = 200;

/** Drops repeated diagnostics (an expression evaluated once per instance reports once) and caps each file's. */
function dedupeDiagnostics(diagnostics: Diagnostic[]): Diagnostic[] {
    const seen = new Set<string>();
    const perFile = new Map<string, number>();
    const out: Diagnostic[] = [];
    for (const d of diagnostics) {
        const key = `${d.file}\u0000${d.range.start.offset}\u0000${d.range.end.offset}\u0000${d.severity}\u0000${d.summary}\u0000${d.detail ?? ""}`;
        if (seen.has(key)) continue;
        seen.add(key);
        const n = (perFile.get(d.file) ?? 0) + 1;
        perFile.set(d.file, n);
        if (n <= MAX_DIAGNOSTICS_PER_FILE) out.push(plainDiagnostic(d.phase ? d : { ...d, phase: "evaluate" }));
    }
    for (const [file, n] of perFile) {
        if (n > MAX_DIAGNOSTICS_PER_FILE) {
            out.push({ severity: "warning", summary: "Too many diagnostics", detail: `${n - MAX_DIAGNOSTICS_PER_FILE} more diagnostics in this file are not shown.`, file, range: FILE_RANGE, phase: "evaluate" });
        }
    }
    return out;
}

/** A root module to scan: a directory, or a single file scanned on its own. */
export interface RootTarget {
    dir: string;
    file?: string;
}

/** Finds the root modules among scan targets; problems with the targets become diagnostics. */
function discoverRoots(ws: Workspace, targets: string[]): RootTarget[] {
    const roots: RootTarget[] = [];
    const rootDirs = new Set<string>();
    for (const target of targets) {
        if (ws.files.isDirectory(target)) {
            const dirs = ws.findModuleDirs(target);
            if (dirs.length === 0) {
                ws.diagnostics.push({ severity: "info", summary: "No Terraform files", detail: `${target || "."} holds no .tf or .tf.json files.`, file: target, range: FILE_RANGE, phase: "read" });
                continue;
            }
            for (const d of chooseRoots(dirs, (dir) => ws.localCallsOf(dir))) {
                if (rootDirs.has(d)) continue;
                rootDirs.add(d);
                roots.push({ dir: d });
            }
            continue;
        }
        if (!ws.files.exists(target)) {
            const got = ws.files.read(target);
            ws.diagnostics.push({
                severity: "error",
                summary: got && "error" in got ? "Path not readable" : "Path not found",
                detail: got && "error" in got ? `${target}: ${got.error}.` : `${target} does not exist.`,
                file: target,
                range: FILE_RANGE,
                phase: "read",
            });
            continue;
        }
        if (!rootDirs.has(dirOf(target))) {
            rootDirs.add(dirOf(target));
            roots.push({ dir: dirOf(target), file: target });
        }
    }
    return roots;
}

/** Root modules outside the module download cache (downloaded modules are scanned where they are called). */
function withoutCache(roots: RootTarget[], options: ScanOptions): RootTarget[] {
    if (!options.downloadModules) return roots;
    const cache = normalize(options.downloadModules.cacheDir ?? DEFAULT_CACHE_DIR);
    if (!cache) return roots;
    return roots.filter((r) => r.dir !== cache && !r.dir.startsWith(`${cache}/`));
}

function loadRoot(ws: Workspace, r: RootTarget): ModuleDef | undefined {
    return r.file ? ws.loadSingleFile(r.file) : ws.loadModule(r.dir);
}

/** Evaluates and checks root modules one after another, holding one module tree at a time. */
export function scanRoots(ws: Workspace, roots: RootTarget[], options: ScanOptions, controls: readonly AnyControl[], readVarFile: VarFileReader): TerraformFinding[] {
    const findings: TerraformFinding[] = [];
    roots.forEach((r, i) => {
        const def = loadRoot(ws, r);
        // The controls need the adapted resources only: the syntax trees and module instances go first.
        let forControls: Pick<EvaluatedTree, "resources" | "references" | "locations"> | undefined;
        if (def) {
            const { resources, references, locations } = evaluateRootModule(ws, def, options, readVarFile);
            forControls = { resources, references, locations };
        }
        ws.release();
        // One at a time, not spread into push(): a root module may have hundreds of thousands of findings.
        if (def && forControls) for (const f of checkTree(ws, forControls, controls, options, def.dir)) findings.push(f);
        options.onProgress?.(i + 1, roots.length);
    });
    return findings;
}

export type VarFileReader = (f: string) => { name: string; text: string } | undefined;

/** Scans a plan: resources from the plan, locations and edges through locals from the HCL of the first root module. */
function scanPlanFile(ws: Workspace, planFile: string, roots: RootTarget[], options: ScanOptions, controls: readonly AnyControl[], readVarFile: VarFileReader): TerraformFinding[] {
    const findings: TerraformFinding[] = [];
    const t0 = performance.now();
    const plan = readVarFile(planFile);
    if (!plan) {
        ws.diagnostics.push({ severity: "error", summary: "Plan file not found", detail: `${planFile} could not be read.`, file: planFile, range: FILE_RANGE, phase: "read" });
        return findings;
    }
    const rootDef = roots[0] ? loadRoot(ws, roots[0]) : undefined;
    const fromPlan = ws.diagnostics.length;
    const { resources, references, extra } = scanPlan(plan.text, plan.name, ws.diagnostics, (dir) => ws.loadModule(dir), rootDef?.dir);
    // What the plan reader itself reports is about the plan's text (invalid JSON, not a plan).
    for (let i = fromPlan; i < ws.diagnostics.length; i++) if (ws.diagnostics[i].file === plan.name) ws.diagnostics[i].phase ??= "parse";
    ws.stats.resources += resources.length;
    ws.stats.modules += new Set(resources.map((r) => (r.modulePath ?? []).join("."))).size;
    const t1 = performance.now();
    ws.stats.evalMs += t1 - t0;
    // Configuration references stop at locals; the evaluator follows them. Its edges between
    // resources the plan has are added (its own diagnostics and counts are not the plan's).
    if (rootDef) {
        const before = ws.diagnostics.length;
        const saved = { ...ws.stats };
        const tree = evaluateRootModule(ws, rootDef, options, readVarFile);
        ws.diagnostics.length = before;
        // The plan holds every module's resources, installed or not.
        ws.unscanned.clear();
        Object.assign(ws.stats, { resources: saved.resources, modules: saved.modules });
        const known = new Set(resources.map((r) => r.id));
        const seen = new Set(references.map((r) => `${r.from}\u0000${r.path}\u0000${r.to}`));
        for (const ref of tree.references) {
            const key = `${ref.from}\u0000${ref.path}\u0000${ref.to}`;
            if (known.has(ref.from) && known.has(ref.to) && !seen.has(key)) references.push(ref);
        }
    }
    const graph = new ResourceGraph(resources, references);
    const byId = lazyResourceIndex(resources);
    const planFindings = runControls(graph, controls, options.settings ?? {}, undefined, (f) => {
        if (f.path) respell(f, byId(f.resourceId));
        return terraformFinding(f, extra.get(f.resourceId), "", ws.intern);
    });
    for (const f of planFindings) findings.push(f);
    ws.stats.checkMs += performance.now() - t1;
    return findings;
}

/** Scans targets inside a file source; `targets` are root-relative paths (`""` for the root). */
export function scanFileSource(files: FileSource, targets: string[], options: ScanOptions, readVarFile: VarFileReader): ScanResult {
    const started = performance.now();
    const ws = new Workspace(files);
    const controls = options.controls ?? allControls;
    const roots = withoutCache(discoverRoots(ws, targets), options);
    const findings = options.plan ? scanPlanFile(ws, options.plan, roots, options, controls, readVarFile) : scanRoots(ws, roots, options, controls, readVarFile);
    ws.stats.durationMs = performance.now() - started;
    return { findings, diagnostics: dedupeDiagnostics(ws.diagnostics), stats: roundStats(ws.stats), files: [...ws.counted].sort(), unscannedModules: [...ws.unscanned.values()] };
}

function roundStats(s: ScanStats): ScanStats {
    return { ...s, durationMs: Math.round(s.durationMs), parseMs: Math.round(s.parseMs), evalMs: Math.round(s.evalMs), checkMs: Math.round(s.checkMs) };
}

function commonDir(dirs: string[]): string {
    let common = dirs[0];
    for (const d of dirs.slice(1)) {
        while (common !== path.dirname(common) && d !== common && !d.startsWith(common + path.sep)) common = path.dirname(common);
    }
    return common;
}

/** Reads `--var-file` and plan paths as the user wrote them (relative to the working directory). */
export function diskVarFileReader(root: string, cwd: string): VarFileReader {
    return (f: string) => {
        try {
            return { name: path.relative(root, path.resolve(cwd, f)).split(path.sep).join("/") || f, text: fs.readFileSync(path.resolve(cwd, f), "utf8") };
        } catch {
            return undefined;
        }
    };
}

/**
 * Scans Terraform on disk: each path may be a root module, a directory holding several, or a
 * single file. Never throws on user input; problems come back as diagnostics. With
 * `concurrency > 1`, root modules are shared among that many worker threads.
 */
export async function scanTerraform(paths: string[], options: ScanOptions = {}): Promise<ScanResult> {
    const started = performance.now();
    const cwd = path.resolve(options.cwd ?? process.cwd());
    const absolute = paths.map((p) => path.resolve(cwd, p));
    let root = options.root ? path.resolve(cwd, options.root) : cwd;
    if (!options.root && absolute.some((p) => p !== cwd && !p.startsWith(cwd + path.sep))) {
        root = commonDir(absolute.map((p) => (fs.existsSync(p) && !fs.statSync(p).isDirectory() ? path.dirname(p) : p)));
    }
    const files = new DiskFiles(root);
    const outside: Diagnostic[] = [];
    const targets: string[] = [];
    for (const p of absolute) {
        const rel = path.relative(root, p).split(path.sep).join("/");
        const n = normalize(rel);
        if (n === undefined || path.isAbsolute(rel)) {
            outside.push({ severity: "error", summary: "Path outside the scan root", detail: `${p} is outside ${root}; it is not scanned.`, file: p, range: FILE_RANGE, phase: "read" });
            continue;
        }
        targets.push(n);
    }
    const readVarFile = diskVarFileReader(root, cwd);
    const scanOptions: ScanOptions = { ...options, plan: options.plan ? path.resolve(cwd, options.plan) : undefined };
    if (options.downloadModules && options.plan) {
        outside.push({ severity: "info", summary: "Modules not downloaded", detail: "A plan holds every module's resources; --download-modules is not needed for a plan scan.", file: "", range: FILE_RANGE, phase: "read" });
    } else if (options.downloadModules) {
        // The cache directory is given relative to the working directory; the engine reads it relative to the scan root.
        const cacheAbs = path.resolve(cwd, options.downloadModules.cacheDir ?? path.join(root, DEFAULT_CACHE_DIR));
        const settings = { ...options.downloadModules, cacheDir: path.relative(root, cacheAbs).split(path.sep).join("/") || "." };
        scanOptions.downloadModules = settings;
        const prepass = new Workspace(files);
        const roots = withoutCache(discoverRoots(prepass, targets), scanOptions);
        scanOptions.moduleDownloads = await downloadModules(
            {
                // Each download writes into the tree: what was listed before may be out of date.
                loadModule: (dir) => {
                    files.forgetListings();
                    return prepass.loadModule(dir);
                },
                manifest: (dir) => readManifest(prepass, dir),
                diagnostics: outside,
            },
            roots.map((r) => r.dir),
            root,
            settings,
        );
        files.forgetListings();
    }
    const controls = options.controls ?? allControls;
    const concurrency = options.concurrency === "auto" ? autoWorkers() : Math.max(1, Math.floor(options.concurrency ?? 1));
    // Workers receive controls by id, so only catalog controls can run there.
    const portable = controls.every((c) => allControls.includes(c));
    let result: ScanResult;
    if (concurrency > 1 && !options.plan && portable) {
        result = await scanConcurrently(files, root, cwd, targets, scanOptions, controls, concurrency, options.concurrency === "auto", readVarFile);
    } else {
        result = scanFileSource(files, targets, scanOptions, readVarFile);
    }
    if (outside.length > 0) result.diagnostics = outside.concat(result.diagnostics);
    result.stats.durationMs = Math.round(performance.now() - started);
    return result;
}

/** Starting a worker thread (loading the engine and the catalog) costs about as much as evaluating this many typical root modules. */
const ROOTS_PER_AUTO_WORKER = 8;

/**
 * `concurrency: "auto"`: one worker per core but one, at most 8. A scanning thread already keeps
 * about one and a half cores busy (V8 collects garbage and compiles on helper threads), and each
 * worker pays for its own warm-up and for sending its findings back: on 2 cores, two workers
 * scan the benchmark corpus about 10% slower than one thread, with 40% more CPU time.
 */
export function autoWorkers(cores = os.availableParallelism?.() ?? os.cpus().length): number {
    return Math.max(1, Math.min(8, cores - 1));
}

/**
 * Worker threads for a scan of `roots` root modules: never more than the root modules; with
 * `auto`, also one per {@link ROOTS_PER_AUTO_WORKER} root modules, so a small scan stays in-process.
 */
export function workerCount(concurrency: number, roots: number, auto = false): number {
    const n = Math.min(concurrency, roots, auto ? Math.floor(roots / ROOTS_PER_AUTO_WORKER) : roots);
    return n < 2 ? 1 : n;
}

/** Discovers root modules here, then scans them in worker threads, results in root order. */
async function scanConcurrently(
    files: DiskFiles,
    root: string,
    cwd: string,
    targets: string[],
    options: ScanOptions,
    controls: readonly AnyControl[],
    concurrency: number,
    auto: boolean,
    readVarFile: VarFileReader,
): Promise<ScanResult> {
    const ws = new Workspace(files);
    const roots = withoutCache(discoverRoots(ws, targets), options);
    const workers = workerCount(concurrency, roots.length, auto);
    if (workers < 2) {
        const findings = scanRoots(ws, roots, options, controls, readVarFile);
        return { findings, diagnostics: dedupeDiagnostics(ws.diagnostics), stats: roundStats(ws.stats), files: [...ws.counted].sort(), unscannedModules: [...ws.unscanned.values()] };
    }
    const { Worker } = await import("node:worker_threads");
    const groups: Array<Array<{ index: number; target: RootTarget }>> = Array.from({ length: workers }, () => []);
    roots.forEach((target, index) => groups[index % groups.length].push({ index, target }));
    const perRoot: TerraformFinding[][] = [];
    const { onProgress, controls: _controls, ...portableOptions } = options;
    void _controls;
    const fileBytes = new Map(ws.fileBytes);
    let done = 0;
    const progress = (n: number) => onProgress?.((done += n), roots.length);
    const diagnostics: Diagnostic[] = [...ws.diagnostics];
    const unscanned: UnscannedModule[][] = [];
    const stats = ws.stats;
    await Promise.all(
        groups.map(
            (group) =>
                new Promise<void>((resolve) => {
                    // Roots whose findings arrived (and were counted in the progress) before a failure.
                    const received = new Set<number>();
                    const fallback = (why: string) => {
                        diagnostics.push({ severity: "warning", summary: "Worker failed", detail: `${why}; its root modules were scanned on the main thread.`, file: "", range: FILE_RANGE });
                        // The whole share is scanned again, since a failed worker's diagnostics and counts never arrive.
                        const local = new Workspace(files);
                        for (const { index, target } of group) perRoot[index] = scanRoots(local, [target], portableOptions, controls, readVarFile);
                        for (const d of local.diagnostics) diagnostics.push(d);
                        unscanned.push([...local.unscanned.values()]);
                        addStats(stats, local.stats);
                        local.fileBytes.forEach((bytes, f) => fileBytes.set(f, bytes));
                        progress(group.length - received.size);
                        resolve();
                    };
                    let worker: InstanceType<typeof Worker>;
                    try {
                        worker = new Worker(path.join(__dirname, "worker.js"), {
                            workerData: { root, cwd, roots: group, controlIds: controls.map((c) => c.id), options: portableOptions },
                            resourceLimits: WORKER_LIMITS,
                        });
                    } catch (err) {
                        fallback((err as Error).message);
                        return;
                    }
                    let finished = false;
                    worker.on("message", (msg: WorkerMessage) => {
                        if (msg.kind === "root") {
                            perRoot[msg.index] = unpack(msg.findings) as TerraformFinding[];
                            received.add(msg.index);
                            progress(1);
                            return;
                        }
                        finished = true;
                        for (const d of msg.diagnostics) diagnostics.push(d);
                        unscanned.push(msg.unscanned);
                        addStats(stats, msg.stats);
                        for (const [f, bytes] of msg.files) fileBytes.set(f, bytes);
                        resolve();
                    });
                    worker.once("error", (err) => {
                        if (!finished) {
                            finished = true;
                            fallback(err.message);
                        }
                    });
                    worker.once("exit", (code) => {
                        if (!finished) {
                            finished = true;
                            fallback(`exit code ${code}`);
                        }
                    });
                }),
        ),
    );
    // A module shared by root modules in different workers is read, and counted, by each: count
    // files and bytes once.
    stats.files = fileBytes.size;
    stats.bytes = 0;
    for (const bytes of fileBytes.values()) stats.bytes += bytes;
    const unscannedModules = unscanned.flat().sort((a, b) => (a.rootModule < b.rootModule ? -1 : a.rootModule > b.rootModule ? 1 : 0));
    return { findings: perRoot.flat(), diagnostics: dedupeDiagnostics(diagnostics), stats: roundStats(stats), files: [...fileBytes.keys()].sort(), unscannedModules };
}

/**
 * A root module's syntax trees and values (a few MB) live for the tens of milliseconds it takes to
 * scan it; with V8's default young generation most of that is copied by a scavenge or two before
 * it dies. A larger young generation lets it die young: fewer, cheaper scavenges, which matters
 * most when two threads' collectors share two cores.
 */
const WORKER_LIMITS = { maxYoungGenerationSizeMb: 96 };

/** What a worker posts: each root module's findings as they are ready, then the rest once. */
type WorkerMessage =
    | { kind: "root"; index: number; findings: Packed }
    | { kind: "done"; diagnostics: Diagnostic[]; stats: ScanStats; files: Array<[string, number]>; unscanned: UnscannedModule[] };

function addStats(into: ScanStats, from: ScanStats): void {
    for (const k of ["files", "bytes", "resources", "modules", "parseMs", "evalMs", "checkMs"] as const) into[k] += from[k];
}

/**
 * Scans Terraform held in memory, `{ "main.tf": "...", "modules/net/main.tf": "..." }`: every
 * root module among the files is scanned. `varFiles` and `plan` name entries of `files`.
 */
export async function scanTerraformSources(sources: Record<string, string>, options: ScanOptions = {}): Promise<ScanResult> {
    const files = new MemoryFiles(sources);
    const readVarFile = (f: string) => {
        const n = normalize(f);
        const text = n === undefined ? undefined : sources[n] ?? sources[f];
        return text === undefined ? undefined : { name: n ?? f, text };
    };
    return scanFileSource(files, [""], { ...options, plan: options.plan }, readVarFile);
}

/**
 * Evaluates in-memory sources, or a directory on disk, without running controls: the root module
 * tree of `dir`, its resources in the neutral view and their references. For tests and tools.
 */
export function evaluateSources(sources: Record<string, string> | DiskFiles, options: ScanOptions & { dir?: string } = {}): EvaluatedTree & { diagnostics: Diagnostic[] } {
    const onDisk = sources instanceof DiskFiles;
    const ws = new Workspace(onDisk ? sources : new MemoryFiles(sources));
    const readVarFile: VarFileReader = onDisk ? diskVarFileReader(sources.root, sources.root) : (f) => (sources[f] === undefined ? undefined : { name: f, text: sources[f] });
    const def = ws.loadModule(options.dir ?? "") ?? indexModule(options.dir ?? "", [], ws.diagnostics);
    const tree = evaluateRootModule(ws, def, options, readVarFile);
    return { ...tree, diagnostics: ws.diagnostics };
}
