/**
 * `terraform show -json plan.out` → the neutral resource view. Planned values are already
 * evaluated (modules expanded, variables resolved, blocks as arrays of objects); `after_unknown`
 * marks what is known only after apply; `configuration` gives each attribute's references, which
 * become graph edges even where the value is unknown. When the HCL is inside the scan root, each
 * resource and attribute is located at its line in the `.tf` file; otherwise in the plan file.
 */
import type { Reference, Resource, SourceLocation } from "../../catalog/model";
import { adaptTerraformResource } from "../adapter";
import { type Diagnostic, FILE_RANGE, fileLocation } from "../diagnostics";
import { joinPath } from "../eval/files";
import { type ModuleDef, headerRange } from "../eval/module";
import type { TfValue } from "../eval/value";
import type { Block, Body } from "../hcl";
import { SourceText } from "../hcl/source";

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

interface PlanResource {
    address: string;
    mode: string;
    type: string;
    name: string;
    values?: JsonObject;
}

interface PlanModule {
    address?: string;
    resources?: PlanResource[];
    child_modules?: PlanModule[];
}

interface ConfigModule {
    resources?: Array<{ address: string; mode: string; type: string; name: string; expressions?: JsonObject }>;
    module_calls?: Record<string, { source?: string; expressions?: JsonObject; module?: ConfigModule }>;
    outputs?: Record<string, { expression?: JsonObject }>;
}

export interface PlanScan {
    resources: Resource[];
    references: Reference[];
    extra: Map<string, { resourceRange: SourceLocation; moduleCallRanges: SourceLocation[]; block?: SourceLocation; callBlocks?: Array<{ address: string; range: SourceLocation }> }>;
}

function isObject(v: unknown): v is JsonObject {
    return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** `module.a["x"].module.b.aws_s3_bucket.c[0]` → `["module.a[\"x\"]", "module.b"]`. */
export function modulePathOf(address: string): string[] {
    const out: string[] = [];
    const re = /^module\.([A-Za-z0-9_-]+)(\[(?:"(?:[^"\\]|\\.)*"|\d+)\])?\./;
    let rest = address;
    for (;;) {
        const m = re.exec(rest);
        if (!m) break;
        out.push(`module.${m[1]}${m[2] ?? ""}`);
        rest = rest.slice(m[0].length);
    }
    return out;
}

/** The call names of a module path: `["module.a[\"x\"]"]` → `["a"]`. */
function callNames(modulePath: string[]): string[] {
    return modulePath.map((s) => s.replace(/^module\./, "").replace(/\[.*$/, ""));
}

/** Converts plan values with `after_unknown` into evaluator values (unknown where marked). */
function convert(value: Json | undefined, unknownMark: Json | undefined, source: SourceLocation, depth = 0): TfValue {
    if (unknownMark === true) return { kind: "unknown", reason: "known only after apply", source };
    if (depth > 64) return { kind: "unknown", reason: "nested too deeply", source };
    if (Array.isArray(value)) {
        const marks = Array.isArray(unknownMark) ? unknownMark : [];
        return { kind: "list", items: value.map((v, i) => convert(v, marks[i], source, depth + 1)), source };
    }
    if (isObject(value)) {
        const marks = isObject(unknownMark) ? unknownMark : {};
        const entries: Record<string, TfValue> = {};
        for (const k of Object.keys(value)) entries[k] = convert(value[k], marks[k], source, depth + 1);
        for (const k of Object.keys(marks)) if (!(k in entries) && marks[k] === true) entries[k] = { kind: "unknown", reason: "known only after apply", source };
        return { kind: "map", entries, source };
    }
    if (value === undefined || value === null) return { kind: "scalar", value: null, source };
    if (typeof value === "number" && !Number.isFinite(value)) return { kind: "unknown", source };
    return { kind: "scalar", value, source };
}

/** The configuration module for a module path (instance keys ignored: configuration is per module, not per instance). */
function configFor(root: ConfigModule | undefined, calls: string[]): ConfigModule | undefined {
    let m = root;
    for (const c of calls) m = m?.module_calls?.[c]?.module;
    return m;
}

/** Reads a plan. Never throws: a malformed plan is a diagnostic and yields nothing. */
export function scanPlan(
    text: string,
    file: string,
    diagnostics: Diagnostic[],
    loadModule: (dir: string) => ModuleDef | undefined,
    rootDir: string | undefined,
): PlanScan {
    const result: PlanScan = { resources: [], references: [], extra: new Map() };
    let plan: JsonObject;
    try {
        const parsed = JSON.parse(text) as Json;
        if (!isObject(parsed)) throw new Error("the top level is not an object");
        plan = parsed;
    } catch (err) {
        diagnostics.push({ severity: "error", summary: "Invalid plan JSON", detail: `${file}: ${(err as Error).message}. Produce it with \`terraform show -json plan.out\`.`, file, range: FILE_RANGE });
        return result;
    }
    const planned = isObject(plan.planned_values) ? (plan.planned_values.root_module as unknown as PlanModule | undefined) : undefined;
    if (!planned) {
        diagnostics.push({ severity: "error", summary: "Not a plan", detail: `${file} has no planned_values.root_module; is it \`terraform show -json\` output of a saved plan?`, file, range: FILE_RANGE });
        return result;
    }
    const config = isObject(plan.configuration) ? (plan.configuration.root_module as unknown as ConfigModule | undefined) : undefined;
    const afterUnknown = new Map<string, Json>();
    for (const rc of Array.isArray(plan.resource_changes) ? plan.resource_changes : []) {
        if (isObject(rc) && typeof rc.address === "string" && isObject(rc.change)) afterUnknown.set(rc.address, rc.change.after_unknown ?? null);
    }
    const source = new SourceText(text);
    const locateInPlan = (address: string): SourceLocation => {
        const i = text.indexOf(JSON.stringify(address));
        if (i < 0) return fileLocation(file, FILE_RANGE);
        return { kind: "file", file, start: source.position(i), end: source.position(i + JSON.stringify(address).length) };
    };

    const all: PlanResource[] = [];
    const visit = (m: PlanModule, depth: number) => {
        for (const r of m.resources ?? []) if (r && r.mode === "managed" && typeof r.address === "string" && typeof r.type === "string") all.push(r);
        if (depth < 64) for (const c of m.child_modules ?? []) if (c) visit(c, depth + 1);
    };
    visit(planned, 0);
    const addresses = new Set(all.map((r) => r.address));

    for (const r of all) {
        const modulePath = modulePathOf(r.address);
        const hcl = locateInHcl(r, modulePath, config, loadModule, rootDir);
        const header = hcl?.header ?? locateInPlan(r.address);
        const values: Record<string, TfValue> = {};
        const marks = afterUnknown.get(r.address);
        const converted = convert(r.values ?? {}, marks ?? undefined, header);
        if (converted.kind === "map") Object.assign(values, converted.entries);
        if (hcl) relocateToHcl(values, hcl.body, hcl.file);
        const cfg = configFor(config, callNames(modulePath))?.resources?.find((c) => c.address === `${r.type}.${r.name}` && c.mode === "managed");
        if (cfg?.expressions) attachReferences(values, cfg.expressions, (ref) => resolveReference(ref, modulePath, config, addresses), header);
        const { resource, references } = adaptTerraformResource({ address: r.address, type: r.type, name: r.name, modulePath, values, source: header });
        result.resources.push(resource);
        for (const r of references) result.references.push(r);
        result.extra.set(r.address, { resourceRange: header, moduleCallRanges: hcl?.calls ?? [], block: hcl?.block, callBlocks: hcl?.callBlocks });
    }
    return result;
}

/** Finds a plan resource's block in the HCL (when the configuration's module sources are local and inside the scan root). */
function locateInHcl(
    r: PlanResource,
    modulePath: string[],
    config: ConfigModule | undefined,
    loadModule: (dir: string) => ModuleDef | undefined,
    rootDir: string | undefined,
): { header: SourceLocation; block: SourceLocation; body: Body; file: string; calls: SourceLocation[]; callBlocks: Array<{ address: string; range: SourceLocation }> } | undefined {
    if (rootDir === undefined) return undefined;
    let dir: string | undefined = rootDir;
    let cfg = config;
    const calls: SourceLocation[] = [];
    const callBlocks: Array<{ address: string; range: SourceLocation }> = [];
    const names = callNames(modulePath);
    for (let i = 0; i < names.length; i++) {
        const name = names[i];
        const call = cfg?.module_calls?.[name];
        const def = dir !== undefined ? loadModule(dir) : undefined;
        const callDecl = def?.calls.get(name);
        if (callDecl) {
            calls.push(fileLocation(callDecl.file, headerRange(callDecl.block)));
            callBlocks.push({ address: modulePath[i], range: fileLocation(callDecl.file, callDecl.block.range) });
        }
        const src = call?.source;
        if (!src || !(src.startsWith("./") || src.startsWith("../"))) return undefined;
        dir = joinPath(dir ?? "", src);
        cfg = call?.module;
        if (dir === undefined) return undefined;
    }
    const def = loadModule(dir);
    const decl = def?.resources.get(`${r.type}.${r.name}`);
    if (!decl) return undefined;
    return { header: fileLocation(decl.file, headerRange(decl.block)), block: fileLocation(decl.file, decl.block.range), body: decl.block.body, file: decl.file, calls, callBlocks };
}

/** Points each value at its attribute's (or block's) line in the HCL body. */
function relocateToHcl(values: Record<string, TfValue>, body: Body, file: string, depth = 0): void {
    if (depth > 32) return;
    for (const [name, v] of Object.entries(values)) {
        const attr = body.attributes.find((a) => a.name === name);
        if (attr) {
            setSource(v, fileLocation(file, attr.range), 0);
            continue;
        }
        const blocks: Block[] = body.blocks.filter((b) => b.blockType === name);
        const dynamic = body.blocks.find((b) => b.blockType === "dynamic" && b.labels[0]?.value === name);
        if (v.kind !== "list") continue;
        if (blocks.length > 0) v.source = fileLocation(file, headerRange(blocks[0]));
        else if (dynamic) v.source = fileLocation(file, headerRange(dynamic));
        v.items.forEach((item, i) => {
            const b = dynamic && blocks.length === 0 ? undefined : blocks[i];
            if (!b) {
                if (dynamic) setSource(item, fileLocation(file, headerRange(dynamic)), 0);
                return;
            }
            item.source = fileLocation(file, headerRange(b));
            if (item.kind === "map") {
                for (const child of Object.values(item.entries)) setSource(child, item.source, 0);
                relocateToHcl(item.entries, b.body, file, depth + 1);
            }
        });
    }
}

function setSource(v: TfValue, source: SourceLocation, depth: number): void {
    v.source = source;
    if (depth > 64) return;
    if (v.kind === "list") v.items.forEach((i) => setSource(i, source, depth + 1));
    else if (v.kind === "map") Object.values(v.entries).forEach((i) => setSource(i, source, depth + 1));
}

/** Attaches the resource addresses an attribute's expression refers to, as provenance on its value. */
function attachReferences(values: Record<string, TfValue>, expressions: JsonObject, resolve: (ref: string) => string[], fallback: SourceLocation, depth = 0): void {
    if (depth > 32) return;
    for (const [name, expr] of Object.entries(expressions)) {
        if (Array.isArray(expr)) {
            // A block: one expressions object per block, in order.
            let v = values[name];
            if (!v || v.kind !== "list") continue;
            expr.forEach((item, i) => {
                const target = (v as Extract<TfValue, { kind: "list" }>).items[i];
                if (isObject(item) && target?.kind === "map") attachReferences(target.entries, item, resolve, fallback, depth + 1);
            });
            v = values[name];
            continue;
        }
        if (!isObject(expr)) continue;
        const refs = Array.isArray(expr.references) ? expr.references.filter((r): r is string => typeof r === "string") : undefined;
        if (!refs) {
            // A single nested block written as an object in older plan formats.
            const v = values[name];
            if (v?.kind === "list" && v.items[0]?.kind === "map") attachReferences((v.items[0] as Extract<TfValue, { kind: "map" }>).entries, expr, resolve, fallback, depth + 1);
            continue;
        }
        const targets = [...new Set(mostSpecific(refs).flatMap(resolve))];
        if (targets.length === 0) continue;
        const existing = values[name];
        if (existing) existing.refs = [...(existing.refs ?? []), ...targets];
        else values[name] = { kind: "scalar", value: null, source: fallback, refs: targets };
    }
}

/** Terraform lists `aws_subnet.a[0].id`, `aws_subnet.a[0]` and `aws_subnet.a`; the indexed ones say more. */
function mostSpecific(refs: string[]): string[] {
    const indexedBases = new Set(refs.filter((r) => /\[/.test(r)).map((r) => r.replace(/\[.*$/, "")));
    return refs.filter((r) => r.includes("[") || !indexedBases.has(r.replace(/\..*$/, "") + "." + (r.split(".")[1] ?? "")));
}

/**
 * Resource instance addresses a configuration reference stands for, seen from a module instance:
 * resources of the same module instance; module outputs and variables followed through the
 * configuration to the resources behind them.
 */
function resolveReference(ref: string, modulePath: string[], config: ConfigModule | undefined, addresses: Set<string>, depth = 0): string[] {
    if (depth > 16) return [];
    const prefix = modulePath.length ? modulePath.join(".") + "." : "";
    const parts = ref.split(".");
    if (parts[0] === "var" && parts[1] && modulePath.length > 0) {
        const calls = callNames(modulePath);
        const parentCfg = configFor(config, calls.slice(0, -1));
        const expr = parentCfg?.module_calls?.[calls[calls.length - 1]]?.expressions?.[parts[1].replace(/\[.*$/, "")];
        const refs = isObject(expr) && Array.isArray(expr.references) ? (expr.references.filter((r) => typeof r === "string") as string[]) : [];
        return mostSpecific(refs).flatMap((r) => resolveReference(r, modulePath.slice(0, -1), config, addresses, depth + 1));
    }
    if (parts[0] === "module" && parts[1]) {
        const m = /^module\.([A-Za-z0-9_-]+)(\[[^\]]*\])?(?:\.([A-Za-z0-9_-]+))?/.exec(ref);
        if (!m) return [];
        const [, call, key, output] = m;
        const childCfg = configFor(config, [...callNames(modulePath), call]);
        const instances = key ? [`${prefix}module.${call}${key}`] : [...new Set([...addresses].filter((a) => a.startsWith(`${prefix}module.${call}.`) || a.startsWith(`${prefix}module.${call}[`)).map((a) => {
            const mp = modulePathOf(a);
            return mp.slice(0, modulePath.length + 1).join(".");
        }))];
        if (!output) return [...addresses].filter((a) => instances.some((i) => a.startsWith(i + ".")));
        const expr = childCfg?.outputs?.[output]?.expression;
        const refs = isObject(expr) && Array.isArray(expr.references) ? (expr.references.filter((r) => typeof r === "string") as string[]) : [];
        return instances.flatMap((inst) => mostSpecific(refs).flatMap((r) => resolveReference(r, modulePathOf(inst + ".x"), config, addresses, depth + 1)));
    }
    if (["local", "data", "each", "count", "path", "terraform", "self", "var"].includes(parts[0])) return [];
    const m = /^([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)(\[(?:"(?:[^"\\]|\\.)*"|\d+)\])?/.exec(ref);
    if (!m) return [];
    const base = `${prefix}${m[1]}.${m[2]}`;
    if (m[3]) return addresses.has(base + m[3]) ? [base + m[3]] : [];
    return [...addresses].filter((a) => a === base || (a.startsWith(base + "[") && !a.slice(base.length).includes("].")));
}
