import { createHash } from "node:crypto";
import * as path from "node:path";
import type { Finding } from "../catalog/model";

/**
 * The content that identifies a finding across runs: control id, root module, resource address and
 * attribute path. Line numbers are deliberately absent, so moving code does not churn alerts or the
 * baseline; renaming the resource or moving it to another root module does.
 */
export function fingerprintKey(f: Finding, rootModule: string): string {
    return [f.controlId, rootModule.split(path.sep).join("/"), f.resourceId, f.path ?? ""].join("\u0000");
}

/**
 * Fingerprints for a list of findings: a hash of the key plus `:n`, where `n` counts findings with
 * the same key in report order (as GitHub's own `primaryLocationLineHash` does).
 */
export function assignFingerprints<T extends Finding>(findings: readonly T[], rootModuleOf: (f: T) => string): string[] {
    const seen = new Map<string, number>();
    return findings.map((f) => {
        const hash = createHash("sha256").update(fingerprintKey(f, rootModuleOf(f))).digest("hex").slice(0, 32);
        const n = (seen.get(hash) ?? 0) + 1;
        seen.set(hash, n);
        return `${hash}:${n}`;
    });
}
