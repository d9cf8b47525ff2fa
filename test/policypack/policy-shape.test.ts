import * as assert from "node:assert/strict";
import type { ResourceValidationPolicy } from "@pulumi/policy";
import { allControls } from "../../catalog/controls";
import { buildPolicies } from "../../policypack/policies";
import { cfnTypes } from "../../catalog/cloudformation/tables";

/**
 * The policy server deserializes a resource's properties once per validation function before it
 * calls it, and skips that work only for a lone function stamped with one type. A policy must
 * therefore carry one validation, stamped when it has a single subject type. A subject type that
 * also arrives as a Pulumi aws-native type (through the CloudFormation tables) has two tokens, so
 * that policy is not stamped (the stamp holds one type).
 */
describe("resource policies are shaped for the policy server's fast paths", () => {
    const policies = buildPolicies(allControls);
    for (const control of allControls.filter((c) => c.scope === "resource")) {
        const single = control.subjects.length === 1 && !cfnTypes.some((t) => t.awsNative && t.token === control.subjects[0].token);
        it(`${control.id}: one validation function${single ? ", stamped with its type" : ""}`, () => {
            const policy = policies.find((p) => p.name === control.id) as ResourceValidationPolicy;
            assert.equal(typeof policy.validateResource, "function");
            const stamped = (policy.validateResource as { __pulumiType?: string }).__pulumiType;
            assert.equal(stamped, single ? control.subjects[0].token : undefined);
        });
    }
});
