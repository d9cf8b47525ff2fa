/**
 * Differential test against the `hcl2-parser` npm package (hcl2json on HCL 2.10, built with
 * GopherJS): for every valid native-syntax fixture, every `.tf` under `examples/`, and a few
 * hundred generated files, `toJsonView` must equal the oracle's output.
 *
 * The oracle's known bugs are listed in ORACLE_EXCEPTIONS, each with a minimal input and a test
 * proving the oracle still behaves that way (so the list cannot silently go stale).
 */
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { parseHcl, toJsonView } from "../../../terraform-checks/hcl";
import { HclGenerator } from "./generator";
import { FIXTURES, fixtureInputs } from "./support";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const oracle = require("hcl2-parser") as { parseToObject(text: string): [unknown, unknown] };

/** The oracle's view of `text`, or `undefined` when it rejects (or panics on) the input. */
function oracleView(text: string): unknown {
    try {
        const [value, err] = oracle.parseToObject(text);
        return err ? undefined : value;
    } catch {
        return undefined;
    }
}

interface OracleException {
    name: string;
    /** Minimal input showing the bug. */
    input: string;
    /** What the oracle returns for `input` (`undefined`: it rejects it). */
    oracleGives: unknown;
    /** What is correct, and what our view gives. */
    correct: unknown;
    /** Whether a file is affected; such files are compared after `normalize`, or skipped if there is none. */
    affects: (text: string) => boolean;
    normalize?: (view: unknown) => unknown;
}

/** Undo our escaping of literal `${` / `%{`, which hcl2json does not do. */
function unescapeTemplates(view: unknown): unknown {
    if (typeof view === "string") return view.replace(/([$%])\1\{/g, "$1{");
    if (Array.isArray(view)) return view.map(unescapeTemplates);
    if (typeof view === "object" && view !== null) {
        return Object.fromEntries(Object.entries(view).map(([k, v]) => [unescapeTemplates(k) as string, unescapeTemplates(v)]));
    }
    return view;
}

export const ORACLE_EXCEPTIONS: OracleException[] = [
    {
        name: "HCL 2.10 rejects provider-defined functions (Terraform 1.8+)",
        input: "a = provider::aws::arn_parse(x)\n",
        oracleGives: undefined,
        correct: { a: "${provider::aws::arn_parse(x)}" },
        affects: (text) => text.includes("::"),
    },
    {
        name: "the escapes $${ and %%{ come back as live ${ and %{ sequences",
        input: 'a = "$${x} %%{y}"\n',
        oracleGives: { a: "${x} %{y}" },
        correct: { a: "$${x} %%{y}" },
        affects: (text) => /\$\$\{|%%\{/.test(text),
        normalize: unescapeTemplates,
    },
    {
        name: "HCL 2.10 rejects a chain of legacy indexes (a.0.1), which its lexer reads as the number 0.1",
        input: "a = x.0.1\n",
        oracleGives: undefined,
        correct: { a: "${x.0.1}" },
        affects: (text) => /\.\d+\.\d/.test(text),
    },
    {
        name: "HCL 2.10 rejects a heredoc whose closing marker ends the file without a newline",
        input: "a = <<EOT\nhello\nEOT",
        oracleGives: undefined,
        correct: { a: "hello\n" },
        affects: (text) => /\n[ \t]*[A-Za-z_][\w-]*$/.test(text) && text.includes("<<"),
    },
];

/** `.tf` files under `examples/` (the lead's tree), if any. */
function exampleFiles(): string[] {
    const root = path.resolve(FIXTURES, "../../../../examples");
    const out: string[] = [];
    const walk = (dir: string): void => {
        if (!fs.existsSync(dir)) return;
        for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
            const full = path.join(dir, entry.name);
            if (entry.isDirectory() && entry.name !== "node_modules") walk(full);
            else if (entry.isFile() && entry.name.endsWith(".tf")) out.push(full);
        }
    };
    walk(root);
    return out.sort();
}

function compareWithOracle(text: string, label: string): void {
    const { body, diagnostics } = parseHcl(text, label);
    assert.deepEqual(diagnostics.map((d) => d.summary), [], `${label} must parse cleanly`);
    let ours: unknown = toJsonView(body);
    const applicable = ORACLE_EXCEPTIONS.filter((e) => e.affects(text));
    if (applicable.some((e) => !e.normalize)) return;
    for (const e of applicable) ours = e.normalize!(ours);
    const theirs = oracleView(text);
    assert.notEqual(theirs, undefined, `the oracle rejected ${label}`);
    assert.deepEqual(ours, theirs, `${label}: toJsonView differs from hcl2-parser`);
}

describe("HCL differential test against hcl2-parser", function () {
    this.timeout(60_000);

    describe("documented oracle exceptions (only these)", () => {
        for (const e of ORACLE_EXCEPTIONS) {
            it(e.name, () => {
                assert.deepEqual(oracleView(e.input), e.oracleGives, "the oracle no longer shows this bug: drop the exception");
                const { body, diagnostics } = parseHcl(e.input, "exception.tf");
                assert.deepEqual(diagnostics, []);
                assert.deepEqual(toJsonView(body), e.correct);
            });
        }
    });

    describe("valid fixtures and examples", () => {
        const files = [...fixtureInputs("valid").filter((f) => /\.(tf|tfvars)$/.test(f)), ...exampleFiles()];
        for (const file of files) {
            it(path.relative(path.resolve(FIXTURES, "../../../.."), file), () => compareWithOracle(fs.readFileSync(file, "utf8"), path.basename(file)));
        }
    });

    it("generated files (400 seeds)", () => {
        for (let seed = 1; seed <= 400; seed++) {
            const text = new HclGenerator(seed).file() + "\n";
            compareWithOracle(text, `generated seed ${seed}`);
        }
    });
});
