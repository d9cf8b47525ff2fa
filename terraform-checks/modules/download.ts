/**
 * `--download-modules`: fetches what `terraform init` would for module calls that
 * `.terraform/modules/modules.json` does not record — registry modules through the module registry
 * protocol, `git::https` repositories (cloned by the system git, hooks disabled, submodules not
 * fetched) and `https` archives (extracted by `archive.ts`, links and escaping paths refused) —
 * into a cache directory inside the scan root. Nothing from a module is ever run.
 */
import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import type { Diagnostic } from "../diagnostics";
import { joinPath, normalize } from "../eval/files";
import type { ModuleDef } from "../eval/module";
import { ArchiveError, DEFAULT_LIMITS, type ExtractLimits, extractTar, extractZip, gunzipLimited } from "./archive";
import { DEFAULT_REGISTRY, type RemoteSource, isLoopback, parseRemoteSource, resolveVersion } from "./source";

/** How to download (the CLI's `--download-modules [dir]` and `--registry-host`). */
export interface DownloadSettings {
    /** The cache directory, absolute or relative to the scan root; it must be inside the scan root. Default `.mlguard/modules`. */
    cacheDir?: string;
    /** The registry for addresses without a host (`namespace/name/provider`). Default `registry.terraform.io`. */
    registryHost?: string;
    /** Where `TF_TOKEN_<host>` credentials are read from. */
    env?: Record<string, string | undefined>;
    limits?: Partial<ExtractLimits>;
    /** Largest download accepted, in bytes (default 100 MB). */
    maxDownloadBytes?: number;
}

export const DEFAULT_CACHE_DIR = ".mlguard/modules";

/** A download that failed, with a reason fit for a report (never a credential). */
class DownloadError extends Error {}

/** Per root module: manifest key → directory (scan-root relative), and key → why it failed. */
export interface RootDownloads {
    dirs: Record<string, string>;
    failures: Record<string, string>;
}

interface Context {
    scanRoot: string;
    cacheRel: string;
    cacheAbs: string;
    registryHost: string;
    env: Record<string, string | undefined>;
    limits: ExtractLimits;
    maxDownloadBytes: number;
    /** One fetch per distinct source and version, shared by every call and root module. */
    fetched: Map<string, Promise<string>>;
    discovery: Map<string, Promise<string>>;
}

/** `TF_TOKEN_app_terraform_io` for `app.terraform.io` (dots → `_`, hyphens → `__`, as Terraform names them). */
export function tokenFor(host: string, env: Record<string, string | undefined>): string | undefined {
    const bare = host.replace(/:\d+$/, "").toLowerCase();
    const name = `TF_TOKEN_${bare.replace(/-/g, "__").replace(/\./g, "_")}`;
    return env[name] ?? env[name.toUpperCase()] ?? undefined;
}

async function fetchLimited(ctx: Context, url: string, auth: string | undefined, accept?: string): Promise<{ status: number; headers: Headers; body: Buffer; url: string }> {
    let res: Response;
    try {
        res = await fetch(url, {
            headers: { ...(auth ? { Authorization: `Bearer ${auth}` } : {}), ...(accept ? { Accept: accept } : {}), "User-Agent": "mlguard" },
            redirect: "follow",
            signal: AbortSignal.timeout(120_000),
        });
    } catch (err) {
        throw new DownloadError(`${new URL(url).host} could not be reached (${(err as Error).cause instanceof Error ? ((err as Error).cause as Error).message : (err as Error).message})`);
    }
    const declared = Number(res.headers.get("content-length") ?? 0);
    if (declared > ctx.maxDownloadBytes) throw new DownloadError(`${url} is larger than ${ctx.maxDownloadBytes} bytes`);
    const chunks: Buffer[] = [];
    let size = 0;
    if (res.body) {
        for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
            size += chunk.length;
            if (size > ctx.maxDownloadBytes) throw new DownloadError(`${url} is larger than ${ctx.maxDownloadBytes} bytes`);
            chunks.push(Buffer.from(chunk));
        }
    }
    return { status: res.status, headers: res.headers, body: Buffer.concat(chunks), url: res.url || url };
}

function scheme(host: string): string {
    return isLoopback(host) ? "http" : "https";
}

/** Service discovery: the `modules.v1` base URL of a registry host. */
function modulesBase(ctx: Context, host: string): Promise<string> {
    let hit = ctx.discovery.get(host);
    if (!hit) {
        hit = (async () => {
            const url = `${scheme(host)}://${host}/.well-known/terraform.json`;
            const res = await fetchLimited(ctx, url, tokenFor(host, ctx.env), "application/json");
            if (res.status !== 200) throw new DownloadError(`service discovery at ${url} answered ${res.status}`);
            let base: unknown;
            try {
                base = (JSON.parse(res.body.toString("utf8")) as Record<string, unknown>)["modules.v1"];
            } catch {
                throw new DownloadError(`service discovery at ${url} did not answer JSON`);
            }
            if (typeof base !== "string") throw new DownloadError(`${host} offers no module registry (no modules.v1 in ${url})`);
            const resolved = new URL(base, url);
            return resolved.href.endsWith("/") ? resolved.href : `${resolved.href}/`;
        })();
        ctx.discovery.set(host, hit);
    }
    return hit;
}

/** Resolves a registry module to a concrete version and the location its package is fetched from. */
async function resolveRegistry(ctx: Context, s: Extract<RemoteSource, { kind: "registry" }>, constraint: string | undefined): Promise<{ version: string; location: string }> {
    const base = await modulesBase(ctx, s.host);
    const token = tokenFor(s.host, ctx.env);
    const id = `${s.namespace}/${s.name}/${s.provider}`;
    const versionsUrl = new URL(`${id}/versions`, base).href;
    const res = await fetchLimited(ctx, versionsUrl, token, "application/json");
    if (res.status === 401 || res.status === 403) throw new DownloadError(`${s.host} refused access to ${id} (${res.status}); set TF_TOKEN_${s.host.replace(/:\d+$/, "").replace(/-/g, "__").replace(/\./g, "_")}`);
    if (res.status !== 200) throw new DownloadError(`${s.host} has no module ${id} (${res.status})`);
    let available: string[];
    try {
        const body = JSON.parse(res.body.toString("utf8")) as { modules?: Array<{ versions?: Array<{ version?: unknown }> }> };
        available = (body.modules?.[0]?.versions ?? []).map((v) => v.version).filter((v): v is string => typeof v === "string");
    } catch {
        throw new DownloadError(`${versionsUrl} did not answer JSON`);
    }
    let version: string | undefined;
    try {
        version = resolveVersion(available, constraint);
    } catch (err) {
        throw new DownloadError((err as Error).message);
    }
    if (!version) throw new DownloadError(`no version of ${id} matches ${constraint ? JSON.stringify(constraint) : "(any)"}; ${s.host} has ${available.length === 0 ? "none" : available.slice(-5).join(", ")}`);
    const downloadUrl = new URL(`${id}/${version}/download`, base).href;
    const dl = await fetchLimited(ctx, downloadUrl, token, "application/json");
    let location = dl.headers.get("x-terraform-get") ?? undefined;
    if (!location && dl.status === 200) {
        try {
            const body = JSON.parse(dl.body.toString("utf8")) as { location?: unknown };
            if (typeof body.location === "string") location = body.location;
        } catch {
            // no JSON body: reported below
        }
    }
    if (!location) throw new DownloadError(`${downloadUrl} answered ${dl.status} without an X-Terraform-Get location`);
    // A relative location is relative to the download URL (the registry protocol's rule).
    if (/^(\.{0,2}\/|\?)/.test(location)) location = new URL(location, dl.url).href;
    return { version, location };
}

function run(cmd: string, args: string[], cwd?: string): Promise<void> {
    return new Promise((resolve, reject) => {
        execFile(
            cmd,
            args,
            {
                cwd,
                timeout: 300_000,
                maxBuffer: 4 * 1024 * 1024,
                env: { ...process.env, GIT_TERMINAL_PROMPT: "0", GIT_LFS_SKIP_SMUDGE: "1", GIT_CONFIG_NOSYSTEM: "1" },
            },
            (err, _stdout, stderr) => {
                if (err) reject(new DownloadError(`git ${args.find((a) => a === "clone" || a === "checkout") ?? ""} failed: ${String(stderr).trim().split("\n").pop() ?? err.message}`));
                else resolve();
            },
        );
    });
}

/** Git options for every call: no hooks, no templates, only HTTPS (HTTP to loopback), no submodules. */
function gitSafety(url: string): string[] {
    const host = new URL(url).host;
    return [
        "-c", "core.hooksPath=/dev/null",
        "-c", "core.fsmonitor=false",
        "-c", "protocol.allow=never",
        "-c", "protocol.https.allow=always",
        "-c", `protocol.http.allow=${isLoopback(host) ? "always" : "never"}`,
        "-c", "submodule.recurse=false",
    ];
}

async function cloneGit(url: string, ref: string | undefined, dest: string): Promise<void> {
    const safety = gitSafety(url);
    const isCommit = ref !== undefined && /^[0-9a-f]{7,40}$/.test(ref);
    const base = [...safety, "clone", "--quiet", "--template=", "--no-recurse-submodules"];
    try {
        // A shallow clone of the ref first; a dumb-HTTP server or a commit id needs a full one.
        if (isCommit) throw new DownloadError("a commit needs a full clone");
        await run("git", [...base, "--depth", "1", ...(ref ? ["--branch", ref] : []), "--", url, dest]);
    } catch {
        fs.rmSync(dest, { recursive: true, force: true });
        await run("git", [...base, "--no-checkout", "--", url, dest]);
        await run("git", [...safety, "-C", dest, "checkout", "--quiet", "--detach", ref ?? "HEAD", "--"]);
    }
    fs.rmSync(path.join(dest, ".git"), { recursive: true, force: true });
}

async function fetchArchive(ctx: Context, url: string, format: "tar.gz" | "tar" | "zip", dest: string, token: string | undefined): Promise<void> {
    const res = await fetchLimited(ctx, url, token);
    if (res.status !== 200) throw new DownloadError(`${url} answered ${res.status}`);
    fs.mkdirSync(dest, { recursive: true });
    try {
        if (format === "zip") extractZip(res.body, dest, ctx.limits);
        else extractTar(format === "tar.gz" ? gunzipLimited(res.body, ctx.limits.maxBytes) : res.body, dest, ctx.limits);
    } catch (err) {
        if (err instanceof ArchiveError) throw new DownloadError(`the archive ${url} was refused: ${err.message}`);
        throw err;
    }
}

function cacheName(id: string): string {
    const readable = id.replace(/^[a-z]+:\/\//, "").replace(/[^A-Za-z0-9._-]+/g, "_").slice(0, 60);
    return `${readable}-${createHash("sha256").update(id).digest("hex").slice(0, 12)}`;
}

/** Removes the staging folders of a package (`<dir>.tmp-<pid>`) left by processes that ended mid-download (killed, or the machine stopped). */
function removeStaleStaging(dir: string): void {
    const parent = path.dirname(dir);
    const prefix = `${path.basename(dir)}.tmp-`;
    let names: string[];
    try {
        names = fs.readdirSync(parent);
    } catch {
        return;
    }
    for (const name of names) {
        if (!name.startsWith(prefix)) continue;
        const pid = Number(name.slice(prefix.length));
        // Another mlguard still downloading into the same cache keeps its folder.
        if (!Number.isInteger(pid) || pid === process.pid || processAlive(pid)) continue;
        fs.rmSync(path.join(parent, name), { recursive: true, force: true });
    }
}

function processAlive(pid: number): boolean {
    try {
        process.kill(pid, 0);
        return true;
    } catch (err) {
        // EPERM: it exists, under another user.
        return (err as NodeJS.ErrnoException).code === "EPERM";
    }
}

/** Fetches a package once into the cache; resolves to its directory (absolute). A finished package is reused without the network. */
function fetchPackage(ctx: Context, id: string, get: (dest: string) => Promise<void>): Promise<string> {
    let hit = ctx.fetched.get(id);
    if (!hit) {
        hit = (async () => {
            const dir = path.join(ctx.cacheAbs, cacheName(id));
            if (fs.existsSync(path.join(dir, ".mlguard-complete"))) return dir;
            removeStaleStaging(dir);
            const tmp = `${dir}.tmp-${process.pid}`;
            fs.rmSync(tmp, { recursive: true, force: true });
            fs.mkdirSync(path.dirname(tmp), { recursive: true });
            try {
                await get(tmp);
                fs.writeFileSync(path.join(tmp, ".mlguard-complete"), `${id}\n`);
                fs.rmSync(dir, { recursive: true, force: true });
                fs.renameSync(tmp, dir);
            } finally {
                fs.rmSync(tmp, { recursive: true, force: true });
            }
            return dir;
        })();
        ctx.fetched.set(id, hit);
    }
    return hit;
}

/** Downloads one module source; resolves to its directory (absolute), subdirectory applied. */
async function download(ctx: Context, source: string, constraint: string | undefined): Promise<string> {
    const s = parseRemoteSource(source, ctx.registryHost);
    if (s.kind === "unsupported") throw new DownloadError(`${source} is not downloaded: ${s.why}`);
    let target: RemoteSource = s;
    let subdir = s.subdir;
    let token: string | undefined;
    let version = "";
    if (s.kind === "registry") {
        const resolved = await resolveRegistry(ctx, s, constraint);
        version = `@${resolved.version}`;
        target = parseRemoteSource(resolved.location, ctx.registryHost);
        if (target.kind === "registry") throw new DownloadError(`${source}: the registry points at another registry address`);
        if (target.kind === "unsupported") throw new DownloadError(`${source}: its package location cannot be fetched (${target.why})`);
        subdir = [target.subdir, s.subdir].filter(Boolean).join("/") || undefined;
        // Credentials go to the registry host only.
        if (target.kind === "archive" && new URL(target.url).host === s.host) token = tokenFor(s.host, ctx.env);
    } else if (constraint !== undefined) {
        throw new DownloadError(`${source}: version is only valid for registry modules`);
    }
    let dir: string;
    if (target.kind === "git") {
        const t = target;
        dir = await fetchPackage(ctx, `git:${t.url}#${t.ref ?? ""}${version}`, (dest) => cloneGit(t.url, t.ref, dest));
    } else if (target.kind === "archive") {
        const t = target;
        dir = await fetchPackage(ctx, `archive:${t.url}${version}`, (dest) => fetchArchive(ctx, t.url, t.format, dest, token));
    } else {
        throw new DownloadError(`${source} cannot be fetched`);
    }
    if (!subdir) return dir;
    const rel = normalize(subdir);
    if (rel === undefined) throw new DownloadError(`${source}: its subdirectory leaves the package`);
    let sub = dir;
    for (const segment of rel.split("/")) {
        // `//*` (GitHub tarballs): the one top-level directory, whatever its name.
        if (segment === "*") {
            const only = fs.readdirSync(sub, { withFileTypes: true }).filter((e) => e.isDirectory());
            if (only.length !== 1) throw new DownloadError(`${source}: "*" needs exactly one directory in the package, found ${only.length}`);
            sub = path.join(sub, only[0].name);
        } else sub = path.join(sub, segment);
    }
    if (!fs.existsSync(sub) || !fs.statSync(sub).isDirectory()) throw new DownloadError(`${source}: the package has no subdirectory ${rel}`);
    return sub;
}

function literal(def: ModuleDef, call: string, attr: string): string | undefined {
    const a = def.calls.get(call)?.block.body.attributes.find((x) => x.name === attr);
    const e = a?.expression;
    if (e?.type !== "Template" || !e.parts.every((p) => p.type === "TemplateLiteral")) return undefined;
    return e.parts.map((p) => (p as { value: string }).value).join("");
}

/** What the scanner lends the downloader: its module loader and manifest reader, and where to report. */
export interface DownloadHost {
    loadModule(dir: string): ModuleDef | undefined;
    manifest(rootDir: string): Map<string, string> | undefined;
    diagnostics: Diagnostic[];
}

const MAX_DEPTH = 16;

/**
 * Downloads the remote modules the given root modules call, at any depth (a downloaded module's
 * own calls too), skipping keys `.terraform/modules/modules.json` records. Failures are warnings at
 * the call's `source` and come back per key, so the scan summary can say why.
 */
export async function downloadModules(host: DownloadHost, rootDirs: readonly string[], scanRoot: string, settings: DownloadSettings): Promise<Record<string, RootDownloads>> {
    const out: Record<string, RootDownloads> = {};
    const cacheAbs = path.resolve(scanRoot, settings.cacheDir ?? DEFAULT_CACHE_DIR);
    const cacheRel = path.relative(path.resolve(scanRoot), cacheAbs).split(path.sep).join("/");
    if (cacheRel === "" || cacheRel.startsWith("..") || path.isAbsolute(cacheRel)) {
        host.diagnostics.push({ severity: "error", summary: "Module cache outside the scan root", detail: `The module cache ${cacheAbs} must be inside the scan root ${scanRoot} (it is scanned like the rest); no module was downloaded.`, file: "", range: { start: { line: 1, column: 1, offset: 0 }, end: { line: 1, column: 1, offset: 0 } }, phase: "read" });
        return out;
    }
    const ctx: Context = {
        scanRoot,
        cacheRel,
        cacheAbs,
        registryHost: settings.registryHost ?? DEFAULT_REGISTRY,
        env: settings.env ?? {},
        limits: { ...DEFAULT_LIMITS, ...settings.limits },
        maxDownloadBytes: settings.maxDownloadBytes ?? 100 * 1024 * 1024,
        fetched: new Map(),
        discovery: new Map(),
    };
    for (const rootDir of rootDirs) {
        const result: RootDownloads = { dirs: {}, failures: {} };
        const manifest = host.manifest(rootDir);
        const walk = async (dir: string, prefix: string, depth: number, seen: Set<string>): Promise<void> => {
            if (depth > MAX_DEPTH || seen.has(dir)) return;
            const def = host.loadModule(dir);
            if (!def) return;
            const chain = new Set(seen).add(dir);
            for (const [name, decl] of def.calls) {
                const key = prefix ? `${prefix}.${name}` : name;
                const source = literal(def, name, "source");
                if (source === undefined) continue;
                if (source.startsWith("./") || source.startsWith("../")) {
                    const child = joinPath(dir, source);
                    if (child !== undefined) await walk(child, key, depth + 1, chain);
                    continue;
                }
                const recorded = manifest?.get(key);
                if (recorded !== undefined) {
                    await walk(recorded, key, depth + 1, chain);
                    continue;
                }
                try {
                    const abs = await download(ctx, source, literal(def, name, "version"));
                    const rel = path.relative(path.resolve(scanRoot), abs).split(path.sep).join("/");
                    result.dirs[key] = rel;
                    await walk(rel, key, depth + 1, chain);
                } catch (err) {
                    if (!(err instanceof DownloadError)) throw err;
                    result.failures[key] = err.message;
                    const src = decl.block.body.attributes.find((a) => a.name === "source");
                    host.diagnostics.push({ severity: "warning", summary: "Module not downloaded", detail: `module.${key.split(".").join(".module.")}: ${err.message}.`, file: decl.file, range: src?.range ?? decl.block.range, phase: "read" });
                }
            }
        };
        await walk(rootDir, "", 0, new Set());
        out[rootDir] = result;
    }
    return out;
}
