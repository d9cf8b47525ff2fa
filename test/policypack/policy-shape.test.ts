import * as assert from "node:assert/strict";
import type { ResourceValidationPolicy } from "@pulumi/policy";
import { allControls } from "../../catalog/controls";
import { buildPolicies } from "../../policypack/policies";

/**
 * The policy server deserializes a resource's properties once per validation function before it
 * calls it, and skips that work only for a lone function stamped with one type. A policy must
 * therefore carry one validation, stamped when it has a single subject type.
 */
describe("resource policies are shaped for the policy server's fast paths", () => {
    const policies = buildPolicies(allControls);
    for (const control of allControls.filter((c) => c.scope === "resource")) {
        it(`${control.id}: one validation function${control.subjects.length === 1 ? ", stamped with its type" : ""}`, () => {
            const policy = policies.find((p) => p.name === control.id) as ResourceValidationPolicy;
            assert.equal(typeof policy.validateResource, "function");
            const stamped = (policy.validateResource as { __pulumiType?: string }).__pulumiType;
            assert.equal(stamped, control.subjects.length === 1 ? control.subjects[0].token : undefined);
        });
    }
});
