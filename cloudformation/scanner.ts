/**
 * The CloudFormation front-end's scan: finds templates by content under the scan paths (YAML,
 * JSON, `.template`, CDK's `cdk.out/*.template.json`), follows nested stacks with a local
 * `TemplateURL`, evaluates each root template with its parameters, translates every resource
 * through the tables and runs the catalog over the stack's graph. Results have the shape the
 * Terraform engine returns, so `mlguard scan` reports both the same way.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import type { AnyControl } from "../catalog/control";
import { allControls } from "../catalog/controls";
import { ResourceGraph } from "../catalog/graph";
import type { Reference, Resource, SourceLocation, Value } from "../catalog/model";
import { findControl } from "../catalog/registry";
import { type ControlSettings, runControls } from "../catalog/run";
import { cfnMapping } from "../catalog/cloudformation/tables";
import { translateCfnResource } from "../catalog/cloudformation/translate";
import { DiskFiles, type FileSource, MemoryFiles, dirOf, joinPath, normalize } from "../terraform-checks/eval/files";
import type { Diagnostic } from "../terraform-checks/diagnostics";
import type { ModuleCallSite, ScanResult, TerraformFinding } from "../terraform-checks/scanner";
import { type EvaluatedResource, evaluateTemplate } from "./evaluate";
import { type CfnNode, Lines, type ParseDiagnostic, entry, isTemplate, mightBeTemplate, parseTemplate } from "./parse";
import { metadataProblems, metadataSuppression } from "./suppressions";

export interface CfnScanOptions {
    /** Parameter values (`--parameter NAME=VALUE`), applied to every root template after the parameter files. */
    parameters?: Record<string, string>;
    /** Parameter files: `[{ParameterKey, ParameterValue}]`, `{Parameters: {…}}` or a plain `{NAME: VALUE}` object. */
    parameterFiles?: string[];
    /** The region templates deploy to (`AWS::Region`, `AWS::Partition`); unknown when absent. */
    region?: string;
    controls?: readonly AnyControl[];
    settings?: Record<string, ControlSettings>;
    root?: string;
    /** The directory relative paths are resolved against. Default: `process.cwd()`. */
    cwd?: string;
    /** `YYYY-MM-DD` (UTC) for the expiry of `Metadata` suppressions; default today. */
    today?: string;
}

const EXTENSIONS = [".yaml", ".yml", ".json", ".template"];
const SKIPPED_DIRS = new Set([".git", "node_modules", ".terraform", ".terragrunt-cache"]);
/** JSON files that are never templates (skipped without reading). */
const NOT_TEMPLATES = /(^|\/)(package(-lock)?\.json|tsconfig(\.[^/]*)?\.json|manifest\.json|tree\.json|cdk\.json|[^/]*\.tf\.json|[^/]*\.tfvars\.json|[^/]*\.assets\.json)$/;
/** Larger files are not read as templates (CloudFormation's own limit is 1 MB; CDK output may be larger). */
const MAX_TEMPLATE_BYTES = 50 * 1024 * 1024;
const MAX_NESTING = 10;

interface Template {
    file: string;
    tree: CfnNode;
    lines: Lines;
}

/** What a scan collects. */
class CfnWorkspace {
    readonly diagnostics: Diagnostic[] = [];
    readonly files = new Set<string>();
    readonly stats = { files: 0, bytes: 0, resources: 0, modules: 0, durationMs: 0, parseMs: 0, evalMs: 0, checkMs: 0 };
    private readonly templates = new Map<string, Template | null>();

    constructor(readonly source: FileSource) {}

    diag(file: string, lines: Lines | undefined, d: ParseDiagnostic, phase: Diagnostic["phase"]): void {
        const range = lines ? { start: lines.position(d.start), end: lines.position(d.end) } : { start: START, end: START };
        this.diagnostics.push({ severity: d.severity, summary: d.summary, ...(d.detail ? { detail: d.detail } : {}), file, range, phase });
    }

    /** Reads and parses a file; undefined when it is not a template (`quiet`: say nothing about it then). */
    template(file: string, quiet: boolean): Template | undefined {
        if (this.templates.has(file)) return this.templates.get(file) ?? undefined;
        this.templates.set(file, null);
        const got = this.source.read(file);
        if (!got || "error" in got) {
            if (!quiet) this.diag(file, undefined, { severity: "error", summary: got ? "File not readable" : "File not found", detail: got ? got.error : `${file} does not exist.`, start: 0, end: 0 }, "read");
            return undefined;
        }
        const text = got.text;
        if (text.length > MAX_TEMPLATE_BYTES || !mightBeTemplate(text)) {
            if (!quiet) this.diag(file, undefined, { severity: "info", summary: "Not a CloudFormation template", detail: `${file} has no AWSTemplateFormatVersion and no AWS:: resource types.`, start: 0, end: 0 }, "read");
            return undefined;
        }
        const t0 = performance.now();
        const lines = new Lines(text);
        const { tree, diagnostics } = parseTemplate(text);
        this.stats.parseMs += performance.now() - t0;
        const isCfn = isTemplate(tree);
        // A file that mentions CloudFormation but cannot be parsed is reported (it may be a broken template).
        const broken = diagnostics.some((d) => d.severity === "error");
        if (!isCfn && !(broken && /AWSTemplateFormatVersion|^\s*"?Resources"?\s*:/m.test(text))) return undefined;
        this.files.add(file);
        this.stats.files++;
        this.stats.bytes += Buffer.byteLength(text, "utf8");
        for (const d of diagnostics) this.diag(file, lines, d, "parse");
        if (!tree || !isCfn) return undefined;
        const t: Template = { file, tree, lines };
        this.templates.set(file, t);
        return t;
    }
}

const START = { line: 1, column: 1, offset: 0 };

function isCandidate(file: string): boolean {
    const base = file.slice(file.lastIndexOf("/") + 1);
    return !base.startsWith(".") && EXTENSIONS.some((e) => base.endsWith(e)) && !NOT_TEMPLATES.test(file);
}

/** Candidate files under a directory; CDK asset directories are skipped. */
function candidates(source: FileSource, dir: string, out: string[], depth = 0): void {
    if (depth > 64) return;
    const listing = source.list(dir);
    if (!listing) return;
    for (const f of listing.files) if (isCandidate(f)) out.push(f);
    for (const d of listing.dirs) {
        const base = d.slice(d.lastIndexOf("/") + 1);
        if (SKIPPED_DIRS.has(base) || (base.startsWith("asset.") && dir.endsWith("cdk.out")) || base.startsWith(".")) continue;
        candidates(source, d, out, depth + 1);
    }
}

/** A nested stack's local template, relative to its parent (undefined for URLs and computed values). */
function nestedTemplatePath(parentFile: string, r: EvaluatedResource): string | undefined {
    const url = r.props.entries.TemplateURL;
    if (url?.kind !== "scalar" || typeof url.value !== "string") return undefined;
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(url.value) || url.value.startsWith("s3:")) return undefined;
    return joinPath(dirOf(parentFile), url.value.replace(/^\.\//, ""));
}

/** The parameters a parent passes to a nested stack. */
function nestedParameters(r: EvaluatedResource): Record<string, Value> {
    const p = r.props.entries.Parameters;
    return p?.kind === "map" ? { ...p.entries } : {};
}

interface StackFrame {
    /** Logical ids of the nested stack resources from the root, for resource ids. */
    prefix: string;
    /** Nested stack resources on the way from the root (for suppressions above them). */
    calls: ModuleCallSite[];
    files: Set<string>;
}

interface StackResources {
    resources: Resource[];
    references: Reference[];
    /** Per resource id: where it is written and its metadata. */
    places: Map<string, { block: SourceLocation; calls: ModuleCallSite[]; metadata: unknown; file: string }>;
}

function fileRange(l: SourceLocation) {
    return l.kind === "file" ? { file: l.file, start: l.start, end: l.end } : { file: "", start: START, end: START };
}

/** Evaluates a template and its local nested stacks into one graph's resources. */
function collectStack(ws: CfnWorkspace, t: Template, parameters: Record<string, string | Value>, options: CfnScanOptions, frame: StackFrame, out: StackResources): void {
    const t0 = performance.now();
    const evaluated = evaluateTemplate(t.tree, t.file, t.lines, { parameters, ...(options.region ? { region: options.region } : {}) });
    ws.stats.evalMs += performance.now() - t0;
    for (const d of evaluated.diagnostics) ws.diag(t.file, t.lines, d, "evaluate");
    ws.stats.modules++;
    for (const r of evaluated.resources) {
        const id = frame.prefix + r.logicalId;
        const cdkPath = typeof (r.metadata as Record<string, unknown> | undefined)?.["aws:cdk:path"] === "string" ? ((r.metadata as Record<string, string>)["aws:cdk:path"]) : undefined;
        const name = cdkPath ?? r.logicalId;
        out.places.set(id, { block: r.block, calls: frame.calls, metadata: r.metadata, file: t.file });
        const refs = r.refs.map((x) => ({ path: x.path, to: frame.prefix + x.to }));
        if (r.type === "AWS::CloudFormation::Stack") {
            const child = nestedTemplatePath(t.file, r);
            if (!child) {
                ws.diag(t.file, t.lines, { severity: "info", summary: "Nested stack not followed", detail: `${r.logicalId}'s TemplateURL is not a local file; its resources are not scanned.`, start: r.node.start, end: r.node.end }, "read");
            } else if (frame.files.has(child) || frame.calls.length >= MAX_NESTING) {
                ws.diag(t.file, t.lines, { severity: "error", summary: "Nested stack cycle", detail: `${r.logicalId} nests ${child}, which is already on the way from the root stack.`, start: r.node.start, end: r.node.end }, "evaluate");
            } else {
                const nested = ws.template(child, false);
                if (nested) {
                    const call: ModuleCallSite = { address: id, range: fileRange(r.block) };
                    collectStack(ws, nested, nestedParameters(r), options, { prefix: `${id}/`, calls: [...frame.calls, call], files: new Set([...frame.files, child]) }, out);
                }
            }
        }
        const mapping = cfnMapping(r.type);
        if (!mapping) {
            if (r.type.startsWith("AWS::Serverless::")) {
                ws.diag(t.file, t.lines, { severity: "info", summary: "Serverless resource not scanned", detail: `${r.logicalId} (${r.type}) is expanded by the AWS::Serverless transform, which mlguard does not run.`, start: r.node.start, end: r.node.end }, "read");
            }
            // Unmapped types stay in the graph, so references through them are not lost.
            out.resources.push({ id, type: `cloudformation:${r.type}`, name, props: r.props, source: r.header, frontEnd: "cloudformation" });
            continue;
        }
        const translated = translateCfnResource({ id, name, mapping, props: r.props, source: r.header, frontEnd: "cloudformation", refs });
        for (const res of translated.resources) {
            out.resources.push(res);
            if (res.id !== id) out.places.set(res.id, out.places.get(id)!);
        }
        out.references.push(...translated.references);
    }
}

/** Parameter values from a parameters file (three common shapes). */
export function parseParameterFile(text: string): Record<string, string> | { error: string } {
    let data: unknown;
    try {
        data = JSON.parse(text);
    } catch (err) {
        return { error: `not JSON: ${(err as Error).message}` };
    }
    const out: Record<string, string> = {};
    if (Array.isArray(data)) {
        for (const item of data) {
            const k = (item as Record<string, unknown>)?.ParameterKey;
            const v = (item as Record<string, unknown>)?.ParameterValue;
            if (typeof k === "string" && v !== undefined && v !== null) out[k] = String(v);
        }
        return out;
    }
    if (data && typeof data === "object") {
        const obj = (data as Record<string, unknown>).Parameters ?? data;
        if (obj && typeof obj === "object" && !Array.isArray(obj)) {
            for (const [k, v] of Object.entries(obj)) if (v !== null && typeof v !== "object") out[k] = String(v);
            return out;
        }
    }
    return { error: "expected [{ParameterKey, ParameterValue}], {Parameters: {…}} or {NAME: VALUE}" };
}

/** Scans targets (root-relative paths) inside a file source. */
export function scanCfnSource(source: FileSource, targets: string[], options: CfnScanOptions, readFile: (f: string) => string | undefined): ScanResult {
    const started = performance.now();
    const ws = new CfnWorkspace(source);
    const controls = options.controls ?? allControls;
    const parameters: Record<string, string> = {};
    for (const f of options.parameterFiles ?? []) {
        const text = readFile(f);
        const parsed = text === undefined ? { error: "cannot be read" } : parseParameterFile(text);
        if ("error" in parsed && typeof parsed.error === "string") {
            ws.diagnostics.push({ severity: "error", summary: "Invalid parameters file", detail: `${f}: ${parsed.error}.`, file: f, range: { start: START, end: START }, phase: "read" });
        } else Object.assign(parameters, parsed);
    }
    Object.assign(parameters, options.parameters ?? {});

    const found: Array<{ file: string; explicit: boolean }> = [];
    for (const target of targets) {
        if (source.isDirectory(target)) {
            const list: string[] = [];
            candidates(source, target, list);
            for (const f of list.sort()) found.push({ file: f, explicit: false });
        } else if (source.exists(target)) found.push({ file: target, explicit: true });
    }
    const templates: Template[] = [];
    for (const { file, explicit } of found) {
        const t = ws.template(file, !explicit);
        if (t && !templates.includes(t)) templates.push(t);
    }
    // A template another one nests is scanned as part of that stack, not again on its own.
    const nestedFiles = new Set<string>();
    for (const t of templates) {
        const resources = entry(t.tree, "Resources")?.value;
        if (resources?.kind !== "map") continue;
        for (const e of resources.entries) {
            const type = entry(e.value, "Type")?.value;
            const url = entry(entry(e.value, "Properties")?.value, "TemplateURL")?.value;
            if (type?.kind === "scalar" && type.value === "AWS::CloudFormation::Stack" && url?.kind === "scalar" && typeof url.value === "string" && !/^[a-z0-9+.-]+:/i.test(url.value)) {
                const child = joinPath(dirOf(t.file), url.value.replace(/^\.\//, ""));
                if (child && child !== t.file) nestedFiles.add(child);
            }
        }
    }
    const today = options.today ?? new Date().toISOString().slice(0, 10);
    const findings: TerraformFinding[] = [];
    const visited = new Set<string>();
    // Roots first; a nested template no root reached (a cycle of nested stacks) is then scanned on its own.
    const order = [...templates.filter((t) => !nestedFiles.has(t.file)), ...templates.filter((t) => nestedFiles.has(t.file))];
    for (const t of order) {
        if (visited.has(t.file)) continue;
        const stack: StackResources = { resources: [], references: [], places: new Map() };
        collectStack(ws, t, parameters, options, { prefix: "", calls: [], files: new Set([t.file]) }, stack);
        for (const place of stack.places.values()) visited.add(place.file);
        visited.add(t.file);
        ws.stats.resources += stack.resources.length;
        const t1 = performance.now();
        const graph = new ResourceGraph(stack.resources, stack.references);
        for (const f of runControls(graph, controls, options.settings ?? {})) {
            const place = stack.places.get(f.resourceId);
            const out = f as TerraformFinding;
            // Findings leave the scanner as plain data: lazy template spans are worked out here.
            if (f.location.kind === "file") out.location = { kind: "file", file: f.location.file, start: f.location.start, end: f.location.end };
            const origin = f.evidence?.origin?.location;
            if (origin?.kind === "file") f.evidence!.origin = { ...f.evidence!.origin!, location: { kind: "file", file: origin.file, start: origin.start, end: origin.end } };
            out.resourceBlock = { rootModule: t.file, range: fileRange(place?.block ?? f.location), moduleCalls: place?.calls ?? [] };
            if (!f.exemption && (f.status === "fail" || f.status === "unknown") && place) {
                const s = metadataSuppression(place.metadata, f.controlId, today, (id) => findControl(id)?.id);
                if (s?.kind === "applies") out.exemption = { reason: s.reason };
            }
            findings.push(out);
        }
        ws.stats.checkMs += performance.now() - t1;
        // Metadata suppressions that are malformed, expired or name no control are reported once per resource.
        for (const [, place] of stack.places) {
            for (const problem of metadataProblems(place.metadata, today, (id) => findControl(id)?.id)) {
                ws.diagnostics.push({ severity: "warning", summary: "Metadata suppression not applied", detail: problem, file: place.file, range: { start: place.block.kind === "file" ? place.block.start : START, end: place.block.kind === "file" ? place.block.start : START }, phase: "evaluate" });
            }
        }
    }
    ws.stats.durationMs = Math.round(performance.now() - started);
    const st = ws.stats;
    const stats = { ...st, parseMs: Math.round(st.parseMs), evalMs: Math.round(st.evalMs), checkMs: Math.round(st.checkMs) };
    return { findings, diagnostics: dedupe(ws.diagnostics), stats, files: [...ws.files].sort() };
}


function dedupe(diagnostics: Diagnostic[]): Diagnostic[] {
    const seen = new Set<string>();
    return diagnostics.filter((d) => {
        const key = `${d.file}\u0000${d.range.start.offset}\u0000${d.summary}\u0000${d.detail ?? ""}`;
        if (seen.has(key)) return false;
        seen.add(key);
        return true;
    });
}

/** Scans CloudFormation on disk under each path (directories searched, files read as given). Never throws on user input. */
export async function scanCloudFormation(paths: string[], options: CfnScanOptions = {}): Promise<ScanResult> {
    const cwd = path.resolve(options.cwd ?? process.cwd());
    // The scan root as the Terraform engine picks it: the working directory, or the paths' common parent.
    let root = options.root ? path.resolve(cwd, options.root) : cwd;
    const absolute = paths.map((p) => path.resolve(cwd, p));
    if (!options.root && absolute.some((p) => p !== cwd && !p.startsWith(cwd + path.sep))) {
        const dirs = absolute.map((p) => (fs.existsSync(p) && !fs.statSync(p).isDirectory() ? path.dirname(p) : p));
        root = dirs.reduce((common, d) => {
            while (common !== path.dirname(common) && d !== common && !d.startsWith(common + path.sep)) common = path.dirname(common);
            return common;
        });
    }
    const source = new DiskFiles(root);
    const targets: string[] = [];
    const outside: Diagnostic[] = [];
    for (const p of paths) {
        const rel = path.relative(root, path.resolve(cwd, p)).split(path.sep).join("/");
        const n = normalize(rel);
        if (n === undefined || path.isAbsolute(rel)) {
            outside.push({ severity: "error", summary: "Path outside the scan root", detail: `${p} is outside ${root}; it is not scanned.`, file: p, range: { start: START, end: START }, phase: "read" });
        } else targets.push(n);
    }
    const result = scanCfnSource(source, targets, options, (f) => {
        try {
            return fs.readFileSync(path.resolve(cwd, f), "utf8");
        } catch {
            return undefined;
        }
    });
    result.diagnostics.unshift(...outside);
    return result;
}

/** Scans in-memory templates (tests, editors): `sources` maps root-relative paths to text. */
export function scanCloudFormationSources(sources: Record<string, string>, options: CfnScanOptions = {}): ScanResult {
    return scanCfnSource(new MemoryFiles(sources), [""], options, (f) => sources[f]);
}
