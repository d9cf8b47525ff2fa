import * as assert from "node:assert/strict";
import fc from "fast-check";
import type { AnyControl } from "../../catalog/control";
import { allControls } from "../../catalog/controls";
import { type AnalysisResult, type StackResource, analyzeStack, exampleToStack } from "../../policypack/testing";
import { type PackProcess, SIG_KEY, UNKNOWN, isSecret, secret, startConfiguredPack } from "../support/analyzer-harness";
import { type PropPath, getAt, setAt } from "../support/shapes";

/**
 * Odd property shapes for every policy: a policy that throws fails the user's whole preview
 * (`Error validating resource with policy …`), so none may, whatever the engine sends. A control
 * whose check throws is caught by the runner and shown as "The check failed on this resource":
 * that is a control bug too, so it is asserted against as well.
 */

const CHECK_THREW = /The check failed on this resource/;

const sentinel = fc.constantFrom(...Object.values(UNKNOWN));

const iamStatement = fc.record(
    {
        Sid: fc.oneof(fc.string({ maxLength: 8 }), sentinel),
        Effect: fc.constantFrom("Allow", "Deny", "allow", "", "Maybe", UNKNOWN.string),
        Action: fc.oneof(fc.constantFrom("*", "iam:*", "iam:PassRole", "s3:GetObject", "sagemaker:*"), fc.array(fc.constantFrom("*", "iam:PassRole", "s3:*", ""), { maxLength: 4 }), fc.constant(null), fc.integer()),
        NotAction: fc.constantFrom("*", "iam:*", ["s3:*"]),
        Resource: fc.oneof(fc.constantFrom("*", "arn:aws:iam::*:role/*", "arn:aws:s3:::bucket/*", UNKNOWN.string), fc.array(fc.constantFrom("*", "arn:aws:iam::1:role/x"), { maxLength: 3 }), fc.constant({})),
        NotResource: fc.constantFrom("*", ["arn:aws:s3:::x"]),
        Principal: fc.constantFrom("*", { AWS: "*" }, { Service: "sagemaker.amazonaws.com" }, null),
        Condition: fc.oneof(fc.constant({ StringEquals: { "iam:PassedToService": "sagemaker.amazonaws.com" } }), fc.constant("yes"), fc.constant([])),
    },
    { requiredKeys: [] },
);

/** Strings that look like (or almost look like) JSON IAM policy documents. */
const policyLikeString = fc.oneof(
    fc.record({ Version: fc.constantFrom("2012-10-17", "2008-10-17", 3), Statement: fc.oneof(fc.array(iamStatement, { maxLength: 4 }), iamStatement, fc.constant(null), fc.constant("*")) }, { requiredKeys: [] }).map((d) => JSON.stringify(d)),
    fc.constantFrom("{", "{}", "[]", "null", "\"*\"", "{\"Statement\":", "{\"Statement\":[null,1,\"x\",[]]}", `{"Statement":"${UNKNOWN.string}"}`),
    fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)),
);

const oddScalar = fc.oneof(
    fc.constant(null),
    fc.boolean(),
    fc.integer(),
    fc.double(),
    fc.string({ maxLength: 12 }),
    fc.constantFrom("", " ", "*", "Enabled", "Disabled", "true", "false", "0", "aws:kms", "AES256", "alias/aws/s3", "arn:aws:kms:us-east-1:1:key/x", "__proto__", "constructor"),
    sentinel,
    policyLikeString,
);

/**
 * Awkward keys. The special-signature key is left out: the engine reserves it, and @pulumi/policy
 * rejects an object carrying it with a signature it does not know before any policy runs.
 */
const KEYS = ["__proto__", "constructor", "toString", "hasOwnProperty", "length", "0", "", "value"];

/** Keys the catalog's examples use anywhere (so mutations hit what controls actually read). */
function exampleKeys(): string[] {
    const keys = new Set<string>(KEYS);
    const walk = (v: unknown) => {
        if (Array.isArray(v)) v.forEach(walk);
        else if (v && typeof v === "object") for (const [k, c] of Object.entries(v)) (keys.add(k), walk(c));
    };
    for (const c of allControls) for (const ex of [...c.examples.pulumi.good, ...c.examples.pulumi.bad]) for (const r of ex) walk(r.props);
    return [...keys];
}

function oddValue(keys: string[]) {
    return fc.letrec<{ value: unknown }>((tie) => ({
        value: fc.oneof(
            { depthSize: "small", withCrossShrink: true },
            oddScalar,
            tie("value").map((v) => secret(v)),
            fc.array(tie("value"), { maxLength: 4 }),
            fc.dictionary(fc.constantFrom(...keys), tie("value"), { maxKeys: 4 }),
            // Assets and archives where a control expects plain data.
            fc.constantFrom(
                { "4dabf18193072939515e22adb298388d": "c44067f5952c0a294b673a41bacd8c17", text: "{\"Statement\":[]}" },
                { "4dabf18193072939515e22adb298388d": "c44067f5952c0a294b673a41bacd8c17", path: "policy.json" },
                { "4dabf18193072939515e22adb298388d": "0def7320c3a5731c473e5ecbe6d01bc7", assets: {} },
                { "4dabf18193072939515e22adb298388d": "0def7320c3a5731c473e5ecbe6d01bc7", uri: "https://example.com/a.zip" },
            ),
        ),
    })).value;
}

/**
 * Every path into a value (objects and arrays included, not only leaves). Envelopes stay well formed
 * as the engine writes them: an asset or archive is replaced whole, a secret only has its `value`
 * changed (@pulumi/policy rejects malformed envelopes before any policy runs).
 */
function allPaths(value: unknown, at: PropPath = []): PropPath[] {
    const here = at.length > 0 ? [at] : [];
    if (Array.isArray(value)) return [...here, ...value.flatMap((v, i) => allPaths(v, [...at, i]))];
    if (value && typeof value === "object") {
        if (SIG_KEY in value && !isSecret(value)) return here;
        const children = Object.entries(value).filter(([k]) => k !== SIG_KEY);
        return [...here, ...children.flatMap(([k, v]) => allPaths(v, [...at, k]))];
    }
    return here;
}

/** The example stacks of a control, as preview sends them; controls without examples get one empty notebook. */
function stacksOf(control: AnyControl): StackResource[][] {
    return [...control.examples.pulumi.bad, ...control.examples.pulumi.good].map((ex) => exampleToStack(ex));
}

/** A mutation: in one resource of one example stack, a path (existing or new key) gets an odd value. */
function mutatedStack(control: AnyControl, keys: string[]) {
    const stacks = stacksOf(control);
    const mutation = fc.record({
        resource: fc.nat(),
        path: fc.nat(),
        newKey: fc.option(fc.constantFrom(...keys), { nil: undefined }),
        value: oddValue(keys),
        wholeProps: fc.boolean(),
    });
    return fc.tuple(fc.nat({ max: stacks.length - 1 }), fc.array(mutation, { minLength: 1, maxLength: 3 })).map(([si, mutations]) => {
        let resources = stacks[si];
        for (const m of mutations) {
            const index = m.resource % resources.length;
            const r = resources[index];
            let props: Record<string, unknown>;
            if (m.wholeProps && m.value && typeof m.value === "object" && !Array.isArray(m.value) && !(SIG_KEY in m.value)) {
                props = m.value as Record<string, unknown>;
            } else {
                const paths = allPaths(r.props);
                const target = paths.length > 0 && m.newKey === undefined ? paths[m.path % paths.length] : [m.newKey ?? "extra"];
                props = setAt(r.props, target, m.value);
            }
            resources = resources.map((x, i) => (i === index ? { ...x, props } : x));
        }
        return resources;
    });
}

function assertNoCheckThrew(result: AnalysisResult, control: AnyControl): void {
    const threw = result.diagnostics.filter((d) => d.policyName === control.id && CHECK_THREW.test(d.message));
    assert.deepEqual(threw.map((d) => d.message), [], `${control.id}'s check threw`);
}

function show(resources: StackResource[]): string {
    return JSON.stringify(resources.map((r) => ({ type: r.type, props: r.props })), (_k, v) => (typeof v === "string" && v.length > 200 ? `${v.slice(0, 200)}…` : v)).slice(0, 4000);
}

/** `n` copies of something shaped like the first item already there (or a string). */
function hugeArrayLike(existing: unknown, n = 100_000): unknown[] {
    const sample = Array.isArray(existing) && existing.length > 0 ? existing[0] : typeof existing === "string" ? existing : "x";
    return new Array(n).fill(sample);
}

function deeplyNested(depth: number, leaf: unknown): unknown {
    let v = leaf;
    for (let i = 0; i < depth; i++) v = i % 2 === 0 ? { nested: v } : [v];
    return v;
}

describe("odd property shapes never make a policy throw", function () {
    this.timeout(120_000);
    const keys = exampleKeys();

    describe("in-process, through @pulumi/policy's own RPC handlers", () => {
        for (const control of allControls) {
            it(`${control.id}: random odd shapes (nulls, wrong types, unknowns of all 7 kinds, secrets, policy-like JSON)`, async () => {
                await fc.assert(
                    fc.asyncProperty(mutatedStack(control, keys), async (resources) => {
                        let result: AnalysisResult;
                        try {
                            result = await analyzeStack(resources, { controls: [control] });
                        } catch (err) {
                            throw new Error(`${control.id} threw: ${(err as Error).message.split("\n").slice(0, 3).join(" ")}\n${show(resources)}`);
                        }
                        assertNoCheckThrew(result, control);
                    }),
                    { numRuns: Number(process.env.MLGUARD_FC_RUNS ?? 50), includeErrorInReport: true, seed: Number(process.env.MLGUARD_FC_SEED ?? 20251122) },
                );
            });

            it(`${control.id}: 10^5-item arrays, deep nesting and 10^5-statement policy documents`, async () => {
                // One variant of the first example stack with every resource blown up at once: the
                // protobuf encoding of 10^5 items, not the policy, dominates the cost.
                const stack = stacksOf(control)[0];
                const subjects = new Set(control.subjects.map((t) => t.token));
                const huge = stack.map((r) => {
                    const props: Record<string, unknown> = { ...r.props };
                    if (subjects.has(r.type)) props.extraList = hugeArrayLike(undefined);
                    for (const [key, value] of Object.entries(r.props)) {
                        if (Array.isArray(value)) props[key] = hugeArrayLike(value);
                        if (typeof value === "string" && value.trimStart().startsWith("{")) {
                            const doc = JSON.parse(value) as { Statement?: unknown };
                            const statements = Array.isArray(doc.Statement) ? doc.Statement : [doc.Statement];
                            props[key] = JSON.stringify({ ...doc, Statement: hugeArrayLike(statements) });
                        }
                    }
                    return { ...r, props };
                });
                // Deeper than the adapter's cut-off (64) but kind to google-protobuf, which is quadratic in depth.
                const deep = stack.map((r) => ({ ...r, props: Object.fromEntries(Object.entries(r.props).map(([k, v]) => [k, deeplyNested(200, v)])) }));
                for (const resources of [huge, deep]) assertNoCheckThrew(await analyzeStack(resources, { controls: [control] }), control);
            });
        }
    });

    describe("over gRPC against the built pack (Remediate, Analyze, AnalyzeStack)", () => {
        let pack: PackProcess;
        before(async () => {
            pack = await startConfiguredPack();
            // A call the pack never answers (see the report on Remediate) must fail a case, not stall the file.
            pack.callTimeoutMs = 30_000;
            // Remediation paths run only at level `remediate`; stack policies treat it as mandatory.
            const remediate = Object.fromEntries(allControls.filter((c) => c.autofix?.length).map((c) => [c.id, { enforcementLevel: "remediate" as const }]));
            await pack.configure(remediate);
        });
        after(async () => pack?.close());

        for (const control of allControls) {
            it(`${control.id}: random odd shapes over the wire`, async () => {
                await fc.assert(
                    fc.asyncProperty(mutatedStack(control, keys), async (resources) => {
                        try {
                            const { diagnostics } = await pack.preview(resources);
                            const threw = diagnostics.filter((d) => d.policyName === control.id && CHECK_THREW.test(d.message));
                            assert.deepEqual(threw.map((d) => d.message), [], `${control.id}'s check threw`);
                        } catch (err) {
                            throw new Error(`${(err as Error).message.split("\n").slice(0, 3).join(" ")}\n${show(resources)}`);
                        }
                    }),
                    { numRuns: 20, includeErrorInReport: true, seed: Number(process.env.MLGUARD_FC_SEED ?? 20251122) },
                );
            });
        }

        it("a remediated resource whose other properties are odd still comes back intact", async () => {
            const odd = { directInternetAccess: "Enabled", weird: [null, { [UNKNOWN.object]: 1 }, secret([secret(1)])], n: -0, big: 1e308 };
            const r = { urn: "urn:pulumi:dev::t::aws:sagemaker/notebookInstance:NotebookInstance::nb", type: "aws:sagemaker/notebookInstance:NotebookInstance", name: "nb", props: odd };
            const { remediations } = await pack.remediate(r);
            const props = remediations.find((x) => x.policyName === "aws-sagemaker-notebook-no-direct-internet")?.properties;
            assert.equal(props?.directInternetAccess, "Disabled");
            assert.deepEqual(getAt(props, ["weird"]), odd.weird);
        });
    });
});
