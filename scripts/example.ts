/**
 * `npm run example`: runs the bundled Pulumi example programs under mocks through the mlguard policy
 * pack, exactly as `pulumi preview --policy-pack policypack` would analyze them, and prints what the
 * pack reports. No cloud account and no Pulumi CLI needed.
 */
import * as path from "node:path";
import { type PolicyDiagnostic, analyzeStack, captureModule } from "../policypack/testing";

const EXAMPLES = ["insecure-sagemaker"];

function describe(d: PolicyDiagnostic): string {
    const resource = d.urn.split("::").pop() ?? d.urn;
    const message = d.message.split("\n").slice(1).join(" ") || d.message;
    return `  ${d.enforcementLevel.padEnd(9)} ${d.policyName}\n            ${resource}: ${message}`;
}

async function main(): Promise<void> {
    for (const name of EXAMPLES) {
        const program = path.join(__dirname, "..", "examples", "pulumi", name);
        const resources = await captureModule(program);
        const { diagnostics, violations } = await analyzeStack(resources);
        console.log(`examples/pulumi/${name}: ${resources.length} resources, ${violations.length} mandatory violations, ${diagnostics.length - violations.length} advisories`);
        for (const d of diagnostics) console.log(describe(d));
        console.log(violations.length > 0 ? "\n`pulumi preview --policy-pack policypack` would fail on this stack." : "");
    }
}

main().catch((err) => {
    console.error(err);
    process.exit(2);
});
