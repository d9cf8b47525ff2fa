import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import * as components from "../../components";

const root = path.resolve(__dirname, "../../..");

/** Every exported component class of a cloud namespace. */
function componentClasses(ns: Record<string, unknown>): Array<[string, { __pulumiType: string }]> {
    return Object.entries(ns).filter(
        (e): e is [string, { __pulumiType: string }] => typeof e[1] === "function" && typeof (e[1] as { __pulumiType?: unknown }).__pulumiType === "string",
    );
}

/** ESLint's checkRuleFiles idea: a component without its file, token, README section or tests is caught here. */
describe("component structure", () => {
    for (const cloud of ["aws", "gcp"] as const) {
        const classes = componentClasses(components[cloud] as unknown as Record<string, unknown>);
        const files = fs.readdirSync(path.join(root, "components", cloud)).filter((f) => f.endsWith(".ts") && f !== "index.ts" && !f.endsWith(".d.ts"));
        const readme = fs.readFileSync(path.join(root, "components", "README.md"), "utf8");
        const tests = fs.readFileSync(path.join(root, "test", "components", `${cloud}.test.ts`), "utf8");

        it(`${cloud}: one kebab-case file per component, each exported from the namespace`, () => {
            const kebab = (s: string) => s.replace("SageMaker", "Sagemaker").replace(/([a-z0-9])([A-Z])/g, "$1-$2").replace(/([A-Z])([A-Z][a-z])/g, "$1-$2").toLowerCase();
            assert.deepEqual(classes.map(([n]) => `${kebab(n)}.ts`).sort(), [...files].sort());
        });

        for (const [className, cls] of classes) {
            it(`${cloud}.${className}: token mlguard:${cloud}:${className}, a README section and tests`, () => {
                assert.equal(cls.__pulumiType, `mlguard:${cloud}:${className}`);
                assert.ok(readme.includes(`### \`${className}\``), `components/README.md has a "### \`${className}\`" section`);
                assert.ok(tests.includes(`describe("${className}"`), `test/components/${cloud}.test.ts has describe("${className}")`);
            });
        }
    }
});
