/**
 * CloudFormation templates (YAML with the short-form intrinsic tags, or JSON) into one positioned
 * tree. `yaml` keeps a range on every node; a short-form tag (`!Ref X`) becomes the long form it
 * stands for (`{ Ref: X }`) at the tag's own range, so the evaluator sees a single syntax. Never
 * throws on user input: problems are positioned diagnostics.
 */
import { type Document, type Node as YamlNode, isAlias, isMap, isPair, isScalar, isSeq, parseDocument } from "yaml";
import type { Position, Scalar } from "../catalog/model";
import { parseJsonTemplate } from "./json";
import { parseYamlFast } from "./yaml-fast";

/** A node of a template: ranges are 0-based offsets into the text (`end` exclusive). */
export type CfnNode =
    | { kind: "scalar"; value: Scalar; start: number; end: number }
    | { kind: "seq"; items: CfnNode[]; start: number; end: number }
    | { kind: "map"; entries: CfnEntry[]; start: number; end: number };

export interface CfnEntry {
    key: string;
    keyStart: number;
    value: CfnNode;
}

export interface ParseDiagnostic {
    severity: "error" | "warning" | "info";
    summary: string;
    detail?: string;
    start: number;
    end: number;
}

/**
 * A range of a template that works out its positions only when a report reads them: every value
 * of a template is located, and most locations are never shown.
 */
export class TemplateSpan {
    readonly kind = "file" as const;
    constructor(
        readonly file: string,
        private readonly lines: Lines,
        private readonly from: number,
        private readonly to: number,
    ) {}
    get start(): Position {
        return this.lines.position(this.from);
    }
    get end(): Position {
        return this.lines.position(this.to);
    }
}

/** Line starts of a text, to turn offsets into positions. */
export class Lines {
    private readonly starts: number[] = [0];
    constructor(readonly text: string) {
        for (let i = text.indexOf("\n"); i >= 0; i = text.indexOf("\n", i + 1)) this.starts.push(i + 1);
    }
    position(offset: number): Position {
        const o = Math.max(0, Math.min(offset, this.text.length));
        let lo = 0;
        let hi = this.starts.length - 1;
        while (lo < hi) {
            const mid = (lo + hi + 1) >> 1;
            if (this.starts[mid] <= o) lo = mid;
            else hi = mid - 1;
        }
        // Columns count code points (as the Terraform front-end's and SARIF's `unicodeCodePoints` do).
        let column = o - this.starts[lo] + 1;
        for (let i = this.starts[lo]; i < o; i++) {
            const c = this.text.charCodeAt(i);
            if (c >= 0xdc00 && c <= 0xdfff) column--;
        }
        return { line: lo + 1, column, offset: o };
    }
}

/** Short-form tags and the long form each stands for. */
export const SHORT_FORMS: Readonly<Record<string, string>> = {
    "!Ref": "Ref",
    "!Condition": "Condition",
    "!Sub": "Fn::Sub",
    "!GetAtt": "Fn::GetAtt",
    "!If": "Fn::If",
    "!Join": "Fn::Join",
    "!Select": "Fn::Select",
    "!Split": "Fn::Split",
    "!FindInMap": "Fn::FindInMap",
    "!ImportValue": "Fn::ImportValue",
    "!Base64": "Fn::Base64",
    "!Cidr": "Fn::Cidr",
    "!GetAZs": "Fn::GetAZs",
    "!Equals": "Fn::Equals",
    "!And": "Fn::And",
    "!Or": "Fn::Or",
    "!Not": "Fn::Not",
    "!Transform": "Fn::Transform",
    "!Length": "Fn::Length",
    "!ToJsonString": "Fn::ToJsonString",
};

/** Most nodes one template may expand to through YAML aliases (a "billion laughs" document stops here). */
const MAX_NODES = 1_000_000;
const MAX_DEPTH = 200;

/** Reads a template with the `yaml` library only (the reference the fast readers are tested against). */
export function parseTemplateWithYamlLibrary(text: string): { tree?: CfnNode; diagnostics: ParseDiagnostic[] } {
    return parseWithLibrary(text);
}

/**
 * Parses a template's text: strict JSON and the common YAML subset through the fast readers, the
 * rest (and every text with errors, for positioned diagnostics) through the `yaml` library.
 * `tree` is undefined when nothing usable could be read.
 */
export function parseTemplate(text: string): { tree?: CfnNode; diagnostics: ParseDiagnostic[] } {
    if (/^\uFEFF?\s*[{[]/.test(text)) {
        const json = parseJsonTemplate(text);
        if (json) return json;
    }
    const fast = parseYamlFast(text, SHORT_FORMS);
    if (fast) return { tree: fast, diagnostics: [] };
    return parseWithLibrary(text);
}

function parseWithLibrary(text: string): { tree?: CfnNode; diagnostics: ParseDiagnostic[] } {
    const diagnostics: ParseDiagnostic[] = [];
    let doc: Document.Parsed;
    try {
        doc = parseDocument(text, { version: "1.1", prettyErrors: false, keepSourceTokens: false, uniqueKeys: true });
    } catch (err) {
        diagnostics.push({ severity: "error", summary: "Template not readable", detail: (err as Error).message, start: 0, end: 0 });
        return { diagnostics };
    }
    for (const e of doc.errors) {
        diagnostics.push({ severity: "error", summary: "Invalid template syntax", detail: firstLine(e.message), start: e.pos[0], end: e.pos[1] });
    }
    for (const w of doc.warnings) {
        if (w.code === "TAG_RESOLVE_FAILED" && SHORT_FORMS[tagIn(w.message)] !== undefined) continue;
        diagnostics.push({ severity: "warning", summary: "Template syntax warning", detail: firstLine(w.message), start: w.pos[0], end: w.pos[1] });
    }
    if (doc.errors.length > 0 && !doc.contents) return { diagnostics };
    let budget = MAX_NODES;
    let aliasReported = false;
    const converted = new Map<unknown, { node: CfnNode; size: number }>();
    const convert = (node: unknown, depth: number): CfnNode => {
        const range = (node as { range?: [number, number, number] } | null)?.range ?? [0, 0, 0];
        if (--budget < 0 || depth > MAX_DEPTH) {
            if ((budget === -1 && !aliasReported) || depth === MAX_DEPTH + 1) {
                diagnostics.push({ severity: "error", summary: "Template too large or too deeply nested", detail: "The rest of this value is not read.", start: range[0], end: range[1] });
            }
            return { kind: "scalar", value: null, start: range[0], end: range[1] };
        }
        if (isAlias(node)) {
            const target = node.resolve(doc);
            if (!target) {
                diagnostics.push({ severity: "error", summary: "Unresolved YAML alias", detail: `*${node.source} names no anchor.`, start: range[0], end: range[1] });
                return { kind: "scalar", value: null, start: range[0], end: range[1] };
            }
            // An anchored node is converted once; each alias use costs its size (a "billion laughs" runs out of budget fast).
            let cached = converted.get(target);
            if (!cached) {
                const before = budget;
                const node = convert(target, depth + 1);
                cached = { node, size: before - budget };
                converted.set(target, cached);
            }
            budget -= cached.size;
            if (budget < 0) {
                if (!aliasReported) diagnostics.push({ severity: "error", summary: "Template too large", detail: "YAML aliases expand to too many values; the rest of this value is not read.", start: range[0], end: range[1] });
                aliasReported = true;
                return { kind: "scalar", value: null, start: range[0], end: range[1] };
            }
            return { ...cached.node, start: range[0], end: range[1] };
        }
        let out: CfnNode;
        if (isScalar(node)) {
            const v = node.value;
            // YAML 1.1 timestamps (`Version: 2012-10-17`) and other typed scalars are strings to CloudFormation: keep the text.
            const value: Scalar = v === null || v === undefined ? null : typeof v === "string" || typeof v === "number" || typeof v === "boolean" ? v : typeof v === "bigint" ? Number(v) : text.slice(range[0], range[1]);
            out = { kind: "scalar", value, start: range[0], end: range[1] };
        } else if (isSeq(node)) {
            out = { kind: "seq", items: node.items.map((i) => convert(i, depth + 1)), start: range[0], end: range[1] };
        } else if (isMap(node)) {
            const entries: CfnEntry[] = [];
            for (const pair of node.items) {
                if (!isPair(pair)) continue;
                const k = pair.key as YamlNode | null;
                const keyRange = (k as { range?: [number, number, number] } | null)?.range ?? range;
                const key = isScalar(k) ? String(k.value) : null;
                if (key === null) {
                    diagnostics.push({ severity: "error", summary: "Unsupported key", detail: "A template key must be a plain string.", start: keyRange[0], end: keyRange[1] });
                    continue;
                }
                const value = pair.value === null ? { kind: "scalar" as const, value: null, start: keyRange[1], end: keyRange[1] } : convert(pair.value, depth + 1);
                entries.push({ key, keyStart: keyRange[0], value });
            }
            out = { kind: "map", entries, start: range[0], end: range[1] };
        } else {
            return { kind: "scalar", value: null, start: range[0], end: range[1] };
        }
        const tag = (node as { tag?: string }).tag;
        if (tag && tag.startsWith("!")) {
            const long = SHORT_FORMS[tag];
            if (long === undefined) {
                diagnostics.push({ severity: "warning", summary: "Unknown tag", detail: `${tag} is not a CloudFormation intrinsic function; the value is read without it.`, start: range[0], end: range[1] });
                return out;
            }
            if (long === "Fn::GetAtt" && out.kind === "scalar" && typeof out.value === "string") {
                // `!GetAtt Res.Attr` is the string form; the long form is a list.
                const dot = out.value.indexOf(".");
                const parts = dot < 0 ? [out.value] : [out.value.slice(0, dot), out.value.slice(dot + 1)];
                out = { kind: "seq", items: parts.map((p) => ({ kind: "scalar" as const, value: p, start: range[0], end: range[1] })), start: range[0], end: range[1] };
            }
            return { kind: "map", entries: [{ key: long, keyStart: range[0], value: out }], start: range[0], end: range[1] };
        }
        return out;
    };
    if (!doc.contents) return { diagnostics };
    return { tree: convert(doc.contents, 0), diagnostics };
}

function tagIn(message: string): string {
    return /(![A-Za-z0-9]+)/.exec(message)?.[1] ?? "";
}

function firstLine(message: string): string {
    const nl = message.indexOf("\n");
    return nl < 0 ? message : message.slice(0, nl);
}

/** The entry of a map node by key. */
export function entry(node: CfnNode | undefined, key: string): CfnEntry | undefined {
    if (node?.kind !== "map") return undefined;
    for (const e of node.entries) if (e.key === key) return e;
    return undefined;
}

/** Cheap test on raw text before parsing: could this file be a CloudFormation template? */
export function mightBeTemplate(text: string): boolean {
    return text.includes("AWSTemplateFormatVersion") || /AWS::[A-Za-z0-9]+::[A-Za-z0-9]+/.test(text);
}

/**
 * A parsed tree is a template when it has `AWSTemplateFormatVersion`, or a `Resources` map whose
 * entries have `Type: AWS::…` (Serverless and custom types alongside are fine).
 */
export function isTemplate(tree: CfnNode | undefined): boolean {
    if (tree?.kind !== "map") return false;
    if (entry(tree, "AWSTemplateFormatVersion")) return true;
    const resources = entry(tree, "Resources")?.value;
    if (resources?.kind !== "map" || resources.entries.length === 0) return false;
    return resources.entries.some((e) => {
        const t = entry(e.value, "Type")?.value;
        return t?.kind === "scalar" && typeof t.value === "string" && t.value.startsWith("AWS::");
    });
}
