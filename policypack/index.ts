/**
 * The mlguard CrossGuard policy pack. `pulumi preview --policy-pack <mlguard>/policypack` loads this
 * file (precompiled, through `policypack/package.json#main`); constructing the pack starts the
 * analyzer's gRPC server. Nothing may write to stdout before the server prints its port.
 */
import { PolicyPack } from "@pulumi/policy";
import { allControls } from "../catalog/controls";
import { exceptionsPolicy } from "./exceptions";
import { buildPolicies } from "./policies";

new PolicyPack("mlguard", {
    description:
        "Stops insecure ML infrastructure (SageMaker, Vertex AI) at preview time: private notebooks, customer-managed keys, " +
        "locked training data and model artifacts, least-privilege IAM.",
    displayName: "mlguard",
    enforcementLevel: "advisory",
    policies: [...buildPolicies(allControls), exceptionsPolicy],
    tags: ["aws", "gcp", "sagemaker", "vertex-ai", "security"],
});
