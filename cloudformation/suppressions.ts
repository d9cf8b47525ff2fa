/**
 * Suppressions written in a resource's `Metadata`, where CloudFormation users put them:
 *
 * - `Metadata: { mlguard: { ignore: [{ id, reason, expires? }] } }`: ids are control ids or peer
 *   aliases; a reason is required; `expires` (`YYYY-MM-DD`, UTC) suppresses through that day.
 * - cfn-nag: `Metadata: { cfn_nag: { rules_to_suppress: [{ id, reason }] } }`.
 * - checkov: `Metadata: { checkov: { skip: [{ id, comment }] } }`.
 *
 * Peer ids are honoured through the controls' peer aliases (the same index `mlguard:ignore`
 * comments use). A suppression that cannot apply (no reason, a malformed or past date, an id no
 * control answers to) suppresses nothing and is reported.
 */

interface Entry {
    tool: "mlguard" | "cfn_nag" | "checkov";
    id: unknown;
    reason: unknown;
    expires?: unknown;
}

function entries(metadata: unknown): Entry[] {
    if (!metadata || typeof metadata !== "object") return [];
    const m = metadata as Record<string, unknown>;
    const out: Entry[] = [];
    const list = (v: unknown): Record<string, unknown>[] => (Array.isArray(v) ? v.filter((x): x is Record<string, unknown> => !!x && typeof x === "object") : []);
    for (const e of list((m.mlguard as Record<string, unknown> | undefined)?.ignore)) out.push({ tool: "mlguard", id: e.id, reason: e.reason, expires: e.expires });
    for (const e of list((m.cfn_nag as Record<string, unknown> | undefined)?.rules_to_suppress)) out.push({ tool: "cfn_nag", id: e.id, reason: e.reason });
    for (const e of list((m.checkov as Record<string, unknown> | undefined)?.skip)) out.push({ tool: "checkov", id: e.id, reason: e.comment });
    return out;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function problem(e: Entry, today: string): string | undefined {
    if (typeof e.id !== "string" || e.id === "") return `${e.tool}: a suppression without an id suppresses nothing.`;
    if (e.tool === "mlguard") {
        if (typeof e.reason !== "string" || e.reason.trim() === "") return `mlguard.ignore ${e.id} has no reason; a reason is required.`;
        if (e.expires !== undefined && (typeof e.expires !== "string" || !DATE.test(e.expires))) return `mlguard.ignore ${e.id}: expires must be YYYY-MM-DD.`;
        if (typeof e.expires === "string" && e.expires < today) return `mlguard.ignore ${e.id} expired on ${e.expires}; the findings it covered are reported again.`;
    }
    return undefined;
}

/** Whether a resource's metadata suppresses a finding of `controlId`; `resolve` maps an id or alias to a control id. */
export function metadataSuppression(
    metadata: unknown,
    controlId: string,
    today: string,
    resolve: (id: string) => string | undefined,
): { kind: "applies"; reason: string } | undefined {
    for (const e of entries(metadata)) {
        if (problem(e, today) !== undefined) continue;
        if (resolve(e.id as string) !== controlId) continue;
        const reason = typeof e.reason === "string" && e.reason.trim() !== "" ? e.reason : "(no reason given)";
        const what = e.tool === "mlguard" ? "Metadata mlguard.ignore" : e.tool === "cfn_nag" ? "Metadata cfn_nag.rules_to_suppress" : "Metadata checkov.skip";
        return { kind: "applies", reason: `${what}: ${reason}` };
    }
    return undefined;
}

/** Every mlguard suppression in a resource's metadata that cannot apply, as a sentence (peer entries are the peer's business). */
export function metadataProblems(metadata: unknown, today: string, resolve?: (id: string) => string | undefined): string[] {
    const out: string[] = [];
    for (const e of entries(metadata)) {
        if (e.tool !== "mlguard") continue;
        const p = problem(e, today);
        if (p) out.push(p);
        else if (resolve && resolve(e.id as string) === undefined) out.push(`mlguard.ignore ${String(e.id)} names no control.`);
    }
    return out;
}
