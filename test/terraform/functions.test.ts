import * as assert from "node:assert/strict";
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { SUPPORTED_FUNCTIONS } from "../../terraform-checks/eval/functions";
import { tempDir } from "../support/temp-dir";
import { U, evalIn, evalOnDisk, plain } from "./support";

/** [expression, expected plain value] — unknowns show as U. */
const ROWS: Array<[string, unknown]> = [
    // encoding
    [`jsonencode({ b = 1, a = ["x", true, null] })`, `{"a":["x",true,null],"b":1}`],
    // Numbers as Terraform writes them: every digit, no exponent.
    [`jsonencode({ a = 1e21, b = 1e-7, c = -1.5, d = [0, 123456789] })`, `{"a":1000000000000000000000,"b":0.0000001,"c":-1.5,"d":[0,123456789]}`],
    // Terraform's numbers are wider than float64: one beyond it is unknown, never Infinity (or null in JSON).
    [`1e400`, U],
    [`tonumber("1e400")`, U],
    [`pow(10, 400)`, U],
    [`[1e308 * 10, 2]`, [U, 2]],
    [`jsonencode({ "<k>" = "a&b" })`, `{"\\u003ck\\u003e":"a\\u0026b"}`],
    [`jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "s3:*", Resource = aws_s3_bucket.b.arn }] })`, U],
    [`jsondecode("{\\"a\\": [1, 2]}")`, { a: [1, 2] }],
    [`yamldecode("a: 1\\nb:\\n  - x\\n  - y\\n")`, { a: 1, b: ["x", "y"] }],
    [`base64encode("hello")`, "aGVsbG8="],
    [`base64decode("aGVsbG8=")`, "hello"],
    [`sha256("abc")`, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"],
    [`sha512("abc")`, "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f"],
    // The examples of Terraform's function documentation.
    [`base64sha256("hello world")`, "uU0nuZNNPgilLlLX2n2r+sSE7+N6U4DukIj3rOLvzek="],
    [`base64sha512("hello world")`, "MJ7MSJwS1utMxA9QyQLytNDtd+5RGnx6m808qG1M2G+YndNbxf9JlnDaNCVbRbDP2DDoH2Bdz33FVC6TrpzXbw=="],
    [`textencodebase64("Hello World", "UTF-16LE")`, "SABlAGwAbABvACAAVwBvAHIAbABkAA=="],
    [`textdecodebase64("SABlAGwAbABvACAAVwBvAHIAbABkAA==", "UTF-16LE")`, "Hello World"],
    [`textdecodebase64(textencodebase64("é€", "utf-16be"), "UTF-16BE")`, "é€"],
    [`textencodebase64("é", "ISO-8859-1")`, "6Q=="],
    [`textencodebase64("x", "Shift_JIS")`, U],
    [`csvdecode("a,b,c\\n1,2,3\\n4,5,6")`, [{ a: "1", b: "2", c: "3" }, { a: "4", b: "5", c: "6" }]],
    [`csvdecode("name,note\\r\\n\\"x, y\\",\\"say \\"\\"hi\\"\\"\\"\\r\\n\\r\\nz,\\"two\\nlines\\"\\n")`, [{ name: "x, y", note: 'say "hi"' }, { name: "z", note: "two\nlines" }]],
    [`csvdecode("a\\n")`, []],
    [`uuidv5("dns", "www.terraform.io")`, "a5008fae-b28c-5ba5-96cd-82b4c53552d6"],
    [`uuidv5("6ba7b810-9dad-11d1-80b4-00c04fd430c8", "www.terraform.io")`, "a5008fae-b28c-5ba5-96cd-82b4c53552d6"],
    [`uuidv5("{6BA7B810-9DAD-11D1-80B4-00C04FD430C8}", "www.terraform.io")`, "a5008fae-b28c-5ba5-96cd-82b4c53552d6"],
    [`uuidv5("urn:uuid:6ba7b8109dad11d180b400c04fd430c8", "www.terraform.io")`, "a5008fae-b28c-5ba5-96cd-82b4c53552d6"],
    [`textdecodebase64("SABp", "UTF-16LE")`, "H\uFFFD"],
    [`base64gzip("x")`, U],
    // strings
    [`format("%s-%03d-%.2f-%t-%q", "a", 7, 3.14159, true, "x")`, `a-007-3.14-true-"x"`],
    [`formatlist("%s:%s", ["a", "b"], "x")`, ["a:x", "b:x"]],
    [`join(",", ["a", "b"], ["c"])`, "a,b,c"],
    [`split(",", "a,b,,c")`, ["a", "b", "", "c"]],
    [`replace("a-b-c", "-", "_")`, "a_b_c"],
    [`replace("bucket-123", "/[0-9]+/", "N")`, "bucket-N"],
    [`replace("ab", "/(a)(b)/", "$2$1")`, "ba"],
    [`trimprefix("arn:aws:s3", "arn:")`, "aws:s3"],
    [`trimsuffix("file.tf", ".tf")`, "file"],
    [`trimspace("  x \\n")`, "x"],
    [`lower("ABC")`, "abc"],
    [`upper("abc")`, "ABC"],
    [`startswith("arn:aws", "arn:")`, true],
    [`endswith("arn:aws", "gcp")`, false],
    [`substr("hello world", 6, -1)`, "world"],
    [`substr("hello", -3, 2)`, "ll"],
    [`regex("^arn:aws:iam::(\\\\d+):role/(.*)$", "arn:aws:iam::123:role/x")`, ["123", "x"]],
    [`regex("(?P<acct>\\\\d+)", "id 42")`, { acct: "42" }],
    [`regexall("[a-z]+", "ab 12 cd")`, ["ab", "cd"]],
    [`length(regexall("x", "abc")) > 0`, false],
    // numbers
    [`abs(-3)`, 3],
    [`min(3, 1, 2)`, 1],
    [`max(3, 1, 2)`, 3],
    [`ceil(1.2)`, 2],
    [`floor(1.8)`, 1],
    [`sum([1, 2, 3.5])`, 6.5],
    // conversion
    [`tostring(5)`, "5"],
    [`tostring(1e21)`, "1000000000000000000000"],
    [`tostring(123456789012345680000)`, "123456789012345680000"],
    [`tostring(-1.5e22)`, "-15000000000000000000000"],
    [`tostring(1e-7)`, "0.0000001"],
    [`tostring(-2.5e-8)`, "-0.000000025"],
    [`tostring(0.25)`, "0.25"],
    [`tonumber("5")`, 5],
    [`tobool("true")`, true],
    [`toset(["b", "a", "b"])`, ["a", "b"]],
    [`tolist(["a"])`, ["a"]],
    [`tomap({ a = 1 })`, { a: 1 }],
    // Conversion unifies the element types, as Terraform's does.
    [`tomap({ a = "x", b = 1 })`, { a: "x", b: "1" }],
    [`tolist(["a", 1])`, ["a", "1"]],
    [`toset([1, "1"])`, ["1"]],
    [`tolist([1, 2])`, [1, 2]],
    [`tolist([aws_s3_bucket.b.arn, 1])`, [U, 1]],
    // collections
    [`length([1, aws_s3_bucket.b.arn])`, 2],
    [`length({ a = 1, b = 2 })`, 2],
    [`length("héllo")`, 5],
    [`element(["a", "b", "c"], 4)`, "b"],
    [`keys({ b = 1, a = 2 })`, ["a", "b"]],
    [`values({ b = 1, a = 2 })`, [2, 1]],
    [`lookup({ a = 1 }, "a", 0)`, 1],
    [`lookup({ a = 1 }, "z", 0)`, 0],
    // Every key misses an empty map, so a computed key (a template's each.value) still gets the default.
    [`lookup({}, aws_s3_bucket.b.arn, "d")`, "d"],
    [`lookup({ a = 1 }, aws_s3_bucket.b.arn, 0)`, U],
    [`lookup({}, aws_s3_bucket.b.arn, aws_s3_bucket.b.id)`, U],
    // A computed element known to be neither null nor "" stays; any other computed element leaves the result unknown.
    [`compact(["a", "x-\${aws_s3_bucket.b.arn}", "", null])`, ["a", U]],
    [`compact(["a", aws_s3_bucket.b.id])`, U],
    [`compact([aws_s3_bucket.b.arn, ""])`, [U]],
    [`coalesce(null, "", aws_s3_bucket.b.arn, "x")`, U],
    [`coalesce(null, aws_s3_bucket.b.id, "x")`, U],
    [`merge({ a = 1, b = 1 }, { b = 2 }, null)`, { a: 1, b: 2 }],
    [`concat(["a"], [], ["b", "c"])`, ["a", "b", "c"]],
    [`flatten([["a", ["b"]], [], "c"])`, ["a", "b", "c"]],
    [`distinct(["a", "b", "a"])`, ["a", "b"]],
    [`contains(["a", "b"], "b")`, true],
    [`contains(["a", aws_s3_bucket.b.arn], "a")`, true],
    [`contains(["a", aws_s3_bucket.b.id], "z")`, U],
    // An ARN starts with "arn:", so it is not "z".
    [`contains(["a", aws_s3_bucket.b.arn], "z")`, false],
    [`range(3)`, [0, 1, 2]],
    [`range(1, 7, 2)`, [1, 3, 5]],
    [`zipmap(["a", "b"], [1, 2])`, { a: 1, b: 2 }],
    [`compact(["a", "", null, "b"])`, ["a", "b"]],
    [`one([])`, null],
    [`one(["x"])`, "x"],
    [`coalesce("", null, "x", "y")`, "x"],
    [`coalesce(null, 1, "a")`, "1"],
    [`coalesce(null, 0, 2)`, 0],
    [`coalescelist([], ["a"])`, ["a"]],
    [`slice(["a", "b", "c", "d"], 1, 3)`, ["b", "c"]],
    [`sort(["b", "c", "a"])`, ["a", "b", "c"]],
    [`reverse([1, 2, 3])`, [3, 2, 1]],
    [`setunion(["b"], ["a", "b"])`, ["a", "b"]],
    [`setproduct(["development", "staging"], ["app1", "app2"])`, [["development", "app1"], ["development", "app2"], ["staging", "app1"], ["staging", "app2"]]],
    [`setproduct(["a"], [], ["b"])`, []],
    [`[for pair in setproduct(["roles/viewer"], ["user:a@x.com", "group:b@x.com"]) : join("=", pair)]`, ["roles/viewer=user:a@x.com", "roles/viewer=group:b@x.com"]],
    [`matchkeys(["i-123", "i-abc", "i-def"], ["us-west", "us-east", "us-east"], ["us-east"])`, ["i-abc", "i-def"]],
    [`matchkeys(["a", "b"], ["k", aws_s3_bucket.b.id], ["k"])`, U],
    [`matchkeys(["a", "b"], ["k", aws_s3_bucket.b.arn], ["k"])`, ["a"]],
    [`issensitive(var.flag)`, false],
    [`ephemeralasnull(var.flag)`, true],
    // time (known timestamps; timestamp() and plantimestamp() are unknown)
    [`timeadd("2017-11-22T00:00:00Z", "10m")`, "2017-11-22T00:10:00Z"],
    [`timeadd("2017-11-22T00:00:00+01:00", "-1h30m")`, "2017-11-21T22:30:00+01:00"],
    [`timeadd("2024-02-28T23:59:59.9Z", "1.5s")`, "2024-02-29T00:00:01Z"],
    [`timeadd("0050-02-28T00:00:00Z", "24h")`, "0050-03-01T00:00:00Z"],
    [`timeadd("0000-02-29T00:00:00Z", "1h")`, "0000-02-29T01:00:00Z"],
    [`timeadd("9999-12-31T23:59:59Z", "1s")`, "10000-01-01T00:00:00Z"],
    [`timeadd("0000-01-01T00:00:00Z", "-24h")`, "-0001-12-31T00:00:00Z"],
    [`timeadd("2000-02-28T00:00:00Z", "24h")`, "2000-02-29T00:00:00Z"],
    [`timecmp("2017-11-22T01:00:00+01:00", "2017-11-22T00:00:00Z")`, 0],
    [`timecmp("2017-11-22T00:00:01Z", "2017-11-22T01:00:00+01:00")`, 1],
    [`formatdate("DD MMM YYYY hh:mm ZZZ", "2018-01-02T23:12:01Z")`, "02 Jan 2018 23:12 UTC"],
    [`formatdate("EEEE, DD-MMM-YY hh:mm:ss ZZZ", "2018-01-02T23:12:01Z")`, "Tuesday, 02-Jan-18 23:12:01 UTC"],
    [`formatdate("EEE, DD MMM YYYY hh:mm:ss ZZZ", "2018-01-02T23:12:01-08:00")`, "Tue, 02 Jan 2018 23:12:01 -0800"],
    [`formatdate("MMM DD, YYYY", "2018-01-02T23:12:01Z")`, "Jan 02, 2018"],
    [`formatdate("HH:mmaa", "2018-01-02T23:12:01Z")`, "11:12pm"],
    [`formatdate("h'h'mm", "2018-01-02T23:12:01-08:00")`, "23h12"],
    [`formatdate("H 'o''clock'", "2018-01-02T23:12:01-08:00")`, "11 o'clock"],
    [`formatdate("YYYY-MM-DD'T'hh:mm:ssZZZZZ", timestamp())`, U],
    [`plantimestamp()`, U],
    [`alltrue([true, true])`, true],
    [`alltrue([true, false])`, false],
    [`anytrue([false, true])`, true],
    [`anytrue([])`, false],
    // network
    [`cidrsubnet("10.20.0.0/16", 8, 3)`, "10.20.3.0/24"],
    [`cidrsubnet("10.0.0.0/8", 4, 15)`, "10.240.0.0/12"],
    [`cidrhost("10.0.0.0/24", 5)`, "10.0.0.5"],
    // try / can
    [`try(var.settings.missing, "fallback")`, "fallback"],
    [`try(var.settings.name, "fallback")`, "ml"],
    [`try(aws_s3_bucket.b.arn, "fallback")`, U],
    // Reading into a computed value may still fail once it is known: try() cannot decide yet.
    [`try(jsondecode(aws_s3_bucket.b.policy).Statement, [])`, U],
    [`can(var.settings.missing)`, false],
    [`can(var.settings.name)`, true],
    [`can(aws_s3_bucket.b.arn)`, U],
    // unknown propagation
    [`upper(aws_s3_bucket.b.arn)`, U],
    [`"\${aws_s3_bucket.b.arn}/*"`, U],
    [`merge({ a = aws_s3_bucket.b.id }, { b = 1 })`, { a: U, b: 1 }],
    [`concat([aws_s3_bucket.b.arn], ["x"])`, [U, "x"]],
    [`join(",", [aws_s3_bucket.b.arn])`, U],
    [`aws_subnet.a[*].id`, [U, U]],
    [`length(aws_subnet.a)`, 2],
    [`var.flag ? "yes" : "no"`, "yes"],
    [`aws_s3_bucket.b.id != "" ? "yes" : "no"`, U],
    [`aws_s3_bucket.b.arn != "" ? "yes" : "no"`, "yes"],
    [`false && aws_s3_bucket.b.arn == "x"`, false],
];

describe("Terraform functions", () => {
    const files = {
        "vars.tf": `variable "settings" {\n  default = { name = "ml" }\n}\nvariable "flag" {\n  default = true\n}\n`,
    };
    for (const [expr, expected] of ROWS) {
        it(`${expr} → ${JSON.stringify(expected)}`, () => {
            const { value, diagnostics } = evalIn(expr, files);
            assert.deepEqual(diagnostics.filter((d) => d.severity === "error"), []);
            assert.deepEqual(plain(value), expected);
        });
    }

    it("implements every function the brief lists", () => {
        const required = `jsonencode jsondecode yamldecode merge concat lookup try can coalesce coalescelist format formatlist join split
            replace trimprefix trimsuffix trimspace lower upper tostring tonumber tobool toset tolist tomap length element keys values
            flatten distinct contains range zipmap compact one cidrsubnet base64encode base64decode sha256 file fileexists templatefile
            abs min max ceil floor startswith endswith substr regex regexall sort reverse slice setunion alltrue anytrue sum`.split(/\s+/);
        assert.deepEqual(required.filter((f) => !SUPPORTED_FUNCTIONS.includes(f)), []);
    });

    it("keeps the references of unknown arguments on the result", () => {
        const { value } = evalIn(`format("%s/*", aws_s3_bucket.b.arn)`);
        assert.equal(value.kind, "unknown");
        assert.deepEqual(value.refs, ["aws_s3_bucket.b"]);
    });

    it("a jsonencode document with a computed part keeps its structure for controls", () => {
        const { value } = evalIn(`jsonencode({ Statement = [{ Action = "*", Resource = aws_s3_bucket.b.arn }] })`);
        assert.equal(value.kind, "unknown");
        assert.ok(value.kind === "unknown" && value.partial);
        assert.deepEqual(plain(value.kind === "unknown" ? value.partial! : value), { Statement: [{ Action: "*", Resource: U }] });
    });

    const errors: Array<[string, RegExp]> = [
        [`element([], 0)`, /empty list/],
        [`jsondecode("{")`, /not valid JSON/],
        [`tonumber("abc")`, /cannot convert/],
        [`regex("x", "abc")`, /did not match/],
        [`one(["a", "b"])`, /at most one/],
        [`lookup({}, "a")`, /no element "a"/],
        [`yamldecode("a: 1\\n---\\nb: 2\\n")`, /holds more than one YAML document \(the second starts on line 2\); yamldecode\(\) reads exactly one/],
        [`range(1e9)`, /more than/],
        [`nosuchfunction(1)`, /does not evaluate nosuchfunction/],
        [`upper()`, /takes 1 arguments/],
        [`setproduct(["a"])`, /takes at least 2 arguments/],
        [`matchkeys(["a"], [], [])`, /same length/],
        [`csvdecode("")`, /missing header line/],
        [`csvdecode("a,b\\n1")`, /line 2: wrong number of fields/],
        [`csvdecode("a\\nx\\"y")`, /bare " in non-quoted field/],
        [`csvdecode("a\\n\\"x\\"y")`, /extraneous or missing "/],
        [`csvdecode("a,a\\n1,2")`, /duplicate column name/],
        [`timeadd("2017-11-22", "1h")`, /not a valid RFC3339 timestamp/],
        [`timeadd("2017-02-30T00:00:00Z", "1h")`, /out of range/],
        [`timeadd("2017-11-22T00:00:00Z", "1d")`, /invalid duration "1d"/],
        [`timeadd("2017-11-22T00:00:00Z", "999999999999h")`, /out of range/],
        [`formatdate("YYY", "2017-11-22T00:00:00Z")`, /invalid date format verb "YYY"/],
        [`formatdate("'x", "2017-11-22T00:00:00Z")`, /unterminated literal/],
        [`uuidv5("nope", "x")`, /namespace must be dns, url, oid, x500 or a UUID/],
        [`uuidv5("6ba7b810-9dad11d1-80b4-00c04fd430c8", "x")`, /namespace must be/],
        [`textencodebase64("€", "ISO-8859-1")`, /cannot be encoded/],
    ];
    for (const [expr, message] of errors) {
        it(`${expr} reports a diagnostic and yields an unknown`, () => {
            const { value, diagnostics } = evalIn(expr);
            assert.equal(value.kind, "unknown");
            assert.ok(diagnostics.some((d) => message.test(d.detail ?? "")), JSON.stringify(diagnostics));
        });
    }

    describe("files", () => {
        const files = {
            "policy.json": `{"Statement": []}`,
            "user-data.tpl": "%{ for b in buckets }bucket=${b}\n%{ endfor }name=${upper(name)}%{ if admin } admin%{ endif }",
            "modules/x/main.tf": `output "p" {\n  value = file("\${path.module}/p.txt")\n}\n`,
            "modules/x/p.txt": "inner",
        };
        it("file() reads files relative to the root module", () => {
            assert.deepEqual(plain(evalIn(`file("policy.json")`, files).value), `{"Statement": []}`);
            assert.deepEqual(plain(evalIn(`fileexists("policy.json")`, files).value), true);
            assert.deepEqual(plain(evalIn(`fileexists("nope.json")`, files).value), false);
        });
        it("templatefile() renders directives with the given variables only", () => {
            const { value } = evalIn(`templatefile("user-data.tpl", { buckets = ["a", "b"], name = "x", admin = true })`, files);
            assert.deepEqual(plain(value), "bucket=a\nbucket=b\nname=X admin");
        });
        it("a path outside the scan root is refused with a diagnostic", () => {
            const { value, diagnostics } = evalIn(`file("../../etc/passwd")`, files);
            assert.equal(value.kind, "unknown");
            assert.ok(diagnostics.some((d) => d.summary === "File outside the scan root"));
        });
        it("a missing file is a diagnostic", () => {
            const { diagnostics } = evalIn(`file("missing.json")`, files);
            assert.ok(diagnostics.some((d) => d.summary === "File not found"));
        });
        it("filebase64() and the file hashes read a file's bytes, binary files too", () => {
            const dir = tempDir("mlguard-filehash-");
            const zip = Buffer.from([0x50, 0x4b, 0x03, 0x04, 0xff, 0xfe, 0x00, 0x80]);
            fs.writeFileSync(path.join(dir, "lambda.zip"), zip);
            fs.writeFileSync(path.join(dir, "main.tf"), "");
            const digest = (alg: string, enc: "hex" | "base64") => createHash(alg).update(zip).digest(enc);
            for (const [fn, expected] of [
                ["filebase64", zip.toString("base64")],
                ["filemd5", digest("md5", "hex")],
                ["filesha1", digest("sha1", "hex")],
                ["filesha256", digest("sha256", "hex")],
                ["filesha512", digest("sha512", "hex")],
                ["filebase64sha256", digest("sha256", "base64")],
                ["filebase64sha512", digest("sha512", "base64")],
            ]) {
                const { value, diagnostics } = evalOnDisk(dir, `${fn}("lambda.zip")`);
                assert.deepEqual(diagnostics.filter((d) => d.severity === "error"), [], fn);
                assert.equal(plain(value), expected, fn);
            }
            // file() needs UTF-8 text, as Terraform's does.
            const { value, diagnostics } = evalOnDisk(dir, `file("lambda.zip")`);
            assert.equal(value.kind, "unknown");
            assert.ok(diagnostics.some((d) => d.summary === "Invalid file contents" && /not valid UTF-8; use filebase64\(\)/.test(d.detail ?? "")), JSON.stringify(diagnostics));
            fs.writeFileSync(path.join(dir, "ok.txt"), "replacement \uFFFD is text");
            assert.equal(plain(evalOnDisk(dir, `file("ok.txt")`).value), "replacement \uFFFD is text");
        });
        it("sensitive() marks its value sensitive", () => {
            assert.equal(evalIn(`sensitive("s3cr3t")`).value.origin?.sensitive, true);
            assert.deepEqual(plain(evalIn(`issensitive(sensitive("s3cr3t"))`).value), true);
        });
        it("path.module inside a module points at the module's directory", () => {
            const { value } = evalIn(`module.x.p`, { ...files, "mods.tf": `module "x" {\n  source = "./modules/x"\n}\n` });
            assert.deepEqual(plain(value), "inner");
        });
    });
});
