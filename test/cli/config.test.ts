import * as assert from "node:assert/strict";
import { allControls } from "../../catalog/controls";
import { ConfigError, initialConfig, parseConfig } from "../../cli/config";

function errorOf(text: string): string {
    try {
        parseConfig(text, "/work/proj/.mlguard.yaml", allControls);
    } catch (err) {
        assert.ok(err instanceof ConfigError, String(err));
        return err.message.replace(/^.*\.mlguard\.yaml/gm, ".mlguard.yaml");
    }
    assert.fail("expected a ConfigError");
}

describe("config", () => {
    it("reads every setting and resolves paths from the config file's directory", () => {
        const config = parseConfig(
            [
                "failOn: medium",
                "minSeverity: low",
                "includeUnknown: true",
                "tags: [sagemaker]",
                "rules:",
                "  aws-kms-key-rotation: off",
                "  aws-iam-*:",
                "    severity: critical",
                "  aws-s3-object-lock-enabled:",
                "    exemptions:",
                "      - resource: module.logs.*",
                "        reason: access logs are not ML data",
                "varFiles: [env/prod.tfvars]",
                "formats: [pretty, sarif=out/mlguard.sarif]",
                "baseline: .mlguard-baseline.json",
                "concurrency: 4",
                "suppressions: { peerComments: false, unused: error }",
            ].join("\n"),
            "/work/proj/.mlguard.yaml",
            allControls,
        );
        assert.equal(config.failOn, "medium");
        assert.equal(config.minSeverity, "low");
        assert.equal(config.includeUnknown, true);
        assert.deepEqual(config.rules["aws-kms-key-rotation"], { enabled: false });
        assert.deepEqual(config.rules["aws-iam-*"], { severity: "critical" });
        assert.deepEqual(config.varFiles, ["/work/proj/env/prod.tfvars"]);
        assert.deepEqual(config.formats, ["pretty", "sarif=/work/proj/out/mlguard.sarif"]);
        assert.equal(config.baseline, "/work/proj/.mlguard-baseline.json");
        assert.equal(config.concurrency, 4);
        assert.deepEqual(config.suppressions, { peerComments: false, unused: "error" });
    });

    it("accepts an empty file and the file `mlguard init` writes", () => {
        assert.deepEqual(parseConfig("", "/x/.mlguard.yaml", allControls).rules, {});
        assert.equal(parseConfig(initialConfig(), "/x/.mlguard.yaml", allControls).failOn, "high");
    });

    const errors: Array<[string, string, string]> = [
        ["a wrong enum value", "failOn: urgent", '.mlguard.yaml:1:9: failOn: expected one of "critical", "high", "medium", "low", "none" (got "urgent")'],
        ["an unknown top-level key", "failon: high", '.mlguard.yaml:1:1: failon: unknown key "failon"'],
        ["a wrong type deep inside", "rules:\n  aws-kms-key-rotation:\n    exemptions:\n      - resource: x\n        reason: 42", ".mlguard.yaml:5:17: rules.aws-kms-key-rotation.exemptions[0].reason: expected string (got 42)"],
        ["a missing reason", "rules:\n  aws-kms-key-rotation:\n    exemptions:\n      - resource: x", '.mlguard.yaml:4:9: rules.aws-kms-key-rotation.exemptions[0]: missing required key "reason"'],
        ["a rule setting that is neither on/off nor an object", "rules:\n  aws-kms-key-rotation: disabled", '.mlguard.yaml:2:25: rules.aws-kms-key-rotation: expected one of "off", "on" (got "disabled")'],
        ["an unknown control id, with a suggestion", "rules:\n  aws-kms-rotation: off", '.mlguard.yaml:2:3: rules.aws-kms-rotation: unknown control id (did you mean "aws-kms-key-rotation"?); `mlguard rules` lists them'],
        ["a glob that matches nothing", "rules:\n  azure-*: off", ".mlguard.yaml:2:3: rules.azure-*: matches no control; `mlguard rules` lists them"],
        ["an option a control does not have", "rules:\n  aws-iam-no-admin-wildcard:\n    options:\n      strict: true", '.mlguard.yaml:4:7: rules.aws-iam-no-admin-wildcard.options.strict: unknown key "strict" (aws-iam-no-admin-wildcard takes no options)'],
        ["invalid YAML", "failOn: [high", ".mlguard.yaml:1:14: invalid YAML: Flow sequence"],
        ["a duplicate key", "failOn: high\nfailOn: low", ".mlguard.yaml:2:1: invalid YAML: Map keys must be unique"],
        ["concurrency out of range", "concurrency: 0", ".mlguard.yaml:1:14: concurrency: must be >= 1 (got 0)"],
    ];
    for (const [name, text, expected] of errors) {
        it(`names file, line, key path and expectation: ${name}`, () => {
            const message = errorOf(text);
            assert.ok(message.startsWith(expected), `got:\n${message}\nexpected to start with:\n${expected}`);
        });
    }

    it("validates per-control options against the control's own schema", () => {
        const withOptions = allControls.find((c) => Object.keys(c.options).length > 0);
        assert.ok(withOptions, "the catalog has a control with options");
        const [key, spec] = Object.entries(withOptions.options as Record<string, { schema: { type?: string } }>)[0];
        const bad = spec.schema.type === "string" ? 42 : spec.schema.type === "array" ? "\"not-an-array\"" : "\"wrong\"";
        const message = errorOf(`rules:\n  ${withOptions.id}:\n    options:\n      ${key}: ${bad}`);
        assert.ok(!message.includes("takes no options"));
        assert.match(message, new RegExp(`^\\.mlguard\\.yaml:4:\\d+: rules\\.${withOptions.id}\\.options\\.${key}: `));
    });
});
