/**
 * `.mlguard.yaml`: parsed with `yaml`, validated against `schemas/mlguard-config.schema.json` with
 * Ajv, then checked against the catalog (rule ids, per-control options). Every error names the file,
 * the line and column, the key path and what was expected.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import Ajv, { type ErrorObject } from "ajv";
import { LineCounter, type Node, isNode, parseDocument } from "yaml";
import type { AnyControl, JsonSchema } from "../catalog/control";
import type { Severity } from "../catalog/model";
import type { Exemption } from "../catalog/run";
import { globToRegExp } from "./globs";
import { packageFile } from "./paths";
import { suggestId } from "./suggest";

export const DEFAULT_CONFIG_FILES = [".mlguard.yaml", ".mlguard.yml"];
export const CONFIG_SCHEMA_URL = "https://unpkg.com/mlguard/schemas/mlguard-config.schema.json";

export interface RuleConfig {
    enabled?: boolean;
    severity?: Severity;
    options?: Record<string, unknown>;
    exemptions?: Exemption[];
}

/** The configuration after validation; paths are absolute. */
export interface Config {
    file?: string;
    failOn?: Severity | "none";
    minSeverity?: Severity;
    includeUnknown?: boolean;
    /** Exit 2 when a module call could not be scanned (not installed, not downloadable, …). */
    strictModules?: boolean;
    /** `true`, or the cache directory (resolved against the config file's directory). */
    downloadModules?: boolean | string;
    registryHost?: string;
    tags?: string[];
    rules: Record<string, RuleConfig>;
    varFiles: string[];
    formats: string[];
    baseline?: string;
    concurrency?: "auto" | number;
    suppressions: { peerComments: boolean; unused: "warn" | "error" | "off" };
}

/** A configuration problem; `mlguard` prints the message and exits 2. */
export class ConfigError extends Error {
    constructor(message: string) {
        super(message);
        this.name = "ConfigError";
    }
}

/** The configuration when there is no config file. */
export function defaultConfig(): Config {
    return { rules: {}, varFiles: [], formats: [], suppressions: { peerComments: true, unused: "warn" } };
}

/** `rules.aws-x.exemptions[0].reason` from a JSON pointer. */
function keyPath(segments: Array<string | number>): string {
    let out = "";
    for (const s of segments) out += typeof s === "number" ? `[${s}]` : out === "" ? s : `.${s}`;
    return out || "(top level)";
}

function pointerSegments(pointer: string): Array<string | number> {
    if (pointer === "") return [];
    return pointer
        .slice(1)
        .split("/")
        .map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"))
        .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

function describeError(e: ErrorObject): { extra?: string; text: string } {
    const p = e.params as Record<string, unknown>;
    switch (e.keyword) {
        case "additionalProperties":
            return { extra: String(p.additionalProperty), text: `unknown key "${String(p.additionalProperty)}"` };
        case "enum":
            return { text: `expected one of ${(p.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(", ")}` };
        case "type":
            return { text: `expected ${String(p.type).replace(",", " or ")}` };
        case "required":
            return { text: `missing required key "${String(p.missingProperty)}"` };
        case "pattern":
            return { text: `does not match the expected form ${String(p.pattern)}` };
        case "propertyNames":
            return { text: `invalid key "${String(p.propertyName)}"` };
        default:
            return { text: e.message ?? e.keyword };
    }
}

/** Formats validation errors with file, line:column and key path, most specific first. */
function formatErrors(errors: ErrorObject[], file: string, locate: (segments: Array<string | number>, atKey?: boolean) => string, root: unknown): string {
    // Drop the wrappers Ajv adds around the error that matters.
    const useful = errors.filter((e) => e.keyword !== "if" && e.keyword !== "anyOf" && !(e.keyword === "propertyNames" && errors.some((o) => o.keyword === "pattern" && o.instancePath !== e.instancePath)));
    const lines = new Set<string>();
    for (const e of useful.length > 0 ? useful : errors) {
        const segments = pointerSegments(e.instancePath);
        const d = describeError(e);
        let target = segments;
        if (e.keyword === "propertyNames") target = [...segments, String((e.params as { propertyName: string }).propertyName)];
        if (e.keyword === "pattern" && e.propertyName !== undefined) target = [...segments, e.propertyName];
        if (d.extra) target = [...segments, d.extra];
        let got = "";
        if (e.keyword === "enum" || e.keyword === "type" || e.keyword === "const" || e.keyword === "minimum" || e.keyword === "maximum" || e.keyword === "minLength") {
            let v: unknown = root;
            for (const s of segments) v = (v as Record<string | number, unknown>)?.[s];
            got = ` (got ${JSON.stringify(v)})`;
        }
        const text = e.keyword === "pattern" && e.propertyName !== undefined ? `invalid key "${e.propertyName}": use a control id or an id glob such as aws-iam-*` : d.text;
        const aboutKey = e.keyword === "additionalProperties" || e.keyword === "propertyNames" || (e.keyword === "pattern" && e.propertyName !== undefined);
        lines.add(`${file}${locate(target, aboutKey)}: ${keyPath(target)}: ${text}${got}`);
    }
    return [...lines].join("\n");
}

let validator: ((data: unknown) => boolean) & { errors?: ErrorObject[] | null } = undefined as never;

function schemaValidator() {
    if (!validator) {
        const ajv = new Ajv({ allErrors: true, strict: false });
        validator = ajv.compile(JSON.parse(fs.readFileSync(packageFile("schemas/mlguard-config.schema.json"), "utf8")));
    }
    return validator;
}

/**
 * Parses and validates config text. `file` is used in messages and to resolve relative paths.
 * Throws `ConfigError` with every problem found, one per line.
 */
export function parseConfig(text: string, file: string, controls: readonly AnyControl[], shownAs?: string): Config {
    const lineCounter = new LineCounter();
    const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
    const shown = shownAs ?? (path.relative(process.cwd(), file) || file);
    if (doc.errors.length > 0) {
        throw new ConfigError(
            doc.errors
                .map((e) => {
                    const pos = lineCounter.linePos(e.pos[0]);
                    return `${shown}:${pos.line}:${pos.col}: invalid YAML: ${e.message.split("\n")[0]}`;
                })
                .join("\n"),
        );
    }
    const data = doc.toJS({ maxAliasCount: 100 }) as unknown;
    if (data === null || data === undefined) return { ...defaultConfig(), file };
    const position = (node: unknown): string | undefined => {
        const range = (node as Node | undefined)?.range;
        if (!isNode(node) || !range) return undefined;
        const pos = lineCounter.linePos(range[0]);
        return `:${pos.line}:${pos.col}`;
    };
    /** The key node of `segments` in its parent map (for errors about the key itself). */
    const keyNode = (segments: Array<string | number>): unknown => {
        const parent = segments.length === 1 ? doc.contents : doc.getIn(segments.slice(0, -1), true);
        const items = (parent as { items?: Array<{ key: unknown }> } | undefined)?.items;
        return items?.find((it) => isNode(it.key) && (it.key as { value?: unknown }).value === segments[segments.length - 1])?.key;
    };
    const locate = (segments: Array<string | number>, atKey = false): string => {
        if (atKey && segments.length > 0) {
            const at = position(keyNode(segments));
            if (at) return at;
        }
        // The value's own node, or the nearest enclosing node that exists.
        for (let n = segments.length; n >= 0; n--) {
            const at = position(n === 0 ? doc.contents : doc.getIn(segments.slice(0, n), true));
            if (at) return at;
        }
        return "";
    };
    const validate = schemaValidator();
    if (!validate(data)) throw new ConfigError(formatErrors(validate.errors ?? [], shown, locate, data));

    const raw = data as Record<string, unknown>;
    const problems: string[] = [];
    const rules: Record<string, RuleConfig> = {};
    const ajv = new Ajv({ allErrors: true, strict: false });
    for (const [key, value] of Object.entries((raw.rules ?? {}) as Record<string, unknown>)) {
        const matched = key.includes("*") ? controls.filter((c) => globToRegExp(key).test(c.id)) : controls.filter((c) => c.id === key);
        if (matched.length === 0) {
            const hint = key.includes("*") ? "" : suggestId(key, controls);
            problems.push(`${shown}${locate(["rules", key], true)}: rules.${key}: ${key.includes("*") ? "matches no control" : "unknown control id"}${hint ? ` (did you mean "${hint}"?)` : ""}; \`mlguard rules\` lists them`);
            continue;
        }
        const setting: RuleConfig = typeof value === "string" ? { enabled: value === "on" } : (value as RuleConfig);
        if (setting.options) {
            for (const control of matched) {
                const specs = control.options as Record<string, { schema: JsonSchema }>;
                const schema = { type: "object", additionalProperties: false, properties: Object.fromEntries(Object.entries(specs).map(([k, s]) => [k, s.schema])) };
                const check = ajv.compile(schema);
                if (!check(setting.options)) {
                    const msg = formatErrors(check.errors ?? [], shown, (segs, atKey) => locate(["rules", key, "options", ...segs], atKey), setting.options)
                        .split("\n")
                        .map((l) => l.replace(/: ((?:[^:]|:(?! ))*?): /, (_m, p: string) => `: rules.${key}.options${p === "(top level)" ? "" : p.startsWith("[") ? p : `.${p}`}: `))
                        .map((l) => (Object.keys(specs).length === 0 ? `${l} (${control.id} takes no options)` : l));
                    problems.push(...msg);
                }
            }
        }
        rules[key] = setting;
    }
    if (problems.length > 0) throw new ConfigError(problems.join("\n"));

    const dir = path.dirname(file);
    const resolve = (p: string) => path.resolve(dir, p);
    const suppressions = (raw.suppressions ?? {}) as { peerComments?: boolean; unused?: "warn" | "error" | "off" };
    return {
        file,
        ...(raw.failOn !== undefined ? { failOn: raw.failOn as Config["failOn"] } : {}),
        ...(raw.minSeverity !== undefined ? { minSeverity: raw.minSeverity as Severity } : {}),
        ...(raw.includeUnknown !== undefined ? { includeUnknown: raw.includeUnknown as boolean } : {}),
        ...(raw.strictModules !== undefined ? { strictModules: raw.strictModules as boolean } : {}),
        ...(raw.downloadModules !== undefined ? { downloadModules: typeof raw.downloadModules === "string" ? resolve(raw.downloadModules) : (raw.downloadModules as boolean) } : {}),
        ...(raw.registryHost !== undefined ? { registryHost: raw.registryHost as string } : {}),
        ...(raw.tags !== undefined ? { tags: raw.tags as string[] } : {}),
        rules,
        varFiles: ((raw.varFiles ?? []) as string[]).map(resolve),
        formats: ((raw.formats ?? []) as string[]).map((f) => {
            const eq = f.indexOf("=");
            return eq < 0 ? f : `${f.slice(0, eq)}=${resolve(f.slice(eq + 1))}`;
        }),
        ...(raw.baseline !== undefined ? { baseline: resolve(raw.baseline as string) } : {}),
        ...(raw.concurrency !== undefined ? { concurrency: raw.concurrency as Config["concurrency"] } : {}),
        suppressions: { peerComments: suppressions.peerComments ?? true, unused: suppressions.unused ?? "warn" },
    };
}

/**
 * Loads the config: the explicit `--config` file (which must exist), else `.mlguard.yaml` /
 * `.mlguard.yml` in `cwd` when present, else defaults.
 */
export function loadConfig(explicit: string | undefined, cwd: string, controls: readonly AnyControl[]): Config {
    let file: string | undefined;
    if (explicit) {
        file = path.resolve(cwd, explicit);
        if (!fs.existsSync(file)) throw new ConfigError(`${explicit}: config file not found (--config)`);
    } else {
        file = DEFAULT_CONFIG_FILES.map((f) => path.join(cwd, f)).find((f) => fs.existsSync(f));
        if (!file) return defaultConfig();
    }
    let text: string;
    try {
        text = fs.readFileSync(file, "utf8");
    } catch (err) {
        throw new ConfigError(`${file}: cannot read the config file (${(err as Error).message})`);
    }
    return parseConfig(text, file, controls, path.relative(cwd, file) || file);
}

/** The text `mlguard init` writes. */
export function initialConfig(): string {
    return [
        "# yaml-language-server: $schema=" + CONFIG_SCHEMA_URL,
        `$schema: ${CONFIG_SCHEMA_URL}`,
        "",
        "# Exit with status 1 on findings at or above this severity: critical, high, medium, low or none.",
        "failOn: high",
        "",
        "# Per-control settings: off, or severity / options / exemptions (each exemption needs a reason).",
        "# `mlguard rules` lists the controls, `mlguard explain <id>` their options.",
        "rules: {}",
        "#  aws-s3-object-lock-enabled:",
        "#    severity: critical",
        "#    exemptions:",
        "#      - resource: module.logs.aws_s3_bucket.this",
        "#        reason: Access logs are not training data or model artifacts",
        "",
        "# Accepted findings, maintained with `mlguard scan --update-baseline`.",
        "# baseline: .mlguard-baseline.json",
        "",
        "# Variable files to load besides terraform.tfvars and *.auto.tfvars.",
        "# varFiles: [env/prod.tfvars]",
        "",
        "# Outputs, like --format: pretty (default), json, sarif, junit, github, markdown, each optionally =FILE.",
        "# formats: [pretty, sarif=mlguard.sarif]",
        "",
        "# pre-commit (.pre-commit-config.yaml):",
        "#   - repo: https://github.com/<org>/mlguard",
        "#     rev: v<version>",
        "#     hooks: [{ id: mlguard }]",
        "",
    ].join("\n");
}
