/**
 * Robustness: random byte mutations and truncations of valid files, and pathological nesting,
 * never make the parsers throw or hang. Termination is asserted through the parser's work
 * counter (steps never reach the linear budget) rather than wall-clock time, so the suite is not
 * flaky on a slow machine.
 */
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import fc from "fast-check";
import { parseHcl, parseTfJson, toJsonView } from "../../../terraform-checks/hcl";
import { HclGenerator } from "./generator";
import { fixtureInputs } from "./support";

const corpus: string[] = [
    ...fixtureInputs("valid").map((f) => fs.readFileSync(f, "utf8")),
    ...fixtureInputs("invalid").map((f) => fs.readFileSync(f, "utf8")),
    ...Array.from({ length: 20 }, (_, i) => new HclGenerator(1000 + i).file()),
];

type Mutation = { kind: "insert" | "delete" | "replace"; at: number; text: string } | { kind: "truncate"; at: number };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
    fc.record({
        kind: fc.constantFrom("insert" as const, "replace" as const),
        at: fc.nat(),
        text: fc.oneof(
            fc.constantFrom("{", "}", "[", "]", "(", ")", '"', "${", "%{", "~}", "<<EOT\n", "\nEOT\n", "\n", "#", "/*", "*/", "\\", "=", ",", ".", "*", "...", "::", "\ufeff", "é", "\r\n", "\u0000"),
            fc.string({ maxLength: 4 }),
        ),
    }),
    fc.record({ kind: fc.constant("delete" as const), at: fc.nat(), text: fc.string({ maxLength: 1 }) }),
    fc.record({ kind: fc.constant("truncate" as const), at: fc.nat() }),
);

function mutate(text: string, mutations: Mutation[]): string {
    for (const m of mutations) {
        const at = text.length === 0 ? 0 : m.at % (text.length + 1);
        if (m.kind === "truncate") text = text.slice(0, at);
        else if (m.kind === "insert") text = text.slice(0, at) + m.text + text.slice(at);
        else if (m.kind === "delete") text = text.slice(0, at) + text.slice(at + 1 + (m.text.length % 8));
        else text = text.slice(0, at) + m.text + text.slice(at + m.text.length);
    }
    return text;
}

function assertParsesSafely(text: string): void {
    const result = parseHcl(text, "fuzz.tf");
    assert.ok(result.stats.steps < result.stats.maxSteps, "parser work exceeded its linear budget");
    assert.ok(!result.diagnostics.some((d) => d.summary === "Parser step limit reached"));
    for (const d of result.diagnostics) {
        assert.ok(d.range.start.offset <= d.range.end.offset || d.range.start.line <= d.range.end.line);
        assert.ok(d.range.end.offset <= Buffer.byteLength(text) + 3);
    }
    toJsonView(result.body);
}

describe("HCL parser robustness", function () {
    this.timeout(60_000);

    it("mutated and truncated native files never throw and stay within the work budget", () => {
        fc.assert(
            fc.property(fc.nat({ max: corpus.length - 1 }), fc.array(mutation, { minLength: 1, maxLength: 6 }), (index, mutations) => {
                assertParsesSafely(mutate(corpus[index], mutations));
            }),
            { numRuns: 1500, seed: 42 },
        );
    });

    it("every prefix of a realistic file parses safely", () => {
        const text = fs.readFileSync(fixtureInputs("valid").find((f) => f.endsWith("sagemaker.tf"))!, "utf8");
        for (let i = 0; i <= text.length; i += 3) assertParsesSafely(text.slice(0, i));
    });

    it("mutated JSON files never throw", () => {
        const jsonCorpus = fixtureInputs("valid").filter((f) => f.endsWith(".json")).map((f) => fs.readFileSync(f, "utf8"));
        fc.assert(
            fc.property(fc.nat({ max: jsonCorpus.length - 1 }), fc.array(mutation, { minLength: 1, maxLength: 6 }), (index, mutations) => {
                const { body } = parseTfJson(mutate(jsonCorpus[index], mutations), "fuzz.tf.json");
                toJsonView(body);
            }),
            { numRuns: 800, seed: 7 },
        );
    });

    it("arbitrary strings never throw", () => {
        fc.assert(
            fc.property(fc.string({ maxLength: 200, unit: "binary" }), (text) => {
                assertParsesSafely(text);
                parseTfJson(text, "fuzz.tf.json");
            }),
            { numRuns: 1500, seed: 3 },
        );
    });

    describe("pathological nesting yields a diagnostic, not a stack overflow", () => {
        const cases: [string, string][] = [
            ["100k open brackets", "a = " + "[".repeat(100_000)],
            ["100k balanced brackets", "a = " + "[".repeat(100_000) + "]".repeat(100_000)],
            ["100k parentheses", "a = " + "(".repeat(100_000) + "1" + ")".repeat(100_000)],
            ["100k objects", "a = " + "{a=".repeat(100_000) + "1" + "}".repeat(100_000)],
            ["100k closed nested blocks", "b {\n".repeat(100_000) + "}\n".repeat(100_000)],
            ["100k unary operators", "a = " + "-!".repeat(50_000) + "x"],
            ["100k conditionals", "a = " + "x ? y : ".repeat(100_000) + "z"],
            ["100k nested templates", "a = " + '"${'.repeat(30_000) + "x" + '}"'.repeat(30_000)],
            ["100k nested if directives", 'a = "' + "%{if x}".repeat(100_000) + '"'],
            ["100k full splats", "a = x" + "[*]".repeat(100_000)],
        ];
        for (const [name, text] of cases) {
            it(name, () => {
                const result = parseHcl(text, "deep.tf");
                assert.ok(result.diagnostics.some((d) => d.summary === "Nesting too deep"), result.diagnostics.map((d) => d.summary).join(", "));
                assert.ok(result.stats.steps < result.stats.maxSteps);
                toJsonView(result.body);
            });
        }
        it("100k unclosed blocks at one indentation are siblings, each reported unclosed", () => {
            const result = parseHcl("b {\n".repeat(100_000), "deep.tf");
            assert.ok(result.diagnostics.some((d) => d.summary === "Unclosed configuration block"));
            assert.ok(result.stats.steps < result.stats.maxSteps);
        });
        it("100k nested JSON arrays", () => {
            const { diagnostics } = parseTfJson('{"locals": {"a": ' + "[".repeat(100_000) + "]".repeat(100_000) + "}}", "deep.tf.json");
            assert.ok(diagnostics.some((d) => d.summary === "Nesting too deep"));
        });
    });

    it("a long flat file takes linear work", () => {
        const line = 'resource "aws_s3_bucket" "b" { bucket = "x-${var.y}" }\n';
        const small = parseHcl(line.repeat(1000), "a.tf").stats;
        const large = parseHcl(line.repeat(10_000), "b.tf").stats;
        assert.ok(large.steps <= small.steps * 11, `${small.steps} steps for 1k lines, ${large.steps} for 10k`);
    });

    it("an input larger than the file size limit yields a diagnostic", () => {
        const { diagnostics } = parseHcl("a = 1\n".repeat(100), "big.tf", { maxFileBytes: 100 });
        assert.deepEqual(diagnostics.map((d) => d.summary), ["File too large"]);
    });
});
