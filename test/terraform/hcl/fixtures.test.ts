/**
 * Fixture pairs: every input under `fixtures/valid` has a `<input>.ast.json` golden file holding
 * its AST (ranges as `line:column@offset-line:column@offset`) and must parse without diagnostics;
 * every input under `fixtures/invalid` has a `<input>.diagnostics.json` golden file holding its
 * diagnostics and the hcl2json view of what was recovered. To (re)generate after a reviewed change:
 *
 *     npx tsc -p . && UPDATE_FIXTURES=1 npx mocha dist/test/terraform/hcl/fixtures.test.js
 */
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { parseFile, toJsonView } from "../../../terraform-checks/hcl";
import { fixtureInputs, matchGolden, serializeDiagnostics, serializeRanges } from "./support";

describe("HCL fixtures", () => {
    describe("valid inputs parse to the expected AST", () => {
        for (const input of fixtureInputs("valid")) {
            it(path.basename(input), () => {
                const { body, diagnostics } = parseFile(fs.readFileSync(input, "utf8"), path.basename(input));
                assert.deepEqual(serializeDiagnostics(diagnostics), []);
                const { expected, actual } = matchGolden(`${input}.ast.json`, serializeRanges(body));
                assert.deepEqual(actual, expected);
            });
        }
    });

    describe("malformed inputs give the expected diagnostics and recover the rest", () => {
        for (const input of fixtureInputs("invalid")) {
            it(path.basename(input), () => {
                const { body, diagnostics } = parseFile(fs.readFileSync(input, "utf8"), path.basename(input));
                assert.ok(diagnostics.length > 0, "a malformed fixture must produce diagnostics");
                const result = { diagnostics: serializeDiagnostics(diagnostics), recovered: toJsonView(body) };
                const { expected, actual } = matchGolden(`${input}.diagnostics.json`, result);
                assert.deepEqual(actual, expected);
            });
        }
    });
});
