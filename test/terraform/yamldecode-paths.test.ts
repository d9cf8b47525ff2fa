import * as assert from "node:assert/strict";
import fc from "fast-check";
import YAML from "yaml";
import { decodeYaml, decodeYamlFully } from "../../terraform-checks/eval/functions";

/**
 * yamldecode() reads most documents with js-yaml (ten times faster) and the rest with the `yaml`
 * library's YAML 1.2 core schema; both paths must give the same value for every document.
 */
const DOCUMENTS = [
    "",
    "# only a comment\n",
    "a: 1\nb:\n  - x\n  - y\n",
    "plain: 0o14\nhex: 0x1F\nsigned: +12\nfrac: .5\nexp: 1e3\nunderscore: 1_000\nleading: 012\n",
    "t: True\nT: TRUE\nmixed: tRue\nyes: yes\nno: no\non: on\n",
    "n1: ~\nn2: null\nn3: Null\nn4: NULL\nn5: nuLL\nempty:\n",
    "inf: .inf\nninf: -.Inf\nnan: .NaN\n",
    "date: 2001-12-14\ntime: 12:30:45\n",
    "quoted: 'it''s'\ndouble: \"a\\tb\"\nhash: a#b\ncomment: a # b\n",
    "literal: |\n  x\n  y\nfolded: >\n  x\n  y\nkeep: |+\n  z\n\n",
    "flow: [1, a, {b: c}, [d]]\nmap: {x: 1, y: [2]}\n",
    "list:\n  - 1\n  -\n  - 3\n",
    "1: one\ntrue: yes\n0x10: hex key\n",
    "null: x\n",
    "~: y\n",
    ": empty key\n",
    "? [a]\n: 1\n",
    "[a, b]: c\n",
    "anchor: &x 1\nalias: *x\n",
    "base: &b {a: 1}\n<<: *b\n",
    "<<: {a: 1}\n",
    "bin: 0b101\n",
    "str: !!str 12\n",
    "custom: !thing x\n",
    "url: https://example.com/?a=b&c=d\n",
    "arn: arn:aws:s3:::bucket/*\n",
    "key with spaces: value, with # signs\n",
    "big: 9007199254740993\n",
    "neg: -0\nzero: 0.\nnegfrac: -0.0\nlist: [-0, 1]\n",
    "%YAML 1.2\n---\na: 1\n",
    "---\na: 1\n...\n",
];

describe("yamldecode: the fast and the full YAML paths agree", () => {
    for (const text of DOCUMENTS) {
        it(JSON.stringify(text), () => {
            assert.deepEqual(decodeYaml(text), decodeYamlFully(text));
        });
    }

    it("invalid documents fail with the full library's message (two documents with mlguard's own)", () => {
        for (const text of ["a: 1\na: 2\n", "a: b: c\n", "\t- x\n", "a: [1, 2\n", "key: value with: colon\n"]) {
            assert.throws(() => decodeYaml(text), /the string is not valid YAML/);
            assert.throws(() => decodeYamlFully(text), /the string is not valid YAML/);
        }
        for (const decode of [decodeYaml, decodeYamlFully]) assert.throws(() => decode("---\na: 1\n---\nb: 2\n"), /holds more than one YAML document \(the second starts on line 3\)/);
    });

    it("random documents decode to the same value on both paths", () => {
        // Strings that look like other scalars are where YAML libraries differ most.
        const tricky = fc.constantFrom("null", "~", "true", "False", "yes", "0b1", "0o7", "0x1f", "1e3", ".inf", "-.nan", "012", "1_0", "", " ", "a: b", "- x", "#c", "&a", "*a", "!t", "?", "[x]", "{y}", "it's", "\"q\"", "a\nb");
        const scalar = fc.oneof(fc.string(), tricky, fc.integer(), fc.double({ noNaN: true }), fc.boolean(), fc.constant(null));
        const value = fc.letrec((tie) => ({
            node: fc.oneof({ depthSize: "small" }, scalar, fc.array(tie("node"), { maxLength: 4 }), fc.dictionary(fc.oneof(fc.string(), tricky), tie("node"), { maxKeys: 4 })),
        })).node;
        fc.assert(
            fc.property(value, fc.boolean(), (v, flow) => {
                const text = YAML.stringify(v, { collectionStyle: flow ? "flow" : "block" });
                assert.deepEqual(decodeYaml(text), decodeYamlFully(text));
            }),
            { numRuns: 500 },
        );
    });
});
