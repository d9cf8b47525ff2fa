import * as assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import Ajv from "ajv";
import { type ScanOptions, type TerraformFinding, scanTerraformSources } from "../../terraform-checks";
import { tempDir } from "../support/temp-dir";
import { evalIn, plain } from "./support";

const NOTEBOOK_BODY = `  instance_type = "ml.t3.medium"\n  role_arn      = "arn:aws:iam::111122223333:role/x"\n`;
const LIBRARY = {
    "vars.tf": `variable "buckets" {\n  type    = map(object({ name = optional(string) }))\n  default = {}\n}\nvariable "create" {\n  type    = bool\n  default = false\n}\nvariable "names" {\n  type    = set(string)\n  default = []\n}\n`,
    "main.tf":
        // Tagged as ML data: the tree holds ML resources (the notebooks), so under the `auto` bucket scope
        // only buckets they use or that carry the scope tag are held to the ML-data bar.
        `resource "aws_s3_bucket" "each" {\n  for_each = var.buckets\n  bucket   = coalesce(each.value.name, each.key)\n  tags     = { "ml-data-class" = "training" }\n}\n` +
        `resource "aws_sagemaker_notebook_instance" "count" {\n  count = var.create ? 1 : 0\n  name  = "nb-\${count.index}"\n${NOTEBOOK_BODY}}\n` +
        `resource "aws_sagemaker_notebook_instance" "set" {\n  for_each = var.names\n  name     = each.key\n${NOTEBOOK_BODY}}\n`,
};
const ADDRESSES = ["aws_s3_bucket.each", "aws_sagemaker_notebook_instance.count", "aws_sagemaker_notebook_instance.set"];

async function scan(files: Record<string, string>, options: ScanOptions = {}) {
    const r = await scanTerraformSources(files, options);
    const violations = r.findings.filter((f) => f.status === "fail");
    return { r, violations, ids: [...new Set(violations.map((f) => f.resourceId))].sort() };
}

describe("template instances (zero instances only because of variable defaults)", () => {
    it("a root module's for_each / count from defaults is checked once as written, every finding marked", async () => {
        const { r, violations, ids } = await scan(LIBRARY);
        assert.deepEqual(ids, ADDRESSES);
        assert.ok(violations.every((f: TerraformFinding) => f.whenInstantiated === true));
        const notes = r.diagnostics.filter((d) => d.summary === "Checked as a template");
        assert.equal(notes.length, 3);
        assert.ok(notes.every((d) => d.severity === "info" && /keeps its default/.test(d.detail ?? "")));
        assert.ok(notes.some((d) => /aws_s3_bucket\.each has no instances only because var\.buckets/.test(d.detail ?? "")), JSON.stringify(notes));
    });
    it("a template never satisfies a join for a resource that exists (an optional configuration left at its default)", async () => {
        // The module's bucket is real; its versioning resource exists only when var.versioning is set,
        // which the caller leaves at its default false: the bucket is not versioned.
        const files = {
            "main.tf": `module "data" {\n  source = "./bucket"\n}\n`,
            "bucket/main.tf":
                `variable "versioning" {\n  type    = bool\n  default = false\n}\n` +
                `resource "aws_s3_bucket" "this" {\n  bucket = "training"\n}\n` +
                `resource "aws_s3_bucket_versioning" "this" {\n  count  = var.versioning ? 1 : 0\n  bucket = aws_s3_bucket.this.id\n  versioning_configuration {\n    status = "Enabled"\n  }\n}\n`,
        };
        const versioning = (r: Awaited<ReturnType<typeof scan>>["r"]) => r.findings.filter((f) => f.controlId === "aws-s3-versioning-enabled" && f.resourceId === "module.data.aws_s3_bucket.this");
        const left = await scan(files);
        assert.deepEqual(versioning(left.r).map((f) => [f.status, f.whenInstantiated]), [["fail", undefined]]);
        const set = await scan({ ...files, "main.tf": `module "data" {\n  source     = "./bucket"\n  versioning = true\n}\n` });
        assert.deepEqual(versioning(set.r).map((f) => f.status), ["pass"]);
    });
    it("a literal count = 0 or an empty literal for_each stays zero", async () => {
        const { ids, r } = await scan({
            "main.tf": `resource "aws_sagemaker_notebook_instance" "a" {\n  count = 0\n${NOTEBOOK_BODY}}\nresource "aws_s3_bucket" "b" {\n  for_each = {}\n}\nlocals {\n  none = []\n}\nresource "aws_s3_bucket" "c" {\n  for_each = toset(local.none)\n}\n`,
        });
        assert.deepEqual(ids, []);
        assert.deepEqual(r.diagnostics.filter((d) => d.summary === "Checked as a template"), []);
    });
    const explicit: Array<[string, Record<string, string>, ScanOptions]> = [
        ["terraform.tfvars", { "terraform.tfvars": `buckets = {}\ncreate = false\nnames = []\n` }, {}],
        ["-var", {}, { vars: { buckets: "{}", create: "false", names: "[]" } }],
        ["TF_VAR_*", {}, { env: { TF_VAR_buckets: "{}", TF_VAR_create: "false", TF_VAR_names: "[]" } }],
    ];
    for (const [how, files, options] of explicit) {
        it(`explicit zero from ${how} stays zero instances`, async () => {
            const { ids } = await scan({ ...LIBRARY, ...files }, options);
            assert.deepEqual(ids, []);
        });
    }
    it("a value from tfvars that makes instances is expanded as usual, unmarked", async () => {
        const { violations, ids } = await scan({ ...LIBRARY, "terraform.tfvars": `buckets = { a = {} }\ncreate = true\nnames = ["x"]\n` });
        assert.deepEqual(ids, ['aws_s3_bucket.each["a"]', "aws_sagemaker_notebook_instance.count[0]", 'aws_sagemaker_notebook_instance.set["x"]']);
        assert.ok(violations.every((f) => f.whenInstantiated === undefined));
    });
    it("through locals: a for_each over a local built from a defaulted variable is a template", async () => {
        const { ids } = await scan({
            "vars.tf": `variable "cfg" {\n  type = list(object({ name = string }))\n  default = []\n}\nlocals {\n  by_name = { for c in var.cfg : c.name => c }\n}\n`,
            "main.tf": `resource "aws_s3_bucket" "b" {\n  for_each = local.by_name\n  bucket = each.key\n}\n`,
        });
        assert.deepEqual(ids, ["aws_s3_bucket.b"]);
    });
    it("references to a template resource still see zero instances", () => {
        const { value } = evalIn("length(aws_s3_bucket.each)", LIBRARY);
        assert.deepEqual(plain(value), 0);
    });

    describe("in module libraries", () => {
        const lib = Object.fromEntries(Object.entries(LIBRARY).map(([k, v]) => [`modules/lib/${k}`, v]));
        it("a call that does not set the variables: the module's resources are checked as templates", async () => {
            const { ids, violations } = await scan({ ...lib, "main.tf": `module "lib" {\n  source = "./modules/lib"\n}\n` });
            assert.deepEqual(ids, ADDRESSES.map((a) => `module.lib.${a}`));
            assert.ok(violations.every((f) => f.whenInstantiated === true));
        });
        it("a caller passing an explicit empty map, false and an empty set keeps zero instances", async () => {
            const { ids } = await scan({ ...lib, "main.tf": `module "lib" {\n  source = "./modules/lib"\n  buckets = {}\n  create = false\n  names = []\n}\n` });
            assert.deepEqual(ids, []);
        });
        it("a module call with count from a default: one template instance, everything in it marked", async () => {
            const { ids, violations, r } = await scan({
                "modules/nb/main.tf": `resource "aws_sagemaker_notebook_instance" "nb" {\n${NOTEBOOK_BODY}}\n`,
                "main.tf": `variable "enabled" {\n  default = false\n}\nmodule "nb" {\n  source = "./modules/nb"\n  count  = var.enabled ? 1 : 0\n}\nmodule "off" {\n  source = "./modules/nb"\n  count  = 0\n}\n`,
            });
            assert.deepEqual(ids, ["module.nb.aws_sagemaker_notebook_instance.nb"]);
            assert.ok(violations.every((f) => f.whenInstantiated === true));
            assert.ok(r.diagnostics.some((d) => d.summary === "Checked as a template" && /module\.nb has no instances/.test(d.detail ?? "")));
        });
    });

    describe("in every output format, counting toward the exit code", () => {
        const REPO = path.resolve(__dirname, "..", "..", "..");
        const BIN = path.join(REPO, "dist", "cli", "main.js");
        let dir: string;
        before(() => {
            dir = tempDir("mlguard-template-");
            for (const [name, text] of Object.entries(LIBRARY)) fs.writeFileSync(path.join(dir, name), text);
        });
        const run = (format: string) => spawnSync(process.execPath, [BIN, "scan", ".", "--format", format], { cwd: dir, encoding: "utf8", env: { PATH: process.env.PATH ?? "" } });
        it("JSON: a whenInstantiated field, valid against the report schema; exit code 1", () => {
            const r = run("json");
            assert.equal(r.status, 1, r.stderr);
            const report = JSON.parse(r.stdout) as { findings: Array<{ whenInstantiated?: boolean }> };
            assert.ok(report.findings.length > 0 && report.findings.every((f) => f.whenInstantiated === true));
            const schema = JSON.parse(fs.readFileSync(path.join(REPO, "schemas", "mlguard-report.schema.json"), "utf8"));
            const validate = new Ajv({ allErrors: true, strict: true, strictRequired: false, validateFormats: false }).compile(schema);
            assert.ok(validate(report), JSON.stringify(validate.errors));
        });
        it("SARIF: a whenInstantiated result property", () => {
            const r = run("sarif");
            assert.equal(r.status, 1, r.stderr);
            const sarif = JSON.parse(r.stdout) as { runs: Array<{ results: Array<{ properties?: { whenInstantiated?: boolean } }> }> };
            assert.ok(sarif.runs[0].results.length > 0 && sarif.runs[0].results.every((x) => x.properties?.whenInstantiated === true));
        });
        for (const format of ["pretty", "markdown", "junit", "github"]) {
            it(`${format}: the words "when instantiated"`, () => {
                const r = run(format);
                assert.equal(r.status, 1, r.stderr);
                assert.match(r.stdout, /aws_s3_bucket\.each`? \(when instantiated\)/);
            });
        }
    });
});
