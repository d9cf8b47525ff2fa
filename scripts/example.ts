/**
 * `npm run example`: the main job on the bundled examples, with no cloud account, no Pulumi CLI and
 * no Terraform needed.
 *
 * 1. Runs the bundled Pulumi example programs under mocks through the mlguard policy pack, in
 *    preview and update mode, exactly as `pulumi preview` / `pulumi up --policy-pack policypack`
 *    would analyze them, and prints what the pack reports: the insecure program's violations, and
 *    none for the two component platforms (AWS SageMaker, GCP Vertex AI with its non-production
 *    `--policy-pack-config`), which fail the script if they have any.
 * 2. Runs `mlguard scan examples/terraform` (the CLI's own `run()`, as `node dist/cli/main.js` does)
 *    and prints its pretty output: findings for the insecure root modules, none for the secure ones.
 *
 * Findings are the point of the demo, so the scan's exit code 1 does not fail the script; exit code
 * 2 (a usage, config or parse error) does. test/examples/terraform-examples.test.ts guards the
 * exact findings.
 */
import * as path from "node:path";
import { run } from "../cli/main";
import * as fs from "node:fs";
import type { PackSettings } from "../policypack/policies";
import { type PolicyDiagnostic, checkProgram } from "../policypack/testing";

const REPO = path.resolve(__dirname, "..", "..");

/** The programs, whether the pack must reject them, and the `--policy-pack-config` their README uses. */
const EXAMPLES: Array<{ name: string; insecure: boolean; policyPackConfig?: string }> = [
    { name: "insecure-sagemaker", insecure: true },
    { name: "aws-sagemaker-platform", insecure: false, policyPackConfig: "nonprod.json" },
    { name: "gcp-vertex-platform", insecure: false, policyPackConfig: "nonprod.json" },
];

function describe(d: PolicyDiagnostic): string {
    const resource = d.urn.split("::").pop() ?? d.urn;
    const message = d.message.split("\n").slice(1).join(" ") || d.message;
    return `  ${d.enforcementLevel.padEnd(9)} ${d.policyName}\n            ${resource}: ${message}`;
}

async function main(): Promise<void> {
    for (const { name, insecure, policyPackConfig } of EXAMPLES) {
        const program = path.join(__dirname, "..", "examples", "pulumi", name);
        const settings = policyPackConfig ? (JSON.parse(fs.readFileSync(path.join(REPO, "examples", "pulumi", name, policyPackConfig), "utf8")) as PackSettings) : {};
        const { diagnostics, violations } = await checkProgram(program, { project: name, settings });
        const config = policyPackConfig ? ` (--policy-pack-config ${policyPackConfig})` : "";
        console.log(`examples/pulumi/${name}${config}: ${violations.length} mandatory violations, ${diagnostics.length - violations.length} advisories (preview and update)`);
        for (const d of diagnostics) console.log(describe(d));
        if (insecure) {
            console.log(violations.length > 0 ? "\n`pulumi preview --policy-pack policypack` would fail on this stack.\n" : "");
            if (violations.length === 0) {
                console.error(`mlguard: expected violations in examples/pulumi/${name}; got none`);
                process.exitCode = 1;
            }
        } else if (diagnostics.length > 0) {
            console.error(`mlguard: the component platform examples/pulumi/${name} must pass the pack; it has ${diagnostics.length} diagnostics`);
            process.exitCode = 1;
        } else {
            console.log("  every control passes with the components' defaults.\n");
        }
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
