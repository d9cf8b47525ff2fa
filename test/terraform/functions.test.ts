import * as assert from "node:assert/strict";
import { SUPPORTED_FUNCTIONS } from "../../terraform-checks/eval/functions";
import { U, evalIn, plain } from "./support";

/** [expression, expected plain value] — unknowns show as U. */
const ROWS: Array<[string, unknown]> = [
    // encoding
    [`jsonencode({ b = 1, a = ["x", true, null] })`, `{"a":["x",true,null],"b":1}`],
    [`jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "s3:*", Resource = aws_s3_bucket.b.arn }] })`, U],
    [`jsondecode("{\\"a\\": [1, 2]}")`, { a: [1, 2] }],
    [`yamldecode("a: 1\\nb:\\n  - x\\n  - y\\n")`, { a: 1, b: ["x", "y"] }],
    [`base64encode("hello")`, "aGVsbG8="],
    [`base64decode("aGVsbG8=")`, "hello"],
    [`sha256("abc")`, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"],
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
    [`tonumber("5")`, 5],
    [`tobool("true")`, true],
    [`toset(["b", "a", "b"])`, ["a", "b"]],
    [`tolist(["a"])`, ["a"]],
    [`tomap({ a = 1 })`, { a: 1 }],
    // collections
    [`length([1, aws_s3_bucket.b.arn])`, 2],
    [`length({ a = 1, b = 2 })`, 2],
    [`length("héllo")`, 5],
    [`element(["a", "b", "c"], 4)`, "b"],
    [`keys({ b = 1, a = 2 })`, ["a", "b"]],
    [`values({ b = 1, a = 2 })`, [2, 1]],
    [`lookup({ a = 1 }, "a", 0)`, 1],
    [`lookup({ a = 1 }, "z", 0)`, 0],
    [`merge({ a = 1, b = 1 }, { b = 2 }, null)`, { a: 1, b: 2 }],
    [`concat(["a"], [], ["b", "c"])`, ["a", "b", "c"]],
    [`flatten([["a", ["b"]], [], "c"])`, ["a", "b", "c"]],
    [`distinct(["a", "b", "a"])`, ["a", "b"]],
    [`contains(["a", "b"], "b")`, true],
    [`contains(["a", aws_s3_bucket.b.arn], "a")`, true],
    [`contains(["a", aws_s3_bucket.b.arn], "z")`, U],
    [`range(3)`, [0, 1, 2]],
    [`range(1, 7, 2)`, [1, 3, 5]],
    [`zipmap(["a", "b"], [1, 2])`, { a: 1, b: 2 }],
    [`compact(["a", "", null, "b"])`, ["a", "b"]],
    [`one([])`, null],
    [`one(["x"])`, "x"],
    [`coalesce("", null, "x", "y")`, "x"],
    [`coalescelist([], ["a"])`, ["a"]],
    [`slice(["a", "b", "c", "d"], 1, 3)`, ["b", "c"]],
    [`sort(["b", "c", "a"])`, ["a", "b", "c"]],
    [`reverse([1, 2, 3])`, [3, 2, 1]],
    [`setunion(["b"], ["a", "b"])`, ["a", "b"]],
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
    [`aws_s3_bucket.b.arn != "" ? "yes" : "no"`, U],
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
        [`range(1e9)`, /more than/],
        [`nosuchfunction(1)`, /does not evaluate nosuchfunction/],
        [`upper()`, /takes 1 arguments/],
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
        it("path.module inside a module points at the module's directory", () => {
            const { value } = evalIn(`module.x.p`, { ...files, "mods.tf": `module "x" {\n  source = "./modules/x"\n}\n` });
            assert.deepEqual(plain(value), "inner");
        });
    });
});
