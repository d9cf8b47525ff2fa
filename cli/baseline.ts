/**
 * The baseline: a committed file of fingerprints of accepted findings. Findings whose fingerprint is
 * in the baseline are suppressed (kind `baseline`); `--update-baseline` writes the current findings,
 * adding new ones and pruning entries that no longer occur. Entries carry the control id, resource
 * address and file so that reviewers can read a baseline diff.
 */
import type { ReportedFinding } from "./result";

export const BASELINE_VERSION = 1;
export const DEFAULT_BASELINE_FILE = ".mlguard-baseline.json";

export interface BaselineEntry {
    fingerprint: string;
    controlId: string;
    resource: string;
    file: string;
}

export interface Baseline {
    version: typeof BASELINE_VERSION;
    entries: BaselineEntry[];
}

/** A baseline file that cannot be used; the command reports it as a configuration error (exit 2). */
export class BaselineError extends Error {}

/** Parses a baseline file's text, naming the file in every error. */
export function parseBaseline(text: string, file: string): Baseline {
    let data: unknown;
    try {
        data = JSON.parse(text);
    } catch (err) {
        throw new BaselineError(`${file}: not valid JSON (${(err as Error).message})`);
    }
    const obj = data as { version?: unknown; entries?: unknown };
    if (typeof obj !== "object" || obj === null || Array.isArray(obj)) throw new BaselineError(`${file}: expected an object with "version" and "entries"`);
    if (obj.version !== BASELINE_VERSION) throw new BaselineError(`${file}: "version" must be ${BASELINE_VERSION}, got ${JSON.stringify(obj.version)}`);
    if (!Array.isArray(obj.entries)) throw new BaselineError(`${file}: "entries" must be an array`);
    const entries = obj.entries.map((e: unknown, i: number) => {
        const entry = e as Partial<BaselineEntry>;
        for (const key of ["fingerprint", "controlId", "resource", "file"] as const) {
            if (typeof entry?.[key] !== "string") throw new BaselineError(`${file}: entries[${i}].${key} must be a string`);
        }
        return { fingerprint: entry.fingerprint!, controlId: entry.controlId!, resource: entry.resource!, file: entry.file! };
    });
    return { version: BASELINE_VERSION, entries };
}

function compareEntries(a: BaselineEntry, b: BaselineEntry): number {
    const key = (e: BaselineEntry) => [e.file, e.controlId, e.resource, e.fingerprint];
    const ka = key(a);
    const kb = key(b);
    for (let i = 0; i < ka.length; i++) if (ka[i] !== kb[i]) return ka[i] < kb[i] ? -1 : 1;
    return 0;
}

/** Serialises a baseline: sorted, one entry per line block, trailing newline (small, reviewable diffs). */
export function serializeBaseline(baseline: Baseline): string {
    const entries = [...baseline.entries].sort(compareEntries);
    return JSON.stringify({ version: BASELINE_VERSION, entries }, null, 2) + "\n";
}

/** Splits findings into those in the baseline (suppressed) and the rest; also returns entries that matched nothing. */
export function applyBaseline<T extends Pick<ReportedFinding, "fingerprint">>(findings: readonly T[], baseline: Baseline): { kept: T[]; baselined: T[]; stale: BaselineEntry[] } {
    const known = new Set(baseline.entries.map((e) => e.fingerprint));
    const seen = new Set<string>();
    const kept: T[] = [];
    const baselined: T[] = [];
    for (const f of findings) {
        if (known.has(f.fingerprint)) {
            baselined.push(f);
            seen.add(f.fingerprint);
        } else kept.push(f);
    }
    return { kept, baselined, stale: baseline.entries.filter((e) => !seen.has(e.fingerprint)) };
}

/**
 * The baseline after `--update-baseline`: every current finding, plus the old entries this run
 * could not have seen (controls not selected, or files outside the scanned paths), so a partial scan
 * never prunes what it did not look at.
 */
export function updateBaseline(
    previous: Baseline | undefined,
    current: readonly BaselineEntry[],
    coverage: { controls: ReadonlySet<string>; covers: (file: string) => boolean },
): Baseline {
    const entries = new Map<string, BaselineEntry>();
    for (const e of previous?.entries ?? []) {
        if (!coverage.controls.has(e.controlId) || !coverage.covers(e.file)) entries.set(e.fingerprint, e);
    }
    for (const e of current) entries.set(e.fingerprint, e);
    return { version: BASELINE_VERSION, entries: [...entries.values()].sort(compareEntries) };
}

/** The baseline entry recording a finding. */
export function baselineEntry(f: Pick<ReportedFinding, "fingerprint" | "controlId" | "resourceId" | "location">, file: string): BaselineEntry {
    return { fingerprint: f.fingerprint, controlId: f.controlId, resource: f.resourceId, file };
}
