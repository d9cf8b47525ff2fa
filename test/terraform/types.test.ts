import * as assert from "node:assert/strict";
import * as path from "node:path";
import { scanTerraform, scanTerraformSources } from "../../terraform-checks";
import { evaluateSources } from "../../terraform-checks/scanner";
import { tempDir } from "../support/temp-dir";
import { U, evalIn, plain } from "./support";

/** A variable of type `type` given `value` (as a default, or through `how`), read back. */
function typed(type: string, value: string, how: "default" | "tfvars" | "module" = "default") {
    const decl = (withDefault: boolean) => `variable "v" {\n  type = ${type}\n${withDefault ? `  default = ${value}\n` : ""}}\n`;
    if (how === "default") return evalIn("var.v", { "vars.tf": decl(true) });
    if (how === "tfvars") return evalIn("var.v", { "vars.tf": decl(false), "terraform.tfvars": `v = ${value}\n` });
    return evalIn("module.m.out", {
        "call.tf": `module "m" {\n  source = "./m"\n  v = ${value}\n}\n`,
        "m/vars.tf": `${decl(false)}output "out" {\n  value = var.v\n}\n`,
    });
}

function conversionErrors(all: ReturnType<typeof evalIn>["all"]) {
    return all.filter((d) => d.summary === "Invalid value for variable");
}

describe("Terraform type constraints", () => {
    describe("conversion rules (as Terraform's)", () => {
        const rows: Array<{ type: string; value: string; expect: unknown }> = [
            { type: "string", value: `"x"`, expect: "x" },
            { type: "string", value: `3`, expect: "3" },
            { type: "string", value: `1.5`, expect: "1.5" },
            { type: "string", value: `true`, expect: "true" },
            { type: "number", value: `"3"`, expect: 3 },
            { type: "number", value: `"-2.5e1"`, expect: -25 },
            { type: "bool", value: `"true"`, expect: true },
            { type: "bool", value: `"false"`, expect: false },
            { type: "string", value: `null`, expect: null },
            { type: "any", value: `{ a = [1, "x"] }`, expect: { a: [1, "x"] } },
            { type: "list(string)", value: `[1, true, "a"]`, expect: ["1", "true", "a"] },
            { type: "set(string)", value: `["a", "b", "a"]`, expect: ["a", "b"] },
            { type: "list(number)", value: `["1", 2]`, expect: [1, 2] },
            { type: "map(string)", value: `{ a = 1, b = false }`, expect: { a: "1", b: "false" } },
            { type: "map(bool)", value: `{ a = "true" }`, expect: { a: true } },
            { type: "tuple([string, number, bool])", value: `[1, "2", "true"]`, expect: ["1", 2, true] },
            { type: "object({ a = string, b = number })", value: `{ a = 1, b = "2", extra = "dropped" }`, expect: { a: "1", b: 2 } },
            { type: "object({ a = optional(string) })", value: `{}`, expect: { a: null } },
            { type: "object({ a = optional(bool, true) })", value: `{}`, expect: { a: true } },
            { type: "object({ a = optional(bool, true) })", value: `{ a = false }`, expect: { a: false } },
            { type: "object({ a = optional(bool, true) })", value: `{ a = null }`, expect: { a: true } },
            { type: `object({ a = optional(number, "5") })`, value: `{}`, expect: { a: 5 } },
            {
                type: "object({ inner = optional(object({ x = optional(string, \"dx\"), y = optional(list(string), []) }), {}) })",
                value: `{}`,
                expect: { inner: { x: "dx", y: [] } },
            },
            {
                type: "map(object({ name = string, versioning = optional(bool, true), tags = optional(map(string)) }))",
                value: `{ a = { name = "A" }, b = { name = "B", versioning = "false" } }`,
                expect: { a: { name: "A", tags: null, versioning: true }, b: { name: "B", tags: null, versioning: false } },
            },
            {
                type: "list(object({ port = number, cidrs = optional(list(string), [\"10.0.0.0/8\"]) }))",
                value: `[{ port = "443" }]`,
                expect: [{ cidrs: ["10.0.0.0/8"], port: 443 }],
            },
            // A collection of `any` takes the one element type every element converts to (Terraform's docs: ["a", 1, "b"] → strings).
            { type: "list", value: `["a", 1]`, expect: ["a", "1"] },
            { type: "list(any)", value: `[1, true, "x"]`, expect: ["1", "true", "x"] },
            { type: "list(any)", value: `[1, 2]`, expect: [1, 2] },
            { type: "list(any)", value: `[null, 1]`, expect: [null, 1] },
            { type: "set(any)", value: `["1", 1]`, expect: ["1"] },
            { type: "map(any)", value: `{ a = 1, b = "x" }`, expect: { a: "1", b: "x" } },
            { type: "list(any)", value: `[{ a = 1, b = null }, { a = "x", b = true }]`, expect: [{ a: "1", b: null }, { a: "x", b: true }] },
            { type: "list(any)", value: `[[1, true], ["a", false]]`, expect: [["1", true], ["a", false]] },
            { type: "object({ a = list(any) })", value: `{ a = [true, "no"] }`, expect: { a: ["true", "no"] } },
            { type: "any", value: `["a", 1]`, expect: ["a", 1] },
            { type: "map", value: `{ a = 1 }`, expect: { a: 1 } },
        ];
        for (const how of ["default", "tfvars", "module"] as const) {
            for (const row of rows) {
                it(`${how}: ${row.type} ← ${row.value} → ${JSON.stringify(row.expect)}`, () => {
                    const { value, all } = typed(row.type, row.value, how);
                    assert.deepEqual(conversionErrors(all), []);
                    assert.deepEqual(all.filter((d) => d.summary === "Invalid type specification"), []);
                    assert.deepEqual(plain(value), row.expect);
                });
            }
        }

        const bad: Array<{ type: string; value: string; message: RegExp }> = [
            { type: "number", value: `"abc"`, message: /a number is required, not a string/ },
            { type: "bool", value: `"yes"`, message: /a bool is required/ },
            { type: "bool", value: `1`, message: /a bool is required, not a number/ },
            { type: "string", value: `["a"]`, message: /a string is required, not a tuple/ },
            { type: "list(string)", value: `{ a = "x" }`, message: /a list of string is required, not an object/ },
            { type: "map(string)", value: `["a"]`, message: /a map of string is required, not a tuple/ },
            { type: "list(string)", value: `[["a"]]`, message: /at \[0\], a string is required/ },
            { type: "tuple([string, string])", value: `["a"]`, message: /a tuple of 2 elements is required, not 1/ },
            { type: "object({ a = string })", value: `{ b = "x" }`, message: /attribute "a" is required/ },
            { type: "map(object({ a = optional(number) }))", value: `{ k = { a = "x" } }`, message: /at \["k"\]\.a, a number is required/ },
        ];
        for (const row of bad) {
            it(`rejects ${row.type} ← ${row.value}, positioned at the value`, () => {
                const { value, all } = typed(row.type, row.value, "tfvars");
                const errors = conversionErrors(all);
                assert.equal(errors.length, 1, JSON.stringify(all));
                assert.match(errors[0].detail ?? "", row.message);
                assert.equal(errors[0].file, "terraform.tfvars");
                assert.equal(errors[0].range.start.line, 1);
                assert.ok(errors[0].range.start.column >= 5, "at the value, not the name");
                assert.equal(value.kind, "unknown");
            });
        }
        it("an optional attribute's default that does not conform is named by its path, in the type", () => {
            const { all } = typed("list(object({ a = optional(object({ b = number }), { b = \"x\" }) }))", "[{}]", "tfvars");
            const errors = conversionErrors(all);
            assert.equal(errors.length, 1, JSON.stringify(all));
            assert.match(errors[0].detail ?? "", /at \[0\]\.a\.b, the default of optional attribute \[0\]\.a does not conform: a number is required, not a string/);
            assert.equal(errors[0].file, "vars.tf");
        });
        it("a non-conforming module input is reported at the argument in the calling module", () => {
            const { all } = typed("number", `"many"`, "module");
            const errors = conversionErrors(all);
            assert.equal(errors.length, 1, JSON.stringify(all));
            assert.equal(errors[0].file, "call.tf");
            assert.equal(errors[0].range.start.line, 3);
            assert.match(errors[0].detail ?? "", /var\.v \(in module\.m\)/);
        });
        it("a collection of any whose elements do not unify, or hold an unknown, keeps its elements as they are", () => {
            // Terraform rejects these when they are tuples and objects and accepts them as lists and
            // maps; mlguard's values do not say which, so it neither converts nor reports them.
            for (const [value, expect] of [
                [`[[1], [1, 2]]`, [[1], [1, 2]]],
                [`[{ a = 1 }, { b = "x" }]`, [{ a: 1 }, { b: "x" }]],
                [`[1, ["x"]]`, [1, ["x"]]],
            ] as const) {
                const { value: v, all } = typed("list(any)", value, "tfvars");
                assert.deepEqual(conversionErrors(all), []);
                assert.deepEqual(plain(v), expect);
            }
            // An unknown element (a resource's attribute passed to a module) could be of any type.
            const { value: v, all } = evalIn("module.m.out", {
                "call.tf": `resource "aws_iam_role" "r" {\n  name = "r"\n}\nmodule "m" {\n  source = "./m"\n  v = [1, aws_iam_role.r.arn]\n}\n`,
                "m/vars.tf": `variable "v" {\n  type = list(any)\n}\noutput "out" {\n  value = var.v\n}\n`,
            });
            assert.deepEqual(conversionErrors(all), []);
            assert.ok(v.kind === "list" && v.items[0].kind === "scalar" && v.items[0].value === 1 && v.items[1].kind === "unknown", JSON.stringify(plain(v)));
        });
        it("-var and TF_VAR_ values convert too", () => {
            const files = { "vars.tf": `variable "o" {\n  type = object({ on = optional(bool, false), n = number })\n}\nvariable "b" {\n  type = bool\n}\n` };
            assert.deepEqual(plain(evalIn("var.o", files, { vars: { o: `{ n = "4" }` } }).value), { n: 4, on: false });
            assert.deepEqual(plain(evalIn("var.b", files, { env: { TF_VAR_b: "true" } }).value), true);
        });
        it("unknown values conform; known parts of a partly unknown object are converted", () => {
            const files = {
                "vars.tf": `variable "o" {\n  type = object({ id = string, n = optional(number, 1) })\n}\n`,
                "main2.tf": `module "m" {\n  source = "./m"\n  o = { id = aws_s3_bucket.b.id }\n}\n`,
                "m/m.tf": `variable "o" {\n  type = object({ id = string, n = optional(number, 1) })\n}\noutput "o" {\n  value = var.o\n}\n`,
            };
            const { value, all } = evalIn("module.m.o", files);
            assert.deepEqual(conversionErrors(all), []);
            assert.deepEqual(plain(value), { id: U, n: 1 });
        });
        it("an invalid type expression is diagnosed and reads as any", () => {
            const { value, all } = evalIn("var.v", { "vars.tf": `variable "v" {\n  type = lisst(string)\n  default = ["a"]\n}\n` });
            assert.ok(all.some((d) => d.summary === "Invalid type specification" && d.range.start.line === 2), JSON.stringify(all));
            assert.deepEqual(plain(value), ["a"]);
        });
        it("optional() outside an object type is diagnosed", () => {
            const { all } = evalIn("var.v", { "vars.tf": `variable "v" {\n  type = optional(string)\n  default = "a"\n}\n` });
            assert.ok(all.some((d) => d.summary === "Invalid type specification" && /only for the attributes of an object/.test(d.detail ?? "")));
        });
    });

    describe("nullable and sensitive", () => {
        it("nullable = false: a null from the caller takes the default", () => {
            const { value } = evalIn("module.m.out", {
                "call.tf": `module "m" {\n  source = "./m"\n  v = null\n}\n`,
                "m/vars.tf": `variable "v" {\n  type = string\n  default = "d"\n  nullable = false\n}\noutput "out" {\n  value = var.v\n}\n`,
            });
            assert.deepEqual(plain(value), "d");
        });
        it("nullable = false without a default: null is an error at the value", () => {
            const { value, all } = evalIn("var.v", { "vars.tf": `variable "v" {\n  type = string\n  nullable = false\n}\n`, "terraform.tfvars": `v = null\n` });
            const errors = conversionErrors(all);
            assert.equal(errors.length, 1);
            assert.equal(errors[0].file, "terraform.tfvars");
            assert.match(errors[0].detail ?? "", /nullable = false/);
            assert.equal(value.kind, "unknown");
        });
        it("nullable (the default): a null from the caller stays null", () => {
            const { value } = evalIn("module.m.out", {
                "call.tf": `module "m" {\n  source = "./m"\n  v = null\n}\n`,
                "m/vars.tf": `variable "v" {\n  type = string\n  default = "d"\n}\noutput "out" {\n  value = var.v\n}\n`,
            });
            assert.deepEqual(plain(value), null);
        });
        it("operations on a sensitive value, and results chosen by a sensitive condition, are sensitive", () => {
            const files = {
                "vars.tf": `variable "port" {\n  type = number\n  sensitive = true\n  default = 8080\n}\nvariable "on" {\n  type = bool\n  sensitive = true\n  default = true\n}\nvariable "plain" {\n  type = number\n  default = 1\n}\n`,
            };
            for (const expr of ["var.port + 1", "-var.port", "var.port == 8080", "!var.on", "var.on ? \"a\" : \"b\"", "var.plain + var.port", "var.on && true"]) {
                const { value } = evalIn(expr, files);
                assert.equal(value.origin?.sensitive, true, expr);
            }
            for (const expr of ["var.plain + 1", "var.plain > 0 ? \"a\" : \"b\""]) {
                const { value } = evalIn(expr, files);
                assert.notEqual(value.origin?.sensitive, true, expr);
            }
        });
        it("a sensitive variable's value never appears in findings or diagnostics", async () => {
            const secret = "0.0.0.0/0-SECRET-VALUE";
            const r = await scanTerraformSources(
                {
                    "vars.tf": `variable "acl" {\n  type = string\n  sensitive = true\n  default = "${secret}"\n}\nvariable "n" {\n  type = number\n  sensitive = true\n}\n`,
                    "terraform.tfvars": `n = "${secret}"\n`,
                    "main.tf": `resource "aws_s3_bucket" "b" {\n  bucket = "b"\n}\nresource "aws_sagemaker_notebook_instance" "nb2" {\n  instance_type = "ml.t3.medium"\n  role_arn = "arn:aws:iam::111122223333:role/x"\n  direct_internet_access = "x-\${var.acl}"\n}\nresource "aws_sagemaker_notebook_instance" "nb3" {\n  instance_type = "ml.t3.medium"\n  role_arn = "arn:aws:iam::111122223333:role/x"\n  direct_internet_access = lower(var.acl)\n}\nresource "aws_sagemaker_notebook_instance" "nb" {\n  instance_type          = "ml.t3.medium"\n  role_arn               = "arn:aws:iam::111122223333:role/x"\n  direct_internet_access = var.acl\n}\n`,
                },
                {},
            );
            const text = JSON.stringify(r);
            assert.ok(!text.includes("SECRET-VALUE"), "the sensitive value leaked");
            assert.ok(r.diagnostics.some((d) => d.summary === "Invalid value for variable" && d.file === "terraform.tfvars"));
            const nb = r.findings.find((f) => f.controlId === "aws-sagemaker-notebook-no-direct-internet");
            assert.ok(nb && nb.status === "fail", "the check still decides on the value");
            assert.equal(nb!.evidence?.origin?.sensitive, true);
            for (const id of ["aws_sagemaker_notebook_instance.nb2", "aws_sagemaker_notebook_instance.nb3"]) {
                const f = r.findings.find((x) => x.controlId === "aws-sagemaker-notebook-no-direct-internet" && x.resourceId === id);
                assert.ok(f && f.status === "fail" && f.evidence?.origin?.sensitive === true && f.evidence.value === undefined, JSON.stringify(f));
            }
        });
    });

    it("a sensitive variable's value appears in no output format of the CLI", () => {
        const { spawnSync } = require("node:child_process") as typeof import("node:child_process");
        const fs = require("node:fs") as typeof import("node:fs");
        const dir = tempDir("mlguard-sensitive-");
        fs.writeFileSync(
            path.join(dir, "main.tf"),
            `variable "dia" {\n  type = string\n  sensitive = true\n  default = "Enabled-SECRET-VALUE"\n}\nresource "aws_sagemaker_notebook_instance" "nb" {\n  instance_type = "ml.t3.medium"\n  role_arn = "arn:aws:iam::111122223333:role/x"\n  direct_internet_access = var.dia\n}\n`,
        );
        const bin = path.resolve(__dirname, "..", "..", "cli", "main.js");
        for (const format of ["pretty", "json", "sarif", "markdown", "junit", "github"]) {
            const r = spawnSync(process.execPath, [bin, "scan", ".", "--format", format, "--include-unknown"], { cwd: dir, encoding: "utf8", env: { PATH: process.env.PATH ?? "" } });
            assert.equal(r.status, 1, `${format}: ${r.stderr}`);
            assert.ok(!`${r.stdout}${r.stderr}`.includes("SECRET-VALUE"), `${format} shows the sensitive value`);
            if (format === "pretty") assert.match(r.stdout, /\(sensitive, not shown\)/);
        }
    });

    describe("a module library with object-typed variables and nested optional()", () => {
        const dir = path.join(__dirname, "../../../test/terraform/fixtures/typed-library");
        it("scans with no Unsupported attribute warning and no error, and finds the unencrypted bucket", async () => {
            const r = await scanTerraform([dir], { root: dir });
            assert.deepEqual(r.diagnostics.filter((d) => d.severity !== "info"), [], JSON.stringify(r.diagnostics, null, 1));
            const of = (id: string, control: string) => r.findings.find((f) => f.resourceId === id && f.controlId === control)?.status;
            assert.equal(of('module.data.google_storage_bucket.b["raw"]', "gcp-gcs-cmek"), "fail");
            assert.equal(of('module.data.google_storage_bucket.b["raw"]', "gcp-gcs-retention-locked"), "fail");
            assert.equal(of('module.data.google_storage_bucket.b["curated"]', "gcp-gcs-cmek"), "pass");
            assert.equal(of('module.data.google_storage_bucket.b["curated"]', "gcp-gcs-retention-locked"), "pass");
        });
        it("fills omitted optional attributes with their defaults, through fileset(), yamldecode() and templatestring()", () => {
            const fs = require("node:fs") as typeof import("node:fs");
            const sources: Record<string, string> = {};
            const walk = (d: string, rel: string) => {
                for (const e of fs.readdirSync(d, { withFileTypes: true })) {
                    if (e.isDirectory()) walk(path.join(d, e.name), `${rel}${e.name}/`);
                    else sources[`${rel}${e.name}`] = fs.readFileSync(path.join(d, e.name), "utf8");
                }
            };
            walk(dir, "");
            const tree = evaluateSources(sources, {});
            const byId = new Map(tree.resources.map((r) => [r.id, r]));
            const raw = byId.get('module.data.google_storage_bucket.b["raw"]')!;
            const curated = byId.get('module.data.google_storage_bucket.b["curated"]')!;
            assert.ok(raw && curated, [...byId.keys()].join(", "));
            const p = (r: typeof raw, k: string) => plain(r.props.entries[k] as never);
            assert.equal(p(raw, "name"), "ml-raw");
            assert.equal(p(raw, "location"), "US");
            assert.equal(p(curated, "location"), "EU");
            assert.equal(p(raw, "storageClass"), null);
            assert.deepEqual(p(raw, "labels"), { managed: "true", team: "data" });
            assert.deepEqual(p(curated, "lifecycleRules"), [
                { action: [{ type: "Delete" }], condition: [{ age: 90 }] },
                { action: [{ type: "SetStorageClass" }], condition: [{ age: 30 }] },
            ]);
        });
    });

    describe("functions module libraries use", () => {
        const files = {
            "cfg/a.yaml": "x: 1\n",
            "cfg/b.yaml": "x: 2\n",
            "cfg/sub/c.yaml": "x: 3\n",
            "cfg/readme.md": "-\n",
        };
        const rows: Array<[string, unknown]> = [
            [`fileset(path.module, "cfg/*.yaml")`, ["cfg/a.yaml", "cfg/b.yaml"]],
            [`fileset("\${path.module}/cfg", "**/*.yaml")`, ["a.yaml", "b.yaml", "sub/c.yaml"]],
            [`fileset("cfg", "{a,sub/c}.yaml")`, ["a.yaml", "sub/c.yaml"]],
            [`fileset("cfg", "[!a].yaml")`, ["b.yaml"]],
            [`fileset("missing", "*")`, []],
            [`templatestring("\${"$"}{a}-%%{ for x in xs }\${"$"}{x}%%{ endfor }", { a = "A", xs = [1, 2] })`, "A-12"],
        ];
        for (const [expr, expected] of rows) {
            it(`${expr} → ${JSON.stringify(expected)}`, () => {
                const { value, diagnostics } = evalIn(expr, files);
                assert.deepEqual(diagnostics, []);
                assert.deepEqual(plain(value), expected);
            });
        }
        it("fileset() never lists outside the scan root", () => {
            const { value, diagnostics } = evalIn(`fileset("../", "*")`, files);
            assert.equal(value.kind, "unknown");
            assert.ok(diagnostics.some((d) => d.summary === "Directory outside the scan root"), JSON.stringify(diagnostics));
        });
        it("a provider-defined function is unknown with a note naming it", () => {
            const { value, diagnostics } = evalIn(`provider::aws::arn_parse("arn:aws:iam::1:role/x")`, files);
            assert.equal(value.kind, "unknown");
            const d = diagnostics.find((x) => x.summary === "Provider function not evaluated");
            assert.ok(d && d.severity === "info" && /provider::aws::arn_parse/.test(d.detail ?? ""), JSON.stringify(diagnostics));
        });
    });
});
