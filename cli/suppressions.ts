/**
 * Inline suppressions: comments in Terraform source that keep a finding out of the report.
 *
 * Semantics (also in docs/suppressions.md):
 *
 * - **Syntax.** `mlguard:ignore <id>[,<id>…] reason="…" [expires=YYYY-MM-DD]` in a `#`, `//` or
 *   `/* … *\/` comment. Ids are control ids or peer aliases (`CKV_AWS_122`). A reason is required
 *   (double or single quotes; `\"` escapes a quote). Peer comments are honoured through the
 *   controls' `aliases`: `checkov:skip=<ID>[:reason]`, `tfsec:ignore:<id>[:exp:YYYY-MM-DD]`,
 *   `trivy:ignore:<id>[:exp:YYYY-MM-DD]` (tfsec and trivy ids are matched case-insensitively
 *   against both tools' aliases, with or without the `AVD-` prefix, as Trivy does). Peer comments
 *   need no reason, so migrating teams change nothing; their reason is recorded as given.
 * - **Placement.** A comment alone on its line applies to the next line of code; comment lines may
 *   be stacked, but a blank line ends the association. A comment after code applies to its own line.
 * - **Scope**, by the line the comment applies to:
 *   the line of the finding (an attribute; when the attribute is absent the finding is on the
 *   resource header, so this is also the resource) → that finding;
 *   the header of the resource block → every finding of the named controls on that resource, all
 *   `count`/`for_each` instances included;
 *   the header of a `module` block → every finding of the named controls on resources inside that
 *   module call, nested modules included, all module instances included.
 *   `checkov:skip` also applies anywhere inside the resource or module block, as in Checkov.
 * - **Expiry.** `expires=2026-12-31` suppresses through that day (UTC). After it, the suppression no
 *   longer suppresses and is reported as `expired`.
 * - **Rejected.** A `mlguard:ignore` without a reason, with a malformed date or an unknown
 *   attribute suppresses nothing and is reported as `rejected`; unknown ids are reported as
 *   `unknown-rule`. Peer ids we have no alias for are ignored silently (they are the peer's business).
 *   Trivy's `[attr=value]` instance filters and `:ws:` workspaces are not supported: such a comment
 *   suppresses nothing and is reported as `unsupported` (never over-suppress).
 * - **Unused.** An `mlguard:ignore` id that suppressed nothing, for a control that ran, is reported
 *   as `unused`. Peer comments are never reported unused (the peer tool may still need them).
 * - Only `fail` and `unknown` results are suppressed; a check `error` always surfaces.
 */
import * as path from "node:path";
import type { AnyControl } from "../catalog/control";
import type { Finding } from "../catalog/model";
import type { FileRange, ModuleCallSite, ResourceBlock } from "./engine";
import type { Notice, Suppression, SuppressionKind } from "./result";

/** A comment found in source text, with the line it applies to. */
export interface Comment {
    /** The comment's text without its delimiters. */
    text: string;
    range: FileRange;
    /** The line the comment applies to, or undefined when a blank line or end of file follows it. */
    targetLine: number | undefined;
}

/** One parsed, valid suppression directive. */
export interface Directive {
    kind: Exclude<SuppressionKind, "baseline" | "config">;
    /** Resolved control ids, each with the id as written. */
    ids: Array<{ controlId: string; written: string }>;
    reason: string;
    expires?: string;
    comment: Comment;
}

/**
 * Finds comments in HCL native syntax, skipping quoted strings (with `${…}` templates), heredocs
 * and block comments, and works out the line each comment applies to.
 */
export function scanComments(file: string, text: string): Comment[] {
    const raw: Array<{ text: string; start: [number, number, number]; end: [number, number, number]; trailing: boolean }> = [];
    const codeLines = new Set<number>();
    let line = 1;
    let col = 1;
    let i = 0;
    const n = text.length;
    // Mode stack: "code" at top level or inside `${ }` (with its brace depth), "string" inside quotes.
    const stack: Array<{ mode: "code" | "string"; depth: number }> = [{ mode: "code", depth: 0 }];
    const advance = (count = 1) => {
        for (let k = 0; k < count && i < n; k++) {
            const c = text.charCodeAt(i);
            if (c === 10) {
                line++;
                col = 1;
            } else if (!(c >= 0xdc00 && c <= 0xdfff)) {
                col++;
            }
            i++;
        }
    };
    while (i < n) {
        const top = stack[stack.length - 1];
        const ch = text[i];
        if (top.mode === "string") {
            if (ch === "\\") advance(2);
            else if (ch === '"') {
                stack.pop();
                advance();
            } else if ((ch === "$" || ch === "%") && text[i + 1] === ch && text[i + 2] === "{") advance(3);
            else if ((ch === "$" || ch === "%") && text[i + 1] === "{") {
                stack.push({ mode: "code", depth: 0 });
                advance(2);
            } else if (ch === "\n") {
                // An unterminated string ends at the line break (the parser reports it).
                stack.pop();
                advance();
            } else advance();
            continue;
        }
        if (ch === " " || ch === "\t" || ch === "\r" || ch === "\n") {
            advance();
            continue;
        }
        const lineComment = ch === "#" || (ch === "/" && text[i + 1] === "/");
        const blockComment = ch === "/" && text[i + 1] === "*";
        if (lineComment || blockComment) {
            const start: [number, number, number] = [line, col, i];
            const trailing = codeLines.has(line);
            let body: string;
            if (lineComment) {
                let j = text.indexOf("\n", i);
                if (j < 0) j = n;
                body = text.slice(i + (ch === "#" ? 1 : 2), j).replace(/\r$/, "");
                advance(j - i);
            } else {
                let j = text.indexOf("*/", i + 2);
                const close = j < 0 ? n : j + 2;
                body = text.slice(i + 2, j < 0 ? n : j);
                advance(close - i);
            }
            raw.push({ text: body, start, end: [line, col, i], trailing });
            continue;
        }
        codeLines.add(line);
        if (ch === '"') {
            stack.push({ mode: "string", depth: 0 });
            advance();
        } else if (ch === "<" && text[i + 1] === "<" && stack.length === 1) {
            const m = /^<<-?([A-Za-z_][A-Za-z0-9_-]*)[ \t]*\r?\n/.exec(text.slice(i, i + 256));
            if (!m) {
                advance(2);
                continue;
            }
            advance(m[0].length);
            // Skip the heredoc body up to the line holding only the marker.
            while (i < n) {
                let j = text.indexOf("\n", i);
                if (j < 0) j = n;
                const bodyLine = text.slice(i, j).replace(/\r$/, "");
                codeLines.add(line);
                advance(j - i + 1);
                if (bodyLine.trim() === m[1]) break;
            }
        } else if (ch === "{" && stack.length > 1) {
            top.depth++;
            advance();
        } else if (ch === "}" && stack.length > 1) {
            if (top.depth === 0) stack.pop();
            else top.depth--;
            advance();
        } else advance();
    }
    const commentOnly = new Set<number>();
    for (const c of raw) if (!c.trailing) for (let l = c.start[0]; l <= c.end[0]; l++) if (!codeLines.has(l)) commentOnly.add(l);
    return raw.map((c) => {
        let targetLine: number | undefined;
        if (c.trailing) targetLine = c.start[0];
        else if (codeLines.has(c.end[0])) targetLine = c.end[0];
        else {
            let l = c.end[0] + 1;
            while (commentOnly.has(l)) l++;
            targetLine = codeLines.has(l) ? l : undefined;
        }
        return {
            text: c.text,
            range: { file, start: { line: c.start[0], column: c.start[1], offset: c.start[2] }, end: { line: c.end[0], column: c.end[1], offset: c.end[2] } },
            targetLine,
        };
    });
}

function isValidDate(s: string): boolean {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
    const d = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

/** Peer-id lookups built from the controls' aliases. */
export class AliasIndex {
    private readonly ids = new Map<string, string>();
    private readonly checkov = new Map<string, string[]>();
    private readonly trivyLike = new Map<string, string[]>();

    constructor(controls: readonly AnyControl[]) {
        const add = (map: Map<string, string[]>, key: string, id: string) => {
            const list = map.get(key);
            if (!list) map.set(key, [id]);
            else if (!list.includes(id)) list.push(id);
        };
        for (const c of controls) {
            this.ids.set(c.id, c.id);
            for (const a of c.aliases.checkov ?? []) add(this.checkov, a.toLowerCase(), c.id);
            for (const a of [...(c.aliases.tfsec ?? []), ...(c.aliases.trivy ?? [])]) add(this.trivyLike, AliasIndex.normalizeTrivy(a), c.id);
        }
    }

    /** Trivy matches ids case-insensitively, and `AVD-AWS-0088` equals `AWS-0088`. */
    static normalizeTrivy(id: string): string {
        return id.toLowerCase().replace(/^avd-/, "");
    }

    /** Our id, or any peer alias (as `mlguard explain` accepts). */
    resolveAny(written: string): string[] {
        const own = this.ids.get(written);
        if (own) return [own];
        return [...new Set([...(this.checkov.get(written.toLowerCase()) ?? []), ...(this.trivyLike.get(AliasIndex.normalizeTrivy(written)) ?? [])])];
    }

    resolveCheckov(written: string): string[] {
        return this.checkov.get(written.toLowerCase()) ?? [];
    }

    resolveTrivy(written: string): string[] {
        return this.trivyLike.get(AliasIndex.normalizeTrivy(written)) ?? [];
    }
}

/** Options for parsing directives. */
export interface ParseOptions {
    /** Honour `checkov:skip`, `tfsec:ignore` and `trivy:ignore` comments (default true). */
    peerComments?: boolean;
}

function notice(kind: Notice["kind"], message: string, comment: Comment): Notice {
    return { kind, message, location: comment.range };
}

function parseMlguard(rest: string, comment: Comment, aliases: AliasIndex, notices: Notice[]): Directive | undefined {
    const idMatch = /^\s+([^\s,]+(?:\s*,\s*[^\s,]+)*)/.exec(rest);
    if (!idMatch || idMatch[1].includes("=")) {
        notices.push(notice("rejected", 'mlguard:ignore needs the ids of the controls to ignore: mlguard:ignore <id> reason="…"', comment));
        return undefined;
    }
    const written = idMatch[1].split(",").map((s) => s.trim()).filter(Boolean);
    let attrs = rest.slice(idMatch[0].length);
    let reason: string | undefined;
    let expires: string | undefined;
    for (;;) {
        attrs = attrs.replace(/^\s+/, "");
        if (attrs === "") break;
        const m = /^([A-Za-z_][\w-]*)=("((?:[^"\\]|\\.)*)"|'((?:[^'\\]|\\.)*)'|(\S*))/.exec(attrs);
        if (!m) {
            notices.push(notice("rejected", `mlguard:ignore: cannot read "${attrs.split(/\s/)[0]}"; expected reason="…" or expires=YYYY-MM-DD`, comment));
            return undefined;
        }
        const [, key, , dq, sq, bare] = m;
        attrs = attrs.slice(m[0].length);
        if (key === "reason") {
            if (bare !== undefined) {
                notices.push(notice("rejected", 'mlguard:ignore: the reason must be quoted: reason="…"', comment));
                return undefined;
            }
            reason = (dq ?? sq ?? "").replace(/\\(.)/g, "$1");
        } else if (key === "expires") {
            const value = dq ?? sq ?? bare ?? "";
            if (!isValidDate(value)) {
                notices.push(notice("rejected", `mlguard:ignore: expires must be a date YYYY-MM-DD, got "${value}"`, comment));
                return undefined;
            }
            expires = value;
        } else {
            notices.push(notice("rejected", `mlguard:ignore: unknown attribute "${key}"; expected reason="…" and optionally expires=YYYY-MM-DD`, comment));
            return undefined;
        }
    }
    if (reason === undefined || reason.trim() === "") {
        notices.push(notice("rejected", `mlguard:ignore ${written.join(",")} has no reason, so it suppresses nothing: add reason="why this is acceptable"`, comment));
        return undefined;
    }
    const ids: Directive["ids"] = [];
    for (const w of written) {
        const resolved = aliases.resolveAny(w);
        if (resolved.length === 0) notices.push(notice("unknown-rule", `mlguard:ignore names "${w}", which is not a control id or a known peer alias`, comment));
        for (const controlId of resolved) ids.push({ controlId, written: w });
    }
    if (ids.length === 0) return undefined;
    return { kind: "mlguard:ignore", ids, reason: reason.trim(), ...(expires ? { expires } : {}), comment };
}

/** Parses every suppression directive in one file's text; problems come back as notices. */
export function parseSuppressions(file: string, text: string, aliases: AliasIndex, options: ParseOptions = {}): { directives: Directive[]; notices: Notice[] } {
    const directives: Directive[] = [];
    const notices: Notice[] = [];
    const peers = options.peerComments !== false;
    // Cheap pre-check: most files have no directive at all.
    if (!/mlguard:ignore|checkov:skip|tfsec:ignore|trivy:ignore/i.test(text)) return { directives, notices };
    for (const comment of scanComments(file, text)) {
        const own = /(?:^|\s)mlguard:ignore(?=\s|$)/.exec(comment.text);
        if (own) {
            const d = parseMlguard(comment.text.slice(own.index + own[0].length), comment, aliases, notices);
            if (d) directives.push(d);
            continue;
        }
        if (!peers) continue;
        for (const m of comment.text.matchAll(/checkov:skip=\s*([A-Za-z_\d]+(?:\s*,\s*[A-Za-z_\d]+)*)(?::([^\n]*))?/g)) {
            const ids = m[1].split(",").map((s) => s.trim()).flatMap((w) => aliases.resolveCheckov(w).map((controlId) => ({ controlId, written: w })));
            const reason = (m[2] ?? "").trim();
            if (ids.length > 0) directives.push({ kind: "checkov:skip", ids, reason: reason || "(no reason given)", comment });
        }
        for (const m of comment.text.matchAll(/(tfsec|trivy):ignore:([^\s]+)/g)) {
            const kind = m[1] === "tfsec" ? "tfsec:ignore" : "trivy:ignore";
            const parts = m[2].split(":");
            const written = parts[0];
            const ids = aliases.resolveTrivy(written.replace(/\[.*$/, "")).map((controlId) => ({ controlId, written }));
            if (ids.length === 0) continue;
            let expires: string | undefined;
            let unsupported: string | undefined;
            if (written.includes("[")) unsupported = "instance filters ([attr=value])";
            for (let k = 1; k < parts.length; k += 2) {
                if (parts[k] === "exp" && isValidDate(parts[k + 1] ?? "")) expires = parts[k + 1];
                else unsupported ??= `":${parts[k]}:${parts[k + 1] ?? ""}"`;
            }
            if (unsupported) {
                notices.push(notice("unsupported", `${kind}:${m[2]} uses ${unsupported}, which mlguard does not support, so it suppresses nothing`, comment));
                continue;
            }
            directives.push({ kind, ids, reason: "(no reason given)", ...(expires ? { expires } : {}), comment });
        }
    }
    return { directives, notices };
}

/** A finding with what matching needs: where its resource block and module calls are. */
export interface SuppressionTarget {
    finding: Finding;
    resourceBlock?: ResourceBlock;
}

function same(a: string, b: string): boolean {
    return a === b || path.normalize(a) === path.normalize(b);
}

function appliesToLine(d: Directive, range: FileRange, line: number): boolean {
    return d.comment.targetLine === line && same(d.comment.range.file, range.file);
}

function insideBlock(d: Directive, range: FileRange): boolean {
    const l = d.comment.range.start.line;
    return d.kind === "checkov:skip" && same(d.comment.range.file, range.file) && l > range.start.line && l <= range.end.line;
}

function matches(d: Directive, t: SuppressionTarget): boolean {
    const loc = t.finding.location;
    if (loc.kind === "file" && appliesToLine(d, { file: loc.file, start: loc.start, end: loc.end }, loc.start.line)) return true;
    const block = t.resourceBlock;
    if (!block) return false;
    if (appliesToLine(d, block.range, block.range.start.line) || insideBlock(d, block.range)) return true;
    return block.moduleCalls.some((m: ModuleCallSite) => appliesToLine(d, m.range, m.range.start.line) || insideBlock(d, m.range));
}

/** What applying suppressions decided. */
export interface AppliedSuppressions<T extends SuppressionTarget> {
    kept: T[];
    suppressed: Array<{ target: T; suppression: Suppression }>;
    notices: Notice[];
}

/**
 * Applies directives to findings (pure). `today` is `YYYY-MM-DD` (UTC); `activeControls` are the
 * controls that ran, so an ignore for a control that was not selected is not called unused.
 */
export function applySuppressions<T extends SuppressionTarget>(
    targets: readonly T[],
    directives: readonly Directive[],
    context: { today: string; activeControls: ReadonlySet<string> },
): AppliedSuppressions<T> {
    const notices: Notice[] = [];
    const live: Directive[] = [];
    for (const d of directives) {
        if (d.expires && d.expires < context.today) {
            const ids = d.ids.map((i) => i.written).join(",");
            notices.push(notice("expired", `${d.kind} ${ids} expired on ${d.expires}; the findings it covered are reported again`, d.comment));
        } else live.push(d);
    }
    const used = new Set<string>();
    const kept: T[] = [];
    const suppressed: AppliedSuppressions<T>["suppressed"] = [];
    for (const t of targets) {
        const f = t.finding;
        let hit: Directive | undefined;
        if (f.status === "fail" || f.status === "unknown") {
            for (const d of live) {
                const id = d.ids.find((i) => i.controlId === f.controlId);
                if (id && matches(d, t)) {
                    used.add(`${directives.indexOf(d)}\u0000${id.written}`);
                    hit ??= d;
                }
            }
        }
        if (hit) {
            suppressed.push({ target: t, suppression: { kind: hit.kind, reason: hit.reason, ...(hit.expires ? { expires: hit.expires } : {}), location: hit.comment.range } });
        } else kept.push(t);
    }
    for (const d of live) {
        if (d.kind !== "mlguard:ignore") continue;
        for (const id of d.ids) {
            if (!context.activeControls.has(id.controlId) || used.has(`${directives.indexOf(d)}\u0000${id.written}`)) continue;
            notices.push(notice("unused", `mlguard:ignore ${id.written} suppresses nothing here; remove it`, d.comment));
        }
    }
    return { kept, suppressed, notices };
}
