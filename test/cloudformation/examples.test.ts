import * as assert from "node:assert/strict";
import { allControls } from "../../catalog";
import type { AnyControl, ExampleResource } from "../../catalog/control";
import { cfnTypes } from "../../catalog/cloudformation/tables";
import { exampleToTemplate, templateToAwsNative } from "../../catalog/cloudformation/inverse";
import { scanCloudFormationSources } from "../../cloudformation";
import { policyProxy } from "../../policypack/policy-internals";
import { analyzeStack, exampleUrn, type StackResource } from "../../policypack/testing";

/** True when an example uses a type CloudFormation cannot express (such examples are pending; others must translate). */
function inexpressible(example: readonly ExampleResource[]): string | undefined {
    const inverse = exampleToTemplate(example);
    return "unsupported" in inverse && inverse.unsupported.includes("no CloudFormation equivalent") ? inverse.unsupported : undefined;
}

/** The template of an example, failing with what to do when the tables cannot express it. */
function templateOf(control: AnyControl, example: readonly ExampleResource[]) {
    const inverse = exampleToTemplate(example);
    assert.ok(
        "template" in inverse,
        `${control.id}: ${"unsupported" in inverse ? inverse.unsupported : ""}. Add the type to catalog/cloudformation/tables.ts, or declare cloudformation: { unsupported } in the control's metadata.`,
    );
    return inverse.template;
}

function cfnFindings(control: AnyControl, example: readonly ExampleResource[]) {
    const template = templateOf(control, example);
    const text = JSON.stringify(template, null, 1);
    const result = scanCloudFormationSources({ "template.json": text }, { controls: [control] });
    assert.deepEqual(result.diagnostics.filter((d) => d.severity === "error"), [], "the translated template must be valid");
    return { own: result.findings.filter((f) => f.controlId === control.id), lines: text.split("\n") };
}

function awsNativeStack(control: AnyControl, example: readonly ExampleResource[]): StackResource[] {
    const template = templateOf(control, example);
    const resources = templateToAwsNative(template.Resources, policyProxy.unknownStringValue);
    assert.ok(Array.isArray(resources), `${control.id}: ${"unsupported" in resources ? resources.unsupported : ""}`);
    const urns = new Map(resources.map((r) => [r.name, exampleUrn(r.type, r.name)]));
    return resources.map((r) => {
        const propertyDependencies: Record<string, string[]> = {};
        for (const [prop, ids] of Object.entries(r.dependsOn)) propertyDependencies[prop] = ids.map((id) => urns.get(id)!).filter(Boolean);
        return { urn: urns.get(r.name)!, type: r.type, name: r.name, props: r.props, propertyDependencies, dependencies: [...new Set(Object.values(propertyDependencies).flat())] };
    });
}

/**
 * The generic parity test through CloudFormation and Pulumi aws-native: every AWS control's Pulumi
 * examples are translated through the inverse tables into a template, which must give the same
 * verdicts through the CloudFormation front-end (failures at a property or resource line) and,
 * as aws-native resources, through the policy pack.
 */
describe("every AWS control's examples through CloudFormation and aws-native", () => {
    for (const control of allControls) {
        if (control.provider !== "aws") continue;
        describe(control.id, () => {
            if (control.cloudformation) {
                it("declares why it has no CloudFormation equivalent, truthfully", () => {
                    assert.ok(control.cloudformation!.unsupported.length > 10);
                    const mapped = control.subjects.filter((s) => cfnTypes.some((t) => t.token === s.token));
                    assert.deepEqual(mapped.map((s) => s.token), [], "these subjects are in the CloudFormation tables: remove the declaration");
                });
                return;
            }
            it("has a good and a bad example CloudFormation can express", () => {
                const expressible = (list: ExampleResource[][]) => list.filter((e) => !inexpressible(e)).length;
                assert.ok(expressible(control.examples.pulumi.good) > 0, "every good example uses a type with no CloudFormation equivalent");
                assert.ok(expressible(control.examples.pulumi.bad) > 0, "every bad example uses a type with no CloudFormation equivalent");
            });
            const skipInexpressible = (ctx: Mocha.Context, example: readonly ExampleResource[]) => {
                if (inexpressible(example)) ctx.skip();
            };
            control.examples.pulumi.bad.forEach((example, i) => {
                it(`bad example ${i + 1} fails through CloudFormation, at a property or resource line`, function () {
                    skipInexpressible(this, example);
                    const { own, lines } = cfnFindings(control, example);
                    const failures = own.filter((f) => f.status === "fail");
                    assert.ok(failures.length > 0, `expected a failure, got:\n${own.map((f) => `${f.status}: ${f.message}`).join("\n")}`);
                    for (const f of failures) {
                        assert.equal(f.location.kind, "file");
                        const line = f.location.kind === "file" ? lines[f.location.start.line - 1] : "";
                        assert.match(line, /^\s*"[A-Za-z0-9]+":/, `${f.message} points at: ${line}`);
                    }
                });
                it(`bad example ${i + 1} is a violation as aws-native resources in the pack`, async function () {
                    skipInexpressible(this, example);
                    const { diagnostics } = await analyzeStack(awsNativeStack(control, example), { controls: [control] });
                    const own = diagnostics.filter((d) => d.policyName === control.id);
                    assert.ok(own.some((d) => !d.message.startsWith("can't run policy")), `expected a violation, got: ${JSON.stringify(own, null, 1)}`);
                });
            });
            control.examples.pulumi.good.forEach((example, i) => {
                it(`good example ${i + 1} passes through CloudFormation with nothing left unverified`, function () {
                    skipInexpressible(this, example);
                    const { own } = cfnFindings(control, example);
                    assert.deepEqual(own.filter((f) => f.status === "fail" || f.status === "unknown" || f.status === "error").map((f) => `${f.status}: ${f.message}`), []);
                    assert.ok(own.some((f) => f.status === "pass"), "a good example must be checked and pass, not be skipped");
                });
                it(`good example ${i + 1} passes as aws-native resources in the pack`, async function () {
                    skipInexpressible(this, example);
                    const { diagnostics } = await analyzeStack(awsNativeStack(control, example), { controls: [control] });
                    assert.deepEqual(diagnostics.filter((d) => d.policyName === control.id), []);
                });
            });
        });
    }
});
