/**
 * `npm run example`: the main job on the bundled examples, with no cloud account, no Pulumi CLI and
 * no Terraform needed.
 *
 * 1. Runs the bundled Pulumi example programs under mocks through the mlguard policy pack, exactly
 *    as `pulumi preview --policy-pack policypack` would analyze them, and prints what the pack reports.
 * 2. Runs `mlguard scan examples/terraform` (the CLI's own `run()`, as `node dist/cli/main.js` does)
 *    and prints its pretty output: findings for the insecure root modules, none for the secure ones.
 *
 * Findings are the point of the demo, so the scan's exit code 1 does not fail the script; exit code
 * 2 (a usage, config or parse error) does. test/examples/terraform-examples.test.ts guards the
 * exact findings.
 */
import * as path from "node:path";
import { run } from "../cli/main";
import { type PolicyDiagnostic, analyzeStack, captureModule } from "../policypack/testing";

const REPO = path.resolve(__dirname, "..", "..");

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

    console.log("$ mlguard scan examples/terraform\n");
    // The engine names files relative to the process's working directory, as the binary does.
    process.chdir(REPO);
    const code = await run(["scan", "examples/terraform"], { stdout: process.stdout, stderr: process.stderr, env: process.env, cwd: REPO });
    if (code === 2) {
        process.exitCode = 2;
        return;
    }
    if (code === 0) {
        console.error("mlguard: expected findings in examples/terraform/*-insecure; got none");
        process.exitCode = 1;
        return;
    }
    console.log("\nThe insecure root modules fail the scan (a CI gate would exit 1); sagemaker-secure and vertex-secure have no findings.");
}

main().catch((err) => {
    console.error(err);
    process.exit(2);
});
