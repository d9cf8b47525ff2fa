/** A module source that `--download-modules` can fetch, or why it cannot. */
export type RemoteSource =
    | { kind: "registry"; host: string; namespace: string; name: string; provider: string; subdir?: string }
    | { kind: "git"; url: string; ref?: string; subdir?: string }
    | { kind: "archive"; url: string; format: "tar.gz" | "tar" | "zip"; subdir?: string }
    | { kind: "unsupported"; why: string };

export const DEFAULT_REGISTRY = "registry.terraform.io";

/** Loopback hosts are spoken to over plain HTTP (a registry or git server a test started); every other host needs HTTPS. */
export function isLoopback(host: string): boolean {
    const bare = host.replace(/:\d+$/, "");
    return bare === "127.0.0.1" || bare === "localhost" || bare === "[::1]";
}

/** `x//sub?q` → `x?q` and `sub` (go-getter's subdirectory syntax; the query belongs to the URL). */
function splitSubdir(src: string): { base: string; subdir?: string } {
    const scheme = src.indexOf("://");
    const at = src.indexOf("//", scheme < 0 ? 0 : scheme + 3);
    if (at < 0) return { base: src };
    let subdir = src.slice(at + 2);
    let query = "";
    const q = subdir.indexOf("?");
    if (q >= 0) {
        query = subdir.slice(q);
        subdir = subdir.slice(0, q);
    }
    return { base: src.slice(0, at) + query, subdir: subdir || undefined };
}

const REGISTRY = /^(?:([A-Za-z0-9.-]+(?::\d+)?)\/)?([A-Za-z0-9][A-Za-z0-9_-]*)\/([A-Za-z0-9][A-Za-z0-9_-]*)\/([a-z0-9]+)$/;

/** Parses a module `source` that is not a local path, as `terraform init` reads it. */
export function parseRemoteSource(source: string, registryHost = DEFAULT_REGISTRY): RemoteSource {
    const { base, subdir } = splitSubdir(source.trim());
    if (subdir !== undefined && subdir.split("/").includes("..")) return { kind: "unsupported", why: "its subdirectory climbs out of the package with .." };
    const forced = /^([a-z0-9]+)::(.*)$/.exec(base);
    const getter = forced?.[1];
    const rest = forced ? forced[2] : base;
    if (getter && getter !== "git" && getter !== "http" && getter !== "https") return { kind: "unsupported", why: `${getter}:: sources are not downloaded (only registry, git::https and https archives)` };
    if (/^git@|^ssh:\/\//.test(rest)) return { kind: "unsupported", why: "SSH git sources are not downloaded (use git::https)" };
    const github = /^github\.com\/([^/]+)\/([^/?]+?)(\.git)?(\?.*)?$/.exec(rest);
    if (github && !getter) return withRef({ kind: "git", url: `https://github.com/${github[1]}/${github[2]}.git${github[4] ?? ""}`, ...(subdir ? { subdir } : {}) });
    let url: URL | undefined;
    try {
        url = /^[a-z]+:\/\//.test(rest) ? new URL(rest) : undefined;
    } catch {
        return { kind: "unsupported", why: "its URL is not valid" };
    }
    if (url) {
        if (url.protocol !== "https:" && !(url.protocol === "http:" && isLoopback(url.host))) return { kind: "unsupported", why: `${url.protocol}// sources are not downloaded (HTTPS only)` };
        if (url.username || url.password) return { kind: "unsupported", why: "credentials in a source URL are not used" };
        if (getter === "git" || (!getter && url.pathname.endsWith(".git"))) return withRef({ kind: "git", url: url.href, ...(subdir ? { subdir } : {}) });
        const archive = url.searchParams.get("archive") ?? (/\.(tar\.gz|tgz)$/.test(url.pathname) ? "tar.gz" : /\.zip$/.test(url.pathname) ? "zip" : /\.tar$/.test(url.pathname) ? "tar" : undefined);
        url.searchParams.delete("archive");
        if (archive === "tar.gz" || archive === "tgz") return { kind: "archive", url: url.href, format: "tar.gz", ...(subdir ? { subdir } : {}) };
        if (archive === "zip" || archive === "tar") return { kind: "archive", url: url.href, format: archive, ...(subdir ? { subdir } : {}) };
        return { kind: "unsupported", why: "an https source must be an archive (.tar.gz, .tgz, .zip, .tar or ?archive=)" };
    }
    if (getter) return { kind: "unsupported", why: "its URL is not valid" };
    const m = REGISTRY.exec(rest);
    if (m) return { kind: "registry", host: (m[1] ?? registryHost).toLowerCase(), namespace: m[2], name: m[3], provider: m[4], ...(subdir ? { subdir } : {}) };
    return { kind: "unsupported", why: "it is neither a registry address, a git::https URL nor an https archive" };
}

/** Moves `?ref=` out of a git URL (`depth` and other go-getter options are dropped). */
function withRef(s: Extract<RemoteSource, { kind: "git" }>): RemoteSource {
    const url = new URL(s.url);
    const ref = url.searchParams.get("ref") ?? undefined;
    url.search = "";
    if (ref !== undefined && !/^[A-Za-z0-9._/-]+$/.test(ref)) return { kind: "unsupported", why: "its git ref holds characters a ref cannot" };
    return { ...s, url: url.href, ...(ref ? { ref } : {}) };
}

interface Version {
    parts: [number, number, number];
    pre: string;
    text: string;
}

function parseVersion(text: string): Version | undefined {
    const m = /^v?(\d+)(?:\.(\d+))?(?:\.(\d+))?(?:-([0-9A-Za-z.-]+))?(?:\+[0-9A-Za-z.-]+)?$/.exec(text.trim());
    if (!m) return undefined;
    return { parts: [Number(m[1]), Number(m[2] ?? 0), Number(m[3] ?? 0)], pre: m[4] ?? "", text };
}

function compare(a: Version, b: Version): number {
    for (let i = 0; i < 3; i++) if (a.parts[i] !== b.parts[i]) return a.parts[i] - b.parts[i];
    if (a.pre === b.pre) return 0;
    if (a.pre === "") return 1;
    if (b.pre === "") return -1;
    return a.pre < b.pre ? -1 : 1;
}

/**
 * The newest version meeting a Terraform version constraint (`>= 1.2, < 2.0`, `~> 5.1`, `= 1.0.0`,
 * `!= 1.3.0`, `1.2.3`); no constraint means the newest. Pre-releases are chosen only when a
 * constraint names them exactly, as Terraform does. Undefined when none matches; throws on a
 * constraint it cannot read.
 */
export function resolveVersion(available: readonly string[], constraint: string | undefined): string | undefined {
    const checks: Array<(v: Version) => boolean> = [];
    const exact = new Set<string>();
    for (const raw of (constraint ?? "").split(",").map((s) => s.trim()).filter(Boolean)) {
        const m = /^(>=|<=|~>|!=|=|>|<)?\s*(.+)$/.exec(raw);
        const want = m && parseVersion(m[2]);
        if (!m || !want) throw new Error(`version constraint ${JSON.stringify(raw)} is not valid`);
        const op = m[1] ?? "=";
        if (op === "=") exact.add(want.text.replace(/^v/, ""));
        if (op === "~>") {
            const given = m[2].replace(/^v/, "").split("-")[0].split(".").length;
            const upper: Version = given <= 1 ? { parts: [want.parts[0] + 1, 0, 0], pre: "", text: "" } : given === 2 ? { parts: [want.parts[0] + 1, 0, 0], pre: "", text: "" } : { parts: [want.parts[0], want.parts[1] + 1, 0], pre: "", text: "" };
            checks.push((v) => compare(v, want) >= 0 && compare(v, upper) < 0);
            continue;
        }
        checks.push((v) => {
            const c = compare(v, want);
            return op === "=" ? c === 0 : op === "!=" ? c !== 0 : op === ">" ? c > 0 : op === ">=" ? c >= 0 : op === "<" ? c < 0 : c <= 0;
        });
    }
    let best: Version | undefined;
    for (const text of available) {
        const v = parseVersion(text);
        if (!v) continue;
        if (v.pre && !exact.has(text.replace(/^v/, ""))) continue;
        if (!checks.every((c) => c(v))) continue;
        if (!best || compare(v, best) > 0) best = v;
    }
    return best?.text;
}
