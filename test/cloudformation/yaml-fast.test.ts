import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { type CfnNode, SHORT_FORMS, parseTemplate, parseTemplateWithYamlLibrary } from "../../cloudformation/parse";
import { parseYamlFast } from "../../cloudformation/yaml-fast";

const repo = path.resolve(__dirname, "../../..");

/** Differences between two trees: kinds, values, keys and every start and end offset. */
function differences(a: CfnNode, b: CfnNode, at = "", out: string[] = []): string[] {
    if (a.kind !== b.kind) return [...out, `${at}: ${a.kind} vs ${b.kind}`];
    if (a.start !== b.start || a.end !== b.end) out.push(`${at}: range ${a.start}-${a.end} vs ${b.start}-${b.end}`);
    if (a.kind === "scalar" && b.kind === "scalar") {
        if (a.value !== b.value) out.push(`${at}: ${JSON.stringify(a.value)} vs ${JSON.stringify(b.value)}`);
    } else if (a.kind === "seq" && b.kind === "seq") {
        if (a.items.length !== b.items.length) out.push(`${at}: ${a.items.length} vs ${b.items.length} items`);
        else a.items.forEach((x, i) => differences(x, b.items[i], `${at}.${i}`, out));
    } else if (a.kind === "map" && b.kind === "map") {
        if (a.entries.map((e) => `${e.key}@${e.keyStart}`).join() !== b.entries.map((e) => `${e.key}@${e.keyStart}`).join()) out.push(`${at}: keys differ`);
        else a.entries.forEach((e, i) => differences(e.value, b.entries[i].value, `${at}.${e.key}`, out));
    }
    return out;
}

/** YAML the fast reader must read itself, exactly as the yaml library does. */
const FAST: Record<string, string> = {
    "comments and blank lines": "# head\nResources:   # trailing\n\n  A:\n    # inside\n    Type: AWS::KMS::Key\n\n",
    "quoted keys and values": `"Resources":\n  'A':\n    Type: "AWS::KMS::Key"\n    Properties:\n      Description: 'it''s "quoted"'\n      Alias: "a\\"b\\tc"\n`,
    "scalars the schema resolves": "A:\n  int: 42\n  float: 1.5\n  neg: -3\n  bool: true\n  yesv: yes\n  offv: off\n  nullv: ~\n  empty:\n  date: 2012-10-17\n  hex: 0x1F\n  ver: '2012-10-17'\n  cidr: 10.0.0.0/16\n  arn: arn:aws:iam::123456789012:root\n",
    "block scalars": "A:\n  lit: |\n    line one\n    line two\n  strip: |-\n    kept\n  fold: >\n    folded\n    text\n  fold-strip: >-\n    x\n  after: z\n",
    "sequences: nested, compact maps, empty items": "A:\n  - - a\n    - b\n  - Key: k\n    Value: v\n  -\n  - c\nB:\n- at the key's column\n- too\n",
    "tags inline and on blocks": "A:\n  r: !Ref Env\n  g: !GetAtt Key.Arn\n  s: !Sub '${Env}-x'\n  lit: !Sub |\n    arn:${AWS::Partition}:s3:::b/*\n  i: !If\n    - Cond\n    - !Ref A\n    - !Ref AWS::NoValue\n  j: !Join [':', [a, !Ref B]]\n  e: !Equals [!Ref Env, prod]\n",
    "flow collections over several lines": "A: { Key: team, Value: ml }\nB: [\n  a,\n  { c: d },\n  [e, f]  # comment\n]\nC: {}\nD: []\nE: { 'Fn::GetAtt': [R, Arn], \"Ref\": x }\n",
    "the examples": fs.readFileSync(path.join(repo, "examples/cloudformation/sagemaker-secure/template.yaml"), "utf8"),
    "the insecure example": fs.readFileSync(path.join(repo, "examples/cloudformation/sagemaker-insecure/template.yaml"), "utf8"),
};

/** YAML outside the fast subset: read by the yaml library (same result through parseTemplate). */
const FALLBACK: Record<string, string> = {
    anchors: "A: &x { a: 1 }\nB: *x\n",
    "several documents": "---\nA: 1\n",
    "multi-line plain scalar": "A: one\n  two\n",
    "multi-line quoted scalar": 'A: "one\n  two"\n',
    "unknown tag": "A: !Custom x\n",
    "explicit key": "? A\n: 1\n",
    "tabs": "A:\n\tB: 1\n",
    "a duplicate key": "A: 1\nA: 2\n",
    "a syntax error": "A: [1, 2\n",
    "a mapping value on the key's line": "A: b: c\n",
};

describe("the fast YAML reader against the yaml library", () => {
    for (const [what, text] of Object.entries(FAST)) {
        it(`${what}: read by the fast reader, with the library's tree`, () => {
            const library = parseTemplateWithYamlLibrary(text);
            assert.deepEqual(library.diagnostics.filter((d) => d.severity === "error"), []);
            const fast = parseTemplate(text);
            assert.deepEqual(fast.diagnostics, [], "the fast reader reports nothing (the library found nothing either)");
            assert.deepEqual(differences(fast.tree!, library.tree!), []);
            assert.ok(fastReads(text), "the fast reader gave up on this text");
        });
    }
    for (const [what, text] of Object.entries(FALLBACK)) {
        it(`${what}: left to the yaml library`, () => {
            assert.equal(fastReads(text), false);
            assert.deepEqual(parseTemplate(text), parseTemplateWithYamlLibrary(text));
        });
    }
});

function fastReads(text: string): boolean {
    return parseYamlFast(text, SHORT_FORMS) !== undefined;
}
