import * as assert from "node:assert/strict";
import { execFile, execFileSync, spawn, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as http from "node:http";
import type { AddressInfo } from "node:net";
import * as path from "node:path";
import { gzipSync } from "node:zlib";
import { scanTerraform } from "../../terraform-checks";
import { ArchiveError, extractTar, extractZip, gunzipLimited, safeEntryPath } from "../../terraform-checks/modules/archive";
import { parseRemoteSource, resolveVersion } from "../../terraform-checks/modules/source";
import { tempDir } from "../support/temp-dir";

const INSECURE_KEY = 'resource "aws_kms_key" "k" {\n  enable_key_rotation = false\n}\n';

/** A ustar entry: header (with its checksum) and data padded to 512 bytes. */
function tarEntry(name: string, data: string | Buffer, type = "0", link = ""): Buffer {
    const body = Buffer.isBuffer(data) ? data : Buffer.from(data);
    const h = Buffer.alloc(512);
    h.write(name, 0, 100);
    h.write("0000644\0", 100);
    h.write("0000000\0", 108);
    h.write("0000000\0", 116);
    h.write(body.length.toString(8).padStart(11, "0") + "\0", 124);
    h.write("00000000000\0", 136);
    h.write("        ", 148);
    h.write(type, 156);
    h.write(link, 157, 100);
    h.write("ustar\u000000", 257);
    let sum = 0;
    for (const b of h) sum += b;
    h.write(sum.toString(8).padStart(6, "0") + "\0 ", 148);
    return Buffer.concat([h, body, Buffer.alloc((512 - (body.length % 512)) % 512)]);
}

function tar(...entries: Buffer[]): Buffer {
    return Buffer.concat([...entries, Buffer.alloc(1024)]);
}

/** A zip of stored entries; `mode` sets the Unix mode in the external attributes. */
function zip(entries: Array<{ name: string; data: string; mode?: number; declared?: number }>): Buffer {
    const locals: Buffer[] = [];
    const centrals: Buffer[] = [];
    let offset = 0;
    for (const e of entries) {
        const data = Buffer.from(e.data);
        const name = Buffer.from(e.name);
        const local = Buffer.alloc(30);
        local.writeUInt32LE(0x04034b50, 0);
        local.writeUInt32LE(data.length, 18);
        local.writeUInt32LE(e.declared ?? data.length, 22);
        local.writeUInt16LE(name.length, 26);
        const central = Buffer.alloc(46);
        central.writeUInt32LE(0x02014b50, 0);
        central.writeUInt32LE(data.length, 20);
        central.writeUInt32LE(e.declared ?? data.length, 24);
        central.writeUInt16LE(name.length, 28);
        central.writeUInt32LE(((e.mode ?? 0o100644) << 16) >>> 0, 38);
        central.writeUInt32LE(offset, 42);
        locals.push(local, name, data);
        centrals.push(central, name);
        offset += 30 + name.length + data.length;
    }
    const cd = Buffer.concat(centrals);
    const eocd = Buffer.alloc(22);
    eocd.writeUInt32LE(0x06054b50, 0);
    eocd.writeUInt16LE(entries.length, 8);
    eocd.writeUInt16LE(entries.length, 10);
    eocd.writeUInt32LE(cd.length, 12);
    eocd.writeUInt32LE(offset, 16);
    return Buffer.concat([...locals, cd, eocd]);
}

describe("safe archive extraction", () => {
    const limits = { maxBytes: 1024 * 1024, maxEntries: 50 };
    const refused: Array<[string, () => unknown, RegExp]> = [
        ["a tar entry climbing out with ..", () => extractTar(tar(tarEntry("../evil.tf", "x")), tempDir("mlguard-x-"), limits), /climbs out/],
        ["a tar entry with an absolute path", () => extractTar(tar(tarEntry("/etc/evil.tf", "x")), tempDir("mlguard-x-"), limits), /absolute path/],
        ["a tar symbolic link", () => extractTar(tar(tarEntry("link", "", "2", "/etc/passwd")), tempDir("mlguard-x-"), limits), /symbolic link/],
        ["a tar hard link", () => extractTar(tar(tarEntry("link", "", "1", "main.tf")), tempDir("mlguard-x-"), limits), /hard link/],
        ["a tar device", () => extractTar(tar(tarEntry("dev", "", "3")), tempDir("mlguard-x-"), limits), /not a regular file/],
        ["a tar over the size limit", () => extractTar(tar(tarEntry("big.tf", Buffer.alloc(limits.maxBytes + 1))), tempDir("mlguard-x-"), limits), /more than 1048576 bytes/],
        ["a tar with too many entries", () => extractTar(tar(...Array.from({ length: 51 }, (_, i) => tarEntry(`f${i}.tf`, "x"))), tempDir("mlguard-x-"), limits), /more than 50 entries/],
        ["a gzip bomb", () => gunzipLimited(gzipSync(Buffer.alloc(8 * 1024 * 1024)), limits.maxBytes), /more than 1048576 bytes/],
        ["a zip entry climbing out with ..", () => extractZip(zip([{ name: "a/../../evil.tf", data: "x" }]), tempDir("mlguard-x-"), limits), /climbs out/],
        ["a zip entry with an absolute path", () => extractZip(zip([{ name: "/evil.tf", data: "x" }]), tempDir("mlguard-x-"), limits), /absolute path/],
        ["a zip symbolic link", () => extractZip(zip([{ name: "link", data: "/etc/passwd", mode: 0o120777 }]), tempDir("mlguard-x-"), limits), /symbolic link/],
        ["a zip declaring more than the limit", () => extractZip(zip([{ name: "big.tf", data: "x", declared: limits.maxBytes + 1 }]), tempDir("mlguard-x-"), limits), /more than 1048576 bytes/],
        ["a zip with too many entries", () => extractZip(zip(Array.from({ length: 51 }, (_, i) => ({ name: `f${i}.tf`, data: "x" }))), tempDir("mlguard-x-"), limits), /more than 50 entries/],
        ["a backslash path", () => safeEntryPath("a\\..\\evil"), /absolute path/],
    ];
    for (const [name, run, why] of refused) {
        it(`refuses ${name}`, () => assert.throws(run, (err: Error) => err instanceof ArchiveError && why.test(err.message)));
    }

    it("a refused archive writes nothing", () => {
        const dest = tempDir("mlguard-x-");
        assert.throws(() => extractTar(tar(tarEntry("main.tf", "x"), tarEntry("../evil.tf", "x")), dest, limits), ArchiveError);
        assert.deepEqual(fs.readdirSync(dest), []);
    });

    it("extracts regular files and directories, never executable", () => {
        const dest = tempDir("mlguard-x-");
        const n = extractTar(tar(tarEntry("pkg/", "", "5"), tarEntry("pkg/main.tf", INSECURE_KEY)), dest, limits);
        assert.equal(n, 2);
        assert.equal(fs.readFileSync(path.join(dest, "pkg", "main.tf"), "utf8"), INSECURE_KEY);
        assert.equal(fs.statSync(path.join(dest, "pkg", "main.tf")).mode & 0o111, 0);
        const zdest = tempDir("mlguard-x-");
        extractZip(zip([{ name: "sub/main.tf", data: INSECURE_KEY }]), zdest, limits);
        assert.equal(fs.readFileSync(path.join(zdest, "sub", "main.tf"), "utf8"), INSECURE_KEY);
    });
});

describe("module sources and versions", () => {
    const sources: Array<[string, unknown]> = [
        ["terraform-aws-modules/vpc/aws", { kind: "registry", host: "registry.terraform.io", namespace: "terraform-aws-modules", name: "vpc", provider: "aws" }],
        ["app.terraform.io/acme/vpc/aws//modules/x", { kind: "registry", host: "app.terraform.io", namespace: "acme", name: "vpc", provider: "aws", subdir: "modules/x" }],
        ["git::https://example.com/net.git//modules/vpc?ref=v1.2.0", { kind: "git", url: "https://example.com/net.git", ref: "v1.2.0", subdir: "modules/vpc" }],
        ["github.com/acme/net?ref=v2", { kind: "git", url: "https://github.com/acme/net.git", ref: "v2" }],
        ["https://example.com/net.tar.gz", { kind: "archive", url: "https://example.com/net.tar.gz", format: "tar.gz" }],
        ["https://example.com/get?archive=zip", { kind: "archive", url: "https://example.com/get", format: "zip" }],
    ];
    for (const [source, expected] of sources) it(`parses ${source}`, () => assert.deepEqual(parseRemoteSource(source), expected));
    for (const source of ["git@github.com:acme/net.git", "s3::https://bucket/x.zip", "http://example.com/x.zip", "https://user:pw@example.com/x.zip", "git::https://example.com/x.git?ref=$(id)"]) {
        it(`does not download ${source}`, () => assert.equal((parseRemoteSource(source) as { kind: string }).kind, "unsupported"));
    }
    const versions = ["1.0.0", "1.2.0", "1.2.5", "1.3.0", "2.0.0", "2.1.0-beta"];
    const table: Array<[string | undefined, string | undefined]> = [
        [undefined, "2.0.0"],
        ["~> 1.2", "1.3.0"],
        ["~> 1.2.0", "1.2.5"],
        [">= 1.0, < 1.3", "1.2.5"],
        ["!= 2.0.0", "1.3.0"],
        ["1.2.0", "1.2.0"],
        ["= 2.1.0-beta", "2.1.0-beta"],
        ["> 2.0.0", undefined],
    ];
    for (const [constraint, expected] of table) it(`resolves ${constraint ?? "no constraint"} to ${expected}`, () => assert.equal(resolveVersion(versions, constraint), expected));
    it("rejects a constraint it cannot read", () => assert.throws(() => resolveVersion(versions, ">= banana")));
});

describe("--download-modules against a registry and a git server on 127.0.0.1", function () {
    this.timeout(120_000);
    let server: http.Server;
    let host: string;
    let work: string;
    const requests: Array<{ url: string; auth?: string }> = [];
    const TOKEN = "s3cr3t-registry-token";

    before(async () => {
        work = tempDir("mlguard-registry-");
        // A git repository served over dumb HTTP: a bare clone after update-server-info.
        const src = path.join(work, "src");
        fs.mkdirSync(src);
        fs.writeFileSync(path.join(src, "main.tf"), INSECURE_KEY);
        fs.mkdirSync(path.join(src, "modules", "inner"), { recursive: true });
        fs.writeFileSync(path.join(src, "modules", "inner", "main.tf"), 'resource "aws_kms_key" "inner" {\n  enable_key_rotation = false\n}\n');
        const git = (cwd: string, ...args: string[]) => execFileSync("git", args, { cwd, stdio: "pipe", env: { ...process.env, GIT_CONFIG_NOSYSTEM: "1", HOME: work } });
        git(src, "init", "-q");
        git(src, "add", ".");
        git(src, "-c", "user.email=t@example.com", "-c", "user.name=t", "commit", "-q", "-m", "module");
        git(src, "tag", "v1.0.0");
        git(work, "clone", "-q", "--bare", "src", "repo.git");
        git(path.join(work, "repo.git"), "update-server-info");

        server = http.createServer((req, res) => {
            const url = new URL(req.url ?? "/", "http://x");
            requests.push({ url: url.pathname, ...(req.headers.authorization ? { auth: req.headers.authorization } : {}) });
            const json = (status: number, body: unknown) => {
                res.writeHead(status, { "Content-Type": "application/json" });
                res.end(JSON.stringify(body));
            };
            const p = url.pathname;
            if (p === "/.well-known/terraform.json") return json(200, { "modules.v1": "/v1/modules/" });
            let m = /^\/v1\/modules\/(\w+)\/(\w+)\/aws\/versions$/.exec(p);
            if (m) {
                if (m[1] === "private" && req.headers.authorization !== `Bearer ${TOKEN}`) return json(401, { errors: ["unauthorized"] });
                return json(200, { modules: [{ versions: ["1.0.0", "1.2.0", "2.0.0", "2.1.0-beta"].map((version) => ({ version })) }] });
            }
            m = /^\/v1\/modules\/(\w+)\/(\w+)\/aws\/([\w.-]+)\/download$/.exec(p);
            if (m) {
                const [, ns, name, version] = m;
                const location =
                    name === "evil" ? "/archives/evil.tar.gz"
                    : version.startsWith("2.") ? `git::http://${host}/git/repo.git?ref=v1.0.0`
                    : ns === "private" ? "/archives/bucket.zip"
                    : ns === "tarball" ? "/archives/tarball.tar.gz//*?archive=tar.gz"
                    : "/archives/bucket.tar.gz";
                res.writeHead(204, { "X-Terraform-Get": location });
                return res.end();
            }
            if (p === "/archives/bucket.tar.gz") {
                res.writeHead(200);
                return res.end(gzipSync(tar(tarEntry("main.tf", `module "inner" {\n  source = "git::http://${host}/git/repo.git//modules/inner?ref=v1.0.0"\n}\n${INSECURE_KEY}`))));
            }
            if (p === "/archives/tarball.tar.gz") {
                res.writeHead(200);
                return res.end(gzipSync(tar(tarEntry("acme-bucket-0a1b2c/", "", "5"), tarEntry("acme-bucket-0a1b2c/main.tf", INSECURE_KEY))));
            }
            if (p === "/archives/bucket.zip") {
                res.writeHead(200);
                return res.end(zip([{ name: "main.tf", data: INSECURE_KEY }]));
            }
            if (p === "/archives/evil.tar.gz") {
                res.writeHead(200);
                return res.end(gzipSync(tar(tarEntry("main.tf", INSECURE_KEY), tarEntry("escape", "", "2", "../../../../etc"))));
            }
            if (p.startsWith("/git/repo.git/")) {
                const file = path.join(work, "repo.git", ...p.slice("/git/repo.git/".length).split("/"));
                if (!file.startsWith(path.join(work, "repo.git")) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
                    res.writeHead(404);
                    return res.end();
                }
                res.writeHead(200);
                return res.end(fs.readFileSync(file));
            }
            res.writeHead(404);
            res.end();
        });
        await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
        host = `127.0.0.1:${(server.address() as AddressInfo).port}`;
    });

    after(() => new Promise<void>((resolve) => server.close(() => resolve())));

    function project(main: string, extra: Record<string, string> = {}): string {
        const dir = tempDir("mlguard-dl-");
        fs.writeFileSync(path.join(dir, "main.tf"), main);
        for (const [file, text] of Object.entries(extra)) {
            fs.mkdirSync(path.join(dir, path.dirname(file)), { recursive: true });
            fs.writeFileSync(path.join(dir, file), text);
        }
        return dir;
    }

    const failing = (r: Awaited<ReturnType<typeof scanTerraform>>) =>
        r.findings.filter((f) => f.controlId === "aws-kms-key-rotation" && f.status === "fail").map((f) => f.resourceId).sort();

    it("fetches registry (tar.gz, zip, git), git::http and archive modules, nested ones included, and checks them", async () => {
        const dir = project(`module "pinned" {
  source  = "${host}/acme/bucket/aws"
  version = "~> 1.0"
}

module "latest" {
  source  = "acme/bucket/aws"
  version = ">= 2.0"
}

module "private" {
  source = "${host}/private/bucket/aws"
  version = "1.0.0"
}

module "direct" {
  source = "git::http://${host}/git/repo.git?ref=v1.0.0"
}

module "archive" {
  source = "http://${host}/archives/bucket.zip"
}

module "tarball" {
  source  = "${host}/tarball/bucket/aws"
  version = "1.0.0"
}
`);
        const result = await scanTerraform([dir], { root: dir, downloadModules: { registryHost: host, env: { TF_TOKEN_127_0_0_1: TOKEN } } });
        assert.deepEqual(result.unscannedModules, []);
        assert.deepEqual(failing(result), [
            "module.archive.aws_kms_key.k",
            "module.direct.aws_kms_key.k",
            "module.latest.aws_kms_key.k",
            "module.pinned.aws_kms_key.k",
            "module.pinned.module.inner.aws_kms_key.inner",
            "module.private.aws_kms_key.k",
            "module.tarball.aws_kms_key.k",
        ]);
        // ~> 1.0 chose 1.2.0; >= 2.0 skipped the pre-release.
        assert.ok(requests.some((r) => r.url === "/v1/modules/acme/bucket/aws/1.2.0/download"));
        assert.ok(requests.some((r) => r.url === "/v1/modules/acme/bucket/aws/2.0.0/download"));
        assert.ok(!requests.some((r) => r.url.includes("2.1.0-beta")));
        // The token went to the registry only, and never into a report.
        assert.ok(requests.filter((r) => r.auth).every((r) => r.url.startsWith("/v1/") || r.url.startsWith("/.well-known/") || r.url.startsWith("/archives/")));
        assert.doesNotMatch(JSON.stringify(result), new RegExp(TOKEN));
        // Cloned trees keep no .git and nothing executable from the module.
        const cache = path.join(dir, ".mlguard", "modules");
        for (const pkg of fs.readdirSync(cache)) assert.ok(!fs.existsSync(path.join(cache, pkg, ".git")), pkg);
        // The cache is not scanned as root modules of its own.
        assert.ok(result.findings.every((f) => f.resourceBlock.rootModule === ""));

        // A second scan reuses the cache without the network.
        const before = requests.length;
        const again = await scanTerraform([dir], { root: dir, downloadModules: { registryHost: host, env: { TF_TOKEN_127_0_0_1: TOKEN } } });
        assert.deepEqual(failing(again), failing(result));
        assert.ok(requests.slice(before).every((r) => r.url.startsWith("/v1/") || r.url.startsWith("/.well-known/")), "only registry look-ups, no package downloads");
    });

    it("a staging folder left by a download that was killed is removed; one of a live process is kept", async () => {
        const dir = project(`module "archive" {\n  source = "http://${host}/archives/bucket.zip"\n}\n`);
        const options = { root: dir, downloadModules: { registryHost: host } };
        await scanTerraform([dir], options);
        const cache = path.join(dir, ".mlguard", "modules");
        const [pkg] = fs.readdirSync(cache);
        // As a download killed half-way leaves it: the package not finished, its staging folder named by a pid now gone.
        fs.rmSync(path.join(cache, pkg), { recursive: true });
        const dead = spawnSync(process.execPath, ["-e", ""]).pid!;
        const live = spawn(process.execPath, ["-e", "setTimeout(() => {}, 60000)"]);
        try {
            for (const pid of [dead, live.pid!]) {
                fs.mkdirSync(path.join(cache, `${pkg}.tmp-${pid}`));
                fs.writeFileSync(path.join(cache, `${pkg}.tmp-${pid}`, "main.tf"), "half");
            }
            const again = await scanTerraform([dir], options);
            assert.deepEqual(failing(again), ["module.archive.aws_kms_key.k"]);
            assert.deepEqual(fs.readdirSync(cache).sort(), [pkg, `${pkg}.tmp-${live.pid}`]);
        } finally {
            live.kill();
        }
    });

    it("a refused archive, a missing token and an unknown version are reported per call, and the scan goes on", async () => {
        const dir = project(`module "evil" {
  source = "${host}/acme/evil/aws"
}

module "private" {
  source = "${host}/private/bucket/aws"
}

module "none" {
  source  = "${host}/acme/bucket/aws"
  version = "> 3.0"
}

${INSECURE_KEY}`);
        const result = await scanTerraform([dir], { root: dir, downloadModules: {} });
        const why = Object.fromEntries((result.unscannedModules ?? []).map((u) => [u.address, [u.reason, u.detail]]));
        assert.deepEqual(Object.keys(why).sort(), ["module.evil", "module.none", "module.private"]);
        assert.equal(why["module.evil"][0], "download-failed");
        assert.match(why["module.evil"][1], /refused: the entry "escape" is a symbolic link/);
        assert.match(why["module.private"][1], /refused access .* \(401\); set TF_TOKEN_127_0_0_1/);
        assert.match(why["module.none"][1], /no version of acme\/bucket\/aws matches "> 3.0"/);
        assert.ok(result.diagnostics.some((d) => d.summary === "Module not downloaded" && d.severity === "warning"));
        assert.deepEqual(failing(result), ["aws_kms_key.k"]);
        assert.ok(!fs.existsSync(path.join(dir, "etc")));
    });

    it("never runs git hooks, from templates or hooksPath in the user's git config", async function () {
        const hooks = path.join(work, "hooks");
        fs.mkdirSync(path.join(hooks, "hooks"), { recursive: true });
        const marker = path.join(work, "hook-ran");
        for (const name of ["post-checkout", "post-merge", "reference-transaction"]) {
            fs.writeFileSync(path.join(hooks, "hooks", name), `#!/bin/sh\necho ran >> "${marker}"\n`, { mode: 0o755 });
        }
        const config = path.join(work, "hostile.gitconfig");
        fs.writeFileSync(config, `[core]\n\thooksPath = ${path.join(hooks, "hooks")}\n[init]\n\ttemplateDir = ${hooks}\n`);
        const saved = process.env.GIT_CONFIG_GLOBAL;
        process.env.GIT_CONFIG_GLOBAL = config;
        try {
            // The hooks do run for a plain clone with this config (so the test can fail)…
            // (asynchronously: the server answering git runs on this thread)
            await new Promise<void>((resolve, reject) => execFile("git", ["clone", "-q", `http://${host}/git/repo.git`, path.join(work, "plain-clone")], (err) => (err ? reject(err) : resolve())));
            if (!fs.existsSync(marker)) this.skip();
            fs.rmSync(marker);
            // …and not for a download.
            const dir = project(`module "direct" {\n  source = "git::http://${host}/git/repo.git?ref=v1.0.0"\n}\n`);
            const result = await scanTerraform([dir], { root: dir, downloadModules: {} });
            assert.deepEqual(failing(result), ["module.direct.aws_kms_key.k"]);
            assert.ok(!fs.existsSync(marker), "a hook ran during the download");
        } finally {
            if (saved === undefined) delete process.env.GIT_CONFIG_GLOBAL;
            else process.env.GIT_CONFIG_GLOBAL = saved;
        }
    });

    it(".terraform/modules/modules.json stays the first choice", async () => {
        const dir = project(`module "pinned" {\n  source  = "${host}/acme/installed/aws"\n}\n`, {
            ".terraform/modules/modules.json": JSON.stringify({ Modules: [{ Key: "", Source: "", Dir: "." }, { Key: "pinned", Source: "x", Dir: ".terraform/modules/pinned" }] }),
            ".terraform/modules/pinned/main.tf": INSECURE_KEY,
        });
        const before = requests.length;
        const result = await scanTerraform([dir], { root: dir, downloadModules: {} });
        assert.equal(requests.length, before, "no request for a module the manifest records");
        assert.deepEqual(failing(result), ["module.pinned.aws_kms_key.k"]);
    });

    it("a cache directory outside the scan root is refused", async () => {
        const dir = project(INSECURE_KEY);
        const result = await scanTerraform([dir], { root: dir, downloadModules: { cacheDir: tempDir("mlguard-elsewhere-") } });
        assert.ok(result.diagnostics.some((d) => d.summary === "Module cache outside the scan root" && d.severity === "error"));
    });
});
