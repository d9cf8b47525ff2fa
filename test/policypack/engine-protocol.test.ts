import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import type { AnyControl } from "../../catalog/control";
import { EXCEPTIONS_POLICY } from "../../policypack/exceptions";
import { allControls } from "../../catalog/controls";
import { exampleToStack } from "../../policypack/testing";
import {
    type AnalyzerResource,
    type EnforcementLevelName,
    PACK_DIR,
    type PackProcess,
    type PreviewDiagnostic,
    UNKNOWN,
    isSecret,
    secret,
    startConfiguredPack,
    startPack,
} from "../support/analyzer-harness";
import { tempDir } from "../support/temp-dir";
import { type PropPath, getAt, isUnknownSentinel, leafPaths, secretLeaves, setAt, unknownFor } from "../support/shapes";

/**
 * The compiled pack driven exactly as `pulumi preview --policy-pack policypack` drives it: spawned
 * with the CLI's command line and environment, spoken to over the Analyzer gRPC protocol. `npm test`
 * has already compiled it; nothing is built here.
 */

const CANT_RUN = /^can't run policy '/;
const NOTEBOOK = "aws:sagemaker/notebookInstance:NotebookInstance";
const NOTEBOOK_CONTROL = "aws-sagemaker-notebook-no-direct-internet";

/** The documented rule: critical and high controls block, the rest advise. */
function expectedLevel(control: AnyControl): EnforcementLevelName {
    return control.severity === "critical" || control.severity === "high" ? "mandatory" : "advisory";
}

function subjectTokens(control: AnyControl): Set<string> {
    return new Set(control.subjects.map((t) => t.token));
}

function own(diagnostics: PreviewDiagnostic[], control: AnyControl): PreviewDiagnostic[] {
    return diagnostics.filter((d) => d.policyName === control.id);
}

function violationsOf(diagnostics: PreviewDiagnostic[], control: AnyControl): PreviewDiagnostic[] {
    return own(diagnostics, control).filter((d) => !CANT_RUN.test(d.message));
}

function show(diagnostics: PreviewDiagnostic[]): string {
    return JSON.stringify(
        diagnostics.map((d) => ({ policy: d.policyName, level: d.enforcementLevel, phase: d.phase, urn: d.urn, message: d.message.split("\n").pop() })),
        null,
        1,
    );
}

/** The example's resources as preview sends them, with one resource's props rewritten. */
function rewrite(resources: AnalyzerResource[], index: number, props: Record<string, unknown>): AnalyzerResource[] {
    return resources.map((r, i) => (i === index ? { ...r, props } : r));
}

function notebook(props: Record<string, unknown>, name = "research"): AnalyzerResource {
    return { urn: `urn:pulumi:dev::mlguard-test::${NOTEBOOK}::${name}`, type: NOTEBOOK, name, props };
}

const CANARY = "s3cr3t-canary";

/**
 * Secret values that controls currently echo into diagnostic messages (`<Type>.<path>`). In Analyze
 * @pulumi/policy hands the pack secrets as plain values, so a pack cannot tell which values were
 * secret: any value a message interpolates can leak a secret into preview output and Pulumi Cloud.
 * Listed so the test catches every new leak; an entry that stops leaking must be removed.
 */
/** Controls whose messages still echo a value that may be secret (none: values go to the evidence). */
const KNOWN_SECRET_LEAKS: Record<string, string[]> = {};

/**
 * One variant per string leaf: that leaf replaced by a secret carrying a recognisable value of the
 * same shape (the original plus a marker). A string holding a JSON document (an IAM policy) also
 * gets one variant per string inside the document, the whole document sent as a secret.
 */
function canaryVariants(props: Record<string, unknown>): Array<{ path: string; props: Record<string, unknown> }> {
    const variants: Array<{ path: string; props: Record<string, unknown> }> = [];
    for (const p of leafPaths(props)) {
        const value = getAt(props, p);
        if (typeof value !== "string") continue;
        variants.push({ path: p.join("."), props: setAt(props, p, secret(`${value}-${CANARY}`)) });
        let doc: unknown;
        try {
            doc = JSON.parse(value);
        } catch {
            continue;
        }
        if (!doc || typeof doc !== "object") continue;
        for (const inner of leafPaths(doc)) {
            const innerValue = getAt(doc, inner);
            if (typeof innerValue !== "string") continue;
            const marked = JSON.stringify(setAt(doc, inner, `${innerValue}-${CANARY}`));
            variants.push({ path: `${p.join(".")}(json).${inner.join(".")}`, props: setAt(props, p, secret(marked)) });
        }
    }
    return variants;
}

const examplesOf = (control: AnyControl) => [
    ...control.examples.pulumi.bad.map((example, i) => ({ kind: "bad" as const, i, example })),
    ...control.examples.pulumi.good.map((example, i) => ({ kind: "good" as const, i, example })),
];

describe("policy pack over the engine protocol (gRPC)", function () {
    // Booting a pack takes a second or two here, much longer on a loaded CI machine.
    this.timeout(180_000);

    describe("startup, as the CLI launches it", () => {
        let pack: PackProcess;
        before(async () => {
            pack = await startPack(PACK_DIR, { args: ["--logtostderr", "-v=9"], stack: { config: { "aws:region": "eu-west-1" } } });
        });
        after(async () => pack?.close());

        it("writes the port as the very first stdout line, with nothing before or around it", () => {
            assert.match(pack.portLine, /^[0-9]+$/);
            assert.equal(Number(pack.portLine), pack.port);
        });

        it("answers GetPluginInfo with the policy SDK's version and treats Handshake as the engine expects", async () => {
            // eslint-disable-next-line @typescript-eslint/no-require-imports
            const sdkVersion = (require("@pulumi/policy/package.json").version as string).replace(/^v/, "");
            assert.deepEqual(await pack.getPluginInfo(), { version: sdkVersion });
            assert.ok(["ok", "unimplemented"].includes(await pack.handshake()));
        });

        it("accepts ConfigureStack with the stack's identity, config and tags", async () => {
            await pack.configureStack({ stack: "prod", project: "ml-platform", organization: "acme", config: { "aws:region": "eu-west-1" }, tags: { team: "ml" } });
        });

        it("writes nothing else to stdout while it works (the engine would show each line to the user)", async () => {
            await pack.configure();
            await pack.preview([notebook({ directInternetAccess: "Enabled" })]);
            assert.equal(pack.stdout, "");
        });

        it("stops on SIGINT like the engine stops it", async () => {
            await pack.close();
            assert.equal(pack.running, false);
        });
    });

    describe("startup failures are reported, not hung on", () => {
        let dir: string;
        before(() => {
            dir = tempDir("mlguard-badpack-");
            fs.symlinkSync(path.resolve(PACK_DIR, "../node_modules"), path.join(dir, "node_modules"));
            fs.writeFileSync(path.join(dir, "PulumiPolicy.yaml"), "runtime: nodejs\n");
        });

        it("a pack that prints before its port is rejected with what it printed", async () => {
            fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name: "noisy", version: "1.0.0", main: "index.js" }));
            fs.writeFileSync(path.join(dir, "index.js"), 'console.log("loading policies..."); setInterval(() => {}, 1000);\n');
            await assert.rejects(startPack(dir), /non-numeric port to stdout \("loading policies\.\.\."\)/);
        });

        it("a pack that crashes on load is rejected with its stderr", async () => {
            fs.writeFileSync(path.join(dir, "index.js"), 'throw new Error("boom: policies failed to load");\n');
            await assert.rejects(startPack(dir), /exited with code \d+ before printing its port[\s\S]*boom: policies failed to load/);
        });
    });

    describe("GetAnalyzerInfo describes every control", () => {
        let pack: PackProcess;
        before(async () => (pack = await startPack()));
        after(async () => pack?.close());

        it("names the pack, takes its version from policypack/package.json and supports config", async () => {
            const info = await pack.getAnalyzerInfo();
            const manifest = JSON.parse(fs.readFileSync(path.join(PACK_DIR, "package.json"), "utf8")) as { version: string };
            assert.equal(info.name, "mlguard");
            assert.equal(info.version, manifest.version);
            assert.equal(info.supportsConfig, true);
            assert.ok(info.description.length > 0);
        });

        it("lists exactly one policy per control, named by the control id, plus the recorded-exceptions policy", async () => {
            const info = await pack.getAnalyzerInfo();
            assert.deepEqual(info.policies.map((p) => p.name).sort(), [...allControls.map((c) => c.id), EXCEPTIONS_POLICY].sort());
        });

        it("reports a recorded exception as advisory, with its reason", async () => {
            const { diagnostics } = await pack.analyze({
                urn: "urn:pulumi:dev::p::aws:ec2/routeTable:RouteTable::rt",
                type: "aws:ec2/routeTable:RouteTable",
                name: "rt",
                props: { tags: { "mlguard:exception": "package mirror pending, CHG-1234" } },
            });
            const own = diagnostics.filter((d) => d.policyName === EXCEPTIONS_POLICY);
            assert.equal(own.length, 1);
            assert.equal(own[0].enforcementLevel, "advisory");
            assert.match(own[0].message, /package mirror pending, CHG-1234/);
        });

        for (const control of allControls) {
            it(`${control.id}: metadata, policy type, config schema and default level`, async () => {
                const policy = (await pack.getAnalyzerInfo()).policies.find((p) => p.name === control.id);
                assert.ok(policy, `no policy named ${control.id}`);
                assert.equal(policy.severity, control.severity);
                assert.equal(policy.policyType, control.scope === "stack" ? "stack" : "resource");
                assert.equal(policy.enforcementLevel, expectedLevel(control));
                assert.ok(policy.description.includes(control.title), policy.description);
                assert.equal(policy.remediationSteps, control.remediation.pulumi);
                assert.match(policy.url, new RegExp(`^https://.+/${control.id}\\.md$`));
                const schema = policy.configSchema?.properties ?? {};
                assert.equal(schema.exemptions?.type, "array");
                assert.deepEqual(schema.exemptions?.default, []);
                assert.equal("enforcementLevel" in schema, false);
                for (const [key, spec] of Object.entries(control.options as Record<string, { default: unknown }>)) {
                    assert.ok(schema[key], `option ${key} missing from the config schema`);
                    assert.deepEqual(schema[key].default, spec.default, `default of option ${key}`);
                }
            });
        }
    });

    describe("Analyze / AnalyzeStack: every control's examples", () => {
        let pack: PackProcess;
        before(async () => (pack = await startConfiguredPack()));
        after(async () => pack?.close());

        for (const control of allControls) {
            describe(control.id, () => {
                const phase = control.scope === "stack" ? "analyzeStack" : "analyze";
                control.examples.pulumi.bad.forEach((example, i) => {
                    it(`bad example ${i + 1}: a ${expectedLevel(control)} violation on ${phase === "analyze" ? "Analyze" : "AnalyzeStack"}`, async () => {
                        const resources = exampleToStack(example);
                        const { diagnostics } = await pack.preview(resources);
                        const found = violationsOf(diagnostics, control);
                        assert.ok(found.length > 0, `expected a violation of ${control.id}, got: ${show(diagnostics)}`);
                        const subjects = new Set(resources.filter((r) => subjectTokens(control).has(r.type)).map((r) => r.urn));
                        for (const d of found) {
                            assert.equal(d.enforcementLevel, expectedLevel(control), show([d]));
                            assert.equal(d.phase, phase, show([d]));
                            assert.ok(subjects.has(d.urn), `violation attributed to ${d.urn}, not to a subject resource`);
                            assert.equal(d.severity, control.severity);
                            assert.equal(d.policyPackName, "mlguard");
                        }
                    });
                });
                control.examples.pulumi.good.forEach((example, i) => {
                    it(`good example ${i + 1}: no diagnostic at all`, async () => {
                        const { diagnostics } = await pack.preview(exampleToStack(example));
                        assert.deepEqual(own(diagnostics, control), [], show(own(diagnostics, control)));
                    });
                });
            });
        }
    });

    describe("Configure: levels, options and exemptions take effect", () => {
        let pack: PackProcess;
        before(async () => (pack = await startConfiguredPack()));
        after(async () => pack?.close());
        afterEach(async () => pack.configure());

        it("every Configure sends every policy with an explicit level (an omitted level would mean advisory)", async () => {
            const sent = await pack.configure({ [allControls[0].id]: { enforcementLevel: "disabled" } });
            assert.deepEqual(Object.keys(sent).sort(), [...allControls.map((c) => c.id), EXCEPTIONS_POLICY].sort());
            assert.equal(sent[EXCEPTIONS_POLICY].enforcementLevel, "advisory");
            for (const control of allControls.slice(1)) assert.equal(sent[control.id].enforcementLevel, expectedLevel(control));
        });

        it("a --policy-pack-config file with `all` and per-policy entries is reconciled like the CLI does", async () => {
            const sent = await pack.configureFromFile({ all: "advisory", [NOTEBOOK_CONTROL]: "mandatory" });
            for (const control of allControls) {
                assert.equal(sent[control.id].enforcementLevel, control.id === NOTEBOOK_CONTROL ? "mandatory" : "advisory");
            }
            const { diagnostics } = await pack.preview([notebook({ directInternetAccess: "Enabled" })]);
            assert.equal(violationsOf(diagnostics, allControls.find((c) => c.id === NOTEBOOK_CONTROL)!)[0]?.enforcementLevel, "mandatory");
        });

        for (const control of allControls) {
            const example = control.examples.pulumi.bad[0];
            if (!example) continue;
            it(`${control.id}: advisory, mandatory and disabled are each honoured`, async () => {
                const resources = exampleToStack(example);
                for (const level of ["advisory", "mandatory"] as const) {
                    await pack.configure({ [control.id]: { enforcementLevel: level } });
                    const found = violationsOf((await pack.preview(resources)).diagnostics, control);
                    assert.ok(found.length > 0, `no violation at level ${level}`);
                    assert.deepEqual([...new Set(found.map((d) => d.enforcementLevel))], [level]);
                }
                await pack.configure({ [control.id]: { enforcementLevel: "disabled" } });
                assert.deepEqual(own((await pack.preview(resources)).diagnostics, control), []);
            });

            it(`${control.id}: an exemption with a reason silences exactly the exempted resources`, async () => {
                const resources = exampleToStack(example);
                const subjects = resources.filter((r) => subjectTokens(control).has(r.type));
                const baseline = violationsOf((await pack.preview(resources)).diagnostics, control);
                const reason = "accepted risk, ticket SEC-123";
                await pack.configure({ [control.id]: { properties: { exemptions: subjects.map((s) => ({ resource: s.name, reason })) } } });
                assert.deepEqual(own((await pack.preview(resources)).diagnostics, control), []);
                // A URN glob exempts too; an exemption for some other resource does not.
                await pack.configure({ [control.id]: { properties: { exemptions: subjects.map((s) => ({ resource: `*::${s.name}`, reason })) } } });
                assert.deepEqual(own((await pack.preview(resources)).diagnostics, control), []);
                await pack.configure({ [control.id]: { properties: { exemptions: [{ resource: "someone-else", reason }] } } });
                assert.equal(violationsOf((await pack.preview(resources)).diagnostics, control).length, baseline.length);
            });

            it(`${control.id}: options sent explicitly at their defaults change nothing`, async () => {
                const resources = exampleToStack(example);
                const implicit = own((await pack.preview(resources)).diagnostics, control);
                const defaults: Record<string, unknown> = {};
                for (const [key, spec] of Object.entries(control.options as Record<string, { default: unknown }>)) defaults[key] = spec.default;
                await pack.configure({ [control.id]: { properties: defaults } });
                assert.deepEqual(own((await pack.preview(resources)).diagnostics, control), implicit);
            });
        }
    });

    describe("unknown values (preview) and secrets", () => {
        let pack: PackProcess;
        before(async () => (pack = await startConfiguredPack()));
        after(async () => pack?.close());

        it("an unknown value the notebook control must read gives one advisory \"can't run\" diagnostic, never a violation", async () => {
            for (const sentinel of Object.values(UNKNOWN)) {
                const { diagnostics } = await pack.preview([notebook({ instanceType: "ml.t3.medium", directInternetAccess: sentinel })]);
                const mine = diagnostics.filter((d) => d.policyName === NOTEBOOK_CONTROL);
                assert.equal(mine.length, 1, show(mine));
                assert.equal(mine[0].enforcementLevel, "advisory");
                assert.match(mine[0].message, /^can't run policy 'aws-sagemaker-notebook-no-direct-internet' from policy pack 'mlguard@v[^']+' during preview: /);
            }
        });

        for (const control of allControls) {
            it(`${control.id}: making known values unknown never adds a violation (each value, and all at once)`, async () => {
                // Counted per resource, not by message: with a value unknown a control may word the
                // same definite failure differently (e.g. without naming the member it cannot see).
                const count = (ds: PreviewDiagnostic[]) => {
                    const m = new Map<string, number>();
                    for (const d of violationsOf(ds, control).filter((x) => x.enforcementLevel === "mandatory")) m.set(d.urn, (m.get(d.urn) ?? 0) + 1);
                    return m;
                };
                for (const { kind, i, example } of examplesOf(control)) {
                    const resources = exampleToStack(example);
                    const plain = count((await pack.preview(resources)).diagnostics);
                    for (const [index, r] of resources.entries()) {
                        if (!subjectTokens(control).has(r.type)) continue;
                        const variants = Object.keys(r.props).map((key) => ({ ...r.props, [key]: unknownFor(r.props[key]) }));
                        variants.push(Object.fromEntries(Object.entries(r.props).map(([k, v]) => [k, unknownFor(v)])));
                        for (const props of variants) {
                            const { diagnostics } = await pack.preview(rewrite(resources, index, props));
                            for (const [urn, n] of count(diagnostics)) {
                                assert.ok(
                                    n <= (plain.get(urn) ?? 0),
                                    `${kind} example ${i + 1}: unknowns produced a new violation: ${show(violationsOf(diagnostics, control))}\nprops: ${JSON.stringify(props)}`,
                                );
                            }
                        }
                    }
                }
            });

            it(`${control.id}: secret-wrapped values give exactly the diagnostics their plain values give`, async () => {
                for (const { kind, i, example } of examplesOf(control)) {
                    const resources = exampleToStack(example);
                    const expected = own((await pack.preview(resources)).diagnostics, control);
                    const leaves = resources.map((r) => ({ ...r, props: secretLeaves(r.props) }));
                    const tops = resources.map((r) => ({ ...r, props: Object.fromEntries(Object.entries(r.props).map(([k, v]) => [k, isUnknownSentinel(v) ? v : secret(v)])) }));
                    assert.deepEqual(own((await pack.preview(leaves)).diagnostics, control), expected, `${kind} example ${i + 1}, secret leaves`);
                    assert.deepEqual(own((await pack.preview(tops)).diagnostics, control), expected, `${kind} example ${i + 1}, secret top-level values`);
                }
            });

            it(`${control.id}: a secret string never appears in its diagnostic messages`, async () => {
                const leaks = new Set<string>();
                for (const example of [...control.examples.pulumi.bad, ...control.examples.pulumi.good]) {
                    const resources = exampleToStack(example);
                    for (const [index, r] of resources.entries()) {
                        for (const { path: p, props } of canaryVariants(r.props)) {
                            const { diagnostics } = await pack.preview(rewrite(resources, index, props));
                            if (own(diagnostics, control).some((d) => d.message.includes(CANARY))) leaks.add(`${r.type.split(":").pop()}.${p}`);
                        }
                    }
                }
                const known = new Set(KNOWN_SECRET_LEAKS[control.id] ?? []);
                assert.deepEqual([...leaks].filter((l) => !known.has(l)).sort(), [], "secret values echoed in messages");
                assert.deepEqual([...known].filter((l) => !leaks.has(l)), [], "fixed: remove these from KNOWN_SECRET_LEAKS");
            });
        }
    });

    describe("AnalyzeStack joins resources through propertyDependencies", () => {
        let pack: PackProcess;
        before(async () => (pack = await startConfiguredPack()));
        after(async () => pack?.close());

        const stackControls = allControls.filter((c) => c.scope === "stack");
        it("the catalog has stack (graph) controls to exercise", function () {
            if (stackControls.length === 0) this.skip();
        });

        for (const control of stackControls) {
            it(`${control.id}: its verdict on a good example depends on the propertyDependencies join`, async () => {
                const outcomes: string[] = [];
                for (const [i, example] of control.examples.pulumi.good.entries()) {
                    const resources = exampleToStack(example);
                    if (!resources.some((r) => Object.keys(r.propertyDependencies ?? {}).length > 0)) continue;
                    const unjoined = resources.map((r) => ({ ...r, propertyDependencies: {}, dependencies: [] }));
                    const { diagnostics } = await pack.preview(unjoined);
                    outcomes.push(`good example ${i + 1} without propertyDependencies: ${show(own(diagnostics, control))}`);
                    if (own(diagnostics, control).length > 0) return;
                }
                assert.fail(`${control.id} passes its good examples even with the join removed:\n${outcomes.join("\n")}`);
            });

            it(`${control.id}: dependencies on URNs outside the request are ignored, not fatal`, async () => {
                const resources = exampleToStack(control.examples.pulumi.bad[0] ?? control.examples.pulumi.good[0]);
                const dangling = resources.map((r) => ({
                    ...r,
                    parent: "urn:pulumi:dev::mlguard-test::pulumi:pulumi:Stack::mlguard-test-dev",
                    dependencies: [...(r.dependencies ?? []), "urn:pulumi:dev::x::aws:s3/bucket:Bucket::gone"],
                    propertyDependencies: { ...r.propertyDependencies, ghost: ["urn:pulumi:dev::x::aws:kms/key:Key::gone"] },
                }));
                await pack.analyzeStack(dangling);
            });
        }
    });

    describe("Remediate at level `remediate`", () => {
        let pack: PackProcess;
        before(async () => (pack = await startConfiguredPack()));
        after(async () => pack?.close());
        afterEach(async () => pack.configure());

        it("sets the notebook's directInternetAccess to \"Disabled\" and keeps unrelated secrets secret", async () => {
            await pack.configure({ [NOTEBOOK_CONTROL]: { enforcementLevel: "remediate" } });
            const kmsKeyId = "arn:aws:kms:eu-west-1:111122223333:key/0a1b2c3d";
            const { remediations } = await pack.remediate(
                notebook({
                    instanceType: "ml.t3.medium",
                    directInternetAccess: "Enabled",
                    kmsKeyId: secret(kmsKeyId),
                    tags: { owner: secret("alice@example.com"), team: "research" },
                }),
            );
            assert.equal(remediations.length, 1);
            assert.equal(remediations[0].policyName, NOTEBOOK_CONTROL);
            const props = remediations[0].properties!;
            assert.equal(props.directInternetAccess, "Disabled");
            assert.deepEqual(props.kmsKeyId, secret(kmsKeyId));
            assert.ok(isSecret((props.tags as Record<string, unknown>).owner));
            assert.deepEqual(props.tags, { owner: secret("alice@example.com"), team: "research" });
            assert.equal(props.instanceType, "ml.t3.medium");
        });

        it("a secret value that gets remediated stays secret", async () => {
            await pack.configure({ [NOTEBOOK_CONTROL]: { enforcementLevel: "remediate" } });
            const { remediations } = await pack.remediate(notebook({ directInternetAccess: secret("Enabled") }));
            assert.deepEqual(remediations[0]?.properties?.directInternetAccess, secret("Disabled"));
        });

        it("an unknown value is not remediated; the preview reports it as advisory only", async () => {
            await pack.configure({ [NOTEBOOK_CONTROL]: { enforcementLevel: "remediate" } });
            const result = await pack.preview([notebook({ directInternetAccess: UNKNOWN.string })]);
            assert.deepEqual(result.remediations.filter((r) => r.properties), []);
            const mine = result.diagnostics.filter((d) => d.policyName === NOTEBOOK_CONTROL);
            assert.deepEqual(mine.map((d) => d.enforcementLevel), ["advisory"]);
        });

        it("nothing is remediated at the default level", async () => {
            const { remediations } = await pack.remediate(notebook({ directInternetAccess: "Enabled" }));
            assert.deepEqual(remediations, []);
        });

        for (const control of allControls.filter((c) => (c.autofix?.length ?? 0) > 0 && c.scope === "resource")) {
            it(`${control.id}: every bad example is fixed by its autofix, and the fix passes`, async () => {
                await pack.configure({ [control.id]: { enforcementLevel: "remediate" } });
                for (const [i, example] of control.examples.pulumi.bad.entries()) {
                    const result = await pack.preview(exampleToStack(example));
                    const fixed = result.remediations.filter((r) => r.policyName === control.id && r.properties);
                    assert.ok(fixed.length > 0, `bad example ${i + 1} was not remediated`);
                    for (const r of fixed) {
                        for (const fix of control.autofix!) {
                            const set = fix.path.split(".").reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], r.properties);
                            assert.deepEqual(set, fix.value);
                        }
                    }
                    assert.deepEqual(own(result.diagnostics, control), [], `bad example ${i + 1} after remediation: ${show(own(result.diagnostics, control))}`);
                }
            });
        }
    });
});
