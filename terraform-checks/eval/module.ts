import { isUtf8 } from "node:buffer";
import type { SourceLocation, ValueOrigin } from "../../catalog/model";
import type { Attribute, Block, Body } from "../hcl/ast";
import { type Range, join } from "../hcl/source";
import { type Diagnostic, fileLocation } from "../diagnostics";
import { type EvalHost, type Lookup, type Scope, type Step, evalError, evaluate, noBindings, report, withBindings } from "./expr";
import { type FileSource, joinPath } from "./files";
import { evaluatePolicyDocument } from "./policy-document";
import { evaluateGoogleIamPolicy } from "./google-iam-policy";
import { ANY, type TfType, type TypeProblem, conversionProblem, convertRelocated, parseType, typeName } from "./types";
import { type TfValue, asNumber, asString, elements, isNull, list, map, relocate, scalar, unknown } from "./value";

/** A parsed file of a module. Paths are POSIX, relative to the scan root. */
export interface ParsedFile {
    path: string;
    body: Body;
}

/** The declarations of one module directory, indexed. */
export interface ModuleDef {
    dir: string;
    files: ParsedFile[];
    variables: Map<string, { block: Block; file: string }>;
    locals: Map<string, { attr: Attribute; file: string }>;
    outputs: Map<string, { block: Block; file: string }>;
    resources: Map<string, { block: Block; file: string; type: string; name: string }>;
    data: Map<string, { block: Block; file: string; type: string; name: string }>;
    /** `ephemeral` resources (Terraform 1.10): opened during plan, never stored; their values are unknown here. */
    ephemeral: Map<string, { block: Block; file: string; type: string; name: string }>;
    calls: Map<string, { block: Block; file: string }>;
}

const NO_LABELS: string[] = [];

/** Builds a module's index from its parsed files; duplicate declarations are diagnosed. */
export function indexModule(dir: string, files: ParsedFile[], diagnostics: Diagnostic[]): ModuleDef {
    const def: ModuleDef = {
        dir,
        files,
        variables: new Map(),
        locals: new Map(),
        outputs: new Map(),
        resources: new Map(),
        data: new Map(),
        ephemeral: new Map(),
        calls: new Map(),
    };
    const dup = (file: string, kind: string, name: string, range: Range) =>
        diagnostics.push({ severity: "error", summary: `Duplicate ${kind}`, detail: `${name} is declared more than once; the first declaration is used.`, file, range });
    for (const f of files) {
        for (const b of f.body.blocks) {
            const labels = b.labels.length === 0 ? NO_LABELS : b.labels.length === 1 ? [b.labels[0].value] : b.labels.map((l) => l.value);
            switch (b.blockType) {
                case "variable":
                    if (labels.length !== 1) break;
                    if (def.variables.has(labels[0])) dup(f.path, "variable", `var.${labels[0]}`, b.typeRange);
                    else def.variables.set(labels[0], { block: b, file: f.path });
                    break;
                case "locals":
                    for (const a of b.body.attributes) {
                        if (def.locals.has(a.name)) dup(f.path, "local value", `local.${a.name}`, a.nameRange);
                        else def.locals.set(a.name, { attr: a, file: f.path });
                    }
                    break;
                case "output":
                    if (labels.length !== 1) break;
                    if (def.outputs.has(labels[0])) dup(f.path, "output", `output.${labels[0]}`, b.typeRange);
                    else def.outputs.set(labels[0], { block: b, file: f.path });
                    break;
                case "resource":
                case "data":
                case "ephemeral": {
                    if (labels.length !== 2) break;
                    const key = `${labels[0]}.${labels[1]}`;
                    const table = b.blockType === "resource" ? def.resources : b.blockType === "data" ? def.data : def.ephemeral;
                    if (table.has(key)) dup(f.path, b.blockType === "ephemeral" ? "ephemeral resource" : b.blockType, b.blockType === "resource" ? key : `${b.blockType}.${key}`, b.typeRange);
                    else table.set(key, { block: b, file: f.path, type: labels[0], name: labels[1] });
                    break;
                }
                case "module":
                    if (labels.length !== 1) break;
                    if (def.calls.has(labels[0])) dup(f.path, "module call", `module.${labels[0]}`, b.typeRange);
                    else def.calls.set(labels[0], { block: b, file: f.path });
                    break;
            }
        }
    }
    return def;
}

/** An evaluated block body: attributes and nested blocks, in source order, `dynamic` blocks expanded. */
export interface EvalBody {
    attributes: Array<{ name: string; value: TfValue; range: Range; file: string }>;
    blocks: Array<{ type: string; body: EvalBody; range: Range; file: string }>;
}

/** One instance of a managed resource, evaluated. */
export interface ResourceInstance {
    /** Terraform's instance address, e.g. `module.net.aws_subnet.a[0]`. */
    address: string;
    type: string;
    name: string;
    /** Module call chain, e.g. `["module.net"]`. */
    modulePath: string[];
    file: string;
    /** The block header (`resource "t" "n" {`). */
    headerRange: Range;
    /** The whole block. */
    blockRange: Range;
    /** The `module "x" {` headers of the calls leading here, outermost first. */
    moduleCalls: SourceLocation[];
    /** Checked as a template (zero instances only because of variable defaults): findings apply "when instantiated". */
    template: boolean;
    /** The same calls as whole blocks, with their instance addresses (`module.x["k"]`). */
    moduleCallBlocks: Array<{ address: string; range: SourceLocation }>;
    body: EvalBody;
}

/** A variable value decided outside the configuration (tfvars, `-var`, `TF_VAR_*`). */
export interface InputValue {
    value: TfValue;
    origin: ValueOrigin;
}

/** What evaluating a module tree needs besides the root module's files. */
export interface EvalEnvironment {
    files: FileSource;
    /** Parses (once) and indexes a module directory; undefined when it has no Terraform files. */
    loadModule(dir: string): ModuleDef | undefined;
    diagnostics: Diagnostic[];
    /** Root variable values from tfvars, `-var` and the environment, by name. */
    inputs: Map<string, InputValue>;
    /** `.terraform/modules/modules.json` of the root module: module key → directory. */
    manifest?: Map<string, string>;
    /** Why `--download-modules` could not fetch a module, by manifest key (when it was asked to). */
    downloadFailures?: Readonly<Record<string, string>>;
    maxModuleDepth?: number;
    /** `terraform.workspace`: the workspace a plan of this root would run in (`default` when unset). */
    workspace?: string;
    /** Told about every module call that is not evaluated, and why (the scan summary counts them). */
    onUnscannedCall?: (call: UnscannedCall) => void;
}

/** Why a module call was not evaluated. */
export type UnscannedReason = "not-installed" | "invalid-source" | "too-deep" | "outside-root" | "cycle" | "not-found";

/** A module call that was not evaluated: its manifest key (`a.b`), source and where it is written. */
export interface UnscannedCall {
    key: string;
    source: string;
    reason: UnscannedReason;
    file: string;
    range: Range;
}

const META_ATTRIBUTES = new Set(["count", "for_each", "provider", "depends_on"]);
const META_BLOCKS = new Set(["lifecycle", "provisioner", "connection", "precondition", "postcondition"]);
const DEFAULT_MAX_MODULE_DEPTH = 16;
/** Most files one `fileset()` call lists. */
const MAX_LISTED_FILES = 10_000;
/** Most instances one `count` / `for_each` may create. */
const MAX_INSTANCES = 10_000;

const SINGLE: Expansion = { kind: "single" };

/** How a block with `count` / `for_each` expands. */
type Expansion =
    | { kind: "single" }
    | { kind: "count"; n: number; template?: Template }
    | { kind: "each"; keys: string[]; values: Record<string, TfValue>; template?: Template }
    | { kind: "unknown"; why: TfValue };

interface Instance {
    suffix: string;
    bindings: Record<string, TfValue>;
}

/**
 * A block with zero instances only because its `count` / `for_each` comes from variable defaults:
 * it is checked once as written, with `count.index`, `each.key` and `each.value` unknown.
 */
interface Template {
    /** The defaulted variables that decided zero instances, for the diagnostic. */
    variables: string[];
}

function quoteKey(k: string): string {
    return JSON.stringify(k);
}

/**
 * One instance of a module (the root, or one instance of a call with its `count` / `for_each` key).
 * Names are resolved lazily and memoised, so locals and outputs are evaluated in dependency order
 * and cycles are found (and diagnosed) rather than looped.
 */
export class ModuleInstance implements EvalHost {
    readonly def: ModuleDef;
    readonly path: string[];
    readonly env: EvalEnvironment;
    readonly parent: ModuleInstance | undefined;
    /** The call's `module "x" {` header locations, outermost first. */
    readonly callRanges: SourceLocation[];
    /** The calls leading here as whole blocks with their instance addresses, outermost first. */
    readonly callBlocks: Array<{ address: string; range: SourceLocation }>;
    /** True for a template instance of a module call (see {@link Template}): everything in it is checked "when instantiated". */
    readonly template: boolean;
    /** Template instances of child calls that have zero instances only because of variable defaults. */
    private templateChildren: Map<string, ModuleInstance> | undefined;
    /** While probing whether a zero `count` / `for_each` comes from defaults: the throwaway diagnostics sink and its values. */
    private probe: { sink: Diagnostic[]; cache: Map<object, TfValue>; inProgress: Set<object>; used: Set<string> } | undefined;
    /** Manifest key of this instance's module (`"net.sub"`), for registry modules. */
    private readonly manifestKey: string;
    /** Directory of the root module; `path.module` and `file()` paths are relative to it. */
    private readonly rootDir: string;
    /**
     * A module input as the caller evaluated it (shared, not relocated) and the origin its nodes
     * without one take: the variable relocates it once, after conversion.
     */
    private readonly inputs: (name: string) => { value: TfValue; origin: ValueOrigin } | undefined;
    /** Memoised values, keyed by their declaration (or, for module inputs, by a string). */
    private readonly cache = new Map<object | string, TfValue>();
    // The maps below are made on first use: a module library creates tens of thousands of instances,
    // most of which never need some of them.
    private resourceValues: Map<string, TfValue> | undefined;
    private localOrigins: Map<object, ValueOrigin> | undefined;
    /** Keys being evaluated (for cycles) and their names (for the diagnostic). */
    private readonly inProgress: Array<object | string> = [];
    private readonly inProgressNames: string[] = [];
    private expansions: Map<Block, Expansion> | undefined;
    private children: Map<string, Map<string, ModuleInstance | null>> | undefined;
    private reportedUnset: Set<string> | undefined;
    /** Variables whose value is their declaration's default (no value given by tfvars, -var, the environment or a caller). */
    readonly fromDefault = new Set<string>();

    constructor(
        def: ModuleDef,
        env: EvalEnvironment,
        opts: {
            path?: string[];
            parent?: ModuleInstance;
            callRanges?: SourceLocation[];
            callBlocks?: Array<{ address: string; range: SourceLocation }>;
            manifestKey?: string;
            rootDir?: string;
            inputs?: (name: string) => { value: TfValue; origin: ValueOrigin } | undefined;
            template?: boolean;
        } = {},
    ) {
        this.template = opts.template ?? false;
        this.def = def;
        this.env = env;
        this.path = opts.path ?? [];
        this.parent = opts.parent;
        this.callRanges = opts.callRanges ?? [];
        this.callBlocks = opts.callBlocks ?? [];
        this.manifestKey = opts.manifestKey ?? "";
        this.rootDir = opts.rootDir ?? def.dir;
        this.inputs = opts.inputs ?? (() => undefined);
    }

    private get prefix(): string {
        return this.path.length === 0 ? "" : this.path.join(".") + ".";
    }

    /** A scope for evaluating an expression of this module written in `file`. */
    scope(file: string, bindings?: Record<string, TfValue>): Scope {
        return { host: this, file, bindings: noBindings(bindings), diagnostics: this.probe?.sink ?? this.env.diagnostics, depth: 0 };
    }

    /**
     * Evaluates and stores the value of `key`, which is not in {@link cache} yet (callers look there
     * first, so a hit allocates no closure); a key met again while being evaluated is a cycle.
     * `name` names it in the diagnostic.
     */
    private memo(key: object | string, name: string, file: string, range: Range, compute: () => TfValue): TfValue {
        if (this.inProgress.includes(key)) {
            const cycle = [...this.inProgressNames.slice(this.inProgress.indexOf(key)), name].join(" → ");
            this.env.diagnostics.push({
                severity: "error",
                summary: "Cycle in references",
                detail: `${cycle}${this.path.length ? ` (in ${this.path.join(".")})` : ""}: these values depend on each other, so none can be decided.`,
                file,
                range,
            });
            return { kind: "unknown", reason: `cycle: ${cycle}`, source: fileLocation(file, range) };
        }
        this.inProgress.push(key);
        this.inProgressNames.push(name);
        let v: TfValue;
        try {
            v = compute();
        } finally {
            this.inProgress.pop();
            this.inProgressNames.pop();
        }
        this.cache.set(key, v);
        return v;
    }

    // ---- EvalHost

    lookup(root: string, steps: Step[], scope: Scope, range: Range): Lookup | undefined {
        if (this.probe && root !== "var" && root !== "local") {
            // Resources, data sources and module calls are decided (and memoised) outside a probe only.
            const probe = this.probe;
            this.probe = undefined;
            try {
                return this.lookup(root, steps, scope, range);
            } finally {
                this.probe = probe;
            }
        }
        const first = steps[0];
        const name = first?.type === "GetAttr" ? first.name : undefined;
        // Values decided elsewhere are relocated to the reference once the rest of its steps are applied.
        switch (root) {
            case "var": {
                if (!name) return { value: evalError(scope, "Invalid reference", "`var` must be followed by a variable name.", range), consumed: 0 };
                if (!this.def.variables.has(name)) {
                    return { value: evalError(scope, "Reference to undeclared input variable", `No variable "${name}" is declared in this module.`, first!.range), consumed: 1 };
                }
                if (this.probe) return shared(this.probeVariable(name), 1);
                return shared(this.variable(name), 1);
            }
            case "local": {
                if (!name) return { value: evalError(scope, "Invalid reference", "`local` must be followed by a name.", range), consumed: 0 };
                const decl = this.def.locals.get(name);
                if (!decl) return { value: evalError(scope, "Reference to undeclared local value", `No local value "${name}" is declared in this module.`, first!.range), consumed: 1 };
                const v = this.probe ? this.probeLocal(decl) : this.localValue(name, decl);
                return shared(v, 1, this.localOrigin(name, decl));
            }
            case "module":
                if (!name) return { value: evalError(scope, "Invalid reference", "`module` must be followed by a call name.", range), consumed: 0 };
                return this.moduleReference(name, steps, scope, range);
            case "data": {
                const found = this.declaredBlock("data", "data source", this.def.data, steps, scope, range);
                return "decl" in found ? shared(this.dataValue(found.key, found.decl), 2) : found;
            }
            case "ephemeral": {
                const found = this.declaredBlock("ephemeral", "ephemeral resource", this.def.ephemeral, steps, scope, range);
                if (!("decl" in found)) return found;
                // Each instance is opened during plan and never stored: what it yields is not known before then.
                const address = `${this.prefix}ephemeral.${found.key}`;
                return { value: { kind: "unknown", reason: `ephemeral.${found.key} is opened during plan and never stored`, refs: [address], instance: { address, type: found.decl.type } }, consumed: 2 };
            }
            case "path": {
                if (name === "module") return { value: scalar(this.relativeToRoot(this.def.dir), fileLocation(scope.file, range)), consumed: 1 };
                if (name === "root" || name === "cwd") return { value: scalar(".", fileLocation(scope.file, range)), consumed: 1 };
                return { value: evalError(scope, "Invalid reference", "Use path.module, path.root or path.cwd.", range), consumed: 1 };
            }
            case "terraform":
                if (name === "workspace") return { value: scalar(this.env.workspace ?? "default", fileLocation(scope.file, range)), consumed: 1 };
                // Terraform 1.10: false while planning, which is what a pre-merge check sees.
                if (name === "applying") return { value: scalar(false, fileLocation(scope.file, range)), consumed: 1 };
                return { value: { kind: "unknown", reason: "terraform.* is not evaluated" }, consumed: 1 };
            case "self":
                return { value: { kind: "unknown", reason: "self is known only at apply" }, consumed: 0 };
            case "count":
            case "each":
                return { value: evalError(scope, "Invalid reference", `\`${root}\` is only available in blocks that set ${root === "count" ? "count" : "for_each"}.`, range), consumed: 0 };
            default: {
                if (!name) return undefined;
                const key = `${root}.${name}`;
                const decl = this.def.resources.get(key);
                if (!decl) {
                    if (root.includes("_")) {
                        return { value: evalError(scope, "Reference to undeclared resource", `No resource "${root}" "${name}" is declared in this module.`, range), consumed: 1 };
                    }
                    return undefined;
                }
                return shared(this.resourceValue(key, decl), 1);
            }
        }
    }

    /** Where a local's value is decided, for the values read through it (one object per local). */
    private localOrigin(name: string, decl: { attr: Attribute; file: string }): ValueOrigin {
        let origin = this.localOrigins?.get(decl);
        if (origin === undefined) {
            origin = { description: `local.${name}`, location: fileLocation(decl.file, decl.attr.range) };
            (this.localOrigins ??= new Map()).set(decl, origin);
        }
        return origin;
    }

    /** A local value, evaluated once (where it is used, callers relocate it). */
    private localValue(name: string, decl: { attr: Attribute; file: string }): TfValue {
        return this.cache.get(decl) ?? this.memo(decl, `local.${name}`, decl.file, decl.attr.range, () => evaluate(decl.attr.expression, this.scope(decl.file)));
    }

    private relativeToRoot(dir: string): string {
        if (dir === this.rootDir) return ".";
        const from = this.rootDir === "" ? [] : this.rootDir.split("/");
        const to = dir === "" ? [] : dir.split("/");
        let i = 0;
        while (i < from.length && i < to.length && from[i] === to[i]) i++;
        return [...from.slice(i).map(() => ".."), ...to.slice(i)].join("/") || ".";
    }

    /** Resolves a `file()` path: relative to the root module directory, confined to the scan root. */
    private resolveFile(p: string): string | undefined {
        return joinPath(this.rootDir, p);
    }

    filePath(p: string): string | undefined {
        return this.resolveFile(p);
    }

    readFile(p: string, scope: Scope, range: Range): string | undefined {
        const resolved = this.readable(p, scope, range, (f) => this.env.files.read(f));
        if (resolved === undefined) return undefined;
        // A replacement character is where a decoding may have lost bytes; only then are they checked.
        if (resolved.text.includes("\uFFFD")) {
            const raw = this.env.files.readBytes(resolved.file);
            if (raw && "bytes" in raw && !isUtf8(raw.bytes)) {
                report(
                    scope,
                    "error",
                    "Invalid file contents",
                    `The contents of ${JSON.stringify(p)} are not valid UTF-8; use filebase64() for its Base64-encoded contents, or filemd5(), filesha256() and the other file hashes.`,
                    range,
                );
                return undefined;
            }
        }
        return resolved.text;
    }

    readFileBytes(p: string, scope: Scope, range: Range): Uint8Array | undefined {
        return this.readable(p, scope, range, (f) => this.env.files.readBytes(f))?.bytes;
    }

    /** Reads a file inside the scan root with `read`, or reports why it cannot. */
    private readable<T extends object>(p: string, scope: Scope, range: Range, read: (file: string) => T | { error: string } | undefined): (T & { file: string }) | undefined {
        const resolved = this.resolveFile(p);
        if (resolved === undefined) {
            report(scope, "error", "File outside the scan root", `${JSON.stringify(p)} leaves the scan root; mlguard reads only files inside it.`, range);
            return undefined;
        }
        const got = read(resolved);
        if (!got) {
            report(scope, "error", "File not found", `${JSON.stringify(p)} (${resolved}) does not exist.`, range);
            return undefined;
        }
        if ("error" in got) {
            report(scope, "error", "File not readable", `${resolved}: ${got.error}.`, range);
            return undefined;
        }
        return { ...got, file: resolved };
    }

    /** The declaration `data.T.N` or `ephemeral.T.N` refers to, or the error value of a reference to none. */
    private declaredBlock(
        root: "data" | "ephemeral",
        what: string,
        table: ModuleDef["data"],
        steps: Step[],
        scope: Scope,
        range: Range,
    ): { key: string; decl: { block: Block; file: string; type: string } } | Lookup {
        const first = steps[0];
        const second = steps[1];
        if (first?.type !== "GetAttr" || second?.type !== "GetAttr") return { value: evalError(scope, "Invalid reference", `\`${root}\` must be followed by a type and a name.`, range), consumed: 0 };
        const key = `${first.name}.${second.name}`;
        const decl = table.get(key);
        if (!decl) return { value: evalError(scope, `Reference to undeclared ${what}`, `No ${root} "${first.name}" "${second.name}" is declared in this module.`, second.range), consumed: 2 };
        return { key, decl };
    }

    listFiles(p: string, scope: Scope, range: Range): string[] | undefined {
        const resolved = this.resolveFile(p);
        if (resolved === undefined) {
            report(scope, "error", "Directory outside the scan root", `${JSON.stringify(p)} leaves the scan root; fileset() lists only files inside it.`, range);
            return undefined;
        }
        if (!this.env.files.isDirectory(resolved)) return [];
        const out: string[] = [];
        // Breadth first with an explicit queue: no recursion proportional to the tree's depth.
        const queue: string[] = [resolved];
        for (let i = 0; i < queue.length && out.length < MAX_LISTED_FILES; i++) {
            const listing = this.env.files.list(queue[i]);
            if (!listing) continue;
            for (const f of listing.files) out.push(resolved === "" ? f : f.slice(resolved.length + 1));
            for (const d of listing.dirs) if (queue.length < MAX_LISTED_FILES) queue.push(d);
        }
        if (out.length >= MAX_LISTED_FILES) report(scope, "warning", "Too many files", `fileset() lists at most ${MAX_LISTED_FILES} files under ${JSON.stringify(p)}; the rest are left out.`, range);
        return out;
    }

    fileExists(p: string): boolean {
        const resolved = this.resolveFile(p);
        return resolved !== undefined && this.env.files.exists(resolved);
    }

    // ---- variables

    /** A variable's value, decided once (where it is used, callers relocate it). */
    private variable(name: string): TfValue {
        const decl = this.def.variables.get(name)!;
        return this.cache.get(decl) ?? this.memo(decl, `var.${name}`, decl.file, decl.block.typeRange, () => this.decideVariable(name, decl));
    }

    /** A variable's declared type (`any` when it has none), read once per declaration. */
    private variableType(decl: { block: Block; file: string }): TfType {
        const hit = variableTypes.get(decl.block);
        if (hit) return hit;
        const typeAttr = decl.block.body.attributes.find((a) => a.name === "type");
        let t: TfType = ANY;
        if (typeAttr) {
            const problems: TypeProblem[] = [];
            // optional() defaults are constants; they are evaluated where the type is written.
            t = parseType(typeAttr.expression, problems, (e) => evaluate(e, this.scope(decl.file)));
            for (const p of problems) this.env.diagnostics.push({ severity: "error", summary: "Invalid type specification", detail: p.message, file: decl.file, range: p.range });
        }
        variableTypes.set(decl.block, t);
        return t;
    }

    private decideVariable(name: string, decl: { block: Block; file: string }): TfValue {
        const body = decl.block.body;
        const type = this.variableType(decl);
        const nullableAttr = body.attributes.find((a) => a.name === "nullable");
        const sensitiveAttr = body.attributes.find((a) => a.name === "sensitive");
        const nullable = !(nullableAttr?.expression.type === "Literal" && nullableAttr.expression.value === false);
        const sensitive = sensitiveAttr?.expression.type === "Literal" && sensitiveAttr.expression.value === true;
        let value: TfValue | undefined;
        let origin: ValueOrigin | undefined;
        // What the value's nodes without an origin take (a module input's own; else `origin`).
        let nodeOrigin: ValueOrigin | undefined;
        if (this.path.length === 0) {
            const input = this.env.inputs.get(name);
            if (input) {
                value = input.value;
                origin = input.origin;
            }
        } else {
            const input = this.inputs(name);
            if (input) {
                value = input.value;
                nodeOrigin = input.origin;
                origin = value.origin ?? input.origin;
            }
        }
        const defaultAttr = body.attributes.find((a) => a.name === "default");
        // With nullable = false, a null from the caller means "use the default", as in Terraform.
        if (value && !nullable && isNull(value) && defaultAttr) value = undefined;
        if (!value) nodeOrigin = undefined;
        if (!value && defaultAttr) {
            value = evaluate(defaultAttr.expression, this.scope(decl.file));
            origin = { description: `var.${name} default`, location: fileLocation(decl.file, defaultAttr.range) };
            this.fromDefault.add(name);
        }
        if (sensitive && origin) origin = { ...origin, description: `${origin.description} (sensitive)`, sensitive: true };
        if (!value) {
            const unset: TfValue = this.unsetVariable(name, decl);
            if (sensitive && unset.origin) unset.origin = { ...unset.origin, sensitive: true };
            return unset;
        }
        if (!nullable && isNull(value)) {
            const at = value.source?.kind === "file" ? value.source : undefined;
            this.env.diagnostics.push({
                severity: "error",
                summary: "Invalid value for variable",
                detail: `var.${name} is declared with nullable = false, so it must not be null.`,
                file: at?.file ?? decl.file,
                range: at ? { start: at.start, end: at.end } : decl.block.typeRange,
            });
            return { kind: "unknown", reason: `var.${name} must not be null`, origin };
        }
        // Defaults filled in for omitted optional attributes are the variable's own (its origin).
        const converted = convertRelocated(value, type, origin, nodeOrigin ?? origin);
        if (!converted.ok) {
            const e = converted.error;
            const at = e.source?.kind === "file" ? e.source : undefined;
            this.env.diagnostics.push({
                severity: "error",
                summary: "Invalid value for variable",
                // Only the type and the path are named: the value may be sensitive.
                detail: `The value of var.${name}${this.path.length ? ` (in ${this.path.join(".")})` : ""} does not conform to its type ${typeName(type)}: ${conversionProblem(e)}.`,
                file: at?.file ?? decl.file,
                range: at ? { start: at.start, end: at.end } : decl.block.typeRange,
            });
            return { kind: "unknown", reason: `var.${name} does not conform to its type`, origin, source: value.source };
        }
        return converted.value;
    }

    private unsetVariable(name: string, decl: { block: Block; file: string }): TfValue {
        if (this.path.length === 0) {
            if (!this.reportedUnset?.has(name)) {
                (this.reportedUnset ??= new Set()).add(name);
                this.env.diagnostics.push({
                    severity: "info",
                    summary: "Variable without a value",
                    detail: `var.${name} has no default and no value from tfvars, -var or TF_VAR_${name}; it is treated as unknown.`,
                    file: decl.file,
                    range: decl.block.typeRange,
                });
            }
            return { kind: "unknown", reason: `var.${name} has no value`, origin: { description: `var.${name} (no value given)`, location: fileLocation(decl.file, decl.block.typeRange) } };
        }
        const call = this.callRanges[this.callRanges.length - 1];
        this.env.diagnostics.push({
            severity: "error",
            summary: "Missing required argument",
            detail: `The module call ${this.path.join(".")} does not set "${name}", which has no default.`,
            file: call?.kind === "file" ? call.file : decl.file,
            range: call?.kind === "file" ? { start: call.start, end: call.end } : decl.block.typeRange,
        });
        return { kind: "unknown", reason: `var.${name} is not set`, origin: { description: `var.${name} (not set)` } };
    }

    // ---- count / for_each

    /** How a block with `count` / `for_each` expands, decided once per block; `kind` and `key` name it in diagnostics. */
    private expansion(kind: string, key: string, block: Block, file: string): Expansion {
        const hit = this.expansions?.get(block);
        if (hit) return hit;
        const e = this.decideExpansion(`${kind}.${key}`, block, file);
        (this.expansions ??= new Map()).set(block, e);
        return e;
    }

    /** Says (once per block) that a block is checked as a template, and why. */
    private noteTemplate(key: string, attr: Attribute, file: string, template: Template): Template {
        this.env.diagnostics.push({
            severity: "info",
            summary: "Checked as a template",
            detail: `${this.prefix}${key.replace(/^resource\./, "")} has no instances only because ${template.variables.map((v) => `var.${v}`).join(", ")} ${template.variables.length === 1 ? "keeps its" : "keep their"} default; it is checked once as written, and its findings apply when it is instantiated.`,
            file,
            range: attr.range,
        });
        return template;
    }

    private decideExpansion(key: string, block: Block, file: string): Expansion {
        let countAttr: Attribute | undefined;
        let eachAttr: Attribute | undefined;
        for (const a of block.body.attributes) {
            if (a.name === "count") countAttr ??= a;
            else if (a.name === "for_each") eachAttr ??= a;
        }
        if (!countAttr && !eachAttr) return SINGLE;
        const scope = this.scope(file);
        const unknownExpansion = (attr: Attribute, v: TfValue): Expansion => {
            this.env.diagnostics.push({
                severity: "warning",
                summary: `Unknown ${attr.name}`,
                detail: `${this.prefix}${key}: ${attr.name} depends on values known only after apply; it is checked as a single instance.`,
                file,
                range: attr.range,
            });
            return { kind: "unknown", why: v };
        };
        if (countAttr) {
            const v = evaluate(countAttr.expression, scope);
            if (v.kind === "unknown") return unknownExpansion(countAttr, v);
            const n = asNumber(v);
            if (n === undefined || !Number.isInteger(n) || n < 0) {
                evalError(scope, "Invalid count", "count must be a whole, non-negative number.", countAttr.expression.range);
                return unknownExpansion(countAttr, { kind: "unknown" });
            }
            if (n > MAX_INSTANCES) {
                evalError(scope, "Too many instances", `count = ${n}; mlguard expands at most ${MAX_INSTANCES}.`, countAttr.expression.range);
                return { kind: "count", n: MAX_INSTANCES };
            }
            if (n === 0) {
                const template = this.templateOf(countAttr, file);
                if (template) return { kind: "count", n, template: this.noteTemplate(key, countAttr, file, template) };
            }
            return { kind: "count", n };
        }
        if (eachAttr) {
            const v = evaluate(eachAttr.expression, scope);
            if (v.kind === "unknown") return unknownExpansion(eachAttr, v);
            if (v.kind === "map") {
                const unknownKey = Object.values(v.entries).length > MAX_INSTANCES;
                if (unknownKey) return unknownExpansion(eachAttr, v);
                const keys = Object.keys(v.entries).sort();
                if (keys.length === 0) {
                    const template = this.templateOf(eachAttr, file);
                    if (template) return { kind: "each", keys, values: v.entries, template: this.noteTemplate(key, eachAttr, file, template) };
                }
                return { kind: "each", keys, values: v.entries };
            }
            if (v.kind === "list") {
                const values: Record<string, TfValue> = {};
                for (const item of v.items) {
                    if (item.kind === "unknown") return unknownExpansion(eachAttr, item);
                    const k = asString(item);
                    if (k === undefined || isNull(item)) {
                        evalError(scope, "Invalid for_each argument", "for_each needs a map or a set of strings.", eachAttr.expression.range);
                        return unknownExpansion(eachAttr, { kind: "unknown" });
                    }
                    values[k] = item;
                }
                const keys = Object.keys(values).sort();
                if (keys.length === 0) {
                    const template = this.templateOf(eachAttr, file);
                    if (template) return { kind: "each", keys, values, template: this.noteTemplate(key, eachAttr, file, template) };
                }
                return { kind: "each", keys, values };
            }
            evalError(scope, "Invalid for_each argument", "for_each needs a map or a set of strings.", eachAttr.expression.range);
            return unknownExpansion(eachAttr, { kind: "unknown" });
        }
        return { kind: "single" };
    }

    /**
     * Whether a `count` / `for_each` that evaluated to zero instances does so only because of
     * variable defaults: evaluated again with every defaulted variable unknown (locals re-evaluated
     * on the way, diagnostics thrown away), it is no longer known to be zero.
     */
    private templateOf(attr: Attribute, file: string): Template | undefined {
        if (this.probe) return undefined;
        this.probe = { sink: [], cache: new Map(), inProgress: new Set(), used: new Set() };
        let v: TfValue;
        let used: string[];
        try {
            v = evaluate(attr.expression, this.scope(file));
            used = [...this.probe.used];
        } finally {
            this.probe = undefined;
        }
        if (used.length === 0) return undefined;
        if (v.kind === "unknown") return { variables: used };
        if (attr.name === "count") {
            const n = asNumber(v);
            return n !== undefined && n > 0 ? { variables: used } : undefined;
        }
        if (v.kind === "map") return Object.keys(v.entries).length > 0 ? { variables: used } : undefined;
        if (v.kind === "list") return v.items.length > 0 ? { variables: used } : undefined;
        return undefined;
    }

    /** A variable while probing: unknown when its value is its default, else its value. */
    private probeVariable(name: string): TfValue {
        const probe = this.probe!;
        this.probe = undefined;
        let v: TfValue;
        try {
            v = this.variable(name);
        } finally {
            this.probe = probe;
        }
        if (!this.fromDefault.has(name)) return v;
        probe.used.add(name);
        return { kind: "unknown", reason: `var.${name} is checked as a template (its default is not used)`, origin: v.origin };
    }

    /** A local while probing: evaluated again (it may read a defaulted variable), once per probe. */
    private probeLocal(decl: { attr: Attribute; file: string }): TfValue {
        const probe = this.probe!;
        const hit = probe.cache.get(decl);
        if (hit) return hit;
        if (probe.inProgress.has(decl)) return { kind: "unknown", reason: "cycle" };
        probe.inProgress.add(decl);
        let v: TfValue;
        try {
            v = evaluate(decl.attr.expression, this.scope(decl.file));
        } finally {
            probe.inProgress.delete(decl);
        }
        probe.cache.set(decl, v);
        return v;
    }

    /** The one instance a template is checked as: `count.index`, `each.key` and `each.value` unknown (and never null). */
    private templateInstance(): Instance {
        const reason = "the block is checked as a template: its instances are decided by values not given";
        const index: TfValue = { kind: "unknown", reason, refinement: { notNull: true } };
        const key: TfValue = { kind: "unknown", reason, refinement: { notNull: true } };
        const value: TfValue = { kind: "unknown", reason };
        return { suffix: "", bindings: { count: map({ index }), each: map({ key, value }) } };
    }

    private instances(e: Expansion): Instance[] {
        switch (e.kind) {
            case "single":
                return [{ suffix: "", bindings: {} }];
            case "count":
                return Array.from({ length: e.n }, (_, i) => ({ suffix: `[${i}]`, bindings: { count: map({ index: scalar(i) }) } }));
            case "each":
                return e.keys.map((k) => ({
                    suffix: `[${quoteKey(k)}]`,
                    bindings: { each: map({ key: scalar(k), value: e.values[k] }) },
                }));
            case "unknown": {
                const u = unknown("the instance key is computed", e.why);
                return [{ suffix: "", bindings: { count: map({ index: u }), each: map({ key: u, value: u }) } }];
            }
        }
    }

    // ---- resources and data sources as values

    /** What a reference to a resource sees (unknowns carrying its instance addresses), built once per resource: callers relocate it, never change it. */
    private resourceValue(key: string, decl: { block: Block; file: string; type: string }): TfValue {
        let v = this.resourceValues?.get(key);
        if (v === undefined) {
            v = this.buildResourceValue(key, decl);
            (this.resourceValues ??= new Map()).set(key, v);
        }
        return v;
    }

    private buildResourceValue(key: string, decl: { block: Block; file: string; type: string }): TfValue {
        const e = this.expansion("resource", key, decl.block, decl.file);
        const addr = `${this.prefix}${key}`;
        const ref = (a: string): TfValue => ({ kind: "unknown", reason: `${a} is known only after apply`, refs: [a], instance: { address: a, type: decl.type } });
        switch (e.kind) {
            case "single":
            case "unknown":
                return ref(addr);
            case "count":
                return list(Array.from({ length: e.n }, (_, i) => ref(`${addr}[${i}]`)));
            case "each": {
                const entries: Record<string, TfValue> = {};
                for (const k of e.keys) entries[k] = ref(`${addr}[${quoteKey(k)}]`);
                return map(entries);
            }
        }
    }

    private dataValue(key: string, decl: { block: Block; file: string; type: string }): TfValue {
        return this.cache.get(decl) ?? this.memo(decl, `data.${key}`, decl.file, decl.block.typeRange, () => {
            if (decl.type === "google_storage_project_service_account") {
                // Stands for the one data source instance, so what is read from it (`email_address`) is refined with its type.
                const address = `${this.prefix}data.${key}`;
                return { kind: "unknown", reason: `data.${key} is read from the provider during plan`, refs: [address], instance: { address, type: decl.type } };
            }
            if (decl.type !== "aws_iam_policy_document" && decl.type !== "google_iam_policy") {
                return { kind: "unknown", reason: `data.${key} is read from the provider during plan` };
            }
            const evaluateDocument = decl.type === "google_iam_policy" ? evaluateGoogleIamPolicy : evaluatePolicyDocument;
            const e = this.expansion("data", key, decl.block, decl.file);
            const one = (inst: Instance) =>
                evaluateDocument(this.evaluateBody(decl.block.body, decl.file, inst.bindings), fileLocation(decl.file, decl.block.typeRange));
            const insts = this.instances(e);
            if (e.kind === "count") return list(insts.map(one));
            if (e.kind === "each") {
                const entries: Record<string, TfValue> = {};
                e.keys.forEach((k, i) => (entries[k] = one(insts[i])));
                return map(entries);
            }
            return one(insts[0]);
        });
    }

    // ---- bodies

    /** Evaluates a resource-like body: attributes, nested blocks, `dynamic` blocks expanded; meta-arguments left out. */
    evaluateBody(body: Body, file: string, bindings: Record<string, TfValue>): EvalBody {
        return this.evaluateBodyIn(body, this.scope(file, bindings), false);
    }

    /** A body in a scope; nested blocks share it (a dynamic block's content adds its iterator on top). */
    private evaluateBodyIn(body: Body, scope: Scope, nested: boolean): EvalBody {
        const file = scope.file;
        const out: EvalBody = { attributes: [], blocks: [] };
        for (const a of body.attributes) {
            if (!nested && META_ATTRIBUTES.has(a.name)) continue;
            out.attributes.push({ name: a.name, value: evaluate(a.expression, scope), range: a.range, file });
        }
        for (const b of body.blocks) {
            if (!nested && META_BLOCKS.has(b.blockType)) continue;
            if (b.blockType === "dynamic") {
                for (const generated of this.expandDynamic(b, scope)) out.blocks.push(generated);
                continue;
            }
            out.blocks.push({ type: b.blockType, body: this.evaluateBodyIn(b.body, scope, true), range: headerRange(b), file });
        }
        return out;
    }

    private expandDynamic(b: Block, scope: Scope): EvalBody["blocks"] {
        const file = scope.file;
        const name = b.labels[0]?.value;
        if (!name) {
            evalError(scope, "Invalid dynamic block", "A dynamic block needs a label naming the block to generate.", b.typeRange);
            return [];
        }
        const forEach = b.body.attributes.find((a) => a.name === "for_each");
        const content = b.body.blocks.find((c) => c.blockType === "content");
        if (!forEach || !content) {
            evalError(scope, "Invalid dynamic block", "A dynamic block needs for_each and a content block.", b.typeRange);
            return [];
        }
        const iteratorAttr = b.body.attributes.find((a) => a.name === "iterator");
        const iterator = iteratorAttr?.expression.type === "Variable" ? iteratorAttr.expression.name : name;
        const coll = evaluate(forEach.expression, scope);
        const range = headerRange(b);
        if (coll.kind === "unknown") {
            const u = unknown("the dynamic block's for_each is computed", coll);
            const inner = withBindings(scope, { [iterator]: map({ key: u, value: u }) });
            return [{ type: name, body: this.evaluateBodyIn(content.body, inner, true), range, file }];
        }
        if (isNull(coll)) return [];
        const els = elements(coll);
        if (!els) {
            evalError(scope, "Invalid dynamic for_each", "for_each must be a list, set or map.", forEach.expression.range);
            return [];
        }
        return els.map(({ key, value }) => {
            const inner = withBindings(scope, { [iterator]: map({ key, value }) });
            return { type: name, body: this.evaluateBodyIn(content.body, inner, true), range, file };
        });
    }

    /** Every managed resource instance of this module (not of its children). */
    *resourceInstances(): Generator<ResourceInstance> {
        // One at a time: an evaluated body is garbage as soon as the caller has adapted it.
        for (const [key, decl] of this.def.resources) {
            const e = this.expansion("resource", key, decl.block, decl.file);
            const insts = (e.kind === "count" || e.kind === "each") && e.template ? [this.templateInstance()] : this.instances(e);
            const template = this.template || ((e.kind === "count" || e.kind === "each") && e.template !== undefined);
            for (const inst of insts) {
                yield {
                    template,
                    address: `${this.prefix}${key}${inst.suffix}`,
                    type: decl.type,
                    name: decl.name,
                    modulePath: this.path,
                    file: decl.file,
                    headerRange: headerRange(decl.block),
                    blockRange: decl.block.range,
                    moduleCalls: this.callRanges,
                    moduleCallBlocks: this.callBlocks,
                    body: this.evaluateBody(decl.block.body, decl.file, inst.bindings),
                };
            }
        }
    }

    // ---- module calls

    /** Instances of a child call, created once; `null` where the module could not be loaded. */
    childInstances(callName: string): Map<string, ModuleInstance | null> {
        const hit = this.children?.get(callName);
        if (hit) return hit;
        const result = new Map<string, ModuleInstance | null>();
        (this.children ??= new Map()).set(callName, result);
        const decl = this.def.calls.get(callName)!;
        const def = this.resolveCall(callName, decl);
        const e = this.expansion("module", callName, decl.block, decl.file);
        const make = (inst: Instance, def: ModuleDef, template: boolean): ModuleInstance => {
            const segment = `module.${callName}${inst.suffix}`;
            const args = callArguments(decl.block);
            const scope = this.scope(decl.file, inst.bindings);
            const child: ModuleInstance = new ModuleInstance(def, this.env, {
                path: [...this.path, segment],
                parent: this,
                callRanges: [...this.callRanges, fileLocation(decl.file, headerRange(decl.block))],
                callBlocks: [...this.callBlocks, { address: segment, range: fileLocation(decl.file, decl.block.range) }],
                manifestKey: this.manifestKey ? `${this.manifestKey}.${callName}` : callName,
                rootDir: this.rootDir,
                template,
                inputs: (name) => {
                    const a = args.get(name);
                    if (!a || META_CALL_ATTRIBUTES.has(name)) return undefined;
                    const value = child.parentMemo(`input.${segment}.${name}`, decl.file, a.range, () => evaluate(a.expression, scope));
                    return { value, origin: { description: `${segment} input ${name}`, location: fileLocation(decl.file, a.range) } };
                },
            });
            for (const a of decl.block.body.attributes) {
                if (!META_CALL_ATTRIBUTES.has(a.name) && !def.variables.has(a.name)) {
                    this.env.diagnostics.push({
                        severity: "error",
                        summary: "Unsupported argument",
                        detail: `The module ${segment} (${def.dir || "."}) declares no variable "${a.name}".`,
                        file: decl.file,
                        range: a.nameRange,
                    });
                }
            }
            return child;
        };
        if ((e.kind === "count" || e.kind === "each") && e.template && def) {
            (this.templateChildren ??= new Map()).set(callName, make(this.templateInstance(), def, true));
        }
        for (const inst of this.instances(e)) {
            result.set(inst.suffix, def ? make(inst, def, this.template) : null);
        }
        return result;
    }

    /** Memoises a module input in the parent, where cycles through it show. */
    private parentMemo(key: string, file: string, range: Range, compute: () => TfValue): TfValue {
        const owner = this.parent ?? this;
        return owner.cache.get(key) ?? owner.memo(key, key, file, range, compute);
    }

    private resolveCall(callName: string, decl: { block: Block; file: string }): ModuleDef | undefined {
        const sourceAttr = decl.block.body.attributes.find((a) => a.name === "source");
        const range = headerRange(decl.block);
        const src = sourceAttr?.expression.type === "Template" && sourceAttr.expression.parts.every((p) => p.type === "TemplateLiteral")
            ? sourceAttr.expression.parts.map((p) => (p as { value: string }).value).join("")
            : undefined;
        const key = this.manifestKey ? `${this.manifestKey}.${callName}` : callName;
        let reason: UnscannedReason | undefined;
        const note = (severity: Diagnostic["severity"], summary: string, detail: string) => {
            this.env.diagnostics.push({ severity, summary, detail, file: decl.file, range: sourceAttr?.range ?? range });
            if (reason) this.env.onUnscannedCall?.({ key, source: src ?? "", reason, file: decl.file, range: sourceAttr?.range ?? range });
        };
        if (src === undefined) {
            reason = "invalid-source";
            note("error", "Invalid module source", `module.${callName}: source must be a literal string.`);
            return undefined;
        }
        const depth = this.path.length + 1;
        if (depth > (this.env.maxModuleDepth ?? DEFAULT_MAX_MODULE_DEPTH)) {
            reason = "too-deep";
            note("error", "Modules nested too deeply", `module.${callName} is ${depth} calls deep; mlguard stops at ${this.env.maxModuleDepth ?? DEFAULT_MAX_MODULE_DEPTH}.`);
            return undefined;
        }
        let dir: string | undefined;
        if (src.startsWith("./") || src.startsWith("../")) {
            dir = joinPath(this.def.dir, src);
            if (dir === undefined) {
                reason = "outside-root";
                note("error", "Module outside the scan root", `module.${callName}: ${src} leaves the scan root; it is not read.`);
                return undefined;
            }
        } else {
            const recorded = this.env.manifest?.get(key);
            if (recorded === undefined) {
                reason = "not-installed";
                const failure = this.env.downloadFailures?.[key];
                note(
                    "info",
                    "Module not installed",
                    failure !== undefined
                        ? `module.${callName} (${src}) could not be downloaded: ${failure}. It is skipped.`
                        : `module.${callName} (${src}) is not in .terraform/modules/modules.json; run terraform init, or scan with --download-modules, to check it. It is skipped.`,
                );
                return undefined;
            }
            dir = recorded;
        }
        for (let m: ModuleInstance | undefined = this; m; m = m.parent) {
            if (m.def.dir === dir) {
                reason = "cycle";
                note("error", "Module cycle", `module.${callName} (${src}) calls ${dir || "."}, which is already being evaluated in this chain of calls.`);
                return undefined;
            }
        }
        const def = this.env.loadModule(dir);
        if (!def) {
            reason = "not-found";
            note("error", "Module not found", `module.${callName}: ${src} (${dir || "."}) holds no Terraform files.`);
            return undefined;
        }
        return def;
    }

    private moduleReference(callName: string, steps: Step[], scope: Scope, range: Range): Lookup {
        const decl = this.def.calls.get(callName);
        if (!decl) return { value: evalError(scope, "Reference to undeclared module", `No module "${callName}" is called in this module.`, range), consumed: 1 };
        const e = this.expansion("module", callName, decl.block, decl.file);
        const children = this.childInstances(callName);
        const output = (child: ModuleInstance | null, name: string, stepRange: Range): TfValue => {
            if (!child) return { kind: "unknown", reason: `module.${callName} is not available` };
            return child.output(name, scope, stepRange);
        };
        const whole = (child: ModuleInstance | null): TfValue => {
            if (!child) return { kind: "unknown", reason: `module.${callName} is not available` };
            const entries: Record<string, TfValue> = {};
            for (const name of child.def.outputs.keys()) entries[name] = child.output(name, scope, range);
            return map(entries);
        };
        if (e.kind === "single" || e.kind === "unknown") {
            const child = children.values().next().value ?? null;
            const next = steps[1];
            if (next?.type === "GetAttr") return shared(output(child, next.name, next.range), 2);
            if (e.kind === "unknown" && next?.type === "IndexStep") {
                const after = steps[2];
                if (after?.type === "GetAttr") return shared(output(child, after.name, after.range), 3);
            }
            return shared(whole(child), 1);
        }
        const next = steps[1];
        if (next?.type === "IndexStep") {
            if (next.key.kind === "unknown") return { value: unknown("the module instance key is computed", next.key), consumed: 2 };
            const k = e.kind === "count" ? asNumber(next.key) : asString(next.key);
            const suffix = k === undefined ? undefined : e.kind === "count" ? `[${k}]` : `[${quoteKey(String(k))}]`;
            const child = suffix === undefined ? undefined : children.get(suffix);
            if (child === undefined) return { value: evalError(scope, "Invalid module instance key", `module.${callName} has no instance ${suffix ?? "with that key"}.`, next.range), consumed: 2 };
            const after = steps[2];
            if (after?.type === "GetAttr") return shared(output(child, after.name, after.range), 3);
            return shared(whole(child), 2);
        }
        if (e.kind === "count") return shared(list([...children.values()].map(whole)), 1);
        const entries: Record<string, TfValue> = {};
        for (const k of e.keys) entries[k] = whole(children.get(`[${quoteKey(k)}]`) ?? null);
        return shared(map(entries), 1);
    }

    /** An output of this module instance, evaluated once. */
    output(name: string, from: Scope, range: Range): TfValue {
        const decl = this.def.outputs.get(name);
        if (!decl) return evalError(from, "Unsupported attribute", `${this.path.join(".")} has no output "${name}".`, range);
        const valueAttr = decl.block.body.attributes.find((a) => a.name === "value");
        if (!valueAttr) return { kind: "unknown", reason: `output ${name} has no value` };
        return this.cache.get(decl) ?? this.memo(decl, `output.${name}`, decl.file, valueAttr.range, () => evaluate(valueAttr.expression, this.scope(decl.file)));
    }

    /** This instance and every descendant instance, depth first (children that could not be loaded are skipped). */
    *tree(): Generator<ModuleInstance> {
        // One iterator per level on an explicit stack rather than nested `yield*` (which passes each
        // instance up through every level); a call's instances are still made only once the
        // previous call's subtrees have been visited.
        yield this;
        const stack: Array<Iterator<ModuleInstance>> = [this.childrenInOrder()];
        while (stack.length > 0) {
            const next = stack[stack.length - 1].next();
            if (next.done) {
                stack.pop();
                continue;
            }
            yield next.value;
            stack.push(next.value.childrenInOrder());
        }
    }

    /** The instances of each child call in order, each call's template instance after its instances. */
    private *childrenInOrder(): Generator<ModuleInstance> {
        for (const callName of this.def.calls.keys()) {
            for (const child of this.childInstances(callName).values()) if (child) yield child;
            const template = this.templateChildren?.get(callName);
            if (template) yield template;
        }
    }

    /** Evaluates every variable, local and output, even unused ones, so errors and cycles in them are reported. */
    evaluateUnused(): void {
        // Every variable, so a value that does not conform to its type is reported even when unused.
        for (const name of this.def.variables.keys()) this.variable(name);
        for (const [name, decl] of this.def.locals) this.localValue(name, decl);
        for (const [name, decl] of this.def.outputs) this.output(name, this.scope(decl.file), decl.block.typeRange);
    }
}

/** A lookup result holding a shared value: the caller relocates it to the reference. */
function shared(value: TfValue, consumed: number, origin?: ValueOrigin): Lookup {
    return { value, consumed, relocate: true, origin };
}

const META_CALL_ATTRIBUTES = new Set(["source", "version", "count", "for_each", "providers", "depends_on"]);

/** The header of a block: from its type keyword to its opening brace. */
export function headerRange(b: Block): Range {
    // A new span each time: cheaper than looking one up in a table keyed by the block.
    return join(b.typeRange, b.openBraceRange);
}

/** A module call's arguments by name, indexed once per call block (every instance reads them). */
const callArgumentIndex = new WeakMap<Block, Map<string, Attribute>>();

function callArguments(block: Block): Map<string, Attribute> {
    let args = callArgumentIndex.get(block);
    if (args === undefined) {
        args = new Map(block.body.attributes.map((a) => [a.name, a]));
        callArgumentIndex.set(block, args);
    }
    return args;
}

/** Declared variable types, parsed once per declaration. */
const variableTypes = new WeakMap<Block, TfType>();

/** Whether a variable's declared type is a primitive (its `-var` / `TF_VAR_` text is taken literally). */
export function isPrimitiveType(block: Block): boolean {
    const t = block.body.attributes.find((a) => a.name === "type");
    if (!t) return true;
    return t.expression.type === "Variable" && ["string", "number", "bool"].includes(t.expression.name);
}

