import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import Ajv from "ajv";
import { formatJson } from "../../cli/report";
import { JSON_REPORT_SCHEMA_URL, JSON_REPORT_VERSION } from "../../cli/report/json";
import { CONTROLS, fixtureResult } from "./fixture";

const schemaFile = path.resolve(__dirname, "..", "..", "..", "schemas", "mlguard-report.schema.json");

describe("JSON report", () => {
    const schema = JSON.parse(fs.readFileSync(schemaFile, "utf8"));
    const validate = new Ajv({ allErrors: true, strict: true, strictRequired: false, validateFormats: false }).compile(schema);

    it("validates against the schema shipped in the package", () => {
        for (const includeUnknown of [true, false]) {
            const report = JSON.parse(formatJson(fixtureResult({ includeUnknown }), CONTROLS));
            assert.ok(validate(report), JSON.stringify(validate.errors, null, 2));
        }
    });

    it("is versioned and points at its schema", () => {
        const report = JSON.parse(formatJson(fixtureResult(), CONTROLS));
        assert.equal(report.version, JSON_REPORT_VERSION);
        assert.equal(report.$schema, JSON_REPORT_SCHEMA_URL);
        assert.equal(schema.$id, JSON_REPORT_SCHEMA_URL);
        assert.equal(schema.properties.version.const, JSON_REPORT_VERSION);
    });

    it("the schema rejects a report with an unexpected field (so drift is caught)", () => {
        const report = JSON.parse(formatJson(fixtureResult(), CONTROLS));
        report.findings[0].extra = 1;
        assert.ok(!validate(report));
    });

    it("carries module chains, evidence origins and suppressions", () => {
        const report = JSON.parse(formatJson(fixtureResult(), CONTROLS));
        const nb = report.findings.find((f: { ruleId: string }) => f.ruleId === "aws-sagemaker-notebook-no-direct-internet");
        assert.deepEqual(nb.resource.moduleChain.map((m: { address: string }) => m.address), ['module.ml["a"]']);
        assert.equal(nb.evidence.origin.description, "var.internet_access default");
        assert.equal(nb.evidence.origin.location.file, "modules/notebook/variables.tf");
        assert.deepEqual(
            report.suppressed.map((f: { ruleId: string; suppression: { kind: string } }) => [f.ruleId, f.suppression.kind]),
            [["aws-kms-key-rotation", "mlguard:ignore"], ["aws-sagemaker-notebook-no-root-access", "checkov:skip"], ["aws-sagemaker-notebook-no-root-access", "checkov:skip"]],
        );
    });
});
