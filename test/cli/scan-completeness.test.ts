import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { runScan } from "../../cli/commands/scan";
import type { ScanFlags } from "../../cli/options";
import { scanTerraform, scanTerraformSources } from "../../terraform-checks";
import { pulumiPath } from "../../terraform-checks/scanner";
import { tempDir } from "../support/temp-dir";

function flags(extra: Partial<ScanFlags> = {}): ScanFlags {
    return { varFile: [], var: [], format: [], rule: [], skipRule: [], tag: [], config: false, progress: false, ...extra } as ScanFlags;
}

function project(files: Record<string, string | Buffer>): string {
    const dir = tempDir("mlguard-complete-");
    for (const [file, text] of Object.entries(files)) {
        fs.mkdirSync(path.join(dir, path.dirname(file)), { recursive: true });
        fs.writeFileSync(path.join(dir, file), text);
    }
    return dir;
}

async function scan(cwd: string, paths: string[], extra: Partial<ScanFlags> = {}) {
    const out: string[] = [];
    const err: string[] = [];
    const io = { stdout: { write: (s: string) => out.push(s) }, stderr: { write: (s: string) => err.push(s) }, env: {}, cwd };
    // The engine resolves paths against the process's working directory, as the CLI does.
    const previous = process.cwd();
    process.chdir(cwd);
    let code: number;
    try {
        code = await runScan(paths, flags(extra), io, { today: () => "2026-06-01" });
    } finally {
        process.chdir(previous);
    }
    return { code, stdout: out.join(""), stderr: err.join("") };
}

const SECURE_ENOUGH = 'resource "aws_kms_key" "k" {\n  enable_key_rotation = true\n}\n';
const REMOTE = `module "vpc" {
  source  = "terraform-aws-modules/vpc/aws"
  version = "~> 5.0"
}

module "data" {
  source = "git::https://example.com/data.git?ref=v1"
}

${SECURE_ENOUGH}`;

describe("scan summaries never contradict the exit code", () => {
    const cases: Array<[string, Record<string, string | Buffer>, RegExp]> = [
        ["an empty directory", { "empty/.keep": "" }, /no Terraform files/],
        ["a binary file", { "empty/main.tf": Buffer.from([0, 1, 2, 3, 0x41]) }, /binary file \(1\)/],
        ["a file over the size limit", { "empty/main.tf": `# ${"x".repeat(17 * 1024 * 1024)}\n` }, /file too large \(1\)/],
        ["too-deep nesting", { "empty/main.tf": `locals {\n  x = ${"[".repeat(400)}${"]".repeat(400)}\n}\n` }, /nesting too deep \(1\)/],
    ];
    for (const [name, files, why] of cases) {
        it(`${name}: exit 2 and the summary says what stopped the scan`, async () => {
            const dir = project(files);
            const { code, stdout } = await scan(dir, ["empty"]);
            assert.equal(code, 2);
            const summary = stdout.trimEnd().split("\n").pop()!;
            assert.doesNotMatch(summary, /No findings/);
            assert.match(summary, /^✖ Scan incomplete: /);
            assert.match(summary, why);
            const json = JSON.parse((await scan(dir, ["empty"], { format: ["json"] })).stdout);
            assert.equal(json.summary.complete, false);
            assert.ok(json.summary.stoppedBy.some((s: string) => why.test(s)));
        });
    }

    it("a clean scan still says No findings", async () => {
        const dir = project({ "main.tf": SECURE_ENOUGH });
        const { code, stdout } = await scan(dir, ["."]);
        assert.equal(code, 0);
        assert.match(stdout, /^✔ No findings: 1 resource in 1 file/m);
    });
});

describe("module calls that were not scanned", () => {
    it("the engine lists each not-installed call once, with its reason and place", async () => {
        const result = await scanTerraformSources({
            "main.tf": `module "env" {\n  source   = "./env"\n  for_each = toset(["a", "b"])\n}\n`,
            "env/main.tf": `module "bucket" {\n  source = "acme/bucket/aws"\n}\n`,
        });
        assert.deepEqual(
            result.unscannedModules?.map((u) => [u.rootModule, u.address, u.source, u.reason, u.range.file, u.range.start.line]),
            [["", "module.env.module.bucket", "acme/bucket/aws", "not-installed", "env/main.tf", 2]],
        );
    });

    it("worker threads report the calls of every root module they scanned", async () => {
        const files: Record<string, string> = {};
        for (let i = 0; i < 4; i++) files[`r${i}/main.tf`] = `module "m" {\n  source = "acme/m${i}/aws"\n}\n${SECURE_ENOUGH}`;
        const dir = project(files);
        const serial = await scanTerraform([dir], { root: dir, concurrency: 1 });
        const threaded = await scanTerraform([dir], { root: dir, concurrency: 2 });
        const shown = (r: typeof serial) => (r.unscannedModules ?? []).map((u) => `${u.rootModule} ${u.address} ${u.source}`);
        assert.deepEqual(shown(serial), ["r0 module.m acme/m0/aws", "r1 module.m acme/m1/aws", "r2 module.m acme/m2/aws", "r3 module.m acme/m3/aws"]);
        assert.deepEqual(shown(threaded), shown(serial));
    });

    it("a call recorded in .terraform/modules/modules.json is scanned, not listed", async () => {
        const result = await scanTerraformSources({
            "main.tf": `module "bucket" {\n  source = "acme/bucket/aws"\n}\n`,
            ".terraform/modules/modules.json": JSON.stringify({ Modules: [{ Key: "", Source: "", Dir: "." }, { Key: "bucket", Source: "acme/bucket/aws", Dir: ".terraform/modules/bucket" }] }),
            ".terraform/modules/bucket/main.tf": `resource "aws_s3_bucket" "b" {\n  bucket = "b"\n}\n`,
        });
        assert.deepEqual(result.unscannedModules, []);
        assert.ok(result.findings.some((f) => f.resourceId === "module.bucket.aws_s3_bucket.b"));
    });

    it("every output format says how many calls were not scanned and why", async () => {
        const dir = project({ "main.tf": REMOTE });
        const pretty = await scan(dir, ["."]);
        assert.equal(pretty.code, 0);
        assert.match(pretty.stdout, /^⚠ No findings in what was scanned: .*; 2 module calls not scanned \(2 not installed\)$/m);
        assert.match(pretty.stdout, /Module calls not scanned/);
        assert.match(pretty.stdout, /main\.tf:2:\d+ +not installed +module\.vpc \(terraform-aws-modules\/vpc\/aws\)/);

        const json = JSON.parse((await scan(dir, ["."], { format: ["json"] })).stdout);
        assert.equal(json.summary.modulesNotScanned, 2);
        assert.deepEqual(json.unscannedModules.map((u: { address: string; reason: string }) => [u.address, u.reason]), [["module.vpc", "not-installed"], ["module.data", "not-installed"]]);

        const sarif = JSON.parse((await scan(dir, ["."], { format: ["sarif"] })).stdout);
        assert.equal(sarif.runs[0].properties.modulesNotScanned, 2);
        assert.match(sarif.runs[0].properties.modulesNotScannedBy, /2 not installed/);
        const notes = sarif.runs[0].invocations[0].toolExecutionNotifications.filter((n: { descriptor: { id: string } }) => n.descriptor.id === "module-not-scanned-not-installed");
        assert.equal(notes.length, 2);

        const junit = (await scan(dir, ["."], { format: ["junit"] })).stdout;
        assert.match(junit, /<property name="mlguard.modulesNotScanned" value="2"\/>/);
        assert.equal((junit.match(/name="module not scanned module\.(vpc|data)"/g) ?? []).length, 2);

        const github = (await scan(dir, ["."], { format: ["github"] })).stdout;
        assert.equal((github.match(/^::warning file=main\.tf,line=\d+,col=\d+,title=mlguard%3A module not scanned \(not installed\)::/gm) ?? []).length, 2);
        assert.match(github, /2 module calls not scanned \(2 not installed\)$/m);

        const markdown = (await scan(dir, ["."], { format: ["markdown"] })).stdout;
        assert.match(markdown, /^### mlguard: .*2 module calls not scanned/m);
        assert.match(markdown, /<summary>2 module call\(s\) not scanned<\/summary>/);
    });

    it("--strict-modules and the strictModules config key make an unscanned call exit 2", async () => {
        const dir = project({ "main.tf": REMOTE, ".mlguard.yaml": "strictModules: true\n" });
        const strict = await scan(dir, ["."], { strictModules: true });
        assert.equal(strict.code, 2);
        assert.match(strict.stdout, /^✖ Scan incomplete: 2 module calls not scanned \(--strict-modules\)/m);
        assert.equal((await scan(dir, ["."], { config: undefined })).code, 2);
        assert.equal((await scan(dir, ["."])).code, 0);
        const withLocalOnly = project({ "main.tf": SECURE_ENOUGH });
        assert.equal((await scan(withLocalOnly, ["."], { strictModules: true })).code, 0);
    });
});

describe("JUnit output", () => {
    it("has one testsuite per root module, and a testcase carries only its own root's result", async () => {
        const bucket = (encrypted: boolean) => `resource "aws_kms_key" "k" {\n  enable_key_rotation = ${encrypted}\n}\n`;
        const dir = project({ "secure/main.tf": bucket(true), "insecure/main.tf": bucket(false) });
        const xml = (await scan(dir, ["."], { format: ["junit"], rule: ["aws-kms-key-rotation"] })).stdout;
        const suites = [...xml.matchAll(/<testsuite name="([^"]+)" tests="(\d+)" failures="(\d+)"[^>]*>([\s\S]*?)<\/testsuite>/g)];
        assert.deepEqual(suites.map((s) => [s[1], s[2], s[3]]), [["insecure", "1", "1"], ["secure", "1", "0"]]);
        assert.match(suites[0][4], /<testcase classname="insecure\/main.tf" name="aws-kms-key-rotation aws_kms_key.k" file="insecure\/main.tf">\s*<failure/);
        assert.match(suites[1][4], /<testcase classname="secure\/main.tf" name="aws-kms-key-rotation aws_kms_key.k" file="secure\/main.tf"\/>/);
        // Totals add up, and every element is closed.
        const total = suites.reduce((n, s) => n + Number(s[2]), 0);
        assert.match(xml, new RegExp(`<testsuites name="mlguard" tests="${total}" failures="1"`));
        assert.equal((xml.match(/<testcase /g) ?? []).length, total);
    });

    it("a scan that exits 2 carries an errored scan testcase saying why", async () => {
        const dir = project({ "x/main.tf": Buffer.from([0, 0, 0]) });
        const xml = (await scan(dir, ["x"], { format: ["junit"] })).stdout;
        assert.match(xml, /<testcase classname="mlguard" name="scan">\s*<error message="The scan is incomplete: binary file \(1\)\."/);
    });
});

describe("paths and counts", () => {
    it("paths are resolved against the working directory the CLI is given, not the process's", async () => {
        const dir = project({ "main.tf": 'resource "aws_s3_bucket" "b" {\n  bucket = "b"\n}\n', "tf/other.tf": 'resource "aws_kms_key" "k" {\n  enable_key_rotation = true\n}\n' });
        const out: string[] = [];
        const io = { stdout: { write: (s: string) => out.push(s) }, stderr: { write: () => undefined }, env: {}, cwd: path.join(dir, "tf") };
        assert.notEqual(process.cwd(), io.cwd);
        await runScan(["."], flags({ format: ["json"] }), io, { today: () => "2026-06-01" });
        const summary = JSON.parse(out.join("")).summary as { files: number; resources: number };
        assert.deepEqual({ files: summary.files, resources: summary.resources }, { files: 1, resources: 1 });
    });

    it("a symlink loop gets its own message, not 'leaves the scan root'", async function () {
        const dir = project({ "main.tf": SECURE_ENOUGH });
        try {
            fs.symlinkSync("self", path.join(dir, "self"));
        } catch {
            this.skip();
        }
        const { stdout } = await scan(dir, ["."]);
        assert.match(stdout, /self is a symbolic link loop: it resolves back to itself \(not followed\)/);
        assert.doesNotMatch(stdout, /leaves the scan root/);
    });

    it("a plan scan counts the configuration files it mapped", async () => {
        const fixture = path.resolve(__dirname, "..", "..", "..", "test", "terraform", "fixtures", "plan-network");
        const mapped = await scan(fixture, ["."], { plan: "plan.json", format: ["json"] });
        const json = JSON.parse(mapped.stdout);
        assert.ok(json.summary.files >= 2, `files: ${json.summary.files}`);
        const pretty = await scan(fixture, ["."], { plan: "plan.json" });
        assert.match(pretty.stdout, /\d+ resources from the plan plan\.json, mapped to \d+ configuration files/);
        const bare = project({ "plan.json": fs.readFileSync(path.join(fixture, "plan.json"), "utf8") });
        const unmapped = await scan(bare, ["."], { plan: "plan.json" });
        assert.match(unmapped.stdout, /from the plan plan\.json, mapped to 0 configuration files/);
    });

    it("attribute paths are spelled without the index of a block written once", async () => {
        const result = await scanTerraformSources({
            "main.tf": `resource "google_workbench_instance" "w" {
  name     = "w"
  location = "us-central1-a"
  gce_setup {
    disable_public_ip = true
    boot_disk {
      disk_encryption = "GMEK"
    }
  }
}
`,
        });
        const boot = result.findings.find((f) => f.controlId === "gcp-workbench-cmek-disks" && f.status === "fail" && /Boot disk/.test(f.message));
        assert.equal(boot?.path, "gceSetup.bootDisk.diskEncryption");
        assert.match(boot!.message, /\(gceSetup\.bootDisk\.diskEncryption\)/);
        const list = (items: number) => ({ kind: "map" as const, entries: { b: { kind: "list" as const, items: Array.from({ length: items }, () => ({ kind: "map" as const, entries: {} })) } } });
        assert.equal(pulumiPath("b.0.x", list(1)), "b.x");
        assert.equal(pulumiPath("b.1.x", list(2)), "b.1.x");
        assert.equal(pulumiPath("members.0", { kind: "map", entries: { members: { kind: "list", items: [{ kind: "scalar", value: "allUsers" }] } } }), "members.0");
    });
});

describe("--download-modules and --registry-host", () => {
    async function engineOptions(cwd: string, extra: Partial<ScanFlags>, env: Record<string, string> = {}) {
        const seen: unknown[] = [];
        const engine = {
            async scanTerraform(_paths: string[], options: unknown) {
                seen.push(options);
                return { findings: [], diagnostics: [], stats: { files: 1, bytes: 1, resources: 0, modules: 1, durationMs: 0, parseMs: 0, evalMs: 0, checkMs: 0 }, files: [] };
            },
        };
        const err: string[] = [];
        const io = { stdout: { write: () => undefined }, stderr: { write: (s: string) => err.push(s) }, env, cwd };
        const code = await runScan(["."], flags(extra), io, { engine, today: () => "2026-06-01" });
        return { code, options: seen[0] as { downloadModules?: { cacheDir?: string; registryHost?: string; env?: Record<string, string> } } | undefined, stderr: err.join("") };
    }

    it("are off by default: no download is asked for", async () => {
        const dir = project({ "main.tf": SECURE_ENOUGH });
        assert.equal((await engineOptions(dir, {})).options?.downloadModules, undefined);
    });

    it("pass the cache directory, the registry host and the environment (for TF_TOKEN_*) to the engine", async () => {
        const dir = project({ "main.tf": SECURE_ENOUGH });
        const { options } = await engineOptions(dir, { downloadModules: "cache/mods", registryHost: "registry.example.com:8443" }, { TF_TOKEN_registry_example_com: "t" });
        assert.deepEqual(options?.downloadModules, { cacheDir: path.join(dir, "cache/mods"), registryHost: "registry.example.com:8443", env: { TF_TOKEN_registry_example_com: "t" } });
        assert.deepEqual((await engineOptions(dir, { downloadModules: true })).options?.downloadModules, { env: {} });
    });

    it("read downloadModules and registryHost from the config file", async () => {
        const dir = project({ "main.tf": SECURE_ENOUGH, ".mlguard.yaml": "downloadModules: .cache/tf\nregistryHost: tf.example.com\n" });
        const { options } = await engineOptions(dir, { config: undefined });
        assert.deepEqual(options?.downloadModules, { cacheDir: path.join(fs.realpathSync(dir), ".cache/tf"), registryHost: "tf.example.com", env: {} });
    });

    it("reject a registry host that is not a host name", async () => {
        const dir = project({ "main.tf": SECURE_ENOUGH });
        const { code, stderr } = await engineOptions(dir, { downloadModules: true, registryHost: "https://evil/" });
        assert.equal(code, 2);
        assert.match(stderr, /--registry-host: expected a host name/);
    });
});
