import * as assert from "node:assert/strict";
import { allControls } from "../../catalog";
import { analyzeStack, exampleToStack } from "../../policypack/testing";

/**
 * The generic examples test (trivy's idea): every control's good and bad Pulumi examples run through
 * the policy pack in-process, with refs sent as preview sends them (unknown + propertyDependencies).
 */
describe("every control's Pulumi examples through the policy pack", () => {
    for (const control of allControls) {
        describe(control.id, () => {
            control.examples.pulumi.bad.forEach((example, i) => {
                it(`bad example ${i + 1} is reported as a violation of ${control.id}`, async () => {
                    const { diagnostics } = await analyzeStack(exampleToStack(example), { controls: [control] });
                    const own = diagnostics.filter((d) => d.policyName === control.id);
                    assert.ok(
                        own.some((d) => !d.message.startsWith("can't run policy")),
                        `expected a violation, got: ${JSON.stringify(own, null, 1)}`,
                    );
                });
            });
            control.examples.pulumi.good.forEach((example, i) => {
                it(`good example ${i + 1} passes ${control.id} with nothing left unverified`, async () => {
                    const { diagnostics } = await analyzeStack(exampleToStack(example), { controls: [control] });
                    assert.deepEqual(diagnostics.filter((d) => d.policyName === control.id), []);
                });
            });
        });
    }
});
